// The funnel by segment: the share of created opportunities that reached each stage, one line per
// segment, so segments of very different sizes compare at a glance. Step conversions and their
// intervals are in the tooltip (hover or Tab to a point) and the table.
import * as Plot from "@observablehq/plot";
import type { ColumnDef, Row } from "../../../src/contract/index.js";
import { fmt, fmtInterval, formatOf } from "../format.js";
import { num } from "../report-json.js";
import { baseStyle, CATEGORICAL, tickFormat } from "./chart-style.js";
import { interactiveMarks } from "./link-marks.js";

export interface FunnelSpec {
  readonly rows: readonly Row[];
  readonly series: (row: Row) => string;
  readonly seriesDomain: readonly string[];
  readonly stages: readonly string[];
  /** The report's columns, for the formats of conversion and cumulative. */
  readonly columns: readonly ColumnDef[];
  readonly width: number;
  readonly ariaLabel: string;
}

export function funnelChart(spec: FunnelSpec): SVGSVGElement | HTMLElement {
  const { series } = spec;
  const [conversion, cumulative] = [formatOf(spec.columns, "conversion"), formatOf(spec.columns, "cumulative")];
  const reachedFormat = formatOf(spec.columns, "reached_to");
  const points = spec.rows.filter((r) => num(r.cumulative) !== null);
  const created = spec.seriesDomain.map((s) => ({ to_stage: spec.stages[0] ?? "created", cumulative: 1, series: s }));
  const data: Row[] = [...created, ...points.map((r) => ({ ...r, series: series(r) }))];
  const last = spec.seriesDomain.flatMap((s) => data.filter((d) => d.series === s).slice(-1));
  const tip = (d: Row): [string, string][] => [
    ["segment", String(d.series)],
    ["stage", String(d.to_stage)],
    ["reached", fmt(d.cumulative, cumulative)],
    ...(d.conversion === undefined
      ? []
      : ([
          [
            "step conversion",
            `${fmt(d.conversion, conversion)} of ${String(d.from_stage)} (95% interval ${fmtInterval(d.conversion_low, d.conversion_high, conversion)})`,
          ],
          ["sample", `n = ${fmt(d.reached_to, reachedFormat)} of ${fmt(d.reached_from, reachedFormat)}`],
        ] as [string, string][])),
  ];
  const longest = spec.seriesDomain.reduce((m, s) => Math.max(m, s.length), 0);
  const domain = [...new Set([spec.stages[0] ?? "created", ...points.map((r) => String(r.to_stage))])];
  return Plot.plot({
    width: spec.width,
    height: 340,
    marginRight: Math.min(240, 70 + longest * 7),
    marginLeft: 60,
    style: baseStyle(),
    ariaLabel: spec.ariaLabel,
    x: { type: "point", domain, label: null, padding: 0.2 },
    y: { domain: [0, 1], label: "share of created opportunities reaching the stage", tickFormat: tickFormat(cumulative), grid: true },
    color: { domain: [...spec.seriesDomain], range: CATEGORICAL, legend: spec.seriesDomain.length > 1 },
    marks: [
      Plot.line(data, { x: "to_stage", y: "cumulative", stroke: "series", z: "series", strokeWidth: 2 }),
      Plot.dot(data, { x: "to_stage", y: "cumulative", fill: "series", r: 4, render: interactiveMarks(data, { tip }) }),
      Plot.text(last, {
        x: "to_stage",
        y: "cumulative",
        text: (d: Row) => `${d.series} ${fmt(d.cumulative, cumulative)}`,
        fill: "series",
        dx: 8,
        textAnchor: "start",
        fontWeight: 600,
      }),
    ],
  });
}
