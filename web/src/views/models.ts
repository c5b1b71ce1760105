// Attribution model comparison (report models): each channel's share of credit under every model,
// and how far its rank moves with the choice. A wide spread means the model, not the data, decides.
// How much pipeline no model can credit (Unattributed), and why, in a box above the chart. A cell
// opens the deals behind it under that model.
import type { ReportResult, Row } from "../../../src/contract/index.js";
import { modelsMatrix } from "../charts/chart-for-report.js";
import { h } from "../dom.js";
import { dealsPatch, drillLabel, rowTarget } from "../drill.js";
import { dimsOf } from "../report-json.js";
import { modelGlossary } from "../model-help.js";
import { dataTable, pickColumns, reportTotals } from "../table.js";
import { chartBox, notesList, unattributedCallout, type View } from "../view-kit.js";
import { matrixMultiples, wantsMultiples } from "./matrix-multiples.js";

/**
 * Each model's distance from the truth on journeys shaped like this workspace (pipeprism validate),
 * lowest first, and the recommended model; or why there is none. Null for a server without it.
 */
function validateBox(report: ReportResult): HTMLElement | null {
  const v = report.params.validate as { status?: string; mean_tv?: Record<string, number>; recommended?: string } | undefined;
  if (!v?.status) return null;
  if (v.status !== "current" || !v.mean_tv) {
    const why = v.status === "stale" ? "the saved scores predate the last ingest or config change" : "none computed yet";
    return h(
      "p",
      { class: "validate-box" },
      `Distance from the truth: ${why}. Run `,
      h("code", {}, "pipeprism validate"),
      " to score each model on data shaped like yours.",
    );
  }
  const entries = Object.entries(v.mean_tv).sort((a, b) => a[1] - b[1]);
  const rows = entries.map(([model, tv]) =>
    h(
      "tr",
      { class: model === v.recommended ? "hl" : null },
      h("td", {}, model),
      h("td", { class: "num" }, tv.toFixed(3)),
      h("td", {}, model === v.recommended ? "recommended" : ""),
    ),
  );
  return h(
    "details",
    { class: "validate-box", open: true },
    h(
      "summary",
      {},
      `pipeprism recommends ${v.recommended ?? "?"}: closest to the truth on journeys simulated in the shape of this workspace`,
    ),
    h(
      "table",
      { class: "data", id: "validate-table" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, "model"),
          h("th", { scope: "col", class: "num" }, "distance from truth (mean TV)"),
          h("th", { scope: "col" }, ""),
        ),
      ),
      h("tbody", {}, ...rows),
    ),
  );
}

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
    // a cell opens the deals credited to its channel (in its segment) under its column's model
    const target = (r: Row) => rowTarget(r, dimsOf(report), String(r.model));
    const links = { href: (r: Row) => ctx.href(dealsPatch(target(r))), label: (r: Row) => drillLabel(target(r)) };
    // two dimensions on a phone: one matrix per first-dimension segment, its rows labelled by the second
    const chart = wantsMultiples(report, ctx.width)
      ? matrixMultiples(report, rows, ctx.width, (part, width) => modelsMatrix(part, width, links))
      : chartBox(modelsMatrix({ ...report, rows }, ctx.width, links));
    return [
      unattributedCallout(report),
      h(
        "p",
        { class: "lead" },
        "Each cell is the channel's share of credited pipeline under one model (columns sum to 100% within a segment). Position models split each journey by rule; markov, shapley and lift are fitted on the data (lift from converting and non-converting journeys alike).",
      ),
      modelGlossary(models),
      chart,
      dataTable(columns, rows, { id: "view-table", highlight, totals: reportTotals(report, ctx.state.seg) }),
      validateBox(report),
      notesList(report),
    ].filter((n): n is HTMLElement => n !== null);
  },
};
