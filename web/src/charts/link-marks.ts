// Drill-down from a chart: a mark's render transform that wraps each drawn shape (a heatmap cell, a
// bar) in an SVG link to the dashboard state that lists what the shape adds up. A link is clicked,
// or reached with Tab and opened with Enter, and opens in a new tab like any other; the dashboard
// catches plain clicks on `?…` links and navigates without a reload.
import type { RenderFunction } from "@observablehq/plot";
import type { Row } from "../../../src/contract/index.js";

const SVG = "http://www.w3.org/2000/svg";

export interface MarkLinks {
  /** The `?…` dashboard link of a row's shape; null leaves that shape unlinked. */
  readonly href: (row: Row) => string | null;
  /** What the link opens, for screen readers (the chart's tip already shows the values on hover). */
  readonly label: (row: Row) => string;
}

/** The render option of a mark drawn over `rows`; its shapes are the rendered group's children, one per index entry, in order. */
export function linkMarks(rows: readonly Row[], links: MarkLinks): RenderFunction {
  return (index, scales, values, dimensions, context, next) => {
    const g = next?.(index, scales, values, dimensions, context) ?? null;
    const shapes = g ? [...g.children] : [];
    if (!g || shapes.length !== index.length) return g;
    index.forEach((i, k) => {
      const row = rows[i];
      const shape = shapes[k];
      const href = row ? links.href(row) : null;
      if (!row || !shape || href === null) return;
      const a = document.createElementNS(SVG, "a");
      a.setAttribute("href", href);
      a.setAttribute("class", "pp-link");
      a.setAttribute("aria-label", links.label(row));
      shape.replaceWith(a);
      a.append(shape);
    });
    return g;
  };
}
