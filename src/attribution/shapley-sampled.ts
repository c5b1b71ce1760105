// Monte-Carlo Shapley for games too large to enumerate: average marginal contributions over
// random orderings of the players (Castro et al. 2009). Each player's estimate comes with its
// standard error (sample standard deviation of its marginal contributions / √samples).

import { at, outOfRange } from "./checked-at.js";

const atF64 = (xs: Float64Array, i: number): number => xs[i] ?? outOfRange(xs, i);

export interface SampledShapley {
  readonly phi: Float64Array;
  readonly stdError: Float64Array;
}

export function sampledShapley(
  value: (inside: Uint8Array, size: number) => number,
  k: number,
  samples: number,
  random: () => number,
): SampledShapley {
  const sum = new Float64Array(k);
  const sumSquares = new Float64Array(k);
  const order = Array.from({ length: k }, (_, i) => i);
  const inside = new Uint8Array(k);
  for (let s = 0; s < samples; s++) {
    shuffle(order, random);
    inside.fill(0);
    let before = value(inside, 0);
    order.forEach((player, size) => {
      inside[player] = 1;
      const after = value(inside, size + 1);
      sum[player] = atF64(sum, player) + (after - before);
      sumSquares[player] = atF64(sumSquares, player) + (after - before) ** 2;
      before = after;
    });
  }
  return summarise(sum, sumSquares, samples);
}

function summarise(sum: Float64Array, sumSquares: Float64Array, n: number): SampledShapley {
  const phi = sum.map((s) => s / n);
  const stdError = sumSquares.map((sq, i) => (n > 1 ? Math.sqrt(Math.max(0, sq / n - atF64(phi, i) ** 2) / (n - 1)) : 0));
  return { phi, stdError };
}

/** Fisher–Yates, driven by the seeded generator. */
function shuffle(order: number[], random: () => number): void {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const player = at(order, i);
    order[i] = at(order, j);
    order[j] = player;
  }
}
