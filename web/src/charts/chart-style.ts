// Shared look of every chart: colour-blind-safe colours (viridis/cividis for magnitudes, Okabe–Ito
// for categories), label margins, and the hatch that marks thin and immature cells.
import type { Row } from "../../../src/contract/index.js";
import { fmt, fmtShortMoney, type ColumnFormat } from "../format.js";
import { num } from "../report-json.js";

/** Okabe & Ito (2008): distinguishable under the common colour-vision deficiencies. */
export const CATEGORICAL = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442"];
export const ACCENT = "#31688e";
export const THIN = "#8c8c8c";
/** The frame of an immature cell (Okabe–Ito vermillion), beside the thin cells' dashed grey. */
export const IMMATURE = "#d55e00";
export const HATCH = "url(#pp-hatch)";

export function baseStyle(): Record<string, string> {
  return { fontSize: "12px", fontFamily: "inherit", background: "transparent", overflow: "visible" };
}

/** Room for the longest label at about 7 px a character. */
export function labelMargin(labels: readonly string[], min = 60, max = 260): number {
  const longest = labels.reduce((m, l) => Math.max(m, l.length), 0);
  return Math.max(min, Math.min(max, Math.round(longest * 7 + 14)));
}

/** Axis and legend ticks in a column's format; money compact with the report's currency symbol ($1.2M). */
export function tickFormat(format: ColumnFormat, currency?: string): (value: number) => string {
  if (format === "money") return (v) => fmtShortMoney(v, currency);
  if (format === "rate") return (v) => `${Math.round(v * 100)}%`;
  return (v) => fmt(v, format);
}

/**
 * Axis ticks for a count (opportunities, deals): whole numbers only. Plot's default ticks over a
 * domain like [0, 3] fall on halves, which a count format prints as duplicate "1"s; past 10 its
 * ticks are whole already.
 */
export function countTicks(format: ColumnFormat, max: number): { ticks?: number[] } {
  if (format !== "count" || !(max > 0) || max > 10) return {};
  return { ticks: Array.from({ length: Math.ceil(max) + 1 }, (_, i) => i) };
}

/** Closed outcomes behind a row's rate (won + lost; credited, so possibly fractional, in attribution); null when the row has neither. */
export function closedOf(row: Row): number | null {
  const [won, lost] = [num(row.won), num(row.lost)];
  return won === null && lost === null ? null : (won ?? 0) + (lost ?? 0);
}

/** "n = 42 closed" (credited outcomes print with their decimal), for tooltips. */
export function closedText(row: Row, format: ColumnFormat): string {
  const closed = closedOf(row);
  return closed === null ? "–" : `n = ${fmt(closed, format)} closed`;
}

/** What a chart shows instead of bare axes when there is nothing to draw (an empty period, no closed deals). */
export function emptyChart(text: string): HTMLElement {
  const p = document.createElement("p");
  p.className = "pp-empty";
  p.setAttribute("role", "note");
  p.textContent = text;
  return p;
}

/** A render-function mark that defines the diagonal hatch drawn over thin and immature cells. */
export function hatchDefs(): () => SVGElement {
  return () => {
    const ns = "http://www.w3.org/2000/svg";
    const defs = document.createElementNS(ns, "defs");
    const pattern = document.createElementNS(ns, "pattern");
    pattern.setAttribute("id", "pp-hatch");
    pattern.setAttribute("width", "6");
    pattern.setAttribute("height", "6");
    pattern.setAttribute("patternUnits", "userSpaceOnUse");
    pattern.setAttribute("patternTransform", "rotate(45)");
    const rect = document.createElementNS(ns, "rect");
    rect.setAttribute("width", "2");
    rect.setAttribute("height", "6");
    rect.setAttribute("fill", "rgba(255,255,255,0.6)");
    pattern.append(rect);
    defs.append(pattern);
    return defs;
  };
}
