/**
 * Empirical-Bayes Beta shrinkage of sibling win rates toward their parent rate.
 *
 * Prior Beta(κμ, κ(1−μ)) with mean μ = parent rate and strength κ = α + β. κ is fitted by the
 * method of moments across the sibling cells: a Beta(μ, κ) prior has variance μ(1−μ)/(κ+1), so
 * κ = μ(1−μ)/σ²_between − 1. The between-cell variance uses the DerSimonian–Laird / Kleinman (1973)
 * moment estimator for binomial rates (see estimateBetweenVariance). Posterior mean per cell is
 * (successes + κμ) / (n + κ).
 */

export interface RateCell {
  successes: number;
  n: number;
}

export interface ShrinkOptions {
  /** Fewer sibling cells with data than this: fall back (default 3). */
  minCells?: number;
  /** Lower bound on κ, so a fitted prior is never weaker than this many pseudo-outcomes (default 2). */
  minStrength?: number;
}

export interface ShrinkResult {
  /** Posterior mean per cell, in input order; null for every cell when the parent rate is undefined. */
  rates: (number | null)[];
  /** κ, the prior strength in pseudo-outcomes. */
  strength: number;
  /** "moments" when κ was fitted; "fallback" when heterogeneity could not be estimated. */
  method: "moments" | "fallback";
}

const DEFAULT_MIN_CELLS = 3;
const DEFAULT_MIN_STRENGTH = 2;

/** Posterior mean of a Beta(κμ, κ(1−μ)) prior updated with `successes` of `n`. */
export function posteriorMean(successes: number, n: number, parentRate: number, strength: number): number {
  const denominator = n + strength;
  // n = 0 and κ = 0 only happens with no data and no prior: the prior mean is the only sensible answer.
  return denominator > 0 ? (successes + strength * parentRate) / denominator : parentRate;
}

/**
 * Moment estimate of the between-cell variance τ² of the true rates (DerSimonian–Laird form):
 *   p̄ = Σxᵢ / N,  S = Σ nᵢ (p̂ᵢ − p̄)²,  τ² = (S − (k−1)·p̄(1−p̄)) / (N − Σnᵢ²/N).
 * Under the beta-binomial model E[S] = (k−1)·p̄(1−p̄) + τ²·(N − Σnᵢ²/N), so this is unbiased to
 * first order. Deviations are taken from the cells' own pooled rate, not the parent, so a parent
 * that also counts unattributed outcomes does not masquerade as heterogeneity.
 * Cells with n = 0 are ignored. A result ≤ 0 means no heterogeneity beyond binomial noise is
 * detectable (0 also for fewer than 2 cells with data).
 */
export function estimateBetweenVariance(allCells: readonly RateCell[]): number {
  const cells = allCells.filter((c) => c.n > 0); // an empty cell has no rate to spread
  const total = sum(cells.map((c) => c.n));
  if (cells.length < 2) return 0;
  const pooled = sum(cells.map((c) => c.successes)) / total;
  const spread = sum(cells.map((c) => c.n * (c.successes / c.n - pooled) ** 2));
  const denominator = total - sum(cells.map((c) => c.n * c.n)) / total;
  if (!(denominator > 0)) return 0;
  return (spread - (cells.length - 1) * pooled * (1 - pooled)) / denominator;
}

/**
 * Shrinks each cell's rate toward `parentRate`.
 *
 * Fallback (method "fallback"): when fewer than `minCells` cells have n > 0, or the estimated
 * between-cell variance is ≤ 0, κ = max(N, minStrength) with N the total n of the cells. That is a
 * prior worth as much as all sibling data together: each cell is pulled at least halfway to the
 * parent, because the data show no detectable heterogeneity (or too few cells to measure it).
 * Fitted κ is floored at `minStrength`; this also covers parent rates of exactly 0 or 1, where
 * μ(1−μ) = 0 makes the moment formula negative.
 */
export function shrinkRates(cells: readonly RateCell[], parentRate: number | null, opts: ShrinkOptions = {}): ShrinkResult {
  cells.forEach(assertCell);
  const minCells = opts.minCells ?? DEFAULT_MIN_CELLS;
  const minStrength = opts.minStrength ?? DEFAULT_MIN_STRENGTH;
  const { strength, method } = fitStrength(cells, parentRate, minCells, minStrength);
  if (parentRate === null || !Number.isFinite(parentRate)) {
    return { rates: cells.map(() => null), strength, method };
  }
  if (parentRate < 0 || parentRate > 1) throw new RangeError(`parentRate is ${parentRate}; expected [0, 1]`);
  return { rates: cells.map((c) => posteriorMean(c.successes, c.n, parentRate, strength)), strength, method };
}

function fitStrength(
  cells: readonly RateCell[],
  parentRate: number | null,
  minCells: number,
  minStrength: number,
): Pick<ShrinkResult, "strength" | "method"> {
  const withData = cells.filter((c) => c.n > 0);
  const fallback = { strength: Math.max(sum(withData.map((c) => c.n)), minStrength), method: "fallback" as const };
  if (withData.length < minCells || parentRate === null || !Number.isFinite(parentRate)) return fallback;
  const between = estimateBetweenVariance(withData);
  if (!(between > 0)) return fallback;
  const strength = (parentRate * (1 - parentRate)) / between - 1;
  return { strength: Math.max(strength, minStrength), method: "moments" };
}

function assertCell(cell: RateCell, index: number): void {
  const { successes, n } = cell;
  // A small tolerance lets summed fractional credits exceed n by rounding noise only.
  const ok = Number.isFinite(successes) && Number.isFinite(n) && successes >= 0 && n >= 0 && successes <= n * (1 + 1e-9) + 1e-9;
  if (!ok) throw new RangeError(`cell #${index} has successes=${successes}, n=${n}; expected 0 ≤ successes ≤ n`);
}

function sum(values: readonly number[]): number {
  return values.reduce((acc, v) => acc + v, 0);
}
