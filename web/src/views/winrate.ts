// Win rate by segment with 95% intervals (report winrate): how rates differ and how sure we are.
import type { ColumnDef, Row } from "../../../src/contract/index.js";
import { intervalChart } from "../charts/interval-chart.js";
import { h } from "../dom.js";
import { fmt, fmtInterval, formatOf } from "../format.js";
import { dimsOf, num, segmentLabel } from "../report-json.js";
import { dataTable, pickColumns, type ColumnPick } from "../table.js";
import { chartBox, notesList, thinLegend, type View } from "../view-kit.js";
import { winRatePick } from "./columns.js";

const COLUMNS: readonly ColumnPick[] = [
  "won",
  "lost",
  winRatePick,
  "win_rate_shrunk",
  "value_win_rate",
  "avg_deal_size",
  "sales_cycle_days",
  "sample",
];

function lead(columns: readonly ColumnDef[], total: Row): HTMLElement {
  const rate = formatOf(columns, "win_rate");
  const closed = fmt(Number(total.won ?? 0) + Number(total.lost ?? 0), formatOf(columns, "won"));
  return h(
    "p",
    { class: "lead" },
    `All segments: ${fmt(total.win_rate, rate)} (95% interval ${fmtInterval(total.win_rate_low, total.win_rate_high, formatOf(columns, "win_rate_low"))}) of ${closed} closed. Intervals that do not overlap the dashed line differ from the average beyond chance.`,
  );
}

export const winrateView: View = {
  id: "winrate",
  title: "Win rate by segment",
  question: "How do win rates differ between segments, and how sure are we?",
  controls: ["period", "by"],
  async render(ctx) {
    const report = await ctx.load("winrate");
    const dims = dimsOf(report);
    const rows = ctx.filter(report.rows);
    const total = report.totals[0] ?? {};
    const chart = intervalChart({
      rows,
      label: (r: Row) => segmentLabel(r, dims),
      value: "win_rate",
      low: "win_rate_low",
      high: "win_rate_high",
      format: formatOf(report.columns, "win_rate"),
      reference: num(total.win_rate),
      axisLabel: "win rate (95% interval)",
      width: ctx.width,
      sampleSize: (r) => `${Number(r.won ?? 0) + Number(r.lost ?? 0)}`,
      ariaLabel: "win rate by segment with 95% intervals",
    });
    return [
      lead(report.columns, total),
      chartBox(chart),
      thinLegend(ctx.meta.min_sample, rows),
      dataTable(pickColumns(report.columns, [...dims, ...COLUMNS]), rows, { id: "view-table" }),
      notesList(report),
    ].filter((n): n is HTMLElement => n !== null);
  },
};
