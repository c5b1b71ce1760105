// GET /api/meta: what the dashboard's controls offer — dimensions and their segment values,
// models, reports, periods with data or targets, coverage's default period and the as-of date.
// Everything comes from the config, from reports and from the targets the coverage report reads.
import { DEFAULT_MODEL, modelNames } from "../attribution/model-registry.js";
import type { Meta } from "../contract/meta.js";
import { ATTRIBUTION_STAGES } from "../contract/attribution.js";
import { planReport } from "../report/plan/report-plan.js";
import { parseReportRequest, queryKeysOf } from "../report/request/parse-request.js";
import { REPORT_NAMES } from "../report/request/report-flags.js";
import { runReport } from "../report/run-report.js";
import { TREND_METRICS } from "../report/trend.js";
import { checkViews, listViews } from "../report/views.js";
import type { Workspace } from "../workspace/workspace.js";
import { parsePeriod, periodLabelOf } from "../model/period.js";
import { baseContext, runQuery } from "../report/run-query.js";
import { compiledQuery } from "../sql/compiled-query.js";
import { compileTargetRows } from "../sql/coverage-sql.js";

export type { Meta };

export async function buildMeta(ws: Workspace): Promise<Meta> {
  const dimensions = Object.keys(ws.config.segments);
  const segments: Record<string, string[]> = {};
  for (const dim of dimensions) {
    const { rows } = await runReport(ws, "pipeline", { by: [dim] });
    segments[dim] = rows.map((r) => String(r[dim]));
  }
  const trend = await planReport(ws, parseReportRequest("pipeline", [["trend", "quarter"]]));
  const withData = trend.kind === "trend" ? trend.periods.map((p) => p.label) : [];
  const targeted = await targetPeriods(ws);
  const quarters = newestFirst([...withData, ...targeted.quarters]);
  const years = newestFirst([...withData.map((q) => q.slice(0, 4)), ...targeted.years]);
  const coverage = await runReport(ws, "coverage", {});
  return {
    dimensions,
    segments,
    models: modelNames(ws.config),
    default_model: DEFAULT_MODEL,
    stages: [...ATTRIBUTION_STAGES],
    reports: [...REPORT_NAMES],
    report_flags: Object.fromEntries(REPORT_NAMES.map((r) => [r, queryKeysOf(r)])),
    trend_reports: [...TREND_METRICS.keys()],
    as_of: ws.dataAsOf,
    periods: { years, quarters, coverage_default: typeof coverage.params.period === "string" ? coverage.params.period : null },
    min_sample: ws.config.min_sample,
    fiscal_year_start_month: ws.config.fiscal_year_start_month,
    views: await viewsMeta(ws),
  };
}

const newestFirst = (labels: readonly string[]): string[] => [...new Set(labels)].sort().reverse();

/**
 * The fiscal quarters and years a target counts in: those its period lies inside (coverage adds a
 * month's target to its quarter, but not a year's target to any one quarter). Coverage for the
 * quarter after as-of must be pickable when it has a target, though no opportunity closes there yet.
 */
async function targetPeriods(ws: Workspace): Promise<{ quarters: string[]; years: string[] }> {
  const fy = ws.config.fiscal_year_start_month;
  const rows = await runQuery(ws, compiledQuery("target periods", compileTargetRows(baseContext(ws))));
  const quarters: string[] = [];
  const years: string[] = [];
  for (const period of new Set(rows.map((r) => String(r.period)))) {
    const window = parsePeriod(period, fy);
    const [q, y] = (["quarter", "year"] as const).map((grain) => [
      periodLabelOf(window.from, grain, fy),
      periodLabelOf(window.to, grain, fy),
    ]);
    if (q?.[0] === q?.[1] && q?.[0]) quarters.push(q[0]);
    if (y?.[0] === y?.[1] && y?.[0]) years.push(y[0]);
  }
  return { quarters, years };
}

/** The saved views as the dashboard links them: the report and its query string. */
async function viewsMeta(ws: Workspace): Promise<Meta["views"]> {
  const problems = await checkViews(ws.loaded);
  return listViews(ws.loaded).map((v) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(v.params)) for (const text of queryTexts(value)) query.append(key, text);
    const error = problems.find((p) => p.message.startsWith(`views.${v.name}:`) || p.message.startsWith(`views.${v.name}.`));
    return { name: v.name, report: v.report, query: query.toString(), error: error?.message ?? null };
  });
}

/** A view's value as query texts: lists repeat (where) or join (by), a where mapping becomes dim=values. */
function queryTexts(value: unknown): string[] {
  if (Array.isArray(value))
    return value.every((v) => typeof v === "string" && v.includes("=")) ? value.map(String) : [value.map(String).join(",")];
  if (typeof value === "object" && value !== null)
    return Object.entries(value).map(([dim, values]) => `${dim}=${Array.isArray(values) ? values.map(String).join(",") : String(values)}`);
  return [String(value)];
}
