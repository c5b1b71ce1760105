// Cost, CAC and LTV (reports cost and ltv): what each channel's pipeline costs per segment, and
// whether a segment's customers are worth what it costs to win them.
import { barsChart } from "../charts/bars-chart.js";
import { channelMatrix } from "../charts/chart-for-report.js";
import { h } from "../dom.js";
import type { ColumnFormat } from "../format.js";
import { dimsOf, segmentLabel, type Row } from "../report-json.js";
import { dataTable, type Column } from "../table.js";
import { chartBox, notesList, switcher, type View } from "../view-kit.js";
import { dimColumns } from "./columns.js";

const COST_MEASURES: readonly { value: string; label: string; format: ColumnFormat }[] = [
  { value: "cac", label: "CAC", format: "money" },
  { value: "cost_per_opportunity", label: "Cost per opportunity", format: "money" },
  { value: "spend", label: "Spend", format: "money" },
  { value: "roi", label: "ROI", format: "number" },
];

const costColumns = (dims: readonly string[]): Column[] => [
  ...dimColumns(dims),
  { key: "channel", label: "channel", format: "text" },
  { key: "spend", label: "spend", format: "money" },
  { key: "pipeline", label: "pipeline", format: "money" },
  { key: "opportunities", label: "opps (credit)", format: "credit" },
  { key: "cost_per_opportunity", label: "cost / opp", format: "money" },
  { key: "won_new_business", label: "new customers (credit)", format: "credit" },
  { key: "cac", label: "CAC", format: "money" },
  { key: "roi", label: "ROI", format: "number" },
];

const ltvColumns = (dims: readonly string[]): Column[] => [
  ...dimColumns(dims),
  { key: "arpa", label: "ARPA", format: "money" },
  { key: "renewal_rate", label: "renewal rate", format: "rate" },
  { key: "churn", label: "churn", format: "rate" },
  { key: "ltv", label: "LTV", format: "money" },
  { key: "cac", label: "CAC", format: "money" },
  { key: "ltv_to_cac", label: "LTV : CAC", format: "number" },
];

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
    const ltvChart = ltvRows.length ? barsChart({ rows: ltvRows, label: (r: Row) => segmentLabel(r, dims), value: "ltv_to_cac", format: "number", axisLabel: "LTV : CAC", width: ctx.width, ariaLabel: "LTV to CAC by segment" }) : null;
    return [
      h("h3", {}, "Cost by channel and segment"),
      switcher(ctx, "Colour by", "measure", COST_MEASURES, m.value),
      chartBox(channelMatrix({ ...cost, rows: costRows }, ctx.width, m.value, m.format, `${m.label} · ${String(cost.params.model)}`)),
      dataTable(costColumns(dimsOf(cost)), costRows, { id: "view-table" }),
      notesList(cost),
      h("h3", {}, "Lifetime value against acquisition cost"),
      chartBox(ltvChart, "LTV : CAC per segment; above 3 is commonly read as healthy."),
      dataTable(ltvColumns(dims), ltvRows, { id: "ltv-table" }),
      notesList(ltv),
    ].filter((n): n is HTMLElement => n !== null);
  },
};
