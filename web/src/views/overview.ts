// KPIs per segment (report summary): the population's headline numbers, then each segment's
// pipeline and win rate side by side, then the full table.
import { barsChart } from "../charts/bars-chart.js";
import { intervalChart } from "../charts/interval-chart.js";
import { h } from "../dom.js";
import { fmt, fmtInterval, fmtShortMoney, type ColumnFormat } from "../format.js";
import { dimsOf, num, segmentLabel, type Row } from "../report-json.js";
import { dataTable, type Column } from "../table.js";
import { chartBox, notesList, thinLegend, type View } from "../view-kit.js";
import { dimColumns, sampleColumn, winRateColumn } from "./columns.js";

const KPIS: readonly [string, string, ColumnFormat][] = [
  ["pipeline_created", "Pipeline created", "money"],
  ["open_pipeline", "Open pipeline", "money"],
  ["weighted_pipeline", "Weighted pipeline", "money"],
  ["win_rate", "Win rate", "rate"],
  ["avg_deal_size", "Average deal", "money"],
  ["sales_cycle_days", "Sales cycle (days)", "days"],
];

/** Money in cards is short (594.3M); the exact figure is in the tooltip and the table. */
const kpiText = (value: Row[string] | undefined, format: ColumnFormat): string => (format === "money" && typeof value === "number" ? fmtShortMoney(value) : fmt(value, format));

function kpiCards(total: Row): HTMLElement {
  return h(
    "div",
    { class: "kpis" },
    ...KPIS.map(([key, label, format]) =>
      h(
        "div",
        { class: "kpi" },
        h("div", { class: "kpi-label" }, label),
        h("div", { class: "kpi-value", "data-key": key, "data-value": JSON.stringify(total[key] ?? null), title: fmt(total[key], format) }, kpiText(total[key], format)),
        key === "win_rate" ? h("div", { class: "kpi-sub" }, `95% interval ${fmtInterval(total.win_rate_low, total.win_rate_high)}`) : null,
        key === "pipeline_created" ? h("div", { class: "kpi-sub" }, `${fmt(total.pipeline_created_count, "count")} opportunities`) : null,
      ),
    ),
  );
}

const columns = (dims: readonly string[]): Column[] => [
  ...dimColumns(dims),
  { key: "pipeline_created", label: "created", format: "money" },
  { key: "pipeline_created_count", label: "# created", format: "count" },
  { key: "open_pipeline", label: "open", format: "money" },
  { key: "weighted_pipeline", label: "weighted", format: "money" },
  { key: "won", label: "won", format: "count" },
  { key: "lost", label: "lost", format: "count" },
  winRateColumn,
  { key: "avg_deal_size", label: "avg deal", format: "money" },
  { key: "sales_cycle_days", label: "cycle (days)", format: "days" },
  sampleColumn,
];

export const overviewView: View = {
  id: "overview",
  title: "KPIs by segment",
  question: "How much pipeline does each segment create, how much is open, and how often does it win?",
  controls: ["period", "by"],
  async render(ctx) {
    const report = await ctx.load("summary");
    const dims = dimsOf(report);
    const rows = ctx.filter(report.rows);
    const label = (r: Row) => segmentLabel(r, dims);
    const half = ctx.width > 900 ? Math.floor(ctx.width / 2) - 12 : ctx.width;
    const charts = dims.length
      ? h(
          "div",
          { class: "chart-grid" },
          chartBox(barsChart({ rows, label, value: "pipeline_created", format: "money", axisLabel: "pipeline created (dark: still open)", inner: { value: "open_pipeline", label: "open" }, width: half, ariaLabel: "pipeline created and open by segment" }), "Pipeline created; the dark inner bar is what is still open."),
          chartBox(intervalChart({ rows, label, value: "win_rate", low: "win_rate_low", high: "win_rate_high", reference: num(report.totals[0]?.win_rate), axisLabel: "win rate (95% interval)", width: half, ariaLabel: "win rate by segment" }), "Win rate with its 95% interval; dashed line: all segments."),
        )
      : null;
    return [kpiCards(report.totals[0] ?? {}), charts, thinLegend(ctx.meta.min_sample, rows), dataTable(columns(dims), rows, { id: "view-table" }), notesList(report)].filter((n): n is HTMLElement => n !== null);
  },
};
