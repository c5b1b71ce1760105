/**
 * Wilson score interval for a binomial proportion (Wilson 1927; Newcombe 1998, method 3).
 *
 * Credit-weighted (fractional) counts are accepted as they are: the effective n of a
 * credit-weighted rate is its credit sum, so `successes` and `n` may be any non-negative reals.
 */

/** z for a two-sided 95 % interval: Φ⁻¹(0.975). */
export const Z_95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/**
 * Wilson interval for `successes` out of `n`:
 * (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n).
 * Returns null when n ≤ 0 or an input is not finite. p̂ is clamped to [0, 1] so that floating-point
 * noise in summed credits (e.g. 3.0000000000000004 of 3) does not produce NaN.
 */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): Interval | null {
  if (!Number.isFinite(successes) || !Number.isFinite(n) || !Number.isFinite(z) || n <= 0) return null;
  const p = Math.min(1, Math.max(0, successes / n));
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At p̂ = 0 (or 1) the lower (upper) bound is exactly 0 (1); computed, rounding leaves ±1e-17.
  const low = p === 0 ? 0 : Math.max(0, centre - halfWidth);
  const high = p === 1 ? 1 : Math.min(1, centre + halfWidth);
  return { low, high };
}
