// Exact absorption values of a chain: solves x = Q·x + b (x[s] = expected reward collected on
// reaching conversion from state s) for several right-hand sides at once, with some states
// "removed" (pinned to 0: entering them is entering null). Small chains — every order-1 chain —
// use dense Gaussian elimination; large ones an in-place Gauss–Seidel iteration run to a
// relative change below 1e-15, which is deterministic and needs only the sparse transitions.

import type { MarkovChain } from "./markov-chain.js";
import { solveDense } from "./dense-solve.js";

const DENSE_LIMIT = 200;
const MAX_SWEEPS = 1_000_000;

/** x[start] for each right-hand side. */
export function absorptionAtStart(chain: MarkovChain, rhs: readonly Float64Array[], removed: Uint8Array): number[] {
  const n = chain.rowStart.length - 1;
  return n <= DENSE_LIMIT ? denseAtStart(chain, rhs, removed) : iterativeAtStart(chain, rhs, removed);
}

export function denseAtStart(chain: MarkovChain, rhs: readonly Float64Array[], removed: Uint8Array): number[] {
  const n = chain.rowStart.length - 1;
  const kept: number[] = [];
  const position = new Int32Array(n).fill(-1);
  for (let s = 0; s < n; s++) if (!removed[s]) position[s] = kept.push(s) - 1;
  const a = kept.map(() => new Float64Array(kept.length));
  kept.forEach((s, i) => {
    a[i][i] += 1;
    for (let e = chain.rowStart[s]; e < chain.rowStart[s + 1]; e++) {
      const j = position[chain.target[e]];
      if (j >= 0) a[i][j] -= chain.prob[e];
    }
  });
  const b = rhs.map((r) => Float64Array.from(kept, (s) => r[s]));
  const x = solveDense(a, b);
  return x.map((xs) => xs[position[0]]);
}

export function iterativeAtStart(chain: MarkovChain, rhs: readonly Float64Array[], removed: Uint8Array): number[] {
  const n = chain.rowStart.length - 1;
  const x = rhs.map(() => new Float64Array(n));
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    const converged = rhs.map((b, r) => sweepOnce(chain, b, x[r], removed));
    if (converged.every(Boolean)) return x.map((xs) => xs[0]);
  }
  throw new Error(`markov: absorption did not converge in ${MAX_SWEEPS} sweeps (${n} states)`);
}

/**
 * One Gauss–Seidel sweep, from the last-discovered state back to the start: states met later in
 * journeys tend to lie downstream, so their fresh values propagate within the same sweep.
 * Returns whether the largest change was below 1e-15 of the largest value.
 */
function sweepOnce(chain: MarkovChain, b: Float64Array, x: Float64Array, removed: Uint8Array): boolean {
  let maxDelta = 0;
  let maxValue = 0;
  for (let s = x.length - 1; s >= 0; s--) {
    if (removed[s]) continue;
    let sum = b[s];
    for (let e = chain.rowStart[s]; e < chain.rowStart[s + 1]; e++) sum += chain.prob[e] * x[chain.target[e]];
    maxDelta = Math.max(maxDelta, Math.abs(sum - x[s]));
    maxValue = Math.max(maxValue, Math.abs(sum));
    x[s] = sum;
  }
  return maxDelta <= 1e-15 * maxValue;
}
