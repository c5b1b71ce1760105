// The truth a simulated world knows and attribution models guess: each converting journey's lift,
// v(T) = P(convert | only T's touches) − P(convert | no touch) with the journey's latent state
// unchanged, split over its channels by the Shapley value of v; negative values clipped, the rest
// normalised to 1 per journey, summed over converting journeys and normalised over channels.
import { mulberry32 } from "../attribution/prng.js";

/** Up to this many players the Shapley value is exact (k · 2^k steps); above, sampled orderings. */
export const EXACT_PLAYERS = 14;
/** Orderings sampled per journey above EXACT_PLAYERS. */
const SAMPLED_ORDERINGS = 2000;

/**
 * Shapley values of the k-player game v (v(mask), bit i = player i, v(0) taken as given). Exact up
 * to EXACT_PLAYERS; above, the mean marginal contribution over orderings drawn with `seed`.
 */
export function shapleyValues(k: number, v: ((mask: number) => number) | Float64Array, seed = 0): number[] {
  if (k > 30) throw new RangeError(`shapleyValues: at most 30 players, got ${k}`);
  if (k <= EXACT_PLAYERS) return exactShapley(k, typeof v === "function" ? Float64Array.from({ length: 1 << k }, (_, m) => v(m)) : v);
  return sampledShapley(k, typeof v === "function" ? v : (m) => v[m] ?? 0, seed);
}

/** v given for every mask (value[mask]). */
function exactShapley(k: number, value: Float64Array): number[] {
  const size = 1 << k;
  if (value.length < size) throw new RangeError(`exactShapley: ${size} coalition values needed, got ${value.length}`);
  // weight[t] = t! (k − 1 − t)! / k!: the chance that a player joins a given coalition of size t.
  const weight = new Float64Array(Math.max(k, 1));
  for (let t = 0; t < k; t++) weight[t] = 1 / (k * binomial(k - 1, t));
  const phi = new Array<number>(k).fill(0);
  for (let m = 0; m < size; m++) {
    const t = popcount(m);
    for (let i = 0; i < k; i++) {
      if (m & (1 << i)) continue;
      phi[i] = (phi[i] ?? 0) + (weight[t] ?? 0) * ((value[m | (1 << i)] ?? 0) - (value[m] ?? 0));
    }
  }
  return phi;
}

function sampledShapley(k: number, v: (mask: number) => number, seed: number): number[] {
  const rng = mulberry32(seed);
  const phi = new Array<number>(k).fill(0);
  const order = Array.from({ length: k }, (_, i) => i);
  for (let s = 0; s < SAMPLED_ORDERINGS; s++) {
    for (let i = k - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    let mask = 0;
    let before = v(0);
    for (const p of order) {
      mask |= 1 << p;
      const after = v(mask);
      phi[p] = (phi[p] ?? 0) + (after - before) / SAMPLED_ORDERINGS;
      before = after;
    }
  }
  return phi;
}

function binomial(n: number, r: number): number {
  let out = 1;
  for (let i = 1; i <= r; i++) out = (out * (n - r + i)) / i;
  return out;
}

function popcount(m: number): number {
  let n = 0;
  for (let x = m; x; x &= x - 1) n++;
  return n;
}

/** Negative values clipped to 0, the rest normalised to sum 1; all zero: null (no lift to split). */
export function clippedShares(values: readonly number[]): number[] | null {
  const clipped = values.map((x) => (x > 0 ? x : 0));
  const sum = clipped.reduce((s, x) => s + x, 0);
  return sum > 0 ? clipped.map((x) => x / sum) : null;
}

/** A converting journey as the truth reads it: its distinct channels and P(convert | only mask). */
export interface ConvertingJourney {
  readonly channels: readonly number[];
  /**
   * P(convert | only the channels in mask act), mask over `channels` (0 = no touch): a function,
   * or a table of every mask's value.
   */
  readonly probability: ((mask: number) => number) | Float64Array;
  /** Seed for sampled orderings (journeys above EXACT_PLAYERS channels). */
  readonly seed?: number;
}

/** The Shapley split of one converting journey's lift over its channels (clipped, summing to 1), or null without lift. */
export function journeyShares(j: ConvertingJourney): number[] | null {
  const p = j.probability;
  const base = typeof p === "function" ? p(0) : (p[0] ?? 0);
  const lift = typeof p === "function" ? (mask: number) => p(mask) - base : p.map((x) => x - base);
  return clippedShares(shapleyValues(j.channels.length, lift, j.seed ?? 0));
}

/** Each channel's true share of the conversions channels caused (summing to 1, or all 0 when none did). */
export function trueShares(channelCount: number, journeys: Iterable<ConvertingJourney>): number[] {
  function* splits() {
    for (const j of journeys) yield { channels: j.channels, shares: journeyShares(j) };
  }
  return sharesFromSplits(channelCount, splits());
}

/** Per-journey splits (null: no lift) summed per channel and normalised. */
export function sharesFromSplits(
  channelCount: number,
  splits: Iterable<{ readonly channels: readonly number[]; readonly shares: readonly number[] | null }>,
): number[] {
  const totals = new Array<number>(channelCount).fill(0);
  for (const { channels, shares } of splits) {
    if (!shares) continue;
    channels.forEach((c, i) => (totals[c] = (totals[c] ?? 0) + (shares[i] ?? 0)));
  }
  const sum = totals.reduce((s, x) => s + x, 0);
  return sum > 0 ? totals.map((x) => x / sum) : totals;
}
