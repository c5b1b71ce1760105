// Intervals on a data-driven model's channel × segment matrix: a Poisson bootstrap over journeys
// (bootstrap.ts). Each replicate resamples the journey groups, refits the model per segment on the
// resampled counts exactly as the point estimate is fitted (segmentFits: the same pooling, thin
// segments decided again on the replicate's conversions), recredits every group, and sums
//
//   pipeline(segment, channel) = Σ over the segment's groups g of credit(g's channels, channel)
//                                 × amount_g × resampled journeys_g / journeys_g
//
// (a group's pipeline scales with its resampled journey count: the mean deal of a group is kept,
// how many deals it holds is resampled). A segment's total, hence each channel's share of it,
// includes its opportunities without a journey (Unattributed), resampled the same way. The
// intervals are the replicates' 2.5 % and 97.5 % quantiles. The point estimate is never taken from
// here: the report's `pipeline` stays what the matrix query computes.

import { at } from "./checked-at.js";
import { mergeGroups, percentileInterval, resampler, type Interval, type JourneyGroup } from "./bootstrap.js";
import { segmentFits, type Fitter, type SegmentPathRow } from "./data-driven-credits.js";

export interface CreditIntervalOptions {
  readonly fitter: Fitter<SegmentPathRow>;
  readonly minSample: number;
  readonly replicates: number;
  readonly seed: number;
  /** The channel name of opportunities without a journey. */
  readonly unattributed: string;
}

/** Intervals of one row of the matrix: a cell, a segment's or channel's total, or the grand total. */
interface RowIntervals {
  readonly pipeline: Interval;
  /** The channel's share of its segment's pipeline (cells only). */
  readonly share: Interval | null;
}

export interface CreditIntervals {
  /** segment: the cell's segment values (the whole population: []); channel: null for a segment's total. */
  readonly of: (segment: readonly string[] | null, channel: string | null) => RowIntervals | null;
  readonly replicates: number;
}

const rowKey = (segment: readonly string[] | null, channel: string | null) => JSON.stringify([segment, channel]);

/**
 * The matrix's rows as indexes, laid out once for the groups (in the resampler's order): each
 * in-scope group's segment, distinct channels and the cell of each, so a replicate only adds numbers.
 */
interface Layout {
  /** Per group: its segment (index into segments), or -1 when it has no journey in scope. */
  readonly segmentOf: Int32Array;
  readonly channelsOf: readonly (readonly string[])[];
  /** Per group: the cell index of each of its channels (Unattributed: its only cell). */
  readonly cellsOf: readonly Int32Array[];
  readonly segments: readonly (readonly string[])[];
  /** Per cell: its segment and channel indexes. */
  readonly cellSegment: Int32Array;
  readonly cellChannel: Int32Array;
  readonly channels: readonly string[];
}

function layout(groups: readonly JourneyGroup[], unattributed: string): Layout {
  const segmentIndex = new Map<string, number>();
  const segments: (readonly string[])[] = [];
  const channelIndex = new Map<string, number>();
  const channels: string[] = [];
  const cellIndex = new Map<string, number>();
  const cellSegment: number[] = [];
  const cellChannel: number[] = [];
  const indexOf = (map: Map<string, number>, list: unknown[], key: string, item: unknown) => {
    let i = map.get(key);
    if (i === undefined) map.set(key, (i = list.push(item) - 1));
    return i;
  };
  const segmentOf = new Int32Array(groups.length).fill(-1);
  const channelsOf: (readonly string[])[] = [];
  const cellsOf: Int32Array[] = [];
  groups.forEach((g, i) => {
    const distinct = g.channels.length === 0 ? [unattributed] : [...new Set(g.channels)];
    channelsOf.push(g.channels.length === 0 ? [] : distinct);
    if (!(g.journeys > 0)) {
      cellsOf.push(new Int32Array(0));
      return;
    }
    const segment = g.segment.map((v) => v ?? "");
    const s = indexOf(segmentIndex, segments, JSON.stringify(segment), segment);
    segmentOf[i] = s;
    cellsOf.push(
      Int32Array.from(distinct, (channel) => {
        const c = indexOf(channelIndex, channels, channel, channel);
        const before = cellIndex.size;
        const cell = indexOf(cellIndex, cellSegment, `${s}\u0000${c}`, s);
        if (cell === before) cellChannel.push(c);
        return cell;
      }),
    );
  });
  return {
    segmentOf,
    channelsOf,
    cellsOf,
    segments,
    cellSegment: Int32Array.from(cellSegment),
    cellChannel: Int32Array.from(cellChannel),
    channels,
  };
}

/** Each cell's pipeline for groups (in layout order) credited by `creditorOf`. */
function cellPipeline(
  groups: readonly JourneyGroup[],
  plan: Layout,
  creditorOf: (segment: readonly string[]) => (channels: readonly string[]) => number[],
): Float64Array {
  const sums = new Float64Array(plan.cellSegment.length);
  groups.forEach((g, i) => {
    const s = plan.segmentOf[i] ?? -1;
    const cells = plan.cellsOf[i];
    if (s < 0 || !cells || !(g.amount !== 0)) return;
    const channels = plan.channelsOf[i] ?? [];
    if (channels.length === 0) {
      const cell = cells[0] ?? 0;
      sums[cell] = (sums[cell] ?? 0) + g.amount;
      return;
    }
    const credits = creditorOf(plan.segments[s] ?? [])(channels);
    cells.forEach((cell, k) => (sums[cell] = (sums[cell] ?? 0) + (credits[k] ?? 0) * g.amount));
  });
  return sums;
}

