// One entry point from a report name and flags to a result, shared by the CLI and the HTTP API:
// plain reports, `--trend` repetitions and `pipeline --snapshots`.
import { UserError } from "../model/diagnostic.js";
import type { Workspace } from "../workspace/workspace.js";
import type { AttributionOptions } from "./attribution-params.js";
import { REPORTS, type ReportName } from "./registry.js";
import type { ReportResult } from "../contract/report-result.js";
import { pipelineSnapshots } from "./snapshots.js";
import { runTrend } from "./trend.js";

export interface RunReportOptions extends AttributionOptions {
  readonly trend?: string;
  readonly rolling?: number | string;
  readonly snapshots?: boolean;
}

export function reportNames(): string[] {
  return Object.keys(REPORTS);
}

export async function runReport(ws: Workspace, name: string, options: RunReportOptions = {}): Promise<ReportResult> {
  const run = REPORTS[name as ReportName] as ((ws: Workspace, o: AttributionOptions) => Promise<ReportResult>) | undefined;
  if (!run) throw new UserError(`unknown report "${name}" (valid: ${reportNames().join(", ")})`, "bad_report");
  if (options.snapshots) {
    if (name !== "pipeline") throw new UserError(`--snapshots: only for report pipeline`, "bad_flag");
    return pipelineSnapshots(ws, options);
  }
  if (options.rolling !== undefined && !options.trend) throw new UserError("--rolling needs --trend month|quarter", "bad_flag");
  if (options.trend) return runTrend(ws, name, run, { ...options, trend: options.trend });
  return run(ws, options);
}
