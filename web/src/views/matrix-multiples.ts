// Small multiples of a two-dimension matrix: one chart per value of the first --by dimension, each
// with the second dimension across. A size x region heatmap has 16 segment columns, which a phone
// shrinks past reading; four charts of four columns stay legible at 390 px.
import type { ReportResult, Row } from "../../../src/contract/index.js";
import { h } from "../dom.js";
import { dimsOf, distinct } from "../report-json.js";

type Draw = (report: ReportResult, width: number) => Node | null;

/** Whether a matrix is better drawn as multiples: two dimensions on a narrow screen. */
export const wantsMultiples = (report: ReportResult, width: number): boolean => dimsOf(report).length === 2 && width < 900;

/**
 * One figure per value of the first dimension, titled by it: `draw` gets the report narrowed to that
 * value's rows, its `by` the second dimension only (so a chart labels its columns by that dimension).
 * Rows keep their own values, so links and tooltips built from them still name both dimensions.
 */
export function matrixMultiples(report: ReportResult, rows: readonly Row[], width: number, draw: Draw): HTMLElement | null {
  const [first, second] = dimsOf(report);
  if (first === undefined || second === undefined) return null;
  const values = distinct(rows.map((r) => String(r[first] ?? "–")));
  const figures = values.map((v) => {
    const part = rows.filter((r) => String(r[first] ?? "–") === v);
    const chart = draw({ ...report, params: { ...report.params, by: [second] }, rows: part }, width);
    return chart ? h("figure", { class: "chart multiple", "data-segment": v }, h("h4", { class: "facet" }, `${first}: ${v}`), chart) : null;
  });
  return h("div", { class: "multiples" }, ...figures);
}
