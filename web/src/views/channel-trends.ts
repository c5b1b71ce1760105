// Channel trends (report attribution --trend quarter|month): each channel's attributed pipeline and
// win rate per fiscal period, one line per channel. The five channels with the most pipeline by
// default, or the ones picked (kept in the URL as `hl`). A segment filter asks the report for that
// dimension and keeps the segment's rows; with none, the whole population (no --by), so each line
// is the API's own per-period row rather than a sum the dashboard made.
import type { Row } from "../../../src/contract/index.js";
import { trendChart } from "../charts/trend-chart.js";
import { h } from "../dom.js";
import { formatOf } from "../format.js";
import { currencyOf, dimsOf, distinct, num } from "../report-json.js";
import type { State } from "../state.js";
import { dataTable, pickColumns, reportTotals, type ColumnPick } from "../table.js";
import { chartBox, emptyNote, notesList, switcher, type Choice, type View, type ViewContext } from "../view-kit.js";
import { winRatePick } from "./columns.js";

const TOP = 5;
/** Win-rate bands are drawn for this many lines at most. */
const BANDS_UP_TO = 3;

const GRAINS: readonly Choice[] = [
  { value: "quarter", label: "Per quarter" },
  { value: "month", label: "Per month" },
];

const COLUMNS: readonly ColumnPick[] = [
  "period",
  "channel",
  "pipeline",
  "pipeline_change",
  winRatePick,
  "win_rate_change",
  "win_rate_change_significant",
  "sample",
  "maturity",
];

/** The dimensions the segment filter names: the report is split by these only, so a line is one segment's channel. */
const filteredDims = (state: State): string[] => state.by.filter((d) => Object.hasOwn(state.seg, d));

/** Channels by their pipeline over every period, largest first. */
function channelsByPipeline(rows: readonly Row[]): string[] {
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(String(r.channel), (sums.get(String(r.channel)) ?? 0) + (num(r.pipeline) ?? 0));
  return [...sums.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
}

/** The channel chips: each toggles its channel in the picked set; "Top 5" clears the pick. */
function channelPicker(ctx: ViewContext, all: readonly string[], shown: readonly string[]): HTMLElement {
  const picked = ctx.state.hl;
  const toggle = (c: string) => (picked.includes(c) ? picked.filter((x) => x !== c) : [...picked, c]);
  return h(
    "div",
    { class: "switch channel-picker", role: "group", "aria-label": "channels" },
    h("span", { class: "switch-label" }, "Channels"),
    h("a", { href: ctx.href({ hl: [] }), class: picked.length ? null : "on", "aria-pressed": String(!picked.length) }, `Top ${TOP}`),
    ...all.map((c) =>
      h(
        "a",
        {
          href: ctx.href({ hl: toggle(c) }),
          class: shown.includes(c) ? "on" : null,
          "aria-pressed": String(shown.includes(c)),
          "data-channel": c,
        },
        c,
      ),
    ),
  );
}

export const channelTrendsView: View = {
  id: "channel-trends",
  title: "Channel trends",
  question: "How is each channel's pipeline and win rate moving period over period?",
  controls: ["by", "model", "stage"],
  async render(ctx) {
    const grain = ctx.state.mode === "month" ? "month" : "quarter";
    const dims = filteredDims(ctx.state);
    const report = await ctx.load("attribution", { trend: grain, by: dims.length ? dims.join(",") : null });
    const rows = ctx.filter(report.rows).filter((r) => typeof r.channel === "string");
    const all = channelsByPipeline(rows);
    const picked = ctx.state.hl.filter((c) => all.includes(c));
    const shown = picked.length ? all.filter((c) => picked.includes(c)) : all.filter((c) => c !== "Unattributed").slice(0, TOP);
    const lines = rows.filter((r) => shown.includes(String(r.channel)));
    const periods = Array.isArray(report.params.periods) ? report.params.periods.map(String) : distinct(rows.map((r) => String(r.period)));
    const base = { rows: lines, periods, series: (r: Row) => String(r.channel), seriesDomain: shown, width: ctx.width };
    const where = dims.length ? ` in ${dims.map((d) => ctx.state.seg[d]).join(" · ")}` : "";
    const pipeline = trendChart({
      ...base,
      value: "pipeline",
      format: formatOf(report.columns, "pipeline"),
      ...currencyOf(report),
      axisLabel: `attributed pipeline · ${String(report.params.model)}`,
      ariaLabel: `attributed pipeline per ${grain} by channel${where}`,
    });
    // a band per line muddies more than a few lines: the intervals stay in the table and the tooltip
    const banded = shown.length <= BANDS_UP_TO;
    const winRate = trendChart({
      ...base,
      value: "win_rate",
      format: formatOf(report.columns, "win_rate"),
      ...(banded ? { band: ["win_rate_low", "win_rate_high"] as const } : {}),
      significant: "win_rate_change_significant",
      axisLabel: "win rate",
      ariaLabel: `win rate per ${grain} by channel${where}`,
    });
    const scope = dims.length
      ? `Segment${dims.length > 1 ? "s" : ""}: ${dims.map((d) => `${d} = ${ctx.state.seg[d]}`).join(", ")}.`
      : "All segments together; pick a segment filter to see one segment's channels.";
    return [
      switcher(ctx, "Periods", "mode", GRAINS, grain),
      channelPicker(ctx, all, shown),
      h("p", { class: "lead" }, `${scope} The last ${grain} runs to the as-of date and may be incomplete.`),
      lines.length
        ? chartBox(pipeline, `Attributed pipeline per ${grain}, one line per channel.`)
        : emptyNote("No pipeline for these channels."),
      lines.length
        ? chartBox(
            winRate,
            `Win rate per channel${banded ? " with its 95% interval (shaded)" : "; pick up to " + String(BANDS_UP_TO) + " channels to see their 95% intervals shaded"}. Ringed: a significant change from the period before (p < 0.05).`,
          )
        : null,
      dataTable(pickColumns(report.columns, [...dimsOf(report), ...COLUMNS]), lines, {
        id: "view-table",
        totals: reportTotals(report, ctx.state.seg),
      }),
      notesList(report),
    ].filter((n): n is HTMLElement => n !== null);
  },
};
