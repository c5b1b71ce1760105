// Exact Shapley values from a game tabulated over all 2^k coalitions:
// φ_i = Σ_{T ⊆ N∖{i}} |T|!(k−|T|−1)!/k! · (v(T ∪ {i}) − v(T)), in O(k·2^k).

import { outOfRange } from "./checked-at.js";

const atF64 = (xs: Float64Array, i: number): number => xs[i] ?? outOfRange(xs, i);

export function exactShapley(v: Float64Array, k: number): Float64Array {
  const weight = coalitionWeights(k);
  const phi = new Float64Array(k);
  for (let mask = 0; mask < v.length; mask++) {
    const size = popcount(mask);
    if (size === k) continue; // the grand coalition: no player left to join it
    const w = atF64(weight, size);
    const without = atF64(v, mask);
    for (let i = 0; i < k; i++) {
      if (mask & (1 << i)) continue;
      phi[i] = atF64(phi, i) + w * (atF64(v, mask | (1 << i)) - without);
    }
  }
  return phi;
}

/** |T|!(k−|T|−1)!/k! = 1 / (k · C(k−1, |T|)), computed without factorials. */
function coalitionWeights(k: number): Float64Array {
  const weight = new Float64Array(k);
  let binomial = 1;
  for (let s = 0; s < k; s++) {
    weight[s] = 1 / (k * binomial);
    binomial = (binomial * (k - 1 - s)) / (s + 1);
  }
  return weight;
}

function popcount(mask: number): number {
  let count = 0;
  for (let m = mask; m !== 0; m &= m - 1) count++;
  return count;
}
