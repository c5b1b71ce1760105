// Trends per fiscal quarter (any report with --trend quarter): pipeline created, open pipeline or
// win rate per segment, with the change from the quarter before and whether it is significant.
import { trendChart } from "../charts/trend-chart.js";
import type { ColumnFormat } from "../format.js";
import { dimsOf, distinct, segmentLabel, type Row } from "../report-json.js";
import { dataTable, type Column } from "../table.js";
import { chartBox, notesList, switcher, type View } from "../view-kit.js";
import { dimColumns } from "./columns.js";

interface Measure {
  readonly value: string;
  readonly label: string;
  readonly report: string;
  readonly format: ColumnFormat;
  readonly band?: readonly [string, string];
}

export const TREND_MEASURES: readonly Measure[] = [
  { value: "pipeline_created", label: "Pipeline created", report: "pipeline", format: "money" },
  { value: "win_rate", label: "Win rate", report: "winrate", format: "rate", band: ["win_rate_low", "win_rate_high"] },
  { value: "open_pipeline", label: "Open pipeline", report: "pipeline", format: "money" },
];

function columns(dims: readonly string[], m: Measure): Column[] {
  return [
    { key: "period", label: "quarter", format: "text" },
    ...dimColumns(dims),
    m.band ? { key: m.value, label: m.label.toLowerCase(), format: m.format, interval: m.band } : { key: m.value, label: m.label.toLowerCase(), format: m.format },
    { key: `${m.value}_change`, label: "change", format: m.format },
    ...(m.format === "rate" ? [{ key: `${m.value}_change_significant`, label: "significant", format: "text" as const }] : []),
  ];
}

export const trendsView: View = {
  id: "trends",
  title: "Trends per quarter",
  question: "How is each segment moving quarter over quarter?",
  controls: ["by"],
  async render(ctx) {
    const m = TREND_MEASURES.find((x) => x.value === ctx.state.measure) ?? TREND_MEASURES[0];
    if (!m) return [];
    const report = await ctx.load(m.report, { trend: "quarter" });
    const dims = dimsOf(report);
    const rows = ctx.filter(report.rows);
    const series = (r: Row) => segmentLabel(r, dims);
    const periods = Array.isArray(report.params.periods) ? report.params.periods.map(String) : [];
    const chart = trendChart({ rows, periods, series, seriesDomain: distinct(rows.map(series)), value: m.value, format: m.format, ...(m.band ? { band: m.band } : {}), ...(m.format === "rate" ? { significant: `${m.value}_change_significant` } : {}), axisLabel: m.label.toLowerCase(), width: ctx.width, ariaLabel: `${m.label} per quarter by segment` });
    const caption = m.format === "rate" ? "Shaded: 95% interval. Ringed: a significant change from the quarter before (two-proportion z-test, p < 0.05)." : "The last quarter runs to the as-of date and may be incomplete.";
    return [switcher(ctx, "Measure", "measure", TREND_MEASURES, m.value), chartBox(chart, caption), dataTable(columns(dims, m), rows, { id: "view-table" }), notesList(report)].filter((n): n is HTMLElement => n !== null);
  },
};
