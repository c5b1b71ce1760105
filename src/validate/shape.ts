// The shape of a user's journeys, as `pipeprism validate` simulates it: channels with their reach
// per segment, the segment mix, each segment's conversion rate, and how many touches journeys with
// k distinct channels have. Counts, not shares, so a shape recorded from data compares exactly.
import { compareNames } from "../attribution/paths.js";
import type { Row } from "../contract/row.js";
import { UserError } from "../model/diagnostic.js";

interface SegmentShape {
  readonly name: string;
  /** Journeys with at least one touch (converting or not). */
  readonly journeys: number;
  /** Journeys that reached opportunity creation. */
  readonly conversions: number;
  /** Journeys containing each channel, in the order of DataShape.channels. */
  readonly reach: readonly number[];
}

/** Journeys with `distinct` distinct channels over `touches` touches (capped), summed over segments. */
export interface LengthCell {
  readonly distinct: number;
  readonly touches: number;
  readonly journeys: number;
}

export interface DataShape {
  /** The dimension segments are values of; null: one segment for everybody. */
  readonly dimension: string | null;
  /** Channel names in byte order. */
  readonly channels: readonly string[];
  /** Segments in decreasing journeys, then name. */
  readonly segments: readonly SegmentShape[];
  /** Sorted by distinct, then touches. */
  readonly lengths: readonly LengthCell[];
}

/** The segment name of a shape without a dimension. */
const ALL_SEGMENT = "all";

/**
 * A shape from the rows compileValidateShape returns. A null segment (a null journey whose
 * dimension only opportunities carry) is named `unknownLabel`.
 */
export function shapeFromRows(rows: readonly Row[], dimension: string | null, unknownLabel: string): DataShape {
  const segKey = dimension === null ? null : `seg_${dimension}`;
  const segmentOf = (r: Row) => (segKey === null ? ALL_SEGMENT : r[segKey] === null ? unknownLabel : String(r[segKey]));
  const channels = [...new Set(rows.filter((r) => r.part === "reach").map((r) => String(r.channel)))].sort(compareNames);
  const index = new Map(channels.map((c, i) => [c, i]));
  const segments = new Map<string, { journeys: number; conversions: number; reach: number[] }>();
  const segment = (name: string) => {
    let s = segments.get(name);
    if (!s) segments.set(name, (s = { journeys: 0, conversions: 0, reach: channels.map(() => 0) }));
    return s;
  };
  const lengths = new Map<string, { distinct: number; touches: number; journeys: number }>();
  for (const r of rows) {
    const s = segment(segmentOf(r));
    if (r.part === "reach") {
      const i = index.get(String(r.channel)) ?? 0;
      s.reach[i] = (s.reach[i] ?? 0) + Number(r.journeys);
      continue;
    }
    s.journeys += Number(r.journeys);
    s.conversions += Number(r.conversions);
    const distinct = Number(r.distinct_channels);
    const touches = Number(r.touches);
    const key = `${distinct}:${touches}`;
    const cell = lengths.get(key) ?? { distinct, touches, journeys: 0 };
    cell.journeys += Number(r.journeys);
    lengths.set(key, cell);
  }
  return {
    dimension,
    channels,
    segments: [...segments]
      .map(([name, s]) => ({ name, ...s }))
      .filter((s) => s.journeys > 0)
      .sort((a, b) => b.journeys - a.journeys || compareNames(a.name, b.name)),
    lengths: [...lengths.values()].sort((a, b) => a.distinct - b.distinct || a.touches - b.touches),
  };
}

/** Refuses a shape nothing can be simulated from, saying what is missing. */
export function checkShape(shape: DataShape): void {
  const journeys = totalJourneys(shape);
  if (journeys === 0)
    throw new UserError("validate: no journey has a touch; load touchpoints to validate attribution models", "user_error");
  if (shape.channels.length < 2) {
    throw new UserError(
      `validate: journeys have ${shape.channels.length} channel; attribution models need at least 2 to disagree`,
      "user_error",
    );
  }
}

export function totalJourneys(shape: DataShape): number {
  return shape.segments.reduce((s, g) => s + g.journeys, 0);
}

export function totalConversions(shape: DataShape): number {
  return shape.segments.reduce((s, g) => s + g.conversions, 0);
}

/** Share of all journeys containing each channel. */
export function overallReach(shape: DataShape): number[] {
  const journeys = totalJourneys(shape);
  return shape.channels.map((_, c) => shape.segments.reduce((s, g) => s + (g.reach[c] ?? 0), 0) / journeys);
}

/** Mean touches per journey (the capped bucket counted at the cap). */
export function meanTouches(shape: DataShape): number {
  const journeys = shape.lengths.reduce((s, l) => s + l.journeys, 0);
  return journeys ? shape.lengths.reduce((s, l) => s + l.touches * l.journeys, 0) / journeys : 0;
}
