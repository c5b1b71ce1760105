// Drill-down: the deals view's state for what a heatmap cell, a bar, a table cell or a finding
// names. Its segment values become the segment filter on each --by dimension (sent as `where`, which
// picks that cell of the --by matrix without refitting) and its channel the deals' `channel`, so
// the list's credited total is the cell's pipeline under the same model, period and stage.
import type { Row } from "../../src/contract/index.js";
import type { MarkLinks } from "./charts/link-marks.js";
import type { State } from "./state.js";

export interface DrillTarget {
  /** The --by dimensions of the matrix the cell belongs to. */
  readonly by: readonly string[];
  /** The cell's value on each of those dimensions; a dimension left out spans every segment. */
  readonly seg: Readonly<Record<string, string>>;
  /** "" for every channel. */
  readonly channel: string;
  /** Another model than the state's (a models-view column, a finding ranked under lift). */
  readonly model?: string;
}

export function dealsPatch(target: DrillTarget): Partial<State> {
  return {
    view: "deals",
    by: [...target.by],
    seg: { ...target.seg },
    channel: target.channel,
    ...(target.model ? { model: target.model } : {}),
  };
}

/** A report row's cell: its values on the report's dimensions and its channel. */
export function rowTarget(row: Row, dims: readonly string[], model?: string): DrillTarget {
  const seg = Object.fromEntries(dims.filter((d) => row[d] !== null && row[d] !== undefined).map((d) => [d, String(row[d])]));
  return { by: dims, seg, channel: typeof row.channel === "string" ? row.channel : "", ...(model ? { model } : {}) };
}

/** "Deals credited to Events in size Enterprise", for screen readers and link titles. */
export function drillLabel(target: DrillTarget): string {
  const where = Object.entries(target.seg).map(([d, v]) => `${d} ${v}`);
  const channel = target.channel ? `credited to ${target.channel}` : "of every channel";
  return `Deals ${channel}${where.length ? ` in ${where.join(", ")}` : ""}${target.model ? ` under ${target.model}` : ""}`;
}

/**
 * The links of a chart drawn one shape per report row (a bar per segment): each row's deals, in its
 * segment and, for a row with a channel, credited to that channel. A row missing a value on one of
 * the --by dimensions, a total, or a row of a report without --by and channel stays unlinked: its
 * link would list deals the shape does not add up.
 */
export function rowLinks(dims: readonly string[], href: (patch: Partial<State>) => string): MarkLinks {
  const drillable = (r: Row) =>
    r.total_of === undefined &&
    (dims.length > 0 || typeof r.channel === "string") &&
    dims.every((d) => r[d] !== null && r[d] !== undefined && r[d] !== "");
  return {
    href: (r) => (drillable(r) ? href(dealsPatch(rowTarget(r, dims))) : null),
    label: (r) => drillLabel(rowTarget(r, dims)),
  };
}
