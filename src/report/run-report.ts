// One entry point from a report name and raw flags to a result, shared by the CLI, the HTTP API and
// the library: parse (flags the report declares, typed) → plan → run.
import type { ReportResult } from "../contract/report-result.js";
import type { Workspace } from "../workspace/workspace.js";
import { planReport, runPlan, type PlanOptions } from "./plan/report-plan.js";
import { flagsFromOptions, parseReportRequest, type RawFlags } from "./request/parse-request.js";
import { REPORT_NAMES } from "./request/report-flags.js";

export function reportNames(): string[] {
  return [...REPORT_NAMES];
}

export async function runReportFlags(ws: Workspace, name: string, flags: RawFlags, options: PlanOptions = {}): Promise<ReportResult> {
  return runPlan(ws, await planReport(ws, parseReportRequest(name, flags), options));
}

/** The library's form: `runReport(ws, "winrate", { by: ["size"], cohort: true })`. */
export async function runReport(ws: Workspace, name: string, options: object = {}): Promise<ReportResult> {
  return runReportFlags(ws, name, flagsFromOptions(options));
}
