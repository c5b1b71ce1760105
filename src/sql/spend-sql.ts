// Spend in a window, pro-rated by days when a spend period straddles the window's edge, with the
// spend file's own segment columns where it has them (a column named like a dimension). Each
// pro-rated part is an exact 12-place decimal, so the sum does not depend on row order.
import type { BaseContext } from "./opportunity-base-sql.js";
import { CREDIT_SCALE } from "./attribution-sql.js";
import { NO_CAMPAIGN } from "./campaign-sql.js";
import { dateLit, groupByLeading } from "./report-sql.js";

export interface SpendQuery {
  readonly dimensions: readonly string[];
  readonly window: { readonly from: string; readonly to: string } | null;
  readonly evaluationDate: string;
  /** Also group by campaign (touches' NO_CAMPAIGN for an empty one): spend per campaign within channel. */
  readonly byCampaign?: boolean;
}

export function compileSpend(ctx: BaseContext, q: SpendQuery): string {
  const d = ctx.dialect;
  const columns = ctx.columns.get("spend") ?? new Set<string>();
  const campaign = q.byCampaign ? [`COALESCE(NULLIF(trim(campaign), ''), ${d.literal(NO_CAMPAIGN)}) AS campaign`] : [];
  const segs = q.dimensions.map(
    (dim) =>
      (columns.has(dim) ? `NULLIF(trim(CAST(${d.quoteIdent(dim)} AS VARCHAR)), '')` : "CAST(NULL AS VARCHAR)") + ` AS ${d.quoteIdent(dim)}`,
  );
  const from = q.window ? dateLit(q.window.from) : "period_start";
  const to = q.window ? dateLit(q.window.to) : "period_end";
  const overlap = `${d.dayDiff(`greatest(period_start, ${from})`, `least(period_end, ${to})`)} + 1`;
  const days = `${d.dayDiff("period_start", "period_end")} + 1`;
  const order = ["channel", ...(q.byCampaign ? ["campaign"] : []), ...q.dimensions.map((dim) => d.quoteIdent(dim))].map(d.textSortKey);
  return `SELECT * FROM (SELECT channel, ${[...campaign, ...segs, `sum(${d.exactDecimal(d.divideAsDouble(`amount * (${overlap})`, `(${days})`), CREDIT_SCALE)}) AS spend`].join(", ")}
FROM spend WHERE ${overlap} > 0 AND period_start <= ${dateLit(q.evaluationDate)}
${groupByLeading(campaign.length + segs.length + 1)}) spend_rows
ORDER BY ${[...order, "spend"].join(", ")}`;
}
