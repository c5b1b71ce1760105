// The bootstrap replicates of each channel's share of its segment's pipeline, and the interval of
// the gap between two channels' shares taken on the same replicates (finding channel_ranking).
//
// credit-intervals.ts (behind `report attribution --intervals`) keeps only each cell's marginal
// quantiles. A ranking needs the joint draws: two channels' shares of one segment move together
// (they share its total, and a refit that credits one more credits the other less), so whether
// their marginal intervals overlap is not the test. The percentile interval of the difference,
// replicate by replicate, is. The replicates here are drawn and refitted as there — the same
// resampler streams, segmentFits on the same rows, the same sums in the same order — so the
// marginal intervals equal the report's for the same model, replicates and seed
// (test/insights-ranking.test.ts holds them equal).
import { mergeGroups, percentileInterval, resampler, type Interval, type JourneyGroup } from "../attribution/bootstrap.js";
import type { CreditIntervalOptions } from "../attribution/credit-intervals.js";
import { segmentFits, type SegmentPathRow } from "../attribution/data-driven-credits.js";

export interface ShareReplicates {
  readonly replicates: number;
  /** A cell's share of its segment's pipeline in every replicate; segment: its values in dimension order (the whole population: []). */
  shares(segment: readonly string[], channel: string): Float64Array | null;
}

/** The 95 % percentile interval of a − b over paired replicates (the same resample for both). */
export function differenceInterval(a: ArrayLike<number>, b: ArrayLike<number>): Interval {
  if (a.length !== b.length) throw new Error(`paired replicates differ in number: ${a.length} and ${b.length}`);
  return percentileInterval(Float64Array.from(a, (x, i) => x - (b[i] ?? Number.NaN)));
}

const cellKey = (segment: string, channel: string) => `${segment}\u0000${channel}`;

export function shareReplicates(groups: readonly JourneyGroup[], options: CreditIntervalOptions): ShareReplicates {
  const { fitter, minSample, replicates, seed, unattributed } = options;
  const merged = mergeGroups(groups);
  // Cells in first-seen order over the merged groups, as credit-intervals.ts lays them out.
  const segments: (readonly string[])[] = [];
  const segmentIndex = new Map<string, number>();
  const cellIndex = new Map<string, number>();
  const cellSegment: number[] = [];
  const plan = merged.map((g) => {
    if (!(g.journeys > 0)) return null;
    const values = g.segment.map((v) => v ?? "");
    const key = JSON.stringify(values);
    let s = segmentIndex.get(key);
    if (s === undefined) segmentIndex.set(key, (s = segments.push(values) - 1));
    const channels = g.channels.length === 0 ? [] : [...new Set(g.channels)];
    const cells = (channels.length === 0 ? [unattributed] : channels).map((channel) => {
      const k = cellKey(key, channel);
      let cell = cellIndex.get(k);
      if (cell === undefined) cellIndex.set(k, (cell = cellSegment.push(s) - 1));
      return cell;
    });
    return { segment: s, channels, cells };
  });
  const share = cellSegment.map(() => new Float64Array(replicates));
  const draw = resampler(groups, seed);
  for (let b = 0; b < replicates; b++) {
    const resampled = draw();
    const fits = segmentFits(fitRows(resampled), fitter, minSample);
    const sums = new Float64Array(cellSegment.length);
    resampled.forEach((g, i) => {
      const p = plan[i];
      if (!p || !(g.amount !== 0)) return;
      if (p.channels.length === 0) {
        const cell = p.cells[0] ?? 0;
        sums[cell] = (sums[cell] ?? 0) + g.amount;
        return;
      }
      const credits = fits.creditor(segments[p.segment] ?? [])(p.channels);
      p.cells.forEach((cell, k) => (sums[cell] = (sums[cell] ?? 0) + (credits[k] ?? 0) * g.amount));
    });
    const bySegment = new Float64Array(segments.length);
    sums.forEach((value, cell) => {
      const s = cellSegment[cell] ?? 0;
      bySegment[s] = (bySegment[s] ?? 0) + value;
    });
    sums.forEach((value, cell) => {
      const of = bySegment[cellSegment[cell] ?? 0] ?? 0;
      const row = share[cell];
      if (row) row[b] = of > 0 ? value / of : 0;
    });
  }
  return {
    replicates,
    shares: (segment, channel) => {
      const cell = cellIndex.get(cellKey(JSON.stringify(segment), channel));
      return cell === undefined ? null : (share[cell] ?? null);
    },
  };
}

/** What a fit reads of the groups (as credit-intervals.ts): journeys with a channel and an outcome the model counts. */
function fitRows(groups: readonly JourneyGroup[]): SegmentPathRow[] {
  return groups
    .filter((g) => g.channels.length > 0 && g.conversions + g.nulls > 0)
    .map((g) => ({ segment: g.segment, channels: g.channels, conversions: g.conversions, value: g.value, nulls: g.nulls }));
}
