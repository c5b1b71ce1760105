// Markov, Shapley and lift fitted per segment on counts from SQL (Markov: transitions and exits;
// Shapley and lift: journeys per channel set), turned into the credit of each channel within each
// distinct channel set seen in that segment. Under Markov and Shapley, segments with fewer than
// min_sample conversions borrow the pooled fit; lift fits every segment with a prior centred at the
// pooled fit (partial pooling), which dominates in thin segments. The report says so either way.
import type { DATA_DRIVEN_MODEL_NAMES } from "../contract/attribution.js";
import { at } from "./checked-at.js";
import { liftShares } from "./lift-shares.js";
import { fitLift, segmentPrior, type LiftFit } from "./lift.js";
import { chainFromCounts, chainOfLayout, layoutPaths, type ChainCountRow, type RowCounts } from "./markov-chain.js";
import { fitMarkov, fitMarkovChain } from "./markov.js";
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
export type SetCreditor = (channels: readonly string[]) => number[];

/** A segment's fit under partial pooling; `pooledOutright` when the segment could not be fitted (no contrast). */
interface PooledSegmentFit {
  readonly creditor: SetCreditor;
  readonly pooledOutright: boolean;
}

/** How one data-driven model is fitted on the rows of a segment. */
export interface Fitter<R extends Segmented> {
  readonly model: (typeof DATA_DRIVEN_MODEL_NAMES)[number];
  fit(rows: readonly R[]): SetCreditor;
  conversions(row: R): number;
  /**
   * Partial pooling: given every row and the prior's strength (min_sample conversions), returns
   * how to fit one segment's rows with a prior centred at the pooled fit. A fitter with it fits
   * every segment so, thin ones included; one without gives thin segments the pooled fit.
   */
  readonly pooling?: (rows: readonly R[], strength: number) => (own: readonly R[]) => PooledSegmentFit;
  /**
   * The bootstrap's shortcut, for a fitter whose credits within a set are proportional to
   * per-channel weights (proportionalCredits) and whose conversions(row) is row.conversions: lays
   * `rows` out once and returns the weights fit() of any of them (`members`, ascending indexes)
   * under other counts would credit by. Only Markov has one (weights: its removal effects).
   */
  readonly refitter?: (rows: readonly R[]) => (members: ArrayLike<number>, counts: RowCounts) => ReadonlyMap<string, number>;
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

/** Markov fitted on journeys' paths (the bootstrap's input; reports fit on SQL's transition counts, markovFitter). */
export function markovPathFitter(order: number): Fitter<SegmentPathRow> {
  return {
    model: "markov",
    fit(rows) {
      const effects = fitMarkov(rows, order).removalEffects;
      return (set) => proportional(set.map((c) => effects.get(c) ?? 0));
    },
    conversions: (row) => row.conversions,
    refitter(rows) {
      const layout = layoutPaths(rows, order);
      return (members, counts) => fitMarkovChain(chainOfLayout(layout, members, counts), order).removalEffects;
    },
  };
}

export function shapleyFitter(coalition: CoalitionValue): Fitter<SegmentPathRow> {
  return {
    model: "shapley",
    fit(rows) {
      const fit = fitShapley(rows, { coalition });
      return (set) => {
        const result = fit.sharesFor(set);
        const byChannel = new Map(result.channels.map((c, i) => [c, result.shares?.[i] ?? 0]));
        return proportional(set.map((c) => byChannel.get(c) ?? 0));
      };
    },
    conversions: (row) => row.conversions,
  };
}

/** Lift (lift.ts): the logistic fit, credits by the Shapley split of its predicted lift (lift-shares.ts). */
export function liftFitter(seed: number): Fitter<SegmentPathRow> {
  const creditorOf = (fit: LiftFit): SetCreditor => {
    const sharesFor = liftShares(fit, { seed });
    return (set) => {
      const result = sharesFor(set);
      const byChannel = new Map(result.channels.map((c, i) => [c, result.shares?.[i] ?? 0]));
      return proportional(set.map((c) => byChannel.get(c) ?? 0));
    };
  };
  return {
    model: "lift",
    fit: (rows) => creditorOf(fitLift(rows)),
    conversions: (row) => row.conversions,
    pooling(rows, strength) {
      const pooled = fitLift(rows);
      const prior = segmentPrior(pooled, strength);
      let pooledCreditor: SetCreditor | null = null;
      return (own) => {
        const fit = fitLift(own, { design: pooled.design, prior });
        if (fit.contrast) return { creditor: creditorOf(fit), pooledOutright: false };
        return { creditor: (pooledCreditor ??= creditorOf(pooled)), pooledOutright: true };
      };
    },
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
  const fits = segmentFits(rows, fitter, minSample);
  const credits: SetCreditRow[] = [];
  for (const { segment, set } of sets) {
    const channels = channelsOf(set);
    fits
      .creditor(segment)(channels)
      .forEach((credit, i) => credits.push({ segment, set, channel: at(channels, i), credit }));
  }
  return { credits, notes: fits.notes() };
}

/** Each segment's fit, made when first asked for, and the notes on the segments that borrowed the pooled fit. */
export interface SegmentFits {
  creditor(segment: readonly string[]): SetCreditor;
  notes(): string[];
}

/**
 * The fits dataDrivenCredits credits with: the pooled fit for the whole population and for thin
 * segments (or, with partial pooling, a prior centred at it), a segment's own rows otherwise. A
 * row whose segment value is null belongs to every segment. The bootstrap of credit intervals
 * refits resampled rows through here, so each replicate is fitted as the point estimate is.
 */
export function segmentFits<R extends Segmented>(rows: readonly R[], fitter: Fitter<R>, minSample: number): SegmentFits {
  let pooled: SetCreditor | null = null;
  const pooledFit = () => (pooled ??= fitter.fit(rows));
  const { pooling } = fitter;
  let shrunk: ((own: readonly R[]) => PooledSegmentFit) | null = null;
  const bySegment = new Map<string, SetCreditor>();
  const pooledSegments: string[] = [];
  const outright: string[] = [];
  return {
    creditor(segment) {
      const key = JSON.stringify(segment);
      let creditor = bySegment.get(key);
      if (creditor) return creditor;
      const own = rows.filter((r) => r.segment.every((v, i) => v === null || v === segment[i]));
      const conversions = own.reduce((s, r) => s + fitter.conversions(r), 0);
      const thin = segment.length > 0 && conversions < minSample;
      if (segment.length > 0 && pooling) {
        const fitted = (shrunk ??= pooling(rows, minSample))(own);
        if (fitted.pooledOutright) outright.push(segment.join(" / "));
        else if (thin) pooledSegments.push(segment.join(" / "));
        creditor = fitted.creditor;
      } else {
        if (thin) pooledSegments.push(segment.join(" / "));
        creditor = segment.length === 0 || thin ? pooledFit() : fitter.fit(own);
      }
      bySegment.set(key, creditor);
      return creditor;
    },
    notes: () => pooledNotes(fitter, minSample, pooledSegments, outright),
  };
}

function pooledNotes<R extends Segmented>(
  fitter: Fitter<R>,
  minSample: number,
  thin: readonly string[],
  outright: readonly string[],
): string[] {
  const few = `${thin.length} segment(s) with fewer than ${minSample} conversions`;
  return [
    ...(thin.length === 0
      ? []
      : fitter.pooling
        ? [
            `${fitter.model}: ${few} are fitted with partial pooling — a prior centred at the pooled fit, worth ${minSample} conversions, outweighs their own data: ${thin.join(", ")}.`,
          ]
        : [`${fitter.model}: ${few} use the pooled fit: ${thin.join(", ")}.`]),
    ...(outright.length === 0
      ? []
      : [
          `${fitter.model}: ${outright.length} segment(s) without both conversions and non-converting journeys have nothing to fit and use the pooled fit: ${outright.join(", ")}.`,
        ]),
  ];
}

/** Normalises weights to sum 1; equal split when none is positive. */
/**
 * Credits of `channels` (indexes into weights) proportional to their weights, as proportional()
 * computes them (the same sum in the same order), each times `amount`, added to sums[cells[k]].
 */
export function addProportionalCredits(
  weights: Float64Array,
  channels: Int32Array,
  cells: Int32Array,
  amount: number,
  sums: Float64Array,
): void {
  const n = channels.length;
  let total = 0;
  for (let k = 0; k < n; k++) total = total + Math.max(0, weights[channels[k] ?? 0] ?? 0);
  for (let k = 0; k < n; k++) {
    const cell = cells[k] ?? 0;
    const credit = total > 0 ? Math.max(0, weights[channels[k] ?? 0] ?? 0) / total : 1 / n;
    sums[cell] = (sums[cell] ?? 0) + credit * amount;
  }
}

function proportional(weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + Math.max(0, b), 0);
  if (!(total > 0)) return weights.map(() => 1 / weights.length);
  return weights.map((w) => Math.max(0, w) / total);
}
