// Cost, CAC and LTV (reports cost and ltv): what each channel's pipeline costs per segment, and
// whether a segment's customers are worth what it costs to win them. Cost is credited like
// attribution, so the Unattributed callout and the immature marks (cells, rows) apply to it too; a
// cell opens the deals behind it, an LTV:CAC bar the deals of its segment. LTV : CAC is drawn on
// fully loaded CAC (marketing spend plus the sales cost of `sales_cost:`) wherever the report has
// it, the benchmark's meaning; otherwise on program CAC, and the caption says what that leaves out.
import type { ReportResult, Row } from "../../../src/contract/index.js";
import { barsChart } from "../charts/bars-chart.js";
import { channelMatrix } from "../charts/chart-for-report.js";
import { emptyChart } from "../charts/chart-style.js";
import { h } from "../dom.js";
import { fmt, formatOf } from "../format.js";
import { dealsPatch, drillLabel, rowLinks, rowTarget } from "../drill.js";
import { currencyOf, dimsOf, immatureThreshold, num, segmentLabel } from "../report-json.js";
import { dataTable, pickColumns, reportTotals } from "../table.js";
import { chartBox, immatureLegend, notesList, switcher, unattributedCallout, type View } from "../view-kit.js";
import { matrixMultiples, wantsMultiples } from "./matrix-multiples.js";

const COST_MEASURES: readonly { value: string; label: string }[] = [
  { value: "cac", label: "CAC" },
  { value: "cost_per_opportunity", label: "Cost per opportunity" },
  { value: "spend", label: "Spend" },
  // ROI is net of spend, a percent (−100 % when nothing was won); won / spend is the plain multiple
  { value: "roi", label: "ROI" },
  { value: "return_on_spend", label: "Won / spend" },
];

/** The LTV : CAC drawn: on fully loaded CAC, or on program CAC (marketing spend only). */
interface LtvRatio {
  readonly value: "ltv_to_cac_fully_loaded" | "ltv_to_cac";
  readonly cac: "cac_fully_loaded" | "cac";
  readonly axisLabel: string;
}

const FULLY_LOADED: LtvRatio = { value: "ltv_to_cac_fully_loaded", cac: "cac_fully_loaded", axisLabel: "LTV : CAC (fully loaded)" };
const PROGRAM: LtvRatio = { value: "ltv_to_cac", cac: "cac", axisLabel: "LTV : CAC" };

/** Fully loaded wherever a shown segment has it (sales cost placed on the segments), else program CAC. */
const ltvRatio = (rows: readonly Row[]): LtvRatio => (rows.some((r) => num(r.ltv_to_cac_fully_loaded) !== null) ? FULLY_LOADED : PROGRAM);

/** Why a segment has no LTV : CAC, in words, where its bar would be. */
function ltvMissing(ratio: LtvRatio): (r: Row) => string {
  return (r) => {
    if (num(r.arpa) === null) return "no new business won";
    if (num(r.ltv) === null) return num(r.churn) === 0 ? "no churn observed: LTV not measurable" : "no renewals closed: LTV not measurable";
    if (num(r.cac) === null) return "no CAC: no spend recorded";
    if (num(r[ratio.cac]) === null) return "no sales cost for this segment";
    return "no value";
  };
}

/** What the LTV : CAC bars are measured on, and on program CAC what that leaves out and how to add it. */
function ltvCaption(ltv: ReportResult, ratio: LtvRatio): string {
  const end = "A segment without one says why instead of a bar. A bar opens the deals of its segment.";
  if (ratio === FULLY_LOADED)
    return `LTV : CAC per segment on fully loaded CAC (marketing spend plus sales cost); above 3 is commonly read as healthy. ${end}`;
  // sales cost configured, but for segments of another dimension: the notes say which --by places it
  const elsewhere = ltv.totals.some((t) => num(t.cac_fully_loaded) !== null);
  const missing = elsewhere
    ? "The sales cost in pipeprism.yaml is for segments of another dimension (see the notes): split by it for fully loaded CAC."
    : "Add the sales team's cost under sales_cost: in pipeprism.yaml for fully loaded CAC, which the 3 : 1 benchmark assumes.";
  return `LTV : CAC per segment on program CAC: it counts marketing spend only, not the cost of the sales team, so it flatters every segment. ${missing} ${end}`;
}

