// A seeded Poisson bootstrap over aggregated journeys. Resampling journeys with replacement gives
// each journey a Poisson(1) weight (in the limit of many journeys); a group of k journeys then
// weighs Poisson(k), the sum of its journeys' weights. So groups are never expanded: each of a
// group's counts is replaced by one Poisson draw per replicate. Every count draws from its own
// mulberry32 stream, seeded by (seed, the group's key, which count), so the draws do not depend on
// the order groups arrive in, and the same seed gives the same replicates on every run.

import { mulberry32, seedFor } from "./prng.js";

/** Replicates when --intervals is given without a number: fast, and enough for 95 % percentile bounds. */
export const DEFAULT_REPLICATES = 200;
/**
 * Replicates when none is asked for. Each Markov refit solves the chain once per channel removed,
 * and chains of order 3–4 have thousands of states: their default is smaller, so the demo stays
 * within about ten seconds (docs/attribution.md, Intervals).
 */
export function defaultReplicates(model: string, order: number): number {
  if (model !== "markov" || order <= 2) return DEFAULT_REPLICATES;
  return order === 3 ? 100 : 50;
}

/** Coverage of the percentile intervals. */
export const INTERVAL_LEVEL = 0.95;

/** Below this mean, Poisson draws invert the CDF; above, PTRS (Hörmann 1993), as NumPy does. */
const INVERSION_LIMIT = 10;

/** One Poisson(mean) draw from uniforms in [0, 1). */
export function poisson(mean: number, random: () => number): number {
  if (!(mean > 0)) return 0;
  return mean < INVERSION_LIMIT ? inversion(Math.exp(-mean), random) : transformedRejection(mean, random);
}

/** Inversion of the CDF for a small mean, `limit` = e^−mean: multiplies uniforms until the product drops to it. */
function inversion(limit: number, random: () => number): number {
  let k = 0;
  let product = random();
  while (product > limit) {
    k += 1;
    product *= random();
  }
  return k;
}

/** Hörmann's transformed rejection with squeeze (PTRS): exact, a little over one pair of uniforms per draw. */
function transformedRejection(mean: number, random: () => number): number {
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  const a = -0.059 + 0.02483 * b;
  const inverseAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = random() - 0.5;
    const v = random();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(inverseAlpha) - Math.log(a / (us * us) + b) <= -mean + k * logMean - logGamma(k + 1)) return k;
  }
}

const STIRLING = [
  8.333333333333333e-2, -2.777777777777778e-3, 7.936507936507937e-4, -5.952380952380952e-4, 8.417508417508418e-4, -1.917526917526918e-3,
  6.41025641025641e-3, -2.955065359477124e-2, 1.796443723688307e-1, -1.3924322169059,
];

/** log Γ(x) for x > 0 (Stirling's series, shifted up to x ≥ 7). */
export function logGamma(x: number): number {
  if (x === 1 || x === 2) return 0;
  const shift = x < 7 ? Math.floor(7 - x) : 0;
  let y = x + shift;
  const inverseSquare = 1 / (y * y);
  let series = 0;
  for (let i = STIRLING.length - 1; i >= 0; i--) series = series * inverseSquare + (STIRLING[i] ?? 0);
  let value = series / y + 0.5 * Math.log(2 * Math.PI) + (y - 0.5) * Math.log(y) - y;
  for (let i = 0; i < shift; i++) {
    y -= 1;
    value -= Math.log(y);
  }
  return value;
}

/** Poisson(mean) draws from the stream of (seed, key): the i-th call is replicate i's draw. */
function poissonStream(mean: number, seed: number, key: string): () => number {
  if (!(mean > 0)) return () => 0;
  const random = mulberry32(seedFor(seed, `bootstrap\u0000${key}`));
  if (!(mean < INVERSION_LIMIT)) return () => transformedRejection(mean, random);
  // e^−mean once per stream, not per draw (the same draws as poisson()).
  const limit = Math.exp(-mean);
  return () => inversion(limit, random);
}

/** The p-quantile of ascending values, interpolating between order statistics (Hyndman & Fan type 7). */
function quantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const x = sorted[lo] ?? Number.NaN;
  return x + (h - lo) * ((sorted[hi] ?? x) - x);
}

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** The central INTERVAL_LEVEL percentile interval of the replicates' values. */
export function percentileInterval(values: ArrayLike<number>): Interval {
  const sorted = Float64Array.from(values).sort();
  const tail = (1 - INTERVAL_LEVEL) / 2;
  return { low: quantile(sorted, tail), high: quantile(sorted, 1 - tail) };
}

