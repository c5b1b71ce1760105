// Inputs of LTV per segment (SPEC §5): ARPA from won new business, churn from renewals by amount.
import type { BaseContext } from "./opportunity-base-sql.js";
import { groupBy, groupSelect, moneyMean, safeDivide } from "./report-sql.js";
import { compileOutcomeScope, type OutcomeQuery } from "./winrate-sql.js";

export function compileLtvInputs(ctx: BaseContext, query: OutcomeQuery): string {
  const d = ctx.dialect;
  const scope = compileOutcomeScope(ctx, { ...query, cohort: false, allDeals: true });
  const won = "in_scope AND closed_at_d AND status = 'won'";
  const lost = "in_scope AND closed_at_d AND status = 'lost'";
  return `SELECT ${groupSelect(d, query.dimensions)},
  ${moneyMean(d, "amount", `${won} AND type = 'new_business'`)} AS arpa,
  count(*) FILTER (WHERE ${won} AND type = 'new_business') AS new_business_won_count,
  COALESCE(sum(amount) FILTER (WHERE ${won} AND type = 'renewal'), 0) AS renewal_won_amount,
  COALESCE(sum(amount) FILTER (WHERE ${lost} AND type = 'renewal'), 0) AS renewal_lost_amount,
  count(*) FILTER (WHERE (${won} OR ${lost}) AND type = 'renewal') AS renewals_closed_count,
  ${safeDivide(d, `sum(amount) FILTER (WHERE ${won} AND type = 'renewal')`, `sum(amount) FILTER (WHERE (${won} OR ${lost}) AND type = 'renewal')`)} AS renewal_rate
FROM (${scope.sql}) scoped
${groupBy(d, query.dimensions)}`;
}

/** Won opportunities, and those without a deal type: ARPA and CAC count only new_business wins. */
export const COUNT_UNTYPED_WINS =
  "SELECT count(*) AS won, count(*) FILTER (WHERE type IS NULL) AS untyped FROM opportunities WHERE status = 'won'";
