// KPIs per segment (report summary): the population's headline numbers, then each segment's
// pipeline and win rate side by side, then the full table. A pipeline bar opens its segment's deals.
import type { ColumnDef, ReportResult, Row } from "../../../src/contract/index.js";
import { barsChart } from "../charts/bars-chart.js";
import { emptyChart } from "../charts/chart-style.js";
import { intervalChart } from "../charts/interval-chart.js";
import type { MarkLinks } from "../charts/link-marks.js";
import { h } from "../dom.js";
import { rowLinks } from "../drill.js";
import { fmt, fmtInterval, fmtShort, formatOf } from "../format.js";
import { currencyOf, dimsOf, num, segmentLabel } from "../report-json.js";
import { dataTable, pickColumns, reportTotals } from "../table.js";
import { chartBox, notesList, thinLegend, type View } from "../view-kit.js";
import { winRatePick } from "./columns.js";

const KPIS: readonly [string, string][] = [
  ["pipeline_created", "Pipeline created"],
  ["open_pipeline", "Open pipeline"],
  ["weighted_pipeline", "Weighted pipeline"],
  ["win_rate", "Win rate"],
  ["avg_deal_size", "Average deal"],
  ["sales_cycle_days", "Sales cycle (days)"],
];

/** Money in cards is short, with the report's currency ($594.3M); the exact figure is in the tooltip and the table. */
function kpiCards(columns: readonly ColumnDef[], total: Row, currency?: string): HTMLElement {
  const cards = KPIS.map(([key, label]) => {
    const format = formatOf(columns, key);
    return h(
      "div",
      { class: "kpi" },
      h("div", { class: "kpi-label" }, label),
      h(
        "div",
        { class: "kpi-value", "data-key": key, "data-value": JSON.stringify(total[key] ?? null), title: fmt(total[key], format, currency) },
        fmtShort(total[key], format, currency),
      ),
      key === "win_rate"
        ? h(
            "div",
            { class: "kpi-sub" },
            `95% interval ${fmtInterval(total.win_rate_low, total.win_rate_high, formatOf(columns, "win_rate_low"))}`,
          )
        : null,
      key === "pipeline_created"
        ? h("div", { class: "kpi-sub" }, `${fmt(total.pipeline_created_count, formatOf(columns, "pipeline_created_count"))} opportunities`)
        : null,
    );
  });
  return h("div", { class: "kpis" }, ...cards);
}

const COLUMNS = [
  "pipeline_created",
  "pipeline_created_count",
  "open_pipeline",
  "weighted_pipeline",
  "won",
  "lost",
  winRatePick,
  "avg_deal_size",
  "sales_cycle_days",
  "sample",
];

function segmentCharts(report: ReportResult, rows: readonly Row[], width: number, links: MarkLinks): HTMLElement {
  const label = (r: Row) => segmentLabel(r, dimsOf(report));
  const half = width > 900 ? Math.floor(width / 2) - 12 : width;
  const bars = barsChart({
    rows,
    label,
    value: "pipeline_created",
    format: formatOf(report.columns, "pipeline_created"),
    ...currencyOf(report),
    axisLabel: "pipeline created",
    inner: { value: "open_pipeline", label: "open at period end" },
    tips: { opportunities: (r) => `n = ${fmt(r.pipeline_created_count, formatOf(report.columns, "pipeline_created_count"))} created` },
    width: half,
    ariaLabel: "pipeline created and open by segment",
    links,
  });
  const rates = intervalChart({
    rows,
    label,
    value: "win_rate",
    low: "win_rate_low",
    high: "win_rate_high",
    format: formatOf(report.columns, "win_rate"),
    reference: num(report.totals[0]?.win_rate),
    axisLabel: "win rate (95% interval)",
    valueName: "win rate",
    closedFormat: formatOf(report.columns, "won"),
    width: half,
    ariaLabel: "win rate by segment",
  });
  return h(
    "div",
    { class: "chart-grid" },
    chartBox(
      bars,
      "Light bar: pipeline created in the period. Dark inner bar: pipeline open at the period's end, whenever it was created, so it can be longer than the light bar. Click a bar (or Tab to it and press Enter) to list the deals created.",
    ),
    chartBox(rates, "Win rate with its 95% interval; dashed line: all segments."),
  );
}

export const overviewView: View = {
  id: "overview",
  title: "KPIs by segment",
  question: "How much pipeline does each segment create, how much is open, and how often does it win?",
  controls: ["period", "by"],
  async render(ctx) {
    const report = await ctx.load("summary");
    const dims = dimsOf(report);
    const rows = ctx.filter(report.rows);
    const links = rowLinks(dims, (p) => ctx.href(p));
    const created = num(report.totals[0]?.pipeline_created_count) ?? 0;
    const charts = !dims.length
      ? null
      : created > 0 && rows.length
        ? segmentCharts(report, rows, ctx.width, links)
        : chartBox(emptyChart("No opportunities in this period."));
    const table = dataTable(pickColumns(report.columns, [...dims, ...COLUMNS]), rows, {
      id: "view-table",
      totals: reportTotals(report, ctx.state.seg),
    });
    return [
      kpiCards(report.columns, report.totals[0] ?? {}, report.currency),
      charts,
      thinLegend(ctx.meta.min_sample, rows),
      table,
      notesList(report),
    ].filter((n): n is HTMLElement => n !== null);
  },
};
