// Coverage against target per segment: won so far (dark) plus open pipeline expected to close in
// the period (light), against the target (black tick). The label gives coverage = open / target.
import * as Plot from "@observablehq/plot";
import { fmt, fmtMoney, fmtRate } from "../format.js";
import { num, type Row } from "../report-json.js";
import { ACCENT, baseStyle, labelMargin, tickFormat } from "./chart-style.js";

export interface CoverageSpec {
  readonly rows: readonly Row[];
  readonly label: (row: Row) => string;
  readonly width: number;
  readonly ariaLabel: string;
}

export function coverageChart(spec: CoverageSpec): SVGSVGElement | HTMLElement {
  const { rows, label } = spec;
  const labels = rows.map(label);
  const parts = rows.flatMap((r) => [
    { label: label(r), part: "won", amount: num(r.won) ?? 0 },
    { label: label(r), part: "open in period", amount: num(r.open_pipeline) ?? 0 },
  ]);
  const caption = (r: Row) => {
    const target = num(r.target);
    if (target === null) return "no target";
    const won = target > 0 ? ` · won ${fmtRate((num(r.won) ?? 0) / target)}` : "";
    return `target ${fmtMoney(target)}${won} · coverage ${fmt(r.coverage, "number")}×`;
  };
  return Plot.plot({
    width: spec.width,
    height: Math.max(140, rows.length * 34 + 70),
    marginLeft: labelMargin(labels),
    marginRight: 230,
    style: baseStyle(),
    ariaLabel: spec.ariaLabel,
    marginBottom: 44,
    x: { label: "amount", labelAnchor: "center", labelOffset: 36, tickFormat: tickFormat("money"), grid: true, nice: true },
    y: { domain: labels, label: null, tickSize: 0 },
    color: { domain: ["won", "open in period"], range: [ACCENT, "#a8c4dd"], legend: true },
    marks: [
      Plot.barX(parts, { y: "label", x: "amount", fill: "part", tip: { format: { x: (v: number) => fmtMoney(v) } } }),
      Plot.tickX(rows.filter((r) => num(r.target) !== null), { y: label, x: "target", stroke: "#000", strokeWidth: 3 }),
      Plot.text(rows, { y: label, x: (r: Row) => Math.max((num(r.won) ?? 0) + (num(r.open_pipeline) ?? 0), num(r.target) ?? 0), text: caption, dx: 8, textAnchor: "start" }),
      Plot.ruleX([0]),
    ],
  });
}
