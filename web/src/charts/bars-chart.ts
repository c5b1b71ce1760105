// Horizontal bars, one per segment (or channel): pipeline by segment, LTV:CAC, velocity. An
// optional second value is drawn as a darker bar inside the first (e.g. open within created). With
// links, each outer bar opens the deals behind it; the inner bar, the value label, the zero rule
// and the tooltip drawn over it let clicks through.
import * as Plot from "@observablehq/plot";
import type { Row } from "../../../src/contract/index.js";
import { fmt, fmtShort, type ColumnFormat } from "../format.js";
import { ACCENT, baseStyle, labelMargin, tickFormat } from "./chart-style.js";
import { linkMarks, type MarkLinks } from "./link-marks.js";

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
  /** Each bar a link (drill-down to the deals behind it); the marks drawn over the bars let clicks through. */
  readonly links?: MarkLinks;
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
      Plot.barX(rows, {
        y: label,
        x: value,
        fill: inner ? "#b9cde0" : ACCENT,
        // The tip points at the bar's end and lies over the bar: it lets clicks through to the link.
        tip: { format: { x: (v: number) => fmt(v, format) }, pointerEvents: "none" },
        ...(spec.links ? { render: linkMarks(rows, spec.links) } : {}),
      }),
      inner ? Plot.barX(rows, { y: label, x: inner.value, fill: ACCENT, insetTop: 6, insetBottom: 6, pointerEvents: "none" }) : null,
      Plot.text(rows, {
        y: label,
        x: value,
        text: (r: Row) => fmtShort(r[value], format),
        dx: 6,
        textAnchor: "start",
        pointerEvents: "none",
      }),
      Plot.ruleX([0], { pointerEvents: "none" }),
    ],
  });
}
