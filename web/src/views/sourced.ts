// Sourced vs influenced pipeline per channel (report attribution's sourced_pipeline and
// influenced_pipeline columns): the pipeline a channel opened (the opportunity's first touch) against
// the pipeline it touched at all. One grouped bar chart per segment, then the table; the model's
// attributed pipeline sits between the two and is in the table for comparison.
import * as Plot from "@observablehq/plot";
import type { ReportResult, Row } from "../../../src/contract/index.js";
import { baseStyle, CATEGORICAL, labelMargin, tickFormat } from "../charts/chart-style.js";
import { h } from "../dom.js";
import { fmt, fmtShort, formatOf } from "../format.js";
import { dimsOf, distinct, immatureThreshold, num, segmentLabel } from "../report-json.js";
import { dataTable, pickColumns, reportTotals } from "../table.js";
import { emptyNote, notesList, unattributedCallout, type View } from "../view-kit.js";

const MEASURES = [
  { key: "sourced_pipeline", label: "sourced" },
  { key: "influenced_pipeline", label: "influenced" },
] as const;

const COLUMNS = ["channel", "sourced_pipeline", "influenced_pipeline", "pipeline", "opportunities", "sample", "maturity"];

const SOURCED_EXPLANATION =
  "Sourced: the pipeline of the opportunities whose first touch is this channel; each opportunity has one source, so sourced pipeline adds up to the segment's pipeline. Influenced: the pipeline of the opportunities this channel touched at all; a deal touched by three channels counts for each of them, so influenced pipeline does not add up (the totals leave it empty). The model's attributed pipeline, in the table, lies between the two.";

/** One segment's channels, two bars each (sourced, influenced), grouped by channel. */
function groupedBars(report: ReportResult, rows: readonly Row[], width: number, title: string): SVGSVGElement | HTMLElement {
  const format = formatOf(report.columns, "sourced_pipeline");
  const currency = report.currency;
  const long = rows.flatMap((r) => MEASURES.map((m) => ({ channel: String(r.channel), measure: m.label, value: num(r[m.key]), row: r })));
  const channels = distinct(long.map((d) => d.channel));
  return Plot.plot({
    width,
    height: channels.length * 30 + 50,
    marginLeft: labelMargin(channels),
    marginRight: 64,
    style: baseStyle(),
    ariaLabel: `sourced and influenced pipeline by channel${title ? `, ${title}` : ""}`,
    fy: { domain: channels, label: null, axis: "left", tickSize: 0 },
    y: { domain: MEASURES.map((m) => m.label), axis: null },
    x: { label: "pipeline", tickFormat: tickFormat(format, currency), grid: true, nice: true, ticks: Math.max(2, Math.floor(width / 120)) },
    color: { domain: MEASURES.map((m) => m.label), range: CATEGORICAL.slice(0, 2), legend: true },
    marks: [
      Plot.barX(long, {
        fy: "channel",
        y: "measure",
        x: "value",
        fill: "measure",
        tip: { format: { x: (v: number) => fmt(v, format, currency), fy: true, y: true, fill: false } },
      }),
      Plot.text(long, {
        fy: "channel",
        y: "measure",
        x: "value",
        text: (d: { value: number | null }) => (d.value === null ? "–" : fmtShort(d.value, format, currency)),
        dx: 4,
        textAnchor: "start",
        fontSize: 10,
        pointerEvents: "none",
      }),
      Plot.ruleX([0]),
    ],
  });
}

/** A chart per segment (one chart when the report is not split), each titled by its segment. */
function segmentCharts(report: ReportResult, rows: readonly Row[], full: number): HTMLElement | null {
  const dims = dimsOf(report);
  const segments = distinct(rows.map((r) => segmentLabel(r, dims)));
  if (!segments.length) return null;
  const width = segments.length > 1 && full > 900 ? Math.floor(full / 2) - 12 : full;
  const charts = segments.map((s) => {
    const chart = groupedBars(
      report,
      rows.filter((r) => segmentLabel(r, dims) === s),
      width,
      dims.length ? s : "",
    );
    return h("figure", { class: "chart", "data-segment": s }, dims.length ? h("h4", { class: "facet" }, s) : null, chart);
  });
  return h("div", { class: "chart-grid" }, ...charts);
}

export const sourcedView: View = {
  id: "sourced",
  title: "Sourced vs influenced",
  question: "Which channels open pipeline, and which ones touch pipeline that others opened?",
  controls: ["period", "by", "model", "stage"],
  async render(ctx) {
    const report = await ctx.load("attribution");
    const rows = ctx.filter(report.rows).filter((r) => r.channel !== undefined && r.channel !== null);
    const charts = segmentCharts(report, rows, ctx.width);
    const threshold = immatureThreshold(report);
    return [
      unattributedCallout(report),
      h("p", { class: "lead", id: "sourced-explanation" }, SOURCED_EXPLANATION),
      charts ?? emptyNote("No pipeline for these settings."),
      dataTable(pickColumns(report.columns, [...dimsOf(report), ...COLUMNS]), rows, {
        id: "view-table",
        immatureThreshold: threshold,
        totals: reportTotals(report, ctx.state.seg),
      }),
      notesList(report),
    ].filter((n): n is HTMLElement => n !== null);
  },
};
