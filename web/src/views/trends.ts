// Trends per fiscal quarter (any report with --trend quarter): pipeline created, open pipeline or
// win rate per segment, with the change from the quarter before and whether it is significant.
import type { Row } from "../../../src/contract/index.js";
import { emptyChart } from "../charts/chart-style.js";
import { trendChart } from "../charts/trend-chart.js";
import { formatOf } from "../format.js";
import { currencyOf, dimsOf, distinct, num, segmentLabel } from "../report-json.js";
import { dataTable, pickColumns, reportTotals, type ColumnPick } from "../table.js";
import { chartBox, notesList, switcher, type View } from "../view-kit.js";

interface Measure {
  readonly value: string;
  readonly label: string;
  readonly report: string;
  /** A rate with a 95% band (value_low, value_high) and a significance test of its change. */
  readonly tested: boolean;
}

const TREND_MEASURES: readonly Measure[] = [
  { value: "pipeline_created", label: "Pipeline created", report: "pipeline", tested: false },
  { value: "win_rate", label: "Win rate", report: "winrate", tested: true },
  { value: "open_pipeline", label: "Open pipeline", report: "pipeline", tested: false },
];

function picks(dims: readonly string[], m: Measure): ColumnPick[] {
  const value: ColumnPick = m.tested ? { key: m.value, interval: [`${m.value}_low`, `${m.value}_high`] } : m.value;
  return ["period", ...dims, value, `${m.value}_change`, ...(m.tested ? [`${m.value}_change_significant`] : [])];
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
    const tested = m.tested ? { band: [`${m.value}_low`, `${m.value}_high`] as const, significant: `${m.value}_change_significant` } : {};
    const chart = !rows.some((r) => num(r[m.value]) !== null)
      ? emptyChart("No opportunities in any quarter.")
      : trendChart({
          rows,
          periods,
          series,
          seriesDomain: distinct(rows.map(series)),
          value: m.value,
          format: formatOf(report.columns, m.value),
          ...currencyOf(report),
          ...tested,
          axisLabel: m.label.toLowerCase(),
          width: ctx.width,
          ariaLabel: `${m.label} per quarter by segment`,
        });
    const caption = m.tested
      ? "Shaded: 95% interval. Ringed: a significant change from the quarter before (two-proportion z-test, p < 0.05)."
      : "The last quarter runs to the as-of date and may be incomplete.";
    return [
      switcher(ctx, "Measure", "measure", TREND_MEASURES, m.value),
      chartBox(chart, caption),
      dataTable(pickColumns(report.columns, picks(dims, m)), rows, { id: "view-table", totals: reportTotals(report, ctx.state.seg) }),
      notesList(report),
    ].filter((n): n is HTMLElement => n !== null);
  },
};
