// `report summary`: the headline numbers of pipeline and win rate side by side, per segment.
import type { Row } from "../db/normalize.js";
import type { Workspace } from "../workspace/workspace.js";
import { pipeline } from "./pipeline.js";
import type { ReportOptions } from "./params.js";
import { dimensionColumns, type ReportResult } from "./report-types.js";
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
      { key: "pipeline_created", label: "created", format: "money" },
      { key: "pipeline_created_count", label: "# created", format: "count" },
      { key: "open_pipeline", label: "open", format: "money" },
      { key: "weighted_pipeline", label: "weighted", format: "money" },
      { key: "won", label: "won", format: "count" },
      { key: "lost", label: "lost", format: "count" },
      { key: "win_rate", label: "win rate", format: "rate" },
      { key: "win_rate_low", label: "low", format: "rate" },
      { key: "win_rate_high", label: "high", format: "rate" },
      { key: "avg_deal_size", label: "avg deal", format: "money" },
      { key: "sales_cycle_days", label: "cycle p50", format: "days" },
      { key: "sample", label: "sample", format: "text" },
    ],
  };
}
