// A report request → a frozen, plain-data plan tagged by `kind`; a plan → the SQL it runs, for
// either engine (`compileReport`, shown by `--sql`); a plan → its result (`runPlan`). Planning
// checks every flag against the workspace (dimensions, model, window) and may read small facts
// from it (how many channels, which fiscal periods have data); compiling is pure.
import { whereNotes } from "../where-notes.js";
import { winRateDefinitionNotes } from "../win-rate-definition.js";
import { inCurrency, type ReportResult } from "../../contract/report-result.js";
import { reportingCurrency } from "../../model/config.js";
import { compiledQuery, type CompiledQuery } from "../../sql/compiled-query.js";
import { compileWindowActivity } from "../../sql/window-sql.js";
import { baseContext, runQuery } from "../run-query.js";
import { UserError } from "../../model/diagnostic.js";
import { compileSegmentValues, missingFieldNotes, type BaseContext } from "../../sql/opportunity-base-sql.js";
import type { Workspace } from "../../workspace/workspace.js";
import { compileAttributionPlan, planAttribution, runAttribution, type AttributionPlan } from "../attribution.js";
import { compileCostPlan, planCost, runCost, type CostPlan } from "../cost.js";
import { compileCoveragePlan, planCoverage, planCoverageEntering, planCoverageTrend, runCoverage, type CoveragePlan } from "../coverage.js";
import { planCompare, runCompare, type ComparePlan } from "../compare.js";
import type { Window } from "../../model/period.js";
import { compileDealsPlan, planDeals, runDeals, type DealsPlan } from "../deals.js";
import { compileFunnelPlan, planFunnel, runFunnel, type FunnelPlan } from "../funnel.js";
import { compileLeadsPlan, planLeads, runLeads, type LeadsPlan } from "../leads.js";
import { LEAD_ACCOUNTS } from "../../sql/leads-sql.js";
import { compileInsightsPlan, planInsights, runInsights, type InsightsOptions, type InsightsPlan } from "../insights.js";
import { compileLossesPlan, planLosses, runLosses, type LossesPlan } from "../losses.js";
import { compileLtvPlan, planLtv, runLtv, type LtvPlan } from "../ltv.js";
import { compileModelsPlan, planModels, runModels, type ModelsPlan } from "../models.js";
import { compilePipelinePlan, planPipeline, runPipeline, type PipelinePlan } from "../pipeline.js";
import type { ReportFlags } from "../request/flags.js";
import type { SegmentFilter } from "../../model/segment-filter.js";
import type { Scope } from "./scope.js";
import type { ReportRequest } from "../request/parse-request.js";
import type { ReportName } from "../request/report-flags.js";
import { compileSnapshotsPlan, planSnapshots, runSnapshots, type SnapshotsPlan } from "../snapshots.js";
import { compileSummaryPlan, planSummary, runSummary, type SummaryPlan } from "../summary.js";
import { planTrend, runTrend, type TrendPlan } from "../trend.js";
import { compileVelocityPlan, planVelocity, runVelocity, type VelocityPlan } from "../velocity.js";
import { compileWinratePlan, planWinrate, runWinrate, type WinratePlan } from "../winrate.js";

type BasePlan =
  | SummaryPlan
  | PipelinePlan
  | WinratePlan
  | FunnelPlan
  | LeadsPlan
  | VelocityPlan
  | CoveragePlan
  | LossesPlan
  | AttributionPlan
  | ModelsPlan
  | CostPlan
  | LtvPlan
  | InsightsPlan
  | DealsPlan;

export type ReportPlan = BasePlan | TrendPlan<BasePlan> | ComparePlan<BasePlan> | SnapshotsPlan;

/** Options only the library offers (not flags). */
export type PlanOptions = InsightsOptions;

export async function planReport(ws: Workspace, request: ReportRequest, options: PlanOptions = {}): Promise<ReportPlan> {
  const { report, flags } = request;
  let plan: ReportPlan;
  if (flags.snapshots) plan = planSnapshots(ws, flags);
  else if (flags.compare !== undefined)
    plan = await planCompare(ws, report, flags, (f) => planBase(ws, report, f, options), comparedWindow);
  else if ((flags.trend !== undefined || flags.rolling !== undefined) && report === "coverage")
    plan = await planCoverageTrend(ws, flags, (f, through) =>
      planTrend<BasePlan>(ws, report, f, (pf) => planCoverageEntering(ws, pf), through),
    );
  else if (flags.trend !== undefined || flags.rolling !== undefined)
    plan = await planTrend(ws, report, flags, (f) => planBase(ws, report, f, options));
  else plan = await planBase(ws, report, flags, options);
  const filters = [...whereOf(plan), ...(plan.kind === "deals" ? plan.select : plan.kind === "cost" ? plan.where : [])];
  await checkSegmentFilters(ws, filters, report === "leads" ? { rows: LEAD_ACCOUNTS, noun: "lead" } : { noun: "opportunity" });
  return deepFreeze(plan);
}

