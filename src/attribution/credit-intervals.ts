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
import { countResampler, mergeGroups, percentileInterval, type Interval, type JourneyGroup, type ResampledCounts } from "./bootstrap.js";
import { addProportionalCredits, segmentFits, type Fitter, type SegmentPathRow, type SetCreditor } from "./data-driven-credits.js";

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
  /** Per group with channels: its (segment, distinct channels) among all groups', whose credits a replicate computes once. */
  readonly creditKeyOf: Int32Array;
  readonly creditKeys: number;
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
  const creditKeyOf = new Int32Array(groups.length).fill(-1);
  const creditKeys = new Map<string, number>();
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
    if (g.channels.length > 0) {
      const key = JSON.stringify([s, distinct]);
      let k = creditKeys.get(key);
      if (k === undefined) creditKeys.set(key, (k = creditKeys.size));
      creditKeyOf[i] = k;
    }
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
    creditKeyOf,
    creditKeys: creditKeys.size,
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

/** What a fit reads of the groups (with a replicate's counts): journeys with a path or set and an outcome the model counts. */
function fitRows(groups: readonly JourneyGroup[], counts?: ResampledCounts): SegmentPathRow[] {
  const rows: SegmentPathRow[] = [];
  groups.forEach((g, i) => {
    const conversions = counts ? (counts.conversions[i] ?? 0) : g.conversions;
    const value = counts ? (counts.value[i] ?? 0) : g.value;
    const nulls = counts ? (counts.nulls[i] ?? 0) : g.nulls;
    if (g.channels.length > 0 && conversions + nulls > 0)
      rows.push({ segment: g.segment, channels: g.channels, conversions, value, nulls });
  });
  return rows;
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

/** The bootstrap's cells, and its replicates: run(each) calls each(b, sums) with replicate b's pipeline per cell. */
interface ReplicateCells {
  readonly plan: Layout;
  run(each: (replicate: number, sums: Float64Array) => void): void;
}

/**
 * The bootstrap's replicates: for each, the groups' counts are redrawn, the model refitted per
 * segment (segmentFits' rules; a fitter with a refitter refits from the groups laid out once) and
 * every in-scope group credited. `sums` is refilled by the next replicate.
 */
function replicateCells(groups: readonly JourneyGroup[], options: CreditIntervalOptions): ReplicateCells {
  const merged = mergeGroups(groups);
  const plan = layout(merged, options.unattributed);
  return { plan, run: (each) => runReplicates(merged, plan, options, each) };
}

function runReplicates(
  merged: readonly JourneyGroup[],
  plan: Layout,
  options: CreditIntervalOptions,
  each: (replicate: number, sums: Float64Array) => void,
): void {
  const draw = countResampler(merged, options.seed);
  const refit = replicateFits(merged, plan, options);
  const sums = new Float64Array(plan.cellSegment.length);
  const channelIndexes = plan.cellsOf.map((cells) => cells.map((cell) => plan.cellChannel[cell] ?? 0));
  for (let b = 0; b < options.replicates; b++) {
    const counts = draw();
    const creditOf = refit(counts);
    const credited: (number[] | undefined)[] = [];
    sums.fill(0);
    for (let i = 0; i < merged.length; i++) {
      const s = plan.segmentOf[i] ?? -1;
      const cells = plan.cellsOf[i];
      const amount = counts.amount[i] ?? 0;
      if (s < 0 || !cells || !(amount !== 0)) continue;
      const channels = plan.channelsOf[i] ?? [];
      if (channels.length === 0) {
        const cell = cells[0] ?? 0;
        sums[cell] = (sums[cell] ?? 0) + amount;
        continue;
      }
      const credit = creditOf(s);
      if (credit.weights) {
        addProportionalCredits(credit.weights, channelIndexes[i] ?? new Int32Array(0), cells, amount, sums);
        continue;
      }
      const key = plan.creditKeyOf[i] ?? -1;
      const credits = (credited[key] ??= credit.creditor(channels));
      cells.forEach((cell, k) => (sums[cell] = (sums[cell] ?? 0) + (credits[k] ?? 0) * amount));
    }
    each(b, sums);
  }
}

/** A segment's fit in one replicate: its creditor, or the per-channel weights (by layout channel index) its credits are proportional to. */
type ReplicateCredit = { readonly creditor: SetCreditor; readonly weights?: undefined } | { readonly weights: Float64Array };

/**
 * Per replicate's counts, each segment's fit (by index into the layout's segments), as segmentFits
 * fits the rows fitRows makes of the resampled groups. A fitter with a refitter (no partial
 * pooling) lays the groups out once and refits from the counts: the same rows in the same order,
 * so the same fits.
 */
function replicateFits(
  merged: readonly JourneyGroup[],
  plan: Layout,
  options: CreditIntervalOptions,
): (counts: ResampledCounts) => (segment: number) => ReplicateCredit {
  const { fitter, minSample } = options;
  if (!fitter.refitter || fitter.pooling) {
    return (counts) => {
      const fits = segmentFits(fitRows(merged, counts), fitter, minSample);
      const bySegment: ReplicateCredit[] = [];
      return (s) => (bySegment[s] ??= { creditor: fits.creditor(plan.segments[s] ?? []) });
    };
  }
  const refit = fitter.refitter(merged);
  const weightsOf = (effects: ReadonlyMap<string, number>) => Float64Array.from(plan.channels, (c) => effects.get(c) ?? 0);
  const fitted = merged.flatMap((g, i) => (g.channels.length > 0 ? [i] : []));
  const members = plan.segments.map((segment) =>
    Int32Array.from(fitted.filter((i) => (merged[i]?.segment ?? []).every((v, d) => v === null || v === segment[d]))),
  );
  const all = Int32Array.from(fitted);
  return (counts) => {
    let pooled: ReplicateCredit | null = null;
    const bySegment: ReplicateCredit[] = [];
    return (s) => {
      let credit = bySegment[s];
      if (credit) return credit;
      const segment = plan.segments[s] ?? [];
      const own = members[s] ?? new Int32Array(0);
      let conversions = 0;
      own.forEach((i) => {
        const c = counts.conversions[i] ?? 0;
        if (c + (counts.nulls[i] ?? 0) > 0) conversions += c;
      });
      const thin = segment.length > 0 && conversions < minSample;
      credit =
        segment.length === 0 || thin ? (pooled ??= { weights: weightsOf(refit(all, counts)) }) : { weights: weightsOf(refit(own, counts)) };
      bySegment[s] = credit;
      return credit;
    };
  };
}

export function creditIntervals(groups: readonly JourneyGroup[], options: CreditIntervalOptions): CreditIntervals {
  const { plan, run } = replicateCells(groups, options);
  const { replicates } = options;
  const cells = plan.cellSegment.length;
  const pipeline = Array.from({ length: cells }, () => new Float64Array(replicates));
  const share = Array.from({ length: cells }, () => new Float64Array(replicates));
  const segmentTotal = Array.from(plan.segments, () => new Float64Array(replicates));
  const channelTotal = Array.from(plan.channels, () => new Float64Array(replicates));
  const total = new Float64Array(replicates);
  run((b, sums) => {
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
  });
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
