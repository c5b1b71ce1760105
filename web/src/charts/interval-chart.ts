// Rates with their 95% intervals, one line per segment: a dot at the rate, a bar across the
// interval, the overall rate as a dashed reference. Thin segments are grey and hollow; immature ones
// (a cohort still largely open) say so beside their interval and ringed in orange. A segment without
// a closed outcome has no rate: it says "no closed deals" and draws neither dot nor bar (a shrunk or
// zero rate there would read as measured). Values print in the value column's declared format; a
// rate axis runs from 0 to at most 100%. Hovering the dot or the bar, or tabbing to the dot, shows
// the tooltip: rate, interval and sample size.
import * as Plot from "@observablehq/plot";
import type { Row } from "../../../src/contract/index.js";
import { fmt, fmtInterval, type ColumnFormat } from "../format.js";
import { isImmature, isThin, num } from "../report-json.js";
import { ACCENT, baseStyle, closedOf, closedText, IMMATURE, labelMargin, THIN, tickFormat } from "./chart-style.js";
import { interactiveMarks } from "./link-marks.js";

const NO_CLOSED_DEALS = "no closed deals";

export interface IntervalSpec {
  readonly rows: readonly Row[];
  readonly label: (row: Row) => string;
  /** What a label names, for the tooltip ("segment"). */
  readonly labelName?: string;
  readonly value: string;
  readonly low: string;
  readonly high: string;
  /** The value column's format (its bounds share it), as the report declares it. */
  readonly format: ColumnFormat;
  /** The population rate, drawn as a reference line. */
  readonly reference?: number | null;
  readonly axisLabel: string;
  /** The value's name in the tooltip ("win rate"). */
  readonly valueName?: string;
  readonly width: number;
  /** The format of the won and lost columns: with it, each row's sample (won + lost) is in its tooltip, and a row with none says "no closed deals". */
  readonly closedFormat?: ColumnFormat;
  readonly highlight?: (row: Row) => boolean;
  readonly ariaLabel: string;
}

export function intervalChart(spec: IntervalSpec): SVGSVGElement | HTMLElement {
  const { rows, label, value, low, high, format } = spec;
  const print = (v: Row[string] | undefined) => fmt(v, format);
  const labels = rows.map(label);
  const unmeasured = (r: Row) => (spec.closedFormat !== undefined && !(closedOf(r) ?? 0)) || num(r[value]) === null;
  const measured = rows.filter((r) => !unmeasured(r));
  const empty = rows.filter(unmeasured);
  const top = Math.max(0.05, ...measured.map((r) => num(r[high]) ?? num(r[value]) ?? 0));
  const ok = measured.filter((r) => !isThin(r));
  const thin = measured.filter(isThin);
  const closedFormat = spec.closedFormat;
  const tip = (r: Row): [string, string][] => [
    [spec.labelName ?? "segment", label(r)],
    [spec.valueName ?? spec.axisLabel, print(r[value])],
    ["95% interval", fmtInterval(r[low], r[high], format)],
    ...(closedFormat ? [["sample", `${closedText(r, closedFormat)}${isThin(r) ? " (thin)" : ""}`] as [string, string]] : []),
    ...(typeof r.maturity === "string" ? [["maturity", r.maturity] as [string, string]] : []),
  ];
  const marks = (r: Row) => `${isThin(r) ? " thin" : ""}${isImmature(r) ? " immature" : ""}`;
  // On a phone the label keeps the rate and its marks; the interval is in the tooltip and the table.
  const narrow = spec.width < 600;
  const note = (r: Row) => `${print(r[value])}${narrow ? "" : `  (${fmtInterval(r[low], r[high], format)})`}${marks(r)}`;
  const bar = (data: readonly Row[], stroke: string, dash?: string) =>
    Plot.ruleY(data, {
      y: label,
      x1: low,
      x2: high,
      stroke,
      strokeWidth: 6,
      strokeLinecap: "round",
      ...(dash ? { strokeDasharray: dash } : {}),
      render: interactiveMarks(data, { tip, focusable: false }),
    });
  const dot = (data: readonly Row[], style: { fill: string; stroke: string; strokeWidth?: number }) =>
    Plot.dot(data, { y: label, x: value, r: 5.5, ...style, render: interactiveMarks(data, { tip }) });
  return Plot.plot({
    width: spec.width,
    height: Math.max(120, rows.length * 30 + 70),
    marginTop: 24,
    marginLeft: labelMargin(labels),
    marginRight: (rows.some(isImmature) ? 250 : 190) - (narrow ? 110 : 0),
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
      dot(ok, { fill: ACCENT, stroke: "white" }),
      dot(thin, { fill: "white", stroke: THIN, strokeWidth: 2 }),
      Plot.dot(measured.filter(isImmature), {
        y: label,
        x: value,
        r: 9,
        fill: "none",
        stroke: IMMATURE,
        strokeWidth: 1.5,
        strokeDasharray: "1,2",
      }),
      Plot.text(measured, { y: label, x: high, text: note, dx: 10, textAnchor: "start", fill: (r: Row) => (isThin(r) ? THIN : "#222") }),
      Plot.text(empty, {
        y: label,
        x: () => 0,
        text: (r: Row) => (unmeasured(r) && spec.closedFormat !== undefined && !(closedOf(r) ?? 0) ? NO_CLOSED_DEALS : "no value"),
        dx: 4,
        textAnchor: "start",
        fill: "#555",
        fontStyle: "italic",
        className: "pp-missing",
      }),
    ],
  });
}