/**
 * A --where value no opportunity takes is a typo far more often than an empty segment: refused
 * (exit 2) with the values there are, rather than an empty report.
 */
async function checkSegmentFilters(
  ws: Workspace,
  filters: readonly SegmentFilter[],
  population: { readonly rows?: string; readonly noun: string },
): Promise<void> {
  for (const f of filters) {
    const sql = compileSegmentValues(baseContext(ws), f.dimension, population.rows);
    const present = (await runQuery(ws, compiledQuery(`values of ${f.dimension}`, sql))).map((r) => String(r.value));
    const missing = f.values.filter((v) => !present.includes(v));
    // No lead at all: report leads says what source to add rather than call the value a typo.
    if (missing.length === 0 || (population.rows !== undefined && present.length === 0)) continue;
    throw new UserError(
      `--where ${f.dimension}=${missing.join(",")}: no ${population.noun} is in ${missing.length > 1 ? "these segments" : "that segment"} (${f.dimension} values: ${present.join(", ") || "none"})`,
      "bad_flag_value",
    );
  }
}

async function planBase(ws: Workspace, report: ReportName, flags: Partial<ReportFlags>, options: PlanOptions): Promise<BasePlan> {
  switch (report) {
    case "summary":
      return planSummary(ws, flags);
    case "pipeline":
      return planPipeline(ws, flags);
    case "winrate":
      return planWinrate(ws, flags);
    case "funnel":
      return planFunnel(ws, flags);
    case "leads":
      return planLeads(ws, flags);
    case "velocity":
      return planVelocity(ws, flags);
    case "coverage":
      return planCoverage(ws, flags);
    case "losses":
      return planLosses(ws, flags);
    case "attribution":
      return planAttribution(ws, flags);
    case "models":
      return planModels(ws, flags);
    case "cost":
      return planCost(ws, flags);
    case "ltv":
      return planLtv(ws, flags);
    case "insights":
      return planInsights(ws, flags, options);
    case "deals":
      return planDeals(ws, flags);
  }
}

export function compileReport(plan: ReportPlan, given: BaseContext): CompiledQuery[] {
  const ctx: BaseContext = { ...given, where: whereOf(plan) };
  switch (plan.kind) {
    case "trend":
      return plan.periods.flatMap((p) => compileReport(p.plan, ctx).map((q) => ({ ...q, label: `${p.label}: ${q.label}` })));
    case "compare":
      return [plan.current, plan.comparison].flatMap((p) =>
        compileReport(p.plan, ctx).map((q) => ({ ...q, label: `${p.window.label}: ${q.label}` })),
      );
    case "pipeline_snapshots":
      return compileSnapshotsPlan(plan, ctx);
    case "summary":
      return compileSummaryPlan(plan, ctx);
    case "pipeline":
      return compilePipelinePlan(plan, ctx);
    case "winrate":
      return compileWinratePlan(plan, ctx);
    case "funnel":
      return compileFunnelPlan(plan, ctx);
    case "leads":
      return compileLeadsPlan(plan, ctx);
    case "velocity":
      return compileVelocityPlan(plan, ctx);
    case "coverage":
      return compileCoveragePlan(plan, ctx);
    case "losses":
      return compileLossesPlan(plan, ctx);
    case "attribution":
      return compileAttributionPlan(plan, ctx);
    case "models":
      return compileModelsPlan(plan, ctx);
    case "cost":
      return compileCostPlan(plan, ctx);
    case "ltv":
      return compileLtvPlan(plan, ctx);
    case "insights":
      return compileInsightsPlan(plan, ctx);
    case "deals":
      return compileDealsPlan(plan, ctx);
  }
}

export async function runPlan(given: Workspace, plan: ReportPlan): Promise<ReportResult> {
  // Every query the report runs, through baseContext(ws), filters by --where.
  const ws: Workspace = { ...given, where: whereOf(plan) };
  const result = await runPlanned(ws, plan);
  const note = futureWindowNote(plan) ?? (await emptyWindowNote(ws, plan));
  // A comparison window without data would read as zeros everywhere: say so too.
  const comparedEmpty = plan.kind === "compare" ? await emptyWindowNote(ws, plan.comparison.plan) : null;
  // Every report with --by says when a segment's field is missing, whichever queries it ran.
  const fields = missingFieldNotes(ws, reportDimensions(result)).filter((n) => !result.notes.includes(n));
  const filtered = whereNotes(ws, result, whereOf(plan));
  const definition = await winRateDefinitionNotes(ws, result);
  const notes = [
    ...fields,
    ...result.notes,
    ...definition,
    ...filtered,
    ...(note ? [note] : []),
    ...(comparedEmpty ? [`--compare: ${comparedEmpty}`] : []),
  ];
  // The reporting currency on the result and on every money column's label ("spend (USD)").
  return inCurrency(notes.length === result.notes.length ? result : { ...result, notes }, reportingCurrency(ws.config));
}