/** Every row of the matrix from the cells: cells, segment totals, channel totals and the grand total, by rowKey. */
function matrixRows(plan: Layout, cells: Float64Array): Map<string, number> {
  const bySegment = new Float64Array(plan.segments.length);
  const byChannel = new Float64Array(plan.channels.length);
  let all = 0;
  const rows = new Map<string, number>();
  cells.forEach((value, cell) => {
    const s = plan.cellSegment[cell] ?? 0;
    const c = plan.cellChannel[cell] ?? 0;
    bySegment[s] = (bySegment[s] ?? 0) + value;
    byChannel[c] = (byChannel[c] ?? 0) + value;
    all += value;
    rows.set(rowKey(plan.segments[s] ?? [], plan.channels[c] ?? ""), value);
  });
  plan.segments.forEach((segment, s) => rows.set(rowKey(segment, null), bySegment[s] ?? 0));
  plan.channels.forEach((channel, c) => rows.set(rowKey(null, channel), byChannel[c] ?? 0));
  rows.set(rowKey(null, null), all);
  return rows;
}

/** What a fit reads of the groups: journeys with a path or set and an outcome the model counts. */
function fitRows(groups: readonly JourneyGroup[]): SegmentPathRow[] {
  return groups
    .filter((g) => g.channels.length > 0 && g.conversions + g.nulls > 0)
    .map((g) => ({ segment: g.segment, channels: g.channels, conversions: g.conversions, value: g.value, nulls: g.nulls }));
}

/** The matrix's pipeline recomputed from the groups without resampling (what the replicates vary around). */
export function groupPipeline(
  groups: readonly JourneyGroup[],
  options: Omit<CreditIntervalOptions, "replicates" | "seed">,
): CreditIntervals {
  const merged = mergeGroups(groups);
  const plan = layout(merged, options.unattributed);
  const fits = segmentFits(fitRows(merged), options.fitter, options.minSample);
  const rows = matrixRows(
    plan,
    cellPipeline(merged, plan, (s) => fits.creditor(s)),
  );
  return {
    replicates: 0,
    of: (segment, channel) => {
      const value = rows.get(rowKey(segment, channel));
      return value === undefined ? null : { pipeline: { low: value, high: value }, share: null };
    },
  };
}

export function creditIntervals(groups: readonly JourneyGroup[], options: CreditIntervalOptions): CreditIntervals {
  const draw = resampler(groups, options.seed);
  const plan = layout(mergeGroups(groups), options.unattributed);
  const { replicates } = options;
  const cells = plan.cellSegment.length;
  const pipeline = Array.from({ length: cells }, () => new Float64Array(replicates));
  const share = Array.from({ length: cells }, () => new Float64Array(replicates));
  const segmentTotal = Array.from(plan.segments, () => new Float64Array(replicates));
  const channelTotal = Array.from(plan.channels, () => new Float64Array(replicates));
  const total = new Float64Array(replicates);
  for (let b = 0; b < replicates; b++) {
    const resampled = draw();
    const fits = segmentFits(fitRows(resampled), options.fitter, options.minSample);
    const sums = cellPipeline(resampled, plan, (s) => fits.creditor(s));
    const bySegment = new Float64Array(plan.segments.length);
    sums.forEach((value, cell) => {
      const s = plan.cellSegment[cell] ?? 0;
      const c = plan.cellChannel[cell] ?? 0;
      bySegment[s] = (bySegment[s] ?? 0) + value;
      at(pipeline, cell)[b] = value;
      at(channelTotal, c)[b] = (at(channelTotal, c)[b] ?? 0) + value;
      total[b] = (total[b] ?? 0) + value;
    });
    bySegment.forEach((value, s) => (at(segmentTotal, s)[b] = value));
    sums.forEach((value, cell) => {
      const of = bySegment[plan.cellSegment[cell] ?? 0] ?? 0;
      at(share, cell)[b] = of > 0 ? value / of : 0;
    });
  }
  const intervals = new Map<string, RowIntervals>();
  for (let cell = 0; cell < cells; cell++) {
    const segment = plan.segments[plan.cellSegment[cell] ?? 0] ?? [];
    const channel = plan.channels[plan.cellChannel[cell] ?? 0] ?? "";
    intervals.set(rowKey(segment, channel), {
      pipeline: percentileInterval(pipeline[cell] ?? []),
      share: percentileInterval(share[cell] ?? []),
    });
  }
  plan.segments.forEach((segment, s) =>
    intervals.set(rowKey(segment, null), { pipeline: percentileInterval(segmentTotal[s] ?? []), share: null }),
  );
  plan.channels.forEach((channel, c) =>
    intervals.set(rowKey(null, channel), { pipeline: percentileInterval(channelTotal[c] ?? []), share: null }),
  );
  intervals.set(rowKey(null, null), { pipeline: percentileInterval(total), share: null });
  return { replicates, of: (segment, channel) => intervals.get(rowKey(segment, channel)) ?? null };
}