/**
 * Journeys with the same key: one path or one distinct channel set within one segment. `journeys`
 * and `amount` are the journeys in the report's scope (the matrix's, each with its pipeline);
 * `conversions`, `value` and `nulls` are what the model is fitted on. At pipeline stage every
 * journey in scope converts and null journeys are outside scope; at revenue stage conversions and
 * nulls are the closed journeys in scope, and open ones count only in `journeys`.
 */
export interface JourneyGroup {
  /** Segment values in dimension order; null: a null journey belonging to every segment (fit only). */
  readonly segment: readonly (string | null)[];
  /** The path, or the set's channels; empty for opportunities without a journey. */
  readonly channels: readonly string[];
  readonly journeys: number;
  readonly amount: number;
  readonly conversions: number;
  readonly value: number;
  readonly nulls: number;
}

/** A group's counts in one replicate. */
export interface ResampledGroup extends JourneyGroup {
  /** The group as it was. */
  readonly original: JourneyGroup;
}

/** Groups merged by key, in key order (so neither duplicates nor row order change the draws). */
export function mergeGroups(groups: readonly JourneyGroup[]): JourneyGroup[] {
  const merged = new Map<string, JourneyGroup>();
  for (const g of groups) {
    const key = groupKey(g);
    const seen = merged.get(key);
    merged.set(
      key,
      seen
        ? {
            segment: g.segment,
            channels: g.channels,
            journeys: seen.journeys + g.journeys,
            amount: seen.amount + g.amount,
            conversions: seen.conversions + g.conversions,
            value: seen.value + g.value,
            nulls: seen.nulls + g.nulls,
          }
        : g,
    );
  }
  return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

const groupKey = (g: Pick<JourneyGroup, "segment" | "channels">): string => JSON.stringify([g.segment, g.channels]);

/** Every merged group's counts in one replicate, in mergeGroups order; each draw refills the same arrays. */
export interface ResampledCounts {
  readonly journeys: Float64Array;
  readonly amount: Float64Array;
  readonly conversions: Float64Array;
  readonly value: Float64Array;
  readonly nulls: Float64Array;
}

/**
 * Draws every group's counts for one replicate per call. A group's journeys are split into
 * disjoint parts, each resampled on its own: conversions; nulls in scope (revenue stage: lost);
 * the other journeys in scope (open); nulls outside scope (pipeline stage's null journeys).
 * Journeys in scope are then the sum of the first three, and amounts and value scale with the
 * group's resampled journeys and conversions. `merged`: groups as mergeGroups returns them.
 */
export function countResampler(merged: readonly JourneyGroup[], seed: number): () => ResampledCounts {
  const streams = merged.map((g) => {
    const key = groupKey(g);
    const conversions = Math.max(0, g.conversions);
    const inside = Math.max(0, g.journeys - conversions);
    const nullsInside = g.nulls <= inside ? Math.max(0, g.nulls) : 0;
    return {
      g,
      conversions: poissonStream(conversions, seed, `${key}\u0000conversions`),
      nullsInside: poissonStream(nullsInside, seed, `${key}\u0000nulls`),
      other: poissonStream(inside - nullsInside, seed, `${key}\u0000other`),
      nullsOutside: poissonStream(g.nulls - nullsInside, seed, `${key}\u0000nulls outside`),
    };
  });
  const n = merged.length;
  const counts: ResampledCounts = {
    journeys: new Float64Array(n),
    amount: new Float64Array(n),
    conversions: new Float64Array(n),
    value: new Float64Array(n),
    nulls: new Float64Array(n),
  };
  return () => {
    streams.forEach((draw, i) => {
      const { g } = draw;
      const conversions = draw.conversions();
      const nullsInside = draw.nullsInside();
      const journeys = conversions + nullsInside + draw.other();
      counts.journeys[i] = g.journeys > 0 ? journeys : 0;
      counts.amount[i] = g.journeys > 0 ? (g.amount * journeys) / g.journeys : 0;
      counts.conversions[i] = conversions;
      counts.value[i] = g.conversions > 0 ? (g.value * conversions) / g.conversions : 0;
      counts.nulls[i] = nullsInside + draw.nullsOutside();
    });
    return counts;
  };
}

/** countResampler as one object per group (the groups are merged first). */
export function resampler(groups: readonly JourneyGroup[], seed: number): () => ResampledGroup[] {
  const merged = mergeGroups(groups);
  const draw = countResampler(merged, seed);
  return () => {
    const counts = draw();
    return merged.map((g, i) => ({
      segment: g.segment,
      channels: g.channels,
      journeys: counts.journeys[i] ?? 0,
      amount: counts.amount[i] ?? 0,
      conversions: counts.conversions[i] ?? 0,
      value: counts.value[i] ?? 0,
      nulls: counts.nulls[i] ?? 0,
      original: g,
    }));
  };
}
