// Drill-down and tooltips on a chart's shapes: a mark's render transform that makes each drawn shape
// (a heatmap cell, a bar, a point) show its tooltip while the pointer is anywhere over it or while
// it has keyboard focus, and optionally wraps it in an SVG link to the dashboard state that lists
// what the shape adds up. Plot's own tip follows the nearest centre within 40 px, which on a wide
// heatmap cell leaves most of the cell silent and offers nothing to the keyboard; this one does not.
// A link is clicked, or reached with Tab and opened with Enter, and opens in a new tab like any
// other; the dashboard catches plain clicks on `?…` links and navigates without a reload. A shape
// without a link is still reachable with Tab (tabindex 0), so every tooltip is.
import type { RenderFunction } from "@observablehq/plot";
import type { Row } from "../../../src/contract/index.js";

const SVG = "http://www.w3.org/2000/svg";

export interface MarkLinks {
  /** The `?…` dashboard link of a row's shape; null leaves that shape unlinked. */
  readonly href: (row: Row) => string | null;
  /** What the link opens, for screen readers (the chart's tip already shows the values on hover). */
  readonly label: (row: Row) => string;
}

/** A tooltip's lines, each a label and its formatted value; never Plot's channel names. */
type TipLines = (row: Row) => readonly (readonly [string, string])[];

export interface MarkInteraction {
  readonly tip?: TipLines;
  readonly links?: MarkLinks;
  /** False for a second shape of the same row (an interval's bar beside its point): hover only, one Tab stop per row. */
  readonly focusable?: boolean | ((row: Row) => boolean);
}

/** The render option of a mark drawn over `rows`; its shapes are the rendered group's children, one per index entry, in order. */
export function interactiveMarks(rows: readonly Row[], { tip, links, focusable = true }: MarkInteraction): RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const g = next?.(index, scales, values, dimensions, context) ?? null;
    const shapes = g ? [...g.children] : [];
    if (!g || shapes.length !== index.length) return g;
    index.forEach((i, k) => {
      const row = rows[i];
      const shape = shapes[k];
      if (!row || !shape) return;
      const href = links ? links.href(row) : null;
      const lines = tip ? tip(row) : [];
      let target: Element = shape;
      if (links && href !== null) {
        const a = document.createElementNS(SVG, "a");
        a.setAttribute("href", href);
        a.setAttribute("class", "pp-link");
        a.setAttribute("aria-label", links.label(row));
        shape.replaceWith(a);
        a.append(shape);
        target = a;
      } else if (lines.length && (typeof focusable === "function" ? focusable(row) : focusable)) {
        shape.setAttribute("tabindex", "0");
        shape.setAttribute("role", "img");
        shape.setAttribute("aria-label", lines.map(([label, value]) => `${label} ${value}`).join("; "));
        shape.setAttribute("class", `${shape.getAttribute("class") ?? ""} pp-mark`.trim());
      }
      if (lines.length) listen(target, lines);
    });
    return g;
  };
}

function listen(target: Element, lines: readonly (readonly [string, string])[]): void {
  target.addEventListener("pointerenter", (e) => showTip(target, lines, e as PointerEvent));
  target.addEventListener("pointermove", (e) => showTip(target, lines, e as PointerEvent));
  target.addEventListener("pointerleave", () => hideTip(target));
  target.addEventListener("focus", () => showTip(target, lines, null));
  target.addEventListener("blur", () => hideTip(target));
}

/** The outermost svg of the chart: the tooltip is drawn last in it, over every mark. */
function rootSvg(el: Element): SVGSVGElement | null {
  let svg = (el as SVGElement).ownerSVGElement;
  while (svg?.ownerSVGElement) svg = svg.ownerSVGElement;
  return svg;
}

function hideTip(target: Element): void {
  rootSvg(target)?.querySelector(":scope > g.pp-tip")?.remove();
}

/** Draws the tooltip at the pointer, or above the shape's centre when it came by keyboard focus. */
function showTip(target: Element, lines: readonly (readonly [string, string])[], pointer: PointerEvent | null): void {
  const svg = rootSvg(target);
  if (!svg) return;
  svg.querySelector(":scope > g.pp-tip")?.remove();
  const frame = svg.getBoundingClientRect();
  const shape = target.getBoundingClientRect();
  // Client pixels to the svg's own units, where CSS has scaled the chart down (a narrow screen).
  const view = svg.viewBox.baseVal;
  const scale = view && view.width > 0 && frame.width > 0 ? view.width / frame.width : 1;
  const [width, height] = [frame.width * scale, frame.height * scale];
  const [x, y] = (
    pointer
      ? [pointer.clientX - frame.left, pointer.clientY - frame.top]
      : [shape.left + shape.width / 2 - frame.left, shape.top + shape.height / 2 - frame.top]
  ).map((v) => v * scale) as [number, number];
  const g = document.createElementNS(SVG, "g");
  g.setAttribute("class", "pp-tip");
  g.setAttribute("aria-label", "tip");
  g.setAttribute("pointer-events", "none");
  const box = document.createElementNS(SVG, "rect");
  box.setAttribute("fill", "white");
  box.setAttribute("stroke", "#555");
  box.setAttribute("rx", "3");
  const text = document.createElementNS(SVG, "text");
  text.setAttribute("font-size", "12");
  text.setAttribute("text-anchor", "start");
  lines.forEach(([label, value], k) => {
    const line = document.createElementNS(SVG, "tspan");
    line.setAttribute("x", "8");
    line.setAttribute("dy", k === 0 ? "1.1em" : "1.3em");
    const name = document.createElementNS(SVG, "tspan");
    name.setAttribute("font-weight", "600");
    name.textContent = label;
    // The trailing newline keeps lines apart in the text a screen reader or a test reads (it renders as nothing).
    line.append(name, ` ${value}${k < lines.length - 1 ? "\n" : ""}`);
    text.append(line);
  });
  g.append(box, text);
  svg.append(g);
  const size = text.getBBox();
  const [w, h] = [size.width + 16, size.height + 8];
  box.setAttribute("width", String(w));
  box.setAttribute("height", String(h));
  text.setAttribute("y", "2");
  // Beside the pointer, flipped left or up where the chart's edge would cut it off.
  const left = x + 12 + w > width ? Math.max(0, x - 12 - w) : x + 12;
  const top = y + 12 + h > height ? Math.max(0, y - 12 - h) : y + 12;
  g.setAttribute("transform", `translate(${left},${top})`);
}