function reportDimensions(result: ReportResult): string[] {
  const by = result.params.by;
  return Array.isArray(by) ? by.map(String) : typeof by === "string" ? by.split(",") : [];
}

/** A window before the data, or in a gap of it, exits 0 with empty figures and says so. */
async function emptyWindowNote(ws: Workspace, plan: ReportPlan): Promise<string | null> {
  const w = windowScope(plan)?.window;
  if (!w) return null;
  const [r] = await runQuery(ws, compiledQuery("opportunities in the window", compileWindowActivity(w)));
  if (Number(r?.in_window ?? 0) > 0) return null;
  const span = r?.first_date
    ? ` (opportunities were created from ${String(r.first_date).slice(0, 10)} to ${String(r.last_date).slice(0, 10)})`
    : "";
  return `no opportunity was created or closed in the window ${w.label} (${w.from}..${w.to})${span}: every figure is empty.`;
}

/** The window a planned report covers and its as-of (coverage looks ahead from as-of to its period). */
function comparedWindow(plan: BasePlan): { window: Window | null; asOf: string } {
  if (plan.kind === "coverage") return { window: plan.period, asOf: plan.scope.asOf };
  const scope = windowScope(plan);
  return { window: scope?.window ?? null, asOf: scope?.asOf ?? "" };
}

/** --where of the plan (the same in every period of a trend). */
function whereOf(plan: ReportPlan): readonly SegmentFilter[] {
  if (plan.kind === "trend") return plan.periods[0] ? whereOf(plan.periods[0].plan) : [];
  if (plan.kind === "compare") return whereOf(plan.current.plan);
  if (plan.kind === "coverage") return plan.scope.where;
  return windowScope(plan)?.where ?? [];
}

/** The scope whose window the report's figures are about (coverage looks ahead on purpose). */
function windowScope(plan: ReportPlan): Scope | null {
  switch (plan.kind) {
    case "summary":
    case "velocity":
      return plan.pipeline.scope;
    case "cost":
    case "deals":
      return plan.attribution.scope;
    case "insights":
      return plan.aggregate.scope;
    case "pipeline":
    case "winrate":
    case "funnel":
    case "leads":
    case "losses":
    case "attribution":
    case "models":
    case "ltv":
      return plan.scope;
    case "compare":
      return windowScope(plan.current.plan);
    case "coverage":
    case "trend":
    case "pipeline_snapshots":
      return null;
  }
}

/** A window wholly after "today" exits 0 with empty figures; say why rather than print zeros silently. */
function futureWindowNote(plan: ReportPlan): string | null {
  const scope = windowScope(plan);
  const w = scope?.window;
  if (!scope || !w || w.from <= scope.asOf) return null;
  return `the window ${w.label} (${w.from}..${w.to}) starts after as-of ${scope.asOf} (the latest date in the data, or --as-of): nothing was created or closed in it yet.`;
}

async function runPlanned(ws: Workspace, plan: ReportPlan): Promise<ReportResult> {
  switch (plan.kind) {
    case "trend":
      return runTrend(plan, (p) => runPlanned(ws, p));
    case "compare":
      return runCompare(plan, (p) => runPlanned(ws, p));
    case "pipeline_snapshots":
      return runSnapshots(ws, plan);
    case "summary":
      return runSummary(ws, plan);
    case "pipeline":
      return runPipeline(ws, plan);
    case "winrate":
      return runWinrate(ws, plan);
    case "funnel":
      return runFunnel(ws, plan);
    case "leads":
      return runLeads(ws, plan);
    case "velocity":
      return runVelocity(ws, plan);
    case "coverage":
      return runCoverage(ws, plan);
    case "losses":
      return runLosses(ws, plan);
    case "attribution":
      return runAttribution(ws, plan);
    case "models":
      return runModels(ws, plan);
    case "cost":
      return runCost(ws, plan);
    case "ltv":
      return runLtv(ws, plan);
    case "insights":
      return runInsights(ws, plan);
    case "deals":
      return runDeals(ws, plan);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
