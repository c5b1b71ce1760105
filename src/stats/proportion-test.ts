/** Two-proportion z-test with pooled variance, two-sided. */

import { normalCdf } from "./normal.js";

export interface ZTestResult {
  /** (p̂₁ − p̂₂) / SE; positive when group 1 has the higher rate. */
  z: number;
  /** Two-sided p-value 2·Φ(−|z|). */
  pValue: number;
}

/**
 * Tests H₀: p₁ = p₂ with the pooled estimate p̄ = (x₁+x₂)/(n₁+n₂) and
 * SE = √(p̄(1−p̄)(1/n₁ + 1/n₂)). Fractional (credit-weighted) counts are allowed.
 * Returns null when the test is undefined: a non-positive n, a non-finite input, or SE = 0
 * (p̄ is 0 or 1, so both groups are identical and there is nothing to test).
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): ZTestResult | null {
  if (![x1, n1, x2, n2].every(Number.isFinite) || n1 <= 0 || n2 <= 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (!(variance > 0)) return null;
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(variance);
  // 2·Φ(−|z|) rather than 2·(1 − Φ(|z|)) keeps tiny p-values from rounding to 0.
  return { z, pValue: Math.min(1, 2 * normalCdf(-Math.abs(z))) };
}
