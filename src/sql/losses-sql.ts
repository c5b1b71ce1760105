// Lost opportunities per segment and loss reason (SPEC §5 loss_reasons), under the snapshot rule
// of win rate: lost at the evaluation date with close_date in the window. Shares are taken within
// the segment, so each segment's reasons sum to 1; the per-reason totals cover all segments.
import type { BaseContext } from "./opportunity-base-sql.js";
import { segColumn } from "./opportunity-base-sql.js";
import { groupSelect, safeDivide } from "./report-sql.js";
import { compileOutcomeScope } from "./winrate-sql.js";

export interface LossQuery {
  readonly dimensions: readonly string[];
  readonly window: { readonly from: string; readonly to: string } | null;
  readonly evaluationDate: string;
  /** Label for a missing or empty loss_reason. */
  readonly unspecifiedLabel: string;
}

/** Segment rows per (segments, reason) and total rows per reason, largest count first. */
export function compileLosses(ctx: BaseContext, query: LossQuery): { sql: string; notes: string[] } {
  const dl = ctx.dialect;
  const scope = compileOutcomeScope(ctx, { ...query, cohort: false, allDeals: true });
  const segs = query.dimensions.map((dim) => dl.quoteIdent(segColumn(dim)));
  const reason = `COALESCE(NULLIF(trim(CAST(loss_reason AS VARCHAR)), ''), ${dl.literal(query.unspecifiedLabel)})`;
  // Segment rows have non-null segment values (unknown_label), the total rows null ones, so
  // partitioning by the segment columns separates each segment and the grand total.
  const over = `OVER (${segs.length ? `PARTITION BY ${segs.join(", ")}` : ""})`;
  const groupBy = segs.length
    ? `GROUP BY GROUPING SETS ((${segs.join(", ")}, loss_reason_label), (loss_reason_label))`
    : "GROUP BY loss_reason_label";
  const sql = `SELECT ${groupSelect(dl, query.dimensions)}, loss_reason_label AS loss_reason,
  count(*) AS lost_count,
  COALESCE(sum(amount), 0) AS lost_amount,
  sum(count(*)) ${over} AS segment_lost_count,
  ${safeDivide(dl, "count(*)", `sum(count(*)) ${over}`)} AS share,
  ${safeDivide(dl, "COALESCE(sum(amount), 0)", `sum(COALESCE(sum(amount), 0)) ${over}`)} AS amount_share
FROM (SELECT *, ${reason} AS loss_reason_label FROM (${scope.sql}) s
  WHERE in_scope AND closed_at_d AND status = 'lost') scoped
${groupBy}
ORDER BY lost_count DESC, ${dl.textSortKey("loss_reason_label")}`;
  return { sql, notes: scope.notes };
}
