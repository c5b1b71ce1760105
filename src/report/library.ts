// The reports as typed async functions (SPEC §8 library): `winrate(ws, { by: ["size"] })`. Each
// accepts exactly the flags its report declares (src/report/request/report-flags.ts).
import type { ReportResult } from "../contract/report-result.js";
import type { Workspace } from "../workspace/workspace.js";
import type { ReportFlags } from "./request/flags.js";
import { flagsFromOptions } from "./request/parse-request.js";
import type { ReportName } from "./request/report-flags.js";
import { runReport, runReportFlags } from "./run-report.js";
import type { InsightsOptions } from "./insights.js";

/**
 * Library options: the typed flags, with `by` also as "size,region" text and `where` also as
 * `{ size: ["Enterprise"] }` or the CLI's "size=Enterprise" strings.
 */
export type ReportOptions = Partial<Omit<ReportFlags, "by" | "where">> & {
  readonly by?: readonly string[] | string;
  readonly where?: ReportFlags["where"] | Readonly<Record<string, string | readonly string[]>> | readonly string[];
};

const report =
  (name: ReportName) =>
  (ws: Workspace, options: ReportOptions = {}): Promise<ReportResult> =>
    runReport(ws, name, options);

export const summary = report("summary");
export const pipeline = report("pipeline");
export const winrate = report("winrate");
export const funnel = report("funnel");
export const leads = report("leads");
export const velocity = report("velocity");
export const coverage = report("coverage");
export const losses = report("losses");
export const attribution = report("attribution");
export const models = report("models");
export const cost = report("cost");
export const ltv = report("ltv");
export const deals = report("deals");

export async function insights(ws: Workspace, options: ReportOptions & InsightsOptions = {}): Promise<ReportResult> {
  const { skipModels, ...flags } = options;
  return runReportFlags(ws, "insights", flagsFromOptions(flags), skipModels === undefined ? {} : { skipModels });
}
