// Win rate by segment with 95% intervals (report winrate): how rates differ and how sure we are.
// Two ways to count: closed by the window's end (snapshot), or the opportunities created in the
// window followed to as-of (cohort, `--cohort`), where a cohort still largely open is immature.
import type { ColumnDef, ReportResult, Row } from "../../../src/contract/index.js";
import { closedOf, emptyChart } from "../charts/chart-style.js";
import { intervalChart } from "../charts/interval-chart.js";
import { h } from "../dom.js";
import { fmt, fmtInterval, formatOf } from "../format.js";
import { dimsOf, immatureThreshold, num, segmentLabel } from "../report-json.js";
import { compareParams } from "../state.js";
import { dataTable, pickColumns, reportTotals, type ColumnPick } from "../table.js";
import { chartBox, compareColumns, immatureLegend, notesList, switcher, thinLegend, type Choice, type View } from "../view-kit.js";
import { winRatePick } from "./columns.js";

/** `open`, `open_share` and `maturity` exist in cohort mode only; pickColumns leaves them out otherwise. */
const COLUMNS: readonly ColumnPick[] = [
  "won",
  "lost",
  "open",
  winRatePick,
  "win_rate_shrunk",
  "value_win_rate",
  "avg_deal_size",
  "sales_cycle_days",
  "sample",
  "open_share",
  "maturity",
];

const MODES: readonly Choice[] = [
  { value: "snapshot", label: "Closed by the window's end" },
  { value: "cohort", label: "Cohort: created in the window" },
];

function lead(report: ReportResult, total: Row, cohort: boolean): HTMLElement {
  const columns: readonly ColumnDef[] = report.columns;
  const rate = formatOf(columns, "win_rate");
  const closed = fmt(Number(total.won ?? 0) + Number(total.lost ?? 0), formatOf(columns, "won"));
  const asOf = typeof report.params.as_of === "string" ? ` to ${report.params.as_of}` : "";
  const mode = cohort
    ? ` Cohort: the opportunities created in the window, their outcomes followed${asOf}; those still open are not yet counted.`
    : "";
  return h(
    "p",
    { class: "lead" },
    `All segments: ${fmt(total.win_rate, rate)} (95% interval ${fmtInterval(total.win_rate_low, total.win_rate_high, formatOf(columns, "win_rate_low"))}) of ${closed} closed.${mode} Intervals that do not overlap the dashed line differ from the average beyond chance.`,
  );
}

export const winrateView: View = {
  id: "winrate",
  title: "Win rate by segment",
  question: "How do win rates differ between segments, and how sure are we?",
  controls: ["period", "by", "compare"],
  async render(ctx) {
    const cohort = ctx.state.mode === "cohort";
    const report = await ctx.load("winrate", { ...(cohort ? { cohort: "true" } : {}), ...compareParams(ctx.state) });
    const dims = dimsOf(report);
    const rows = ctx.filter(report.rows);
    const total = report.totals[0] ?? {};
    const chart = !rows.length
      ? emptyChart("No opportunities in this period.")
      : rows.every((r) => !(closedOf(r) ?? 0))
        ? emptyChart("No closed deals in this period: no segment has a win rate yet.")
        : intervalChart({
            rows,
            label: (r: Row) => segmentLabel(r, dims),
            value: "win_rate",
            low: "win_rate_low",
            high: "win_rate_high",
            format: formatOf(report.columns, "win_rate"),
            reference: num(total.win_rate),
            axisLabel: "win rate (95% interval)",
            width: ctx.width,
            valueName: "win rate",
            closedFormat: formatOf(report.columns, "won"),
            ariaLabel: "win rate by segment with 95% intervals",
          });
    return [
      switcher(ctx, "Outcomes", "mode", MODES, cohort ? "cohort" : "snapshot"),
      lead(report, total, cohort),
      chartBox(chart),
      thinLegend(ctx.meta.min_sample, rows),
      immatureLegend(report, rows, "points"),
      dataTable(pickColumns(report.columns, [...dims, ...COLUMNS, ...compareColumns(report)]), rows, {
        id: "view-table",
        immatureThreshold: immatureThreshold(report),
        totals: reportTotals(report, ctx.state.seg),
      }),
      notesList(report),
    ].filter((n): n is HTMLElement => n !== null);
  },
};
