// The funnel by segment (report funnel): how far each segment's opportunities get.
import type { Row } from "../../../src/contract/index.js";
import { emptyChart } from "../charts/chart-style.js";
import { funnelChart } from "../charts/funnel-chart.js";
import { dimsOf, distinct, num, segmentLabel } from "../report-json.js";
import { compareParams } from "../state.js";
import { dataTable, pickColumns, reportTotals, type ColumnPick } from "../table.js";
import { chartBox, compareColumns, notesList, thinLegend, type View } from "../view-kit.js";

const COLUMNS: readonly ColumnPick[] = [
  "step",
  "from_stage",
  "to_stage",
  "reached_from",
  "reached_to",
  { key: "conversion", interval: ["conversion_low", "conversion_high"] },
  "cumulative",
  "sample",
];

export const funnelView: View = {
  id: "funnel",
  title: "Funnel by segment",
  question: "Where in the sales process does each segment's pipeline fall out?",
  controls: ["period", "by", "compare"],
  async render(ctx) {
    const report = await ctx.load("funnel", compareParams(ctx.state));
    const dims = dimsOf(report);
    const rows = ctx.filter(report.rows);
    const series = (r: Row) => segmentLabel(r, dims);
    const stages = Array.isArray(report.params.stages) ? report.params.stages.map(String) : [];
    const chart = rows.some((r) => num(r.cumulative) !== null)
      ? funnelChart({
          rows,
          series,
          seriesDomain: distinct(rows.map(series)),
          stages,
          columns: report.columns,
          width: ctx.width,
          ariaLabel: "share of created opportunities reaching each stage, by segment",
        })
      : emptyChart("No opportunities in this period.");
    return [
      chartBox(chart, "Share of the opportunities created in the window that reached each stage (cohort)."),
      thinLegend(ctx.meta.min_sample, rows),
      dataTable(pickColumns(report.columns, [...dims, ...COLUMNS, ...compareColumns(report)]), rows, {
        id: "view-table",
        totals: reportTotals(report, ctx.state.seg),
      }),
      notesList(report),
    ].filter((n): n is HTMLElement => n !== null);
  },
};
