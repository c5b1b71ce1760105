// Exact absorption values of a chain: solves x = Q·x + b (x[s] = expected reward collected on
// reaching conversion from state s) for several right-hand sides at once, with some states
// "removed" (pinned to 0: entering them is entering null). Small chains — every order-1 chain —
// use dense Gaussian elimination; large ones an in-place Gauss–Seidel iteration run to a
// relative change below 1e-15, which is deterministic and needs only the sparse transitions.

import type { MarkovChain } from "./markov-chain.js";
import { outOfRange } from "./checked-at.js";
import { solveDense } from "./dense-solve.js";

const atF64 = (xs: Float64Array, i: number): number => xs[i] ?? outOfRange(xs, i);
const atI32 = (xs: Int32Array, i: number): number => xs[i] ?? outOfRange(xs, i);

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
  const a = kept.map((s, i) => denseRow(chain, s, i, position, kept.length));
  const b = rhs.map((r) => Float64Array.from(kept, (s) => atF64(r, s)));
  const x = solveDense(a, b);
  const start = atI32(position, 0);
  return x.map((xs) => atF64(xs, start));
}

/** Row i of I − Q over the kept states: 1 on the diagonal, minus each kept transition of state s. */
function denseRow(chain: MarkovChain, s: number, i: number, position: Int32Array, size: number): Float64Array {
  const row = new Float64Array(size);
  row[i] = 1;
  const end = atI32(chain.rowStart, s + 1);
  for (let e = atI32(chain.rowStart, s); e < end; e++) {
    const j = atI32(position, atI32(chain.target, e));
    if (j >= 0) row[j] = atF64(row, j) - atF64(chain.prob, e);
  }
  return row;
}

export function iterativeAtStart(chain: MarkovChain, rhs: readonly Float64Array[], removed: Uint8Array): number[] {
  const n = chain.rowStart.length - 1;
  const systems = rhs.map((b) => ({ b, x: new Float64Array(n) }));
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    const converged = systems.map(({ b, x }) => sweepOnce(chain, b, x, removed));
    if (converged.every(Boolean)) return systems.map(({ x }) => atF64(x, 0));
  }
  throw new Error(`markov: absorption did not converge in ${MAX_SWEEPS} sweeps (${n} states)`);
}

/**
 * One Gauss–Seidel sweep, from the last-discovered state back to the start: states met later in
 * journeys tend to lie downstream, so their fresh values propagate within the same sweep.
 * Returns whether the largest change was below 1e-15 of the largest value.
 */
function sweepOnce(chain: MarkovChain, b: Float64Array, x: Float64Array, removed: Uint8Array): boolean {
  const { rowStart, target, prob } = chain;
  let maxDelta = 0;
  let maxValue = 0;
  for (let s = x.length - 1; s >= 0; s--) {
    if (removed[s]) continue;
    let sum = atF64(b, s);
    const end = atI32(rowStart, s + 1);
    for (let e = atI32(rowStart, s); e < end; e++) sum += atF64(prob, e) * atF64(x, atI32(target, e));
    maxDelta = Math.max(maxDelta, Math.abs(sum - atF64(x, s)));
    maxValue = Math.max(maxValue, Math.abs(sum));
    x[s] = sum;
  }
  return maxDelta <= 1e-15 * maxValue;
}
