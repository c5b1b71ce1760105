// GET /api/meta: what the dashboard's controls offer — dimensions and their segment values,
// models, reports, periods with data and the as-of date. Everything comes from the config and
// from reports, so the server itself runs no SQL.
import { modelNames } from "../attribution/model-registry.js";
import { DEFAULT_MODEL } from "../report/attribution-params.js";
import { reportNames, runReport } from "../report/run-report.js";
import { TREND_METRICS } from "../report/trend.js";
import type { Workspace } from "../workspace/workspace.js";

export interface Meta {
  readonly dimensions: readonly string[];
  /** Segment values per dimension, in report order (Unknown included when present). */
  readonly segments: Readonly<Record<string, readonly string[]>>;
  readonly models: readonly string[];
  readonly default_model: string;
  readonly stages: readonly string[];
  readonly reports: readonly string[];
  readonly trend_reports: readonly string[];
  readonly as_of: string;
  /** Fiscal years and quarters from the first opportunity to as-of, newest first. */
  readonly periods: { readonly years: readonly string[]; readonly quarters: readonly string[] };
  readonly min_sample: number;
  readonly fiscal_year_start_month: number;
}

export async function buildMeta(ws: Workspace): Promise<Meta> {
  const dimensions = Object.keys(ws.config.segments);
  const segments: Record<string, string[]> = {};
  for (const dim of dimensions) {
    const { rows } = await runReport(ws, "pipeline", { by: [dim] });
    segments[dim] = rows.map((r) => String(r[dim]));
  }
  const trend = await runReport(ws, "pipeline", { trend: "quarter" });
  const quarters = (Array.isArray(trend.params.periods) ? (trend.params.periods as string[]) : []).slice().reverse();
  return {
    dimensions,
    segments,
    models: modelNames(ws.config),
    default_model: DEFAULT_MODEL,
    stages: ["pipeline", "revenue"],
    reports: reportNames(),
    trend_reports: Object.keys(TREND_METRICS),
    as_of: ws.dataAsOf,
    periods: { years: [...new Set(quarters.map((q) => q.slice(0, 4)))], quarters },
    min_sample: ws.config.min_sample,
    fiscal_year_start_month: ws.config.fiscal_year_start_month,
  };
}
