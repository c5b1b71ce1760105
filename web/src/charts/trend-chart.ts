// A measure per fiscal period, one line per segment, labelled at its end (colour is never the only
// cue). Rates carry their 95% band; a ringed point changed significantly from the period before.
// Hovering a point, or tabbing to it, shows its value, interval and change in words.
import * as Plot from "@observablehq/plot";
import type { Row } from "../../../src/contract/index.js";
import { fmt, fmtInterval, type ColumnFormat } from "../format.js";
import { num } from "../report-json.js";
import { baseStyle, CATEGORICAL, countTicks, tickFormat } from "./chart-style.js";
import { interactiveMarks } from "./link-marks.js";

export interface TrendSpec {
  readonly rows: readonly Row[];
  readonly periods: readonly string[];
  readonly series: (row: Row) => string;
  readonly seriesDomain: readonly string[];
  readonly value: string;
  /** The value column's format (the band shares it), as the report declares it. */
  readonly format: ColumnFormat;
  /** The report's currency (ISO code): money ticks and tooltips carry its symbol. */
  readonly currency?: string;
  readonly band?: readonly [string, string];
  readonly significant?: string;
  readonly axisLabel: string;
  readonly width: number;
  readonly ariaLabel: string;
}

export function trendChart(spec: TrendSpec): SVGSVGElement | HTMLElement {
  const { rows, series, value, format, band, currency } = spec;
  const defined = rows.filter((r) => num(r[value]) !== null);
  const last = spec.seriesDomain.flatMap((s) => defined.filter((r) => series(r) === s).slice(-1));
  const color = { domain: [...spec.seriesDomain], range: CATEGORICAL, legend: spec.seriesDomain.length > 1 };
  const change = `${value}_change`;
  const tip = (r: Row): [string, string][] => [
    ["segment", series(r)],
    ["period", String(r.period)],
    [spec.axisLabel, fmt(r[value], format, currency)],
    ...(band ? [["95% interval", fmtInterval(r[band[0]], r[band[1]], format, currency)] as [string, string]] : []),
    ...(r[change] !== undefined ? [["change", fmt(r[change], format, currency)] as [string, string]] : []),
    ...(spec.significant && r[spec.significant] === true ? [["significant", "yes (p < 0.05)"] as [string, string]] : []),
  ];
  const longest = spec.seriesDomain.reduce((m, s) => Math.max(m, s.length), 0);
  // Below 600 px eight quarter labels overlap: rotate them, and cap the end labels' margin at a third of a phone.
  const narrow = spec.width < 600;
  return Plot.plot({
    width: spec.width,
    height: 360,
    marginRight: Math.min(narrow ? 110 : 220, 20 + longest * 7),
    marginBottom: narrow ? 56 : 30,
    marginLeft: 60,
    style: baseStyle(),
    ariaLabel: spec.ariaLabel,
    x: { type: "point", domain: [...spec.periods], label: null, padding: 0.3, tickRotate: narrow ? -45 : 0 },
    y: {
      label: spec.axisLabel,
      tickFormat: tickFormat(format, currency),
      grid: true,
      zero: format !== "rate",
      ...countTicks(format, Math.max(0, ...defined.map((r) => num(r[value]) ?? 0))),
    },
    color,
    marks: [
      band ? Plot.areaY(defined, { x: "period", y1: band[0], y2: band[1], fill: series, fillOpacity: 0.12, z: series }) : null,
      Plot.line(defined, { x: "period", y: value, stroke: series, strokeWidth: 2, z: series }),
      Plot.dot(defined, { x: "period", y: value, fill: series, r: 3.5, render: interactiveMarks(defined, { tip }) }),
      spec.significant
        ? Plot.dot(
            defined.filter((r) => r[spec.significant ?? ""] === true),
            { x: "period", y: value, r: 8, stroke: "#000", strokeWidth: 1.5 },
          )
        : null,
      Plot.text(last, { x: "period", y: value, text: series, fill: series, dx: 10, textAnchor: "start", fontWeight: 600 }),
    ],
  });
}