const COST_COLUMNS = [
  "channel",
  "spend",
  "pipeline",
  "opportunities",
  "cost_per_opportunity",
  "won_new_business",
  "cac",
  "roi",
  "return_on_spend",
];
const LTV_COLUMNS = ["arpa", "churn", "ltv", "cac", "ltv_to_cac", "cac_fully_loaded", "ltv_to_cac_fully_loaded"];

export const costView: View = {
  id: "cost",
  title: "Cost, CAC and LTV",
  question: "What does each channel's pipeline cost per segment, and are customers worth it?",
  controls: ["period", "by", "model", "stage"],
  async render(ctx) {
    const [cost, ltv] = await Promise.all([ctx.load("cost"), ctx.load("ltv")]);
    const m = COST_MEASURES.find((x) => x.value === ctx.state.measure) ?? COST_MEASURES[0];
    if (!m) return [];
    const costRows = ctx.filter(cost.rows);
    const ltvRows = ctx.filter(ltv.rows);
    const dims = dimsOf(ltv);
    const ratio = ltvRatio(ltvRows);
    const money = (key: string) => (r: Row) => fmt(r[key], formatOf(ltv.columns, key), ltv.currency);
    const ltvBars = ltvRows.length
      ? barsChart({
          rows: ltvRows,
          label: (r: Row) => segmentLabel(r, dims),
          value: ratio.value,
          format: formatOf(ltv.columns, ratio.value),
          ...currencyOf(ltv),
          axisLabel: ratio.axisLabel,
          width: ctx.width,
          missing: ltvMissing(ratio),
          tips: {
            LTV: money("ltv"),
            ...(ratio === FULLY_LOADED
              ? { "CAC (fully loaded)": money("cac_fully_loaded"), "CAC (program)": money("cac") }
              : { CAC: money("cac") }),
            "new business won": (r) => `n = ${fmt(r.new_business_won_count, formatOf(ltv.columns, "new_business_won_count"))}`,
          },
          ariaLabel: `${ratio.axisLabel} by segment`,
          links: rowLinks(dims, (p) => ctx.href(p)),
        })
      : null;
    const label = `${m.label} · ${String(cost.params.model)}`;
    const extras = {
      valueName: m.label,
      links: {
        href: (r: Row) => ctx.href(dealsPatch(rowTarget(r, dimsOf(cost)))),
        label: (r: Row) => drillLabel(rowTarget(r, dimsOf(cost))),
      },
    };
    // two dimensions on a phone: one heatmap per first-dimension segment, the second across
    const matrix = wantsMultiples(cost, ctx.width)
      ? matrixMultiples(cost, costRows, ctx.width, (part, width) => channelMatrix(part, width, m.value, label, extras))
      : chartBox(
          channelMatrix({ ...cost, rows: costRows }, ctx.width, m.value, label, extras) ?? emptyChart("No opportunities in this period."),
        );
    return [
      h("h3", {}, "Cost by channel and segment"),
      unattributedCallout(cost),
      switcher(ctx, "Colour by", "measure", COST_MEASURES, m.value),
      matrix,
      immatureLegend(cost, costRows, "cells"),
      dataTable(pickColumns(cost.columns, [...dimsOf(cost), ...COST_COLUMNS]), costRows, {
        id: "view-table",
        immatureThreshold: immatureThreshold(cost),
        totals: reportTotals(cost, ctx.state.seg),
      }),
      notesList(cost),
      h("h3", {}, "Lifetime value against acquisition cost"),
      chartBox(ltvBars ?? emptyChart("No segments in this period."), ltvCaption(ltv, ratio)),
      dataTable(pickColumns(ltv.columns, [...dims, ...LTV_COLUMNS]), ltvRows, {
        id: "ltv-table",
        totals: reportTotals(ltv, ctx.state.seg),
      }),
      notesList(ltv),
    ].filter((n): n is HTMLElement => n !== null);
  },
};
