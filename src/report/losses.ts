// `report losses`: why deals are lost, per segment — count, amount and share of each loss reason
// among the segment's lost deals, with a Wilson interval on the count share (SPEC §5, §7).
import type { Row } from "../db/normalize.js";
import { compileLosses } from "../sql/losses-sql.js";
import { wilsonInterval } from "../stats/index.js";
import type { Workspace } from "../workspace/workspace.js";
import { paramsRecord, resolveParams, type ReportOptions } from "./params.js";
import { dimensionColumns, type ReportResult } from "./report-types.js";
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
      { key: "loss_reason", label: "loss reason", format: "text" },
      { key: "lost_count", label: "# lost", format: "count" },
      { key: "lost_amount", label: "lost", format: "money" },
      { key: "share", label: "share", format: "rate" },
      { key: "share_low", label: "low", format: "rate" },
      { key: "share_high", label: "high", format: "rate" },
      { key: "amount_share", label: "amount share", format: "rate" },
    ],
  };
}

/** Replaces the helper denominator with the share's Wilson interval. */
function withShareInterval(r: Row): Row {
  const { segment_lost_count: segmentLost, ...rest } = r;
  const interval = wilsonInterval(Number(r.lost_count ?? 0), Number(segmentLost ?? 0));
  return { ...rest, share_low: interval?.low ?? null, share_high: interval?.high ?? null };
}
