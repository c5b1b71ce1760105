// `report ltv`: what a customer is worth per segment and how that compares with what it costs to
// win one. LTV = ARPA × gross margin / annual churn; churn = 1 − renewal win rate by amount.
// LTV:CAC twice: on program CAC (marketing spend only) and on fully loaded CAC (plus sales cost,
// when config gives it) — the usual 3:1 benchmark is about the fully loaded one.
import type { ReportResult } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import { compiledQuery, type CompiledQuery } from "../sql/compiled-query.js";
import { compileLtvInputs } from "../sql/ltv-sql.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import type { AttributionFlags } from "./attribution.js";
import { compileCostPlan, planCost, runCost, type CostPlan } from "./cost.js";
import { NOTE as SALES_COST_NOTE } from "./sales-cost.js";
import { resolveScope, scopeParams, type Scope } from "./plan/scope.js";
import { LTV_COLUMNS, withDimensions } from "./report-columns.js";
import { baseContext, runGrouped } from "./run-query.js";
import { untypedWinsNote } from "./untyped-wins.js";

export interface LtvPlan {
  readonly kind: "ltv";
  /** Snapshot scope of the revenue figures (ARPA, renewals). */
  readonly scope: Scope;
  /** CAC per segment comes from the cost report under the same model. */
  readonly cost: CostPlan;
}

export async function planLtv(ws: Workspace, flags: AttributionFlags): Promise<LtvPlan> {
  return { kind: "ltv", scope: resolveScope(ws, flags, false), cost: await planCost(ws, flags) };
}

export function compileLtvPlan(plan: LtvPlan, ctx: BaseContext): CompiledQuery[] {
  const s = plan.scope;
  const inputs = compileLtvInputs(ctx, { dimensions: s.by, window: s.window, evaluationDate: s.evaluationDate, cohort: false });
  // Cost applies --where itself, after allocating spend over every segment.
  return [compiledQuery("ARPA and renewals per segment", inputs), ...compileCostPlan(plan.cost, { ...ctx, where: [] })];
}

export async function runLtv(ws: Workspace, plan: LtvPlan): Promise<ReportResult> {
  const p = plan.scope;
  const [inputs] = compileLtvPlan(plan, baseContext(ws));
  if (!inputs) throw new Error("ltv compiles its input query first");
  const { rows, totals } = await runGrouped(ws, [inputs], p.by);
  // ARPA and churn are over the --where opportunities (ws.where); CAC is cost's, which allocates
  // spend over every segment first and then keeps the --where ones (plan.cost.where).
  const spending = await runCost({ ...ws, where: [] }, plan.cost);
  const cacByKey = new Map(
    spending.totals.map((t) => [JSON.stringify(p.by.map((d) => (t.total_of === "all" ? null : (t[d] ?? null)))), t]),
  );
  const margin = ws.config.gross_margin;
  const notes: string[] = spending.notes.filter((n) => n.startsWith("--where") || n.startsWith(SALES_COST_NOTE));
  const finish = (r: Row, key: string, label: string): Row => {
    const churn = typeof r.renewal_rate === "number" ? 1 - r.renewal_rate : null;
    const arpa = typeof r.arpa === "number" ? r.arpa : null;
    let value: number | null = null;
    if (churn === null) notes.push(`${label}: no renewal closed in the window, so churn and LTV are undefined.`);
    else if (churn === 0) notes.push(`${label}: no renewal amount was lost, so churn is 0 and LTV is unbounded (reported as null).`);
    else if (arpa === null) notes.push(`${label}: no new-business deal was won in the window, so ARPA and LTV are undefined.`);
    else value = (arpa * margin) / churn;
    const cac = cacByKey.get(key)?.cac ?? null;
    const loaded = cacByKey.get(key)?.cac_fully_loaded ?? null;
    const ratio = (c: unknown) => (value !== null && typeof c === "number" && c > 0 ? value / c : null);
    return {
      ...r,
      gross_margin: margin,
      churn,
      ltv: value,
      cac,
      ltv_to_cac: ratio(cac),
      cac_fully_loaded: loaded,
      ltv_to_cac_fully_loaded: ratio(loaded),
    };
  };
  if (!totals.some((t) => Number(t.new_business_won_count) > 0)) notes.push(...(await untypedWinsNote(ws)));
  const keyOf = (r: Row) => JSON.stringify(p.by.map((d) => r[d] ?? null));
  const outRows = rows.map((r) => finish(r, keyOf(r), p.by.map((d) => String(r[d])).join(" / ") || "all"));
  const outTotals = totals.map((r) => finish(r, JSON.stringify(p.by.map(() => null)), "all segments"));
  return {
    report: "ltv",
    params: scopeParams(p, { gross_margin: margin, model: spending.params.model }),
    rows: outRows,
    totals: outTotals,
    notes: [...new Set(notes)],
    columns: withDimensions(p.by, LTV_COLUMNS),
  };
}
