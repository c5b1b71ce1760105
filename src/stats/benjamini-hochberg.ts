/** Benjamini–Hochberg (1995) step-up procedure controlling the false discovery rate. */

export interface BhResult {
  /** BH-adjusted p-values ("q-values"), in the input order. */
  adjusted: number[];
  /** adjusted[i] ≤ q, which is exactly the step-up rejection rule. */
  rejected: boolean[];
}

/**
 * With m p-values sorted ascending p₍₁₎ ≤ … ≤ p₍ₘ₎, the adjusted value of rank i is
 * min over j ≥ i of min(1, m·p₍ⱼ₎/j). Rejecting where adjusted ≤ q rejects the k smallest,
 * k = max{ i : p₍ᵢ₎ ≤ i·q/m } — the step-up rule. Ties share one adjusted value.
 * Throws RangeError for a p-value outside [0, 1] (including NaN): a silent NaN would corrupt
 * every other adjustment.
 */
export function benjaminiHochberg(pValues: readonly number[], q = 0.05): BhResult {
  pValues.forEach(assertProbability);
  const m = pValues.length;
  // Stable ascending order; ties keep input order (their adjusted values end up equal anyway).
  const ranked = pValues.map((p, index) => ({ p, index })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(m).fill(1);
  let runningMin = 1;
  for (const [i, { p, index }] of [...ranked.entries()].reverse()) {
    // p·(m/rank) rather than p·m/rank: m/rank ≥ 1, so rounding can never push the result below p.
    runningMin = Math.min(runningMin, p * (m / (i + 1)));
    adjusted[index] = runningMin;
  }
  return { adjusted, rejected: adjusted.map((p) => p <= q) };
}

function assertProbability(p: number, index: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p-value #${index} is ${p}; expected a number in [0, 1]`);
}
