// Win rate by segment with 95% intervals (report winrate): how rates differ and how sure we are.
import { intervalChart } from "../charts/interval-chart.js";
import { h } from "../dom.js";
import { fmt, fmtInterval, fmtRate } from "../format.js";
import { dimsOf, num, segmentLabel, type Row } from "../report-json.js";
import { dataTable, type Column } from "../table.js";
import { chartBox, notesList, thinLegend, type View } from "../view-kit.js";
import { dimColumns, sampleColumn, winRateColumn } from "./columns.js";

const columns = (dims: readonly string[]): Column[] => [
  ...dimColumns(dims),
  { key: "won", label: "won", format: "count" },
  { key: "lost", label: "lost", format: "count" },
  winRateColumn,
  { key: "win_rate_shrunk", label: "shrunk", format: "rate" },
  { key: "value_win_rate", label: "value win rate", format: "rate" },
  { key: "avg_deal_size", label: "avg deal", format: "money" },
  { key: "sales_cycle_days", label: "cycle (days)", format: "days" },
  sampleColumn,
];

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
    const summary = h("p", { class: "lead" }, `All segments: ${fmtRate(total.win_rate)} (95% interval ${fmtInterval(total.win_rate_low, total.win_rate_high)}) of ${fmt(Number(total.won ?? 0) + Number(total.lost ?? 0), "count")} closed. Intervals that do not overlap the dashed line differ from the average beyond chance.`);
    const chart = intervalChart({
      rows,
      label: (r: Row) => segmentLabel(r, dims),
      value: "win_rate",
      low: "win_rate_low",
      high: "win_rate_high",
      reference: num(total.win_rate),
      axisLabel: "win rate (95% interval)",
      width: ctx.width,
      sampleSize: (r) => `${Number(r.won ?? 0) + Number(r.lost ?? 0)}`,
      ariaLabel: "win rate by segment with 95% intervals",
    });
    return [summary, chartBox(chart), thinLegend(ctx.meta.min_sample, rows), dataTable(columns(dims), rows, { id: "view-table" }), notesList(report)].filter((n): n is HTMLElement => n !== null);
  },
};
