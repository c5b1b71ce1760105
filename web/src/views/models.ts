// Attribution model comparison (report models): each channel's share of credit under every model,
// and how far its rank moves with the choice. A wide spread means the model, not the data, decides.
// How much pipeline no model can credit (Unattributed), and why, in a box above the chart.
import type { Row } from "../../../src/contract/index.js";
import { CHARTS } from "../charts/chart-for-report.js";
import { h } from "../dom.js";
import { dimsOf } from "../report-json.js";
import { dataTable, pickColumns } from "../table.js";
import { chartBox, notesList, unattributedCallout, type View } from "../view-kit.js";

export const modelsView: View = {
  id: "models",
  title: "Attribution models compared",
  question: "How much does each channel's share depend on the attribution model?",
  controls: ["period", "by", "stage"],
  loading: "Fitting every attribution model, Markov and Shapley included: this can take a while on a large workspace.",
  async render(ctx) {
    const report = await ctx.load("models");
    const models = Array.isArray(report.params.models) ? report.params.models.map(String) : [];
    const rows = ctx.filter(report.rows);
    const columns = pickColumns(report.columns, [...dimsOf(report), "channel", ...models, "rank_best", "rank_worst", "rank_spread"]);
    const highlight = (r: Row) => ctx.state.hl.includes(String(r.channel));
    const chart = CHARTS.models?.({ ...report, rows }, ctx.width) ?? null;
    return [
      unattributedCallout(report),
      h(
        "p",
        { class: "lead" },
        "Each cell is the channel's share of credited pipeline under one model (columns sum to 100% within a segment). Position models split each journey by rule; markov, shapley and lift are fitted on the data (lift from converting and non-converting journeys alike).",
      ),
      chartBox(chart),
      dataTable(columns, rows, { id: "view-table", highlight }),
      notesList(report),
    ].filter((n): n is HTMLElement => n !== null);
  },
};
