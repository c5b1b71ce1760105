// The channel x segment heatmap (report attribution): which channels carry each segment's
// pipeline, and how good that pipeline is. One metric at a time; thin and immature cells hatched;
// how much pipeline is Unattributed, and why, in a box above the chart. With a fitted model
// (lift, markov, shapley) the intervals switch adds the bootstrap's 95 % intervals on pipeline and
// share of segment: low and high columns in the table, the ranges in the heatmap's tooltip. A cell,
// or its pipeline in the table, opens the deals behind it; compare adds the other window's columns.
import type { ReportResult, Row } from "../../../src/contract/index.js";
import { channelMatrix } from "../charts/chart-for-report.js";
import { emptyChart } from "../charts/chart-style.js";
import { intervalsToggle } from "../controls.js";
import { h } from "../dom.js";
import { fmt, formatOf } from "../format.js";
import { dimsOf, distinct, immatureThreshold, num, segmentLabel } from "../report-json.js";
import { dealsPatch, drillLabel, rowTarget } from "../drill.js";
import { compareParams, intervalsWanted } from "../state.js";
import { dataTable, pickColumns, reportTotals, type ColumnPick } from "../table.js";
import { chartBox, compareColumns, immatureLegend, notesList, switcher, thinLegend, unattributedCallout, type View } from "../view-kit.js";
import { winRatePick } from "./columns.js";
import { matrixMultiples, wantsMultiples } from "./matrix-multiples.js";

const CHANNEL_METRICS: readonly { value: string; label: string; legend: string }[] = [
  { value: "share_of_segment", label: "Share of segment", legend: "share of segment pipeline" },
  { value: "pipeline", label: "Pipeline", legend: "attributed pipeline" },
  { value: "win_rate", label: "Win rate", legend: "win rate" },
  { value: "quality_index", label: "Quality index", legend: "quality index (100 = segment avg)" },
];

/** The interval columns follow their value; pickColumns leaves them out of a report run without intervals. */
const COLUMNS: readonly ColumnPick[] = [
  "channel",
  "pipeline",
  "pipeline_low",
  "pipeline_high",
  "share_of_segment",
  "share_of_segment_low",
  "share_of_segment_high",
  "opportunities",
  winRatePick,
  "quality_index",
  "sample",
  "maturity",
];

/** One line per segment: its top three channels by share, in words. */
function leaders(report: ReportResult, rows: readonly Row[]): HTMLElement | null {
  const dims = dimsOf(report);
  if (!dims.length) return null;
  const format = formatOf(report.columns, "share_of_segment");
  const segments = distinct(rows.map((r) => segmentLabel(r, dims)));
  const items = segments.map((s) => {
    const top = rows
      .filter((r) => segmentLabel(r, dims) === s && r.channel !== "Unattributed")
      .sort((a, b) => (num(b.share_of_segment) ?? 0) - (num(a.share_of_segment) ?? 0))
      .slice(0, 3);
    const named = top.map((r) => `${String(r.channel)} ${fmt(r.share_of_segment, format)}`).join(", ");
    return h("li", {}, h("strong", {}, s), ": ", named || "no attributed channel (all Unattributed)");
  });
  return h("div", { class: "leaders" }, h("h3", {}, "Top channels by share of segment pipeline"), h("ul", {}, ...items));
}

export const channelsView: View = {
  id: "channels",
  title: "Channels × segments",
  question: "Which channels carry each segment's pipeline, and how well does it convert?",
  controls: ["period", "by", "model", "stage", "compare"],
  async render(ctx) {
    // `intervals=true` is the bare flag: the server's default number of replicates for the model.
    const report = await ctx.load("attribution", {
      ...(intervalsWanted(ctx.state) ? { intervals: "true" } : {}),
      ...compareParams(ctx.state),
    });
    const metric = CHANNEL_METRICS.find((m) => m.value === ctx.state.metric) ?? CHANNEL_METRICS[0];
    if (!metric) return [];
    const rows = ctx.filter(report.rows);
    const highlight = (r: Row) => ctx.state.hl.includes(String(r.channel));
    const deals = (r: Row) => ctx.href(dealsPatch(rowTarget(r, dimsOf(report))));
    const label = `${metric.legend} · ${String(report.params.model)}`;
    const extras = {
      highlight,
      valueName: metric.legend,
      links: { href: deals, label: (r: Row) => drillLabel(rowTarget(r, dimsOf(report))) },
    };
    const framed = ctx.state.hl.length ? `Framed: ${ctx.state.hl.join(", ")}. ` : "";
    // two dimensions on a phone: one heatmap per first-dimension segment, the second across
    const chartWithHighlight = wantsMultiples(report, ctx.width)
      ? matrixMultiples(report, rows, ctx.width, (part, width) => channelMatrix(part, width, metric.value, label, extras))
      : chartBox(
          channelMatrix({ ...report, rows }, ctx.width, metric.value, label, extras) ?? emptyChart("No opportunities in this period."),
          `${framed}The colour scale spans the measured cells; thin and immature cells are hatched and left out of it. Hover or Tab to a cell for its numbers; click it (or press Enter) to list the deals behind it.`,
        );
    return [
      unattributedCallout(report),
      switcher(ctx, "Colour by", "metric", CHANNEL_METRICS, metric.value),
      intervalsToggle(ctx.state, ctx.navigate),
      chartWithHighlight,
      thinLegend(ctx.meta.min_sample, rows),
      immatureLegend(report, rows, "cells"),
      leaders(report, rows),
      dataTable(pickColumns(report.columns, [...dimsOf(report), ...COLUMNS, ...compareColumns(report)]), rows, {
        id: "view-table",
        highlight,
        immatureThreshold: immatureThreshold(report),
        links: { key: "pipeline", href: deals, title: "List the deals behind this pipeline" },
        totals: reportTotals(report, ctx.state.seg),
      }),
      notesList(report),
    ].filter((n): n is HTMLElement => n !== null);
  },
};
