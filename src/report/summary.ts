// `report summary`: the headline numbers of pipeline and win rate side by side, per segment.
import type { Row } from "../contract/row.js";
import type { Workspace } from "../workspace/workspace.js";
import { pipeline } from "./pipeline.js";
import type { ReportOptions } from "./params.js";
import { column, dimensionColumns, type ReportResult } from "../contract/report-result.js";
import { winrate } from "./winrate.js";

const WIN_FIELDS = ["won", "lost", "won_amount", "win_rate", "win_rate_low", "win_rate_high", "win_rate_shrunk", "avg_deal_size", "sales_cycle_days", "sample"];

export async function summary(ws: Workspace, options: ReportOptions = {}): Promise<ReportResult> {
  const [pipe, win] = [await pipeline(ws, options), await winrate(ws, { ...options, cohort: false })];
  const dims = (pipe.params.by as string[]) ?? [];
  const key = (r: Row) => JSON.stringify(dims.map((d) => r[d]));
  const winByKey = new Map(win.rows.map((r) => [key(r), r]));
  const merge = (p: Row, w: Row | undefined): Row => {
    const out: Row = { ...p };
    for (const f of WIN_FIELDS) out[f] = w?.[f] ?? (f === "sample" ? "thin" : f === "won" || f === "lost" || f === "won_amount" ? 0 : null);
    return out;
  };
  const rows = pipe.rows.map((r) => merge(r, winByKey.get(key(r))));
  const totals = pipe.totals.map((r) => merge(r, win.totals[0]));
  return {
    report: "summary",
    params: { ...pipe.params, mode: "snapshot" },
    rows,
    totals,
    notes: [...new Set([...pipe.notes, ...win.notes])],
    columns: [
      ...dimensionColumns(dims),
      column("pipeline_created", "created", "money"),
      column("pipeline_created_count", "# created", "count"),
      column("open_pipeline", "open", "money"),
      column("weighted_pipeline", "weighted", "money"),
      column("won", "won", "count"),
      column("lost", "lost", "count"),
      column("win_rate", "win rate", "rate"),
      column("win_rate_low", "low", "rate"),
      column("win_rate_high", "high", "rate"),
      column("avg_deal_size", "avg deal", "money"),
      column("sales_cycle_days", "cycle p50", "days"),
      column("sample", "sample", "text"),
    ],
  };
}
