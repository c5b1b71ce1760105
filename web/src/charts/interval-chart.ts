// Rates with their 95% intervals, one line per segment: a dot at the rate, a bar across the
// interval, the overall rate as a dashed reference. Thin segments are grey and hollow; immature ones
// (a cohort still largely open) say so beside their interval and ringed in orange. Values print
// in the value column's declared format; a rate axis runs from 0 to at most 100%.
import * as Plot from "@observablehq/plot";
import type { Row } from "../../../src/contract/index.js";
import { fmt, fmtInterval, type ColumnFormat } from "../format.js";
import { isImmature, isThin, num } from "../report-json.js";
import { ACCENT, baseStyle, IMMATURE, labelMargin, THIN, tickFormat } from "./chart-style.js";

export interface IntervalSpec {
  readonly rows: readonly Row[];
  readonly label: (row: Row) => string;
  readonly value: string;
  readonly low: string;
  readonly high: string;
  /** The value column's format (its bounds share it), as the report declares it. */
  readonly format: ColumnFormat;
  /** The population rate, drawn as a reference line. */
  readonly reference?: number | null;
  readonly axisLabel: string;
  readonly width: number;
  readonly sampleSize?: (row: Row) => string;
  readonly highlight?: (row: Row) => boolean;
  readonly ariaLabel: string;
}

export function intervalChart(spec: IntervalSpec): SVGSVGElement | HTMLElement {
  const { rows, label, value, low, high, format } = spec;
  const print = (v: Row[string] | undefined) => fmt(v, format);
  const labels = rows.map(label);
  const top = Math.max(0.05, ...rows.map((r) => num(r[high]) ?? num(r[value]) ?? 0));
  const ok = rows.filter((r) => !isThin(r));
  const thin = rows.filter(isThin);
  const tipChannels = {
    interval: { value: (r: Row) => fmtInterval(r[low], r[high], format), label: "95% interval" },
    ...(spec.sampleSize ? { n: { value: (r: Row) => spec.sampleSize?.(r) ?? "", label: "closed" } } : {}),
    ...(rows.some((r) => typeof r.maturity === "string")
      ? { maturity: { value: (r: Row) => String(r.maturity ?? "–"), label: "maturity" } }
      : {}),
  };
  const marks = (r: Row) => `${isThin(r) ? " thin" : ""}${isImmature(r) ? " immature" : ""}`;
  const note = (r: Row) => `${print(r[value])}  (${fmtInterval(r[low], r[high], format)})${marks(r)}`;
  const bar = (data: readonly Row[], stroke: string, dash?: string) =>
    Plot.ruleY(data, {
      y: label,
      x1: low,
      x2: high,
      stroke,
      strokeWidth: 6,
      strokeLinecap: "round",
      ...(dash ? { strokeDasharray: dash } : {}),
    });
  return Plot.plot({
    width: spec.width,
    height: Math.max(120, rows.length * 30 + 70),
    marginTop: 24,
    marginLeft: labelMargin(labels),
    marginRight: rows.some(isImmature) ? 250 : 190,
    style: baseStyle(),
    ariaLabel: spec.ariaLabel,
    marginBottom: 44,
    x: {
      domain: [0, format === "rate" ? Math.min(1, top * 1.1) : top * 1.1],
      label: spec.axisLabel,
      labelAnchor: "center",
      labelOffset: 36,
      tickFormat: tickFormat(format),
      grid: true,
    },
    y: { domain: labels, label: null, tickSize: 0 },
    marks: [
      spec.reference !== null && spec.reference !== undefined
        ? Plot.ruleX([spec.reference], { stroke: "#555", strokeDasharray: "4,3" })
        : null,
      spec.reference !== null && spec.reference !== undefined
        ? Plot.text([spec.reference], {
            x: (v: number) => v,
            frameAnchor: "top",
            dy: -8,
            text: (v: number) => `all ${print(v)}`,
            fill: "#555",
          })
        : null,
      bar(ok, "#7fa3c6"),
      bar(thin, "#cfcfcf", "4,3"),
      Plot.ruleY(
        rows.filter((r) => spec.highlight?.(r)),
        { y: label, x1: 0, x2: top * 1.1, stroke: "#ffe08a", strokeWidth: 22, strokeOpacity: 0.5 },
      ),
      Plot.dot(ok, {
        y: label,
        x: value,
        r: 5.5,
        fill: ACCENT,
        stroke: "white",
        channels: tipChannels,
        tip: { format: { x: (v: number) => print(v) } },
      }),
      Plot.dot(thin, {
        y: label,
        x: value,
        r: 5.5,
        fill: "white",
        stroke: THIN,
        strokeWidth: 2,
        channels: tipChannels,
        tip: { format: { x: (v: number) => print(v) } },
      }),
      Plot.dot(rows.filter(isImmature), {
        y: label,
        x: value,
        r: 9,
        fill: "none",
        stroke: IMMATURE,
        strokeWidth: 1.5,
        strokeDasharray: "1,2",
      }),
      Plot.text(rows, { y: label, x: high, text: note, dx: 10, textAnchor: "start", fill: (r: Row) => (isThin(r) ? THIN : "#222") }),
    ],
  });
}
