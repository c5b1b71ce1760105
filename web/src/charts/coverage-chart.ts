// Coverage against target per segment: won so far (dark) plus open pipeline expected to close in
// the period (light), against the target (black tick). The label gives coverage = open / target;
// a segment without a target says so and draws no tick, and zero pipeline draws as zero (the axis
// starts at 0 and reaches at least the largest target). Hovering anywhere over a bar, or tabbing
// to it (one stop per segment), shows the segment's amounts, its open opportunities and its coverage.
import * as Plot from "@observablehq/plot";
import type { ColumnDef, Row } from "../../../src/contract/index.js";
import { fmt, formatOf } from "../format.js";
import { num } from "../report-json.js";
import { ACCENT, baseStyle, labelMargin, tickFormat } from "./chart-style.js";
import { interactiveMarks } from "./link-marks.js";

export interface CoverageSpec {
  readonly rows: readonly Row[];
  readonly label: (row: Row) => string;
  /** The report's columns, for the formats of target, won, open pipeline and coverage. */
  readonly columns: readonly ColumnDef[];
  /** The report's currency (ISO code): amounts in labels, ticks and tooltips carry its symbol. */
  readonly currency?: string;
  readonly width: number;
  readonly ariaLabel: string;
}

/** A coverage printed in its declared format, with the × a plain number lacks (a `multiple` prints its own). */
function coverageText(value: Row[string] | undefined, columns: readonly ColumnDef[]): string {
  const text = fmt(value, formatOf(columns, "coverage"));
  return text === "–" || text.endsWith("×") ? text : `${text}×`;
}

export function coverageChart(spec: CoverageSpec): SVGSVGElement | HTMLElement {
  const { rows, label, columns, currency } = spec;
  const amount = formatOf(columns, "target");
  const labels = rows.map(label);
  const parts: Row[] = rows.flatMap((r) => [
    { ...r, pp_label: label(r), pp_part: "won", pp_amount: num(r.won) ?? 0 },
    { ...r, pp_label: label(r), pp_part: "open in period", pp_amount: num(r.open_pipeline) ?? 0 },
  ]);
  // On a phone the label keeps the coverage; target and won are in the tooltip and the table.
  const narrow = spec.width < 600;
  const caption = (r: Row) => {
    const target = num(r.target);
    if (target === null) return "no target";
    if (narrow) return coverageText(r.coverage, columns);
    const won = target > 0 ? ` · won ${fmt((num(r.won) ?? 0) / target, "rate")}` : "";
    return `target ${fmt(target, amount, currency)}${won} · coverage ${coverageText(r.coverage, columns)}`;
  };
  const tip = (r: Row): [string, string][] => [
    ["segment", String(r.pp_label)],
    ["won", fmt(r.won, formatOf(columns, "won"), currency)],
    ["open in period", fmt(r.open_pipeline, formatOf(columns, "open_pipeline"), currency)],
    ["open opportunities", `n = ${fmt(r.open_pipeline_count ?? 0, formatOf(columns, "open_pipeline_count"))}`],
    ["target", num(r.target) === null ? "no target" : fmt(r.target, amount, currency)],
    ["coverage", coverageText(r.coverage, columns)],
  ];
  // One Tab stop per segment: its larger part, so the focus ring is visible.
  const larger = (r: Row) => r.pp_part === ((num(r.won) ?? 0) > (num(r.open_pipeline) ?? 0) ? "won" : "open in period");
  const end = (r: Row) => Math.max((num(r.won) ?? 0) + (num(r.open_pipeline) ?? 0), num(r.target) ?? 0);
  const max = Math.max(0, ...rows.map(end));
  return Plot.plot({
    width: spec.width,
    height: Math.max(140, rows.length * 34 + 70),
    marginLeft: labelMargin(labels),
    // room for the longest label at about 6.6 px a character (12 px sans), so "target $21,134,000 · … 4.0×" is not cut off
    marginRight: Math.round(Math.min(narrow ? 70 : 380, 16 + 6.6 * Math.max(0, ...rows.map((r) => caption(r).length)))),
    style: baseStyle(),
    ariaLabel: spec.ariaLabel,
    marginBottom: 44,
    x: {
      label: "amount",
      labelAnchor: "center",
      labelOffset: 36,
      tickFormat: tickFormat(amount, currency),
      grid: true,
      nice: true,
      domain: [0, max > 0 ? max : 1],
    },
    y: { domain: labels, label: null, tickSize: 0 },
    color: { domain: ["won", "open in period"], range: [ACCENT, "#a8c4dd"], legend: true },
    marks: [
      Plot.barX(parts, {
        y: "pp_label",
        x: "pp_amount",
        fill: "pp_part",
        render: interactiveMarks(parts, { tip, focusable: larger }),
      }),
      Plot.tickX(
        rows.filter((r) => num(r.target) !== null),
        { y: label, x: "target", stroke: "#000", strokeWidth: 3, pointerEvents: "none" },
      ),
      Plot.text(rows, { y: label, x: end, text: caption, dx: 8, textAnchor: "start", pointerEvents: "none" }),
      Plot.ruleX([0], { pointerEvents: "none" }),
    ],
  });
}
