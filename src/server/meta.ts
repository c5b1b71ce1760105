// GET /api/meta: what the dashboard's controls offer — dimensions and their segment values,
// models, reports, periods with data and the as-of date. Everything comes from the config and
// from reports, so the server itself runs no SQL.
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

export type { Meta };

export async function buildMeta(ws: Workspace): Promise<Meta> {
  const dimensions = Object.keys(ws.config.segments);
  const segments: Record<string, string[]> = {};
  for (const dim of dimensions) {
    const { rows } = await runReport(ws, "pipeline", { by: [dim] });
    segments[dim] = rows.map((r) => String(r[dim]));
  }
  const trend = await planReport(ws, parseReportRequest("pipeline", [["trend", "quarter"]]));
  const quarters = trend.kind === "trend" ? trend.periods.map((p) => p.label).reverse() : [];
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
    periods: { years: [...new Set(quarters.map((q) => q.slice(0, 4)))], quarters },
    min_sample: ws.config.min_sample,
    fiscal_year_start_month: ws.config.fiscal_year_start_month,
    views: await viewsMeta(ws),
  };
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
