// Coverage against target per segment: won so far (dark) plus open pipeline expected to close in
// the period (light), against the target (black tick). The label gives coverage = open / target.
import * as Plot from "@observablehq/plot";
import type { ColumnDef, Row } from "../../../src/contract/index.js";
import { fmt, formatOf } from "../format.js";
import { num } from "../report-json.js";
import { ACCENT, baseStyle, labelMargin, tickFormat } from "./chart-style.js";

export interface CoverageSpec {
  readonly rows: readonly Row[];
  readonly label: (row: Row) => string;
  /** The report's columns, for the formats of target, won, open pipeline and coverage. */
  readonly columns: readonly ColumnDef[];
  readonly width: number;
  readonly ariaLabel: string;
}

export function coverageChart(spec: CoverageSpec): SVGSVGElement | HTMLElement {
  const { rows, label } = spec;
  const amount = formatOf(spec.columns, "target");
  const labels = rows.map(label);
  const parts = rows.flatMap((r) => [
    { label: label(r), part: "won", amount: num(r.won) ?? 0 },
    { label: label(r), part: "open in period", amount: num(r.open_pipeline) ?? 0 },
  ]);
  const caption = (r: Row) => {
    const target = num(r.target);
    if (target === null) return "no target";
    const won = target > 0 ? ` · won ${fmt((num(r.won) ?? 0) / target, "rate")}` : "";
    return `target ${fmt(target, amount)}${won} · coverage ${fmt(r.coverage, formatOf(spec.columns, "coverage"))}×`;
  };
  return Plot.plot({
    width: spec.width,
    height: Math.max(140, rows.length * 34 + 70),
    marginLeft: labelMargin(labels),
    marginRight: 230,
    style: baseStyle(),
    ariaLabel: spec.ariaLabel,
    marginBottom: 44,
    x: { label: "amount", labelAnchor: "center", labelOffset: 36, tickFormat: tickFormat(amount), grid: true, nice: true },
    y: { domain: labels, label: null, tickSize: 0 },
    color: { domain: ["won", "open in period"], range: [ACCENT, "#a8c4dd"], legend: true },
    marks: [
      Plot.barX(parts, { y: "label", x: "amount", fill: "part", tip: { format: { x: (v: number) => fmt(v, amount) } } }),
      Plot.tickX(
        rows.filter((r) => num(r.target) !== null),
        { y: label, x: "target", stroke: "#000", strokeWidth: 3 },
      ),
      Plot.text(rows, {
        y: label,
        x: (r: Row) => Math.max((num(r.won) ?? 0) + (num(r.open_pipeline) ?? 0), num(r.target) ?? 0),
        text: caption,
        dx: 8,
        textAnchor: "start",
      }),
      Plot.ruleX([0]),
    ],
  });
}
