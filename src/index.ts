// The pipeprism library: the same reports the CLI prints, as typed async functions.
//
//   const ws = await openWorkspace("pipeprism.yaml");
//   const result = await winrate(ws, { by: ["size", "region"], period: "2025-Q3" });
//   await ws.close();
export { loadConfig, parseConfigText, validateConfig, type LoadedConfig } from "./model/config.js";
export type { Config } from "./model/config-schema.js";
export { UserError, type Diagnostic } from "./model/diagnostic.js";
export { ingest, type IngestOptions, type IngestResult } from "./ingest/ingest.js";
export { openWorkspace, type Workspace } from "./workspace/workspace.js";
export { summary } from "./report/summary.js";
export { pipeline } from "./report/pipeline.js";
export { winrate } from "./report/winrate.js";
export { audit, type AuditResult } from "./report/audit.js";
export { REPORTS, type ReportName } from "./report/registry.js";
export { runReport, reportNames, type RunReportOptions } from "./report/run-report.js";
export { attribution } from "./report/attribution.js";
export { models } from "./report/models.js";
export { cost } from "./report/cost.js";
export { ltv } from "./report/ltv.js";
export { insights } from "./report/insights.js";
export { pathsReport } from "./report/paths.js";
export type { ReportOptions } from "./report/params.js";
export type { ReportResult, ColumnDef } from "./report/report-types.js";
export { render, type OutputFormat } from "./render/render.js";
export { generateDemo, type DemoOptions, type DemoSummary } from "./demo/generate.js";
export { runCli, createCli } from "./cli/create-cli.js";
