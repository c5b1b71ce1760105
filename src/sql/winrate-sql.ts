// Win rate, deal size and sales cycle per segment (SPEC §5). Snapshot mode counts deals closed in
// the window; cohort mode counts deals created in it, with the still-open ones reported apart.
import type { BaseContext } from "./opportunity-base-sql.js";
import { compileOpportunityBase } from "./opportunity-base-sql.js";
import { winRateExcludedSql } from "./win-rate-definition-sql.js";
import { dateLit, groupBy, groupSelect, moneyMean, safeDivide } from "./report-sql.js";

export interface OutcomeQuery {
  readonly dimensions: readonly string[];
  /** Inclusive window, or null for all data. */
  readonly window: { readonly from: string; readonly to: string } | null;
  /** "Today": outcomes after it are not yet known. */
  readonly evaluationDate: string;
  readonly cohort: boolean;
  /** Every closed deal counts (losses, ltv): config win_rate's exclusions are not applied. */
  readonly allDeals?: boolean;
}

/** Opportunities created by D, with their outcome as known at D. */
export function compileOutcomeScope(ctx: BaseContext, query: OutcomeQuery): { sql: string; notes: string[] } {
  const base = compileOpportunityBase(ctx, query.dimensions);
  const d = dateLit(query.evaluationDate);
  const w = query.window;
  const closedAtD = `(status IN ('won', 'lost') AND (close_date IS NULL OR close_date <= ${d}))`;
  const createdInWindow = w ? `(created_date BETWEEN ${dateLit(w.from)} AND ${dateLit(w.to)})` : "true";
  const closedInWindow = w ? `(close_date BETWEEN ${dateLit(w.from)} AND ${dateLit(w.to)})` : "true";
  const inScope = query.cohort ? createdInWindow : `(${closedAtD} AND ${closedInWindow})`;
  // counted_at_d: closed at D and counted in win rates (config win_rate may leave some out).
  const excluded = query.allDeals ? "false" : winRateExcludedSql(ctx.dialect, ctx.config);
  const counted = excluded === "false" ? closedAtD : `(${closedAtD} AND NOT ${excluded})`;
  const sql = `SELECT *, ${closedAtD} AS closed_at_d, ${excluded} AS win_rate_excluded, ${counted} AS counted_at_d,
  ${createdInWindow} AS created_in_window, ${inScope} AS in_scope
FROM (${base.sql}) base WHERE created_date <= ${d}`;
  return { sql, notes: base.notes };
}

export function compileWinRate(ctx: BaseContext, query: OutcomeQuery): { sql: string; notes: string[] } {
  const dl = ctx.dialect;
  const scope = compileOutcomeScope(ctx, query);
  const won = "(in_scope AND counted_at_d AND status = 'won')";
  const lost = "(in_scope AND counted_at_d AND status = 'lost')";
  const cycle = dl.dayDiff("created_date", "close_date");
  const cycleOk = `${won} AND close_date >= created_date`;
  const sql = `SELECT ${groupSelect(dl, query.dimensions)},
  count(*) FILTER (WHERE ${won}) AS won,
  count(*) FILTER (WHERE ${lost}) AS lost,
  ${query.cohort ? "count(*) FILTER (WHERE in_scope AND NOT closed_at_d AND NOT win_rate_excluded)" : "CAST(NULL AS BIGINT)"} AS open,
  COALESCE(sum(amount) FILTER (WHERE ${won}), 0) AS won_amount,
  COALESCE(sum(amount) FILTER (WHERE ${lost}), 0) AS lost_amount,
  ${safeDivide(dl, `count(*) FILTER (WHERE ${won})`, `count(*) FILTER (WHERE ${won} OR ${lost})`)} AS win_rate,
  ${safeDivide(dl, `sum(amount) FILTER (WHERE ${won})`, `sum(amount) FILTER (WHERE ${won} OR ${lost})`)} AS value_win_rate,
  count(DISTINCT account_id) FILTER (WHERE ${won}) AS accounts_won,
  count(DISTINCT account_id) FILTER (WHERE ${won} OR ${lost}) AS accounts_closed,
  ${safeDivide(dl, `count(DISTINCT account_id) FILTER (WHERE ${won})`, `count(DISTINCT account_id) FILTER (WHERE ${won} OR ${lost})`)} AS account_win_rate,
  ${moneyMean(dl, "amount", won)} AS avg_deal_size,
  ${moneyMean(dl, "amount", "created_in_window")} AS avg_pipeline_deal_size,
  ${dl.median(`${cycle}`)} FILTER (WHERE ${cycleOk}) AS sales_cycle_days,
  ${dl.percentile(0.25, cycle)} FILTER (WHERE ${cycleOk}) AS sales_cycle_days_p25,
  ${dl.percentile(0.75, cycle)} FILTER (WHERE ${cycleOk}) AS sales_cycle_days_p75,
  avg(${cycle}) FILTER (WHERE ${cycleOk}) AS sales_cycle_days_mean
FROM (${scope.sql}) scoped
${groupBy(dl, query.dimensions)}`;
  return { sql, notes: scope.notes };
}
