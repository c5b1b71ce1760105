// The pipeprism library: the same reports the CLI prints, as typed async functions.
//
//   const ws = await openWorkspace("pipeprism.yaml");
//   const result = await winrate(ws, { by: ["size", "region"], period: "2025-Q3" });
//   await ws.close();
export { loadConfig, parseConfigText, validateConfig, type LoadedConfig } from "./model/config.js";
export type { Config } from "./model/config-schema.js";
export { UserError, type Diagnostic } from "./model/diagnostic.js";
export { ingest, type IngestOptions, type IngestResult } from "./ingest/ingest.js";
export type { IngestProgress, IngestProgressListener } from "./ingest/ingest-progress.js";
export { openWorkspace, type OpenWorkspaceOptions, type Workspace } from "./workspace/workspace.js";
export { ingestToPostgres } from "./ingest/postgres-transfer.js";
export {
  summary,
  pipeline,
  winrate,
  funnel,
  velocity,
  coverage,
  losses,
  attribution,
  models,
  cost,
  ltv,
  insights,
  deals,
  type ReportOptions,
} from "./report/library.js";
export { audit, type AuditResult } from "./report/audit.js";
export { REPORT_NAMES, REPORT_FLAGS, type ReportName } from "./report/request/report-flags.js";
export { parseReportRequest, type ReportRequest } from "./report/request/parse-request.js";
export { planReport, compileReport, runPlan, type ReportPlan } from "./report/plan/report-plan.js";
export { runReport, reportNames } from "./report/run-report.js";
export { pathsReport } from "./report/paths.js";
export { validateWorkspace, validateDemo, type ValidateFlags } from "./report/validate.js";
export { lookupValidateScores, type ScoresLookup } from "./validate/scores-file.js";
export type { ReportResult, ColumnDef, Row, SqlValue, Meta } from "./contract/index.js";
export { render, type OutputFormat } from "./render/render.js";
export { generateDemo, type DemoOptions, type DemoSummary } from "./demo/generate.js";
export { runCli, createCli } from "./cli/create-cli.js";
