// Markov and Shapley fitted per segment on counts from SQL (Markov: transitions and exits;
// Shapley: journeys per channel set), turned into the credit of each channel within each distinct
// channel set seen in that segment. Segments with fewer than min_sample conversions borrow the
// pooled fit, and the report says so.
import { at } from "./checked-at.js";
import { chainFromCounts, type ChainCountRow } from "./markov-chain.js";
import { fitMarkovChain } from "./markov.js";
import type { PathRow } from "./paths.js";
import { fitShapley } from "./shapley.js";
import type { CoalitionValue } from "./shapley-game.js";

export interface Segmented {
  /** Segment values in dimension order; null entries mean "belongs to every segment". */
  readonly segment: readonly (string | null)[];
}

export type SegmentPathRow = PathRow & Segmented;
export type SegmentChainRow = ChainCountRow & Segmented;

export interface SetCreditRow {
  readonly segment: readonly string[];
  readonly set: string;
  readonly channel: string;
  readonly credit: number;
}

/** Returns channel credits within a channel set (summing to 1). */
type SetCreditor = (channels: readonly string[]) => number[];

/** How one data-driven model is fitted on the rows of a segment. */
export interface Fitter<R extends Segmented> {
  readonly model: "markov" | "shapley";
  fit(rows: readonly R[]): SetCreditor;
  conversions(row: R): number;
}

export function markovFitter(channels: readonly string[], order: number): Fitter<SegmentChainRow> {
  return {
    model: "markov",
    fit(rows) {
      const effects = fitMarkovChain(chainFromCounts(channels, rows), order).removalEffects;
      return (set) => proportional(set.map((c) => effects.get(c) ?? 0));
    },
    conversions: (row) => (row.kind === "exit" ? row.conversions : 0),
  };
}

export function shapleyFitter(coalition: CoalitionValue, seed: number): Fitter<SegmentPathRow> {
  return {
    model: "shapley",
    fit(rows) {
      const fit = fitShapley(rows, { coalition, seed });
      return (set) => {
        const result = fit.sharesFor(set);
        const byChannel = new Map(result.channels.map((c, i) => [c, result.shares?.[i] ?? 0]));
        return proportional(set.map((c) => byChannel.get(c) ?? 0));
      };
    },
    conversions: (row) => row.conversions,
  };
}

export function dataDrivenCredits<R extends Segmented>(
  rows: readonly R[],
  sets: readonly { segment: readonly string[]; set: string }[],
  /** A channel set's key → its channels. */
  channelsOf: (set: string) => string[],
  fitter: Fitter<R>,
  minSample: number,
): { credits: SetCreditRow[]; notes: string[] } {
  let pooled: SetCreditor | null = null;
  const pooledFit = () => (pooled ??= fitter.fit(rows));
  const bySegment = new Map<string, SetCreditor>();
  const pooledSegments: string[] = [];
  const credits: SetCreditRow[] = [];
  for (const { segment, set } of sets) {
    const key = JSON.stringify(segment);
    let creditor = bySegment.get(key);
    if (!creditor) {
      const own = rows.filter((r) => r.segment.every((v, i) => v === null || v === segment[i]));
      const conversions = own.reduce((s, r) => s + fitter.conversions(r), 0);
      const thin = segment.length > 0 && conversions < minSample;
      if (thin) pooledSegments.push(segment.join(" / "));
      creditor = segment.length === 0 || thin ? pooledFit() : fitter.fit(own);
      bySegment.set(key, creditor);
    }
    const channels = channelsOf(set);
    creditor(channels).forEach((credit, i) => credits.push({ segment, set, channel: at(channels, i), credit }));
  }
  const notes = pooledSegments.length
    ? [
        `${fitter.model}: ${pooledSegments.length} segment(s) with fewer than ${minSample} conversions use the pooled fit: ${pooledSegments.join(", ")}.`,
      ]
    : [];
  return { credits, notes };
}

/** Normalises weights to sum 1; equal split when none is positive. */
function proportional(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + Math.max(0, b), 0);
  if (!(total > 0)) return weights.map(() => 1 / weights.length);
  return weights.map((w) => Math.max(0, w) / total);
}
