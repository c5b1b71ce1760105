// A matrix of cells (channel x segment, model x channel, reason x segment): colour for the value,
// the value printed in the cell, thin cells hatched with a dashed frame (value marked *), immature
// cells (a cohort still largely open) hatched the same way in a dotted orange frame (value marked °),
// intervals in the tooltip. Neither is left out of the colour scale: the hatch only dims the colour.
import * as Plot from "@observablehq/plot";
import type { Row } from "../../../src/contract/index.js";
import { fmt, type ColumnFormat } from "../format.js";
import { isImmature, isThin, num } from "../report-json.js";
import { baseStyle, hatchDefs, HATCH, IMMATURE, labelMargin, tickFormat } from "./chart-style.js";
import { linkMarks, type MarkLinks } from "./link-marks.js";

export interface HeatmapSpec {
  readonly rows: readonly Row[];
  readonly x: (row: Row) => string;
  readonly y: (row: Row) => string;
  readonly xDomain: readonly string[];
  readonly yDomain: readonly string[];
  readonly value: string;
  /** The value column's format, as the report declares it. */
  readonly format: ColumnFormat;
  readonly label: string;
  readonly width: number;
  /** Extra tooltip lines: name → text. */
  readonly tips?: Readonly<Record<string, (row: Row) => string>>;
  readonly highlight?: (row: Row) => boolean;
  /** Diverging around this value (e.g. a quality index of 100) instead of sequential viridis. */
  readonly pivot?: number;
  readonly ariaLabel: string;
  /** Names of the two axes in the tooltip, e.g. segment and channel. */
  readonly xName: string;
  readonly yName: string;
  /** Each cell a link (drill-down to the deals behind it); the marks drawn over the cells let clicks through. */
  readonly links?: MarkLinks;
}

export function heatmapChart(spec: HeatmapSpec): SVGSVGElement | HTMLElement {
  const { rows, x, y, value } = spec;
  const values = rows.map((r) => num(r[value])).filter((v): v is number => v !== null);
  const [lo, hi] = [Math.min(...values), Math.max(...values)];
  const hatched = (r: Row) => isThin(r) || isImmature(r);
  const dark = (r: Row) =>
    spec.pivot === undefined && !hatched(r) && num(r[value]) !== null && ((num(r[value]) ?? lo) - lo) / (hi - lo || 1) < 0.6;
  const text = (r: Row) =>
    (r[value] === null || r[value] === undefined ? "–" : fmt(r[value], spec.format)) + (isThin(r) ? "*" : "") + (isImmature(r) ? "°" : "");
  const rotate = spec.xDomain.length > 6 || spec.xDomain.some((d) => d.length > 14);
  const channels = {
    [spec.xName]: { value: x, label: spec.xName },
    [spec.yName]: { value: y, label: spec.yName },
    ...Object.fromEntries(Object.entries(spec.tips ?? {}).map(([name, f]) => [name, { value: (r: Row) => f(r), label: name }])),
  };
  const cells = { x, y, inset: 1 };
  const over = { ...cells, pointerEvents: "none" };
  const color =
    spec.pivot === undefined
      ? { type: "linear" as const, scheme: "viridis" as const }
      : { type: "diverging" as const, scheme: "PuOr" as const, pivot: spec.pivot };
  return Plot.plot({
    width: spec.width,
    height: Math.max(160, spec.yDomain.length * 34 + (rotate ? 110 : 60)),
    marginLeft: labelMargin(spec.yDomain),
    marginTop: rotate ? 100 : 40,
    marginRight: rotate ? Math.min(160, labelMargin(spec.xDomain.slice(-2), 20) * 0.8) : 20,
    style: baseStyle(),
    ariaLabel: spec.ariaLabel,
    x: { domain: [...spec.xDomain], axis: "top", label: null, tickRotate: rotate ? -35 : 0, tickSize: 0 },
    y: { domain: [...spec.yDomain], label: null, tickSize: 0 },
    color: { ...color, legend: true, label: spec.label, tickFormat: tickFormat(spec.format), unknown: "#eee" },
    marks: [
      hatchDefs(),
      Plot.cell(rows, {
        ...cells,
        fill: value,
        channels,
        tip: { format: { fill: (v: number) => fmt(v, spec.format), x: false, y: false } },
        ...(spec.links ? { render: linkMarks(rows, spec.links) } : {}),
      }),
      Plot.cell(rows.filter(isThin), { ...over, fill: HATCH, stroke: "#333", strokeDasharray: "3,2" }),
      Plot.cell(
        rows.filter((r) => isImmature(r) && !isThin(r)),
        { ...over, fill: HATCH },
      ),
      Plot.cell(rows.filter(isImmature), {
        ...over,
        inset: 2.5,
        fill: "none",
        stroke: IMMATURE,
        strokeWidth: 2,
        strokeDasharray: "1,3",
        strokeLinecap: "round",
        className: "pp-immature",
        ariaDescription: "immature cells: much of their cohort is still open",
      }),
      Plot.cell(
        rows.filter((r) => spec.highlight?.(r)),
        { ...over, fill: "none", stroke: "#000", strokeWidth: 3 },
      ),
      Plot.text(
        rows.filter((r) => dark(r)),
        { x, y, text, fill: "white", pointerEvents: "none" },
      ),
      Plot.text(
        rows.filter((r) => !dark(r)),
        { x, y, text, fill: "black", stroke: "white", strokeWidth: 3, strokeOpacity: 0.8, pointerEvents: "none" },
      ),
    ],
  });
}
