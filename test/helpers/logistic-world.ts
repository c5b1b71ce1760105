// Planted-effect worlds for attribution tests: journeys whose conversion follows a known logistic
// model of the channels present, and the true credit of a channel set computed by brute force
// (every ordering), independently of the production Shapley code.
import { mulberry32 } from "../../src/attribution/prng.js";
import type { PathRow } from "../../src/attribution/paths.js";

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Indices of the channels in a bitmask. */
export function members(mask: number, channels: number): number[] {
  return Array.from({ length: channels }, (_, j) => j).filter((j) => mask & (1 << j));
}

/** Journeys per channel set (bitmask) as [conversions, nulls]; each channel present with its reach, at least one. */
export function simulateSets(
  reach: readonly number[],
  logOdds: (mask: number) => number,
  journeys: number,
  seed: number,
): Map<number, [number, number]> {
  const random = mulberry32(seed);
  const counts = new Map<number, [number, number]>();
  for (let i = 0; i < journeys; i++) {
    let mask = 0;
    while (mask === 0) reach.forEach((p, j) => (mask |= random() < p ? 1 << j : 0));
    const cell = counts.get(mask) ?? [0, 0];
    cell[random() < sigmoid(logOdds(mask)) ? 0 : 1] += 1;
    counts.set(mask, cell);
  }
  return counts;
}

export function setPathRows(channels: readonly string[], counts: ReadonlyMap<number, [number, number]>): PathRow[] {
  return [...counts].map(([mask, [conversions, nulls]]) => ({
    channels: members(mask, channels.length).map((j) => channels[j] ?? ""),
    conversions,
    value: 100 * conversions,
    nulls,
  }));
}

function permutations(items: readonly number[]): number[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}

/**
 * A set's true credit shares: the Shapley split of v (average marginal contribution over every
 * ordering), negatives clipped and normalised; equal over the set when nothing is positive, as
 * every model splits a journey's credit.
 */
export function trueSetShares(mask: number, channels: number, v: (mask: number) => number): number[] {
  const phi = Array.from({ length: channels }, () => 0);
  const orders = permutations(members(mask, channels));
  for (const order of orders) {
    let coalition = 0;
    for (const j of order) {
      const before = v(coalition);
      coalition |= 1 << j;
      phi[j] = (phi[j] ?? 0) + (v(coalition) - before) / orders.length;
    }
  }
  const positive = phi.map((p, j) => (mask & (1 << j) ? Math.max(0, p) : 0));
  const sum = positive.reduce((a, b) => a + b, 0);
  const size = members(mask, channels).length;
  return sum > 0 ? positive.map((p) => p / sum) : phi.map((_, j) => (mask & (1 << j) ? 1 / size : 0));
}
