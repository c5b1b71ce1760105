// Horizontal bars, one per segment (or channel): pipeline by segment, LTV:CAC, velocity. An
// optional second value is drawn as a darker bar inside the first (e.g. open within created).
import * as Plot from "@observablehq/plot";
import type { Row } from "../../../src/contract/index.js";
import { fmt, fmtShort, type ColumnFormat } from "../format.js";
import { ACCENT, baseStyle, labelMargin, tickFormat } from "./chart-style.js";

export interface BarsSpec {
  readonly rows: readonly Row[];
  readonly label: (row: Row) => string;
  readonly value: string;
  /** The value column's format, as the report declares it. */
  readonly format: ColumnFormat;
  readonly axisLabel: string;
  readonly width: number;
  readonly inner?: { readonly value: string; readonly label: string };
  readonly ariaLabel: string;
}

export function barsChart(spec: BarsSpec): SVGSVGElement | HTMLElement {
  const { rows, label, value, format } = spec;
  const labels = rows.map(label);
  const inner = spec.inner;
  return Plot.plot({
    width: spec.width,
    height: Math.max(120, rows.length * 30 + 60),
    marginLeft: labelMargin(labels),
    marginRight: 90,
    style: baseStyle(),
    ariaLabel: spec.ariaLabel,
    marginBottom: 44,
    x: { label: spec.axisLabel, labelAnchor: "center", labelOffset: 36, tickFormat: tickFormat(format), grid: true, nice: true },
    y: { domain: labels, label: null, tickSize: 0 },
    marks: [
      Plot.barX(rows, { y: label, x: value, fill: inner ? "#b9cde0" : ACCENT, tip: { format: { x: (v: number) => fmt(v, format) } } }),
      inner ? Plot.barX(rows, { y: label, x: inner.value, fill: ACCENT, insetTop: 6, insetBottom: 6 }) : null,
      Plot.text(rows, { y: label, x: value, text: (r: Row) => fmtShort(r[value], format), dx: 6, textAnchor: "start" }),
      Plot.ruleX([0]),
    ],
  });
}
