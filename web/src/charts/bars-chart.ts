// Horizontal bars, one per segment (or channel): pipeline by segment, LTV:CAC, velocity. An
// optional second value is drawn as a darker bar inside the first (e.g. the pipeline open at the
// period's end inside the pipeline created in it; the caller's caption says what it is). A row
// whose value is null draws no bar, only the reason in words (a null is not a zero and never a
// full-width bar); a zero draws as zero. Hovering anywhere over a bar, or tabbing to it, shows its
// tooltip with the values formatted. With links, each outer bar opens the deals behind it; the
// inner bar, the value label and the zero rule let clicks through.
import * as Plot from "@observablehq/plot";
import type { Row } from "../../../src/contract/index.js";
import { fmt, fmtShort, type ColumnFormat } from "../format.js";
import { num } from "../report-json.js";
import { ACCENT, baseStyle, countTicks, labelMargin, tickFormat } from "./chart-style.js";
import { interactiveMarks, type MarkLinks } from "./link-marks.js";

export interface BarsSpec {
  readonly rows: readonly Row[];
  readonly label: (row: Row) => string;
  /** What a label names, for the tooltip ("segment"). */
  readonly labelName?: string;
  readonly value: string;
  /** The value column's format, as the report declares it. */
  readonly format: ColumnFormat;
  /** The report's currency (ISO code): money labels, ticks and tooltips carry its symbol. */
  readonly currency?: string;
  readonly axisLabel: string;
  readonly width: number;
  readonly inner?: { readonly value: string; readonly label: string; readonly format?: ColumnFormat };
  /** Why a row has no value ("no spend recorded"), printed where its bar would start; default "no value". */
  readonly missing?: (row: Row) => string;
  /** Extra tooltip lines: name → text (e.g. the sample behind the value). */
  readonly tips?: Readonly<Record<string, (row: Row) => string>>;
  readonly ariaLabel: string;
  /** Each bar a link (drill-down to the deals behind it); the marks drawn over the bars let clicks through. */
  readonly links?: MarkLinks;
}

export function barsChart(spec: BarsSpec): SVGSVGElement | HTMLElement {
  const { rows, label, value, format, currency } = spec;
  const labels = rows.map(label);
  const inner = spec.inner;
  const drawn = rows.filter((r) => num(r[value]) !== null);
  const missing = rows.filter((r) => num(r[value]) === null);
  const max = Math.max(0, ...drawn.map((r) => num(r[value]) ?? 0), ...(inner ? drawn.map((r) => num(r[inner.value]) ?? 0) : []));
  const tip = (r: Row): [string, string][] => [
    [spec.labelName ?? "segment", label(r)],
    [spec.axisLabel, fmt(r[value], format, currency)],
    ...(inner ? [[inner.label, fmt(r[inner.value], inner.format ?? format, currency)] as [string, string]] : []),
    ...Object.entries(spec.tips ?? {}).map(([name, f]): [string, string] => [name, f(r)]),
  ];
  return Plot.plot({
    width: spec.width,
    height: Math.max(120, rows.length * 30 + 60),
    marginLeft: labelMargin(labels),
    marginRight: 90,
    style: baseStyle(),
    ariaLabel: spec.ariaLabel,
    marginBottom: 44,
    x: {
      // With no bar at all the axis would only show a made-up scale: the reasons stand alone.
      ...(drawn.length ? {} : { axis: null }),
      label: spec.axisLabel,
      labelAnchor: "center",
      labelOffset: 36,
      tickFormat: tickFormat(format, currency),
      grid: true,
      nice: true,
      // An all-zero or all-null chart still has a scale that starts at 0.
      domain: [0, max > 0 ? max : 1],
      ...countTicks(format, max),
    },
    y: { domain: labels, label: null, tickSize: 0 },
    marks: [
      Plot.barX(drawn, {
        y: label,
        x: value,
        fill: inner ? "#b9cde0" : ACCENT,
        render: interactiveMarks(drawn, { tip, ...(spec.links ? { links: spec.links } : {}) }),
      }),
      inner
        ? Plot.barX(
            drawn.filter((r) => num(r[inner.value]) !== null),
            { y: label, x: inner.value, fill: ACCENT, insetTop: 6, insetBottom: 6, pointerEvents: "none" },
          )
        : null,
      Plot.text(drawn, {
        y: label,
        x: value,
        text: (r: Row) => fmtShort(r[value], format, currency),
        dx: 6,
        textAnchor: "start",
        pointerEvents: "none",
      }),
      Plot.text(missing, {
        y: label,
        x: () => 0,
        text: (r: Row) => spec.missing?.(r) ?? "no value",
        dx: 6,
        textAnchor: "start",
        fill: "#555",
        fontStyle: "italic",
        className: "pp-missing",
        pointerEvents: "none",
      }),
      Plot.ruleX([0], { pointerEvents: "none" }),
    ],
  });
}
