// `report losses`: why deals are lost, per segment — count, amount and share of each loss reason
// among the segment's lost deals, with a Wilson interval on the count share (SPEC §5, §7).
import type { Row } from "../contract/row.js";
import { compileLosses } from "../sql/losses-sql.js";
import { wilsonInterval } from "../stats/index.js";
import type { Workspace } from "../workspace/workspace.js";
import { paramsRecord, resolveParams, type ReportOptions } from "./params.js";
import { column, dimensionColumns, type ReportResult } from "../contract/report-result.js";
import { baseContext, runGrouped } from "./run-query.js";

/** What a lost deal without a loss_reason is reported under. */
export const UNSPECIFIED_REASON = "Unspecified";

export async function losses(ws: Workspace, options: ReportOptions = {}): Promise<ReportResult> {
  const p = resolveParams(ws, { ...options, cohort: false });
  const compiled = compileLosses(baseContext(ws), { dimensions: p.by, window: p.window, evaluationDate: p.evaluationDate, unspecifiedLabel: UNSPECIFIED_REASON });
  const { rows, totals } = await runGrouped(ws, compiled.sql, p.by);
  const notes = [...compiled.notes];
  if (totals.length === 0) notes.push("no opportunity was lost in the window.");
  return {
    report: "losses",
    params: paramsRecord(p, { mode: "snapshot" }),
    rows: rows.map(withShareInterval),
    totals: totals.map(withShareInterval),
    notes,
    columns: [
      ...dimensionColumns(p.by),
      column("loss_reason", "loss reason", "text"),
      column("lost_count", "# lost", "count"),
      column("lost_amount", "lost", "money"),
      column("share", "share", "rate"),
      column("share_low", "low", "rate"),
      column("share_high", "high", "rate"),
      column("amount_share", "amount share", "rate"),
    ],
  };
}

/** Replaces the helper denominator with the share's Wilson interval. */
function withShareInterval(r: Row): Row {
  const { segment_lost_count: segmentLost, ...rest } = r;
  const interval = wilsonInterval(Number(r.lost_count ?? 0), Number(segmentLost ?? 0));
  return { ...rest, share_low: interval?.low ?? null, share_high: interval?.high ?? null };
}
