// Cost, CAC and LTV (reports cost and ltv): what each channel's pipeline costs per segment, and
// whether a segment's customers are worth what it costs to win them. Cost is credited like
// attribution, so the Unattributed callout and the immature marks (cells, rows) apply to it too; a
// cell opens the deals behind it, an LTV:CAC bar the deals of its segment.
import type { Row } from "../../../src/contract/index.js";
import { barsChart } from "../charts/bars-chart.js";
import { channelMatrix } from "../charts/chart-for-report.js";
import { h } from "../dom.js";
import { formatOf } from "../format.js";
import { dealsPatch, drillLabel, rowLinks, rowTarget } from "../drill.js";
import { dimsOf, immatureThreshold, segmentLabel } from "../report-json.js";
import { dataTable, pickColumns } from "../table.js";
import { chartBox, immatureLegend, notesList, switcher, unattributedCallout, type View } from "../view-kit.js";

const COST_MEASURES: readonly { value: string; label: string }[] = [
  { value: "cac", label: "CAC" },
  { value: "cost_per_opportunity", label: "Cost per opportunity" },
  { value: "spend", label: "Spend" },
  { value: "roi", label: "ROI" },
];

const COST_COLUMNS = ["channel", "spend", "pipeline", "opportunities", "cost_per_opportunity", "won_new_business", "cac", "roi"];
const LTV_COLUMNS = ["arpa", "churn", "ltv", "cac", "ltv_to_cac"];

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
    const ltvChart = ltvRows.length
      ? barsChart({
          rows: ltvRows,
          label: (r: Row) => segmentLabel(r, dims),
          value: "ltv_to_cac",
          format: formatOf(ltv.columns, "ltv_to_cac"),
          axisLabel: "LTV : CAC",
          width: ctx.width,
          ariaLabel: "LTV to CAC by segment",
          links: rowLinks(dims, (p) => ctx.href(p)),
        })
      : null;
    return [
      h("h3", {}, "Cost by channel and segment"),
      unattributedCallout(cost),
      switcher(ctx, "Colour by", "measure", COST_MEASURES, m.value),
      chartBox(
        channelMatrix({ ...cost, rows: costRows }, ctx.width, m.value, `${m.label} · ${String(cost.params.model)}`, {
          links: {
            href: (r) => ctx.href(dealsPatch(rowTarget(r, dimsOf(cost)))),
            label: (r) => drillLabel(rowTarget(r, dimsOf(cost))),
          },
        }),
      ),
      immatureLegend(cost, costRows, "cells"),
      dataTable(pickColumns(cost.columns, [...dimsOf(cost), ...COST_COLUMNS]), costRows, {
        id: "view-table",
        immatureThreshold: immatureThreshold(cost),
      }),
      notesList(cost),
      h("h3", {}, "Lifetime value against acquisition cost"),
      chartBox(ltvChart, "LTV : CAC per segment; above 3 is commonly read as healthy. A bar opens the deals of its segment."),
      dataTable(pickColumns(ltv.columns, [...dims, ...LTV_COLUMNS]), ltvRows, { id: "ltv-table" }),
      notesList(ltv),
    ].filter((n): n is HTMLElement => n !== null);
  },
};
