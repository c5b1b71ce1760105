// Markov and Shapley fitted per segment on path counts from SQL, turned into the credit of each
// channel within each distinct channel set seen in that segment. Segments with fewer than
// min_sample conversions borrow the pooled fit, and the report says so.
import { fitMarkov } from "./markov.js";
import type { PathRow } from "./paths.js";
import { fitShapley } from "./shapley.js";
import type { CoalitionValue } from "./shapley-game.js";

export interface SegmentPathRow extends PathRow {
  /** Segment values in dimension order; null entries mean "belongs to every segment". */
  readonly segment: readonly (string | null)[];
}

export interface DataDrivenOptions {
  readonly model: "markov" | "shapley";
  readonly order: number;
  readonly shapleyValue: CoalitionValue;
  readonly seed: number;
  readonly minSample: number;
}

export interface SetCreditRow {
  readonly segment: readonly string[];
  readonly set: string;
  readonly channel: string;
  readonly credit: number;
}

/** Returns channel credits within a channel set (summing to 1). */
type SetCreditor = (channels: readonly string[]) => number[];

export function dataDrivenCredits(
  paths: readonly SegmentPathRow[],
  sets: readonly { segment: readonly string[]; set: string }[],
  /** A channel set's key → its channels. */
  channelsOf: (set: string) => string[],
  options: DataDrivenOptions,
): { credits: SetCreditRow[]; notes: string[] } {
  const pooled = creditorFor(paths, options);
  const bySegment = new Map<string, SetCreditor>();
  const pooledSegments: string[] = [];
  const credits: SetCreditRow[] = [];
  for (const { segment, set } of sets) {
    const key = JSON.stringify(segment);
    let creditor = bySegment.get(key);
    if (!creditor) {
      const rows = paths.filter((p) => p.segment.every((v, i) => v === null || v === segment[i]));
      const conversions = rows.reduce((s, r) => s + r.conversions, 0);
      const thin = segment.length > 0 && conversions < options.minSample;
      if (thin) pooledSegments.push(segment.join(" / "));
      creditor = segment.length === 0 || thin ? pooled : creditorFor(rows, options);
      bySegment.set(key, creditor);
    }
    const channels = channelsOf(set);
    creditor(channels).forEach((credit, i) => credits.push({ segment, set, channel: channels[i] as string, credit }));
  }
  const notes = pooledSegments.length
    ? [`${options.model}: ${pooledSegments.length} segment(s) with fewer than ${options.minSample} conversions use the pooled fit: ${pooledSegments.join(", ")}.`]
    : [];
  return { credits, notes };
}

function creditorFor(rows: readonly PathRow[], options: DataDrivenOptions): SetCreditor {
  if (options.model === "markov") {
    const effects = fitMarkov(rows, options.order).removalEffects;
    return (channels) => proportional(channels.map((c) => effects.get(c) ?? 0));
  }
  const fit = fitShapley(rows, { coalition: options.shapleyValue, seed: options.seed });
  return (channels) => {
    const result = fit.sharesFor(channels);
    const byChannel = new Map(result.channels.map((c, i) => [c, result.shares?.[i] ?? 0]));
    return proportional(channels.map((c) => byChannel.get(c) ?? 0));
  };
}

/** Normalises weights to sum 1; equal split when none is positive. */
export function proportional(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + Math.max(0, b), 0);
  if (!(total > 0)) return weights.map(() => 1 / weights.length);
  return weights.map((w) => Math.max(0, w) / total);
}
