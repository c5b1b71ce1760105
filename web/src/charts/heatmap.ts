// A matrix of cells (channel x segment, model x channel, reason x segment): colour for the value,
// the value printed in the cell, thin cells hatched with a dashed frame (value marked *), immature
// cells (a cohort still largely open) hatched the same way in a dotted orange frame (value marked °).
// The colour scale is fitted to the measured cells only: thin and immature cells are left out of its
// domain (they are clamped to its ends and hatched), so one 44 % cell of three deals cannot wash out
// the rest; an index diverges symmetrically around its pivot (100 = average). A cell without a
// measurement (no closed deals behind a rate, no spend behind a cost) gets no colour and says why
// instead of printing a shrunk or imputed number. Hovering anywhere over a cell, or tabbing to it,
// shows its tooltip: the value formatted, its sample size and intervals.
import * as Plot from "@observablehq/plot";
import type { Row } from "../../../src/contract/index.js";
import { fmt, type ColumnFormat } from "../format.js";
import { isImmature, isThin, num } from "../report-json.js";
import { baseStyle, hatchDefs, HATCH, IMMATURE, labelMargin, tickFormat } from "./chart-style.js";
import { interactiveMarks, type MarkLinks } from "./link-marks.js";

export interface HeatmapSpec {
  readonly rows: readonly Row[];
  readonly x: (row: Row) => string;
  readonly y: (row: Row) => string;
  readonly xDomain: readonly string[];
  readonly yDomain: readonly string[];
  readonly value: string;
  /** The value column's format, as the report declares it. */
  readonly format: ColumnFormat;
  /** The report's currency (ISO code): money in cells, legend and tooltips carries its symbol. */
  readonly currency?: string;
  readonly label: string;
  /** The value's name in the tooltip; default the legend's label. */
  readonly valueName?: string;
  readonly width: number;
  /** Extra tooltip lines: name → text. */
  readonly tips?: Readonly<Record<string, (row: Row) => string>>;
  /** Why a cell has no measured value ("no closed deals"), or null when it has one: such a cell gets no colour and this text. */
  readonly missing?: (row: Row) => string | null;
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

/**
 * The colour domain: the extent of the measured, non-thin, non-immature cells (every valued cell
 * when none is), symmetric around the pivot for an index.
 */
function colorDomain(values: readonly number[], fallback: readonly number[], pivot?: number): [number, number] {
  const from = values.length ? values : fallback;
  if (!from.length) return pivot === undefined ? [0, 1] : [pivot - 1, pivot + 1];
  const [lo, hi] = [Math.min(...from), Math.max(...from)];
  // One value only: scale from zero to it (a share of 100 % reads as full, not as the middle of 0–200 %).
  if (pivot === undefined) return lo === hi ? (hi > 0 ? [0, hi] : hi < 0 ? [lo, 0] : [0, 1]) : [lo, hi];
  const reach = Math.max(Math.abs(lo - pivot), Math.abs(hi - pivot)) || 1;
  return [pivot - reach, pivot + reach];
}

export function heatmapChart(spec: HeatmapSpec): SVGSVGElement | HTMLElement {
  const { rows, x, y, value } = spec;
  // A cell with no value says why: the caller's reason, or a dash for a value the report left empty.
  const missing = (r: Row) => spec.missing?.(r) ?? (num(r[value]) === null ? "–" : null);
  const measured = rows.filter((r) => missing(r) === null && num(r[value]) !== null);
  const hatched = (r: Row) => isThin(r) || isImmature(r);
  const valueOf = (r: Row) => num(r[value]) ?? 0;
  const domain = colorDomain(measured.filter((r) => !hatched(r)).map(valueOf), measured.map(valueOf), spec.pivot);
  const [lo, hi] = domain;
  const dark = (r: Row) => spec.pivot === undefined && !hatched(r) && (Math.min(hi, Math.max(lo, valueOf(r))) - lo) / (hi - lo || 1) < 0.6;
  const text = (r: Row) =>
    (r[value] === null || r[value] === undefined ? "–" : fmt(r[value], spec.format, spec.currency)) +
    (isThin(r) ? "*" : "") +
    (isImmature(r) ? "°" : "");
  const rotate = spec.xDomain.length > 6 || spec.xDomain.some((d) => d.length > 14);
  const tip = (r: Row): [string, string][] => [
    [spec.xName, x(r)],
    [spec.yName, y(r)],
    [spec.valueName ?? spec.label, missing(r) ?? fmt(r[value], spec.format, spec.currency)],
    ...Object.entries(spec.tips ?? {}).map(([name, f]): [string, string] => [name, f(r)]),
  ];
  const interaction = { tip, ...(spec.links ? { links: spec.links } : {}) };
  const cells = { x, y, inset: 1 };
  const over = { ...cells, pointerEvents: "none" };
  const color =
    spec.pivot === undefined
      ? { type: "linear" as const, scheme: "viridis" as const, domain }
      : { type: "diverging" as const, scheme: "PuOr" as const, pivot: spec.pivot, domain };
  const [marginLeft, marginRight] = [labelMargin(spec.yDomain), rotate ? Math.min(160, labelMargin(spec.xDomain.slice(-2), 20) * 0.8) : 20];
  const cellWidth = (spec.width - marginLeft - marginRight) / Math.max(1, spec.xDomain.length);
  // The reason in words where the cell is wide enough (about 6.5 px a character), else a dash: its tooltip still says why.
  const reason = (r: Row) => {
    const why = missing(r) ?? "";
    return why.length * 6.5 + 10 <= cellWidth ? why : "–";
  };
  // Narrow cells (a phone's small multiples: five columns of ~45 px) print their values smaller, so "25.3%*°" stays inside its cell.
  const size = cellWidth < 60 ? { fontSize: 10 } : {};
  const absent = rows.filter((r) => missing(r) !== null);
  const present = rows.filter((r) => missing(r) === null);
  const chart = Plot.plot({
    width: spec.width,
    height: Math.max(160, spec.yDomain.length * 34 + (rotate ? 110 : 60)),
    marginLeft,
    marginTop: rotate ? 100 : 40,
    marginRight,
    style: baseStyle(),
    ariaLabel: spec.ariaLabel,
    x: { domain: [...spec.xDomain], axis: "top", label: null, tickRotate: rotate ? -35 : 0, tickSize: 0 },
    y: { domain: [...spec.yDomain], label: null, tickSize: 0 },
    color: {
      ...color,
      clamp: true,
      legend: measured.length > 0,
      label: spec.label,
      tickFormat: tickFormat(spec.format, spec.currency),
      unknown: "#eee",
    },
    marks: [
      hatchDefs(),
      // A cell's tooltip and drill-down link cover every pixel of it, measured or not.
      Plot.cell(present, { ...cells, fill: value, render: interactiveMarks(present, interaction) }),
      Plot.cell(absent, {
        ...cells,
        fill: "white",
        stroke: "#bbb",
        className: "pp-unmeasured",
        render: interactiveMarks(absent, interaction),
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
        present.filter((r) => dark(r)),
        { x, y, text, ...size, fill: "white", pointerEvents: "none" },
      ),
      Plot.text(
        present.filter((r) => !dark(r) && !hatched(r)),
        { x, y, text, ...size, fill: "black", stroke: "white", strokeWidth: 3, strokeOpacity: 0.8, pointerEvents: "none" },
      ),
      // Over the hatch's stripes a thin halo leaves the digits striped: a solid white one keeps them legible.
      Plot.text(present.filter(hatched), {
        x,
        y,
        text,
        ...size,
        fill: "black",
        stroke: "white",
        strokeWidth: 5,
        strokeLinejoin: "round",
        pointerEvents: "none",
      }),
      Plot.text(absent, {
        x,
        y,
        text: reason,
        fill: "#555",
        fontStyle: "italic",
        className: "pp-missing",
        pointerEvents: "none",
      }),
    ],
  });
  // The fitted domain, for readers of the DOM (the browser test compares it with the report's measured cells).
  chart.setAttribute("data-color-domain", JSON.stringify(domain));
  return chart;
}
