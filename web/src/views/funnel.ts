// The funnel by segment (report funnel): how far each segment's opportunities get.
import { funnelChart } from "../charts/funnel-chart.js";
import { dimsOf, distinct, segmentLabel, type Row } from "../report-json.js";
import { dataTable, type Column } from "../table.js";
import { chartBox, notesList, thinLegend, type View } from "../view-kit.js";
import { dimColumns, sampleColumn } from "./columns.js";

const columns = (dims: readonly string[]): Column[] => [
  ...dimColumns(dims),
  { key: "step", label: "step", format: "count" },
  { key: "from_stage", label: "from", format: "text" },
  { key: "to_stage", label: "to", format: "text" },
  { key: "reached_from", label: "reached from", format: "count" },
  { key: "reached_to", label: "reached to", format: "count" },
  { key: "conversion", label: "conversion", format: "rate", interval: ["conversion_low", "conversion_high"] },
  { key: "cumulative", label: "cumulative", format: "rate" },
  sampleColumn,
];

export const funnelView: View = {
  id: "funnel",
  title: "Funnel by segment",
  question: "Where in the sales process does each segment's pipeline fall out?",
  controls: ["period", "by"],
  async render(ctx) {
    const report = await ctx.load("funnel");
    const dims = dimsOf(report);
    const rows = ctx.filter(report.rows);
    const series = (r: Row) => segmentLabel(r, dims);
    const stages = Array.isArray(report.params.stages) ? report.params.stages.map(String) : [];
    const chart = rows.length ? funnelChart({ rows, series, seriesDomain: distinct(rows.map(series)), stages, width: ctx.width, ariaLabel: "share of created opportunities reaching each stage, by segment" }) : null;
    return [chartBox(chart, "Share of the opportunities created in the window that reached each stage (cohort)."), thinLegend(ctx.meta.min_sample, rows), dataTable(columns(dims), rows, { id: "view-table" }), notesList(report)].filter((n): n is HTMLElement => n !== null);
  },
};
