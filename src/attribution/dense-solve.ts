// Gaussian elimination with partial pivoting for A·x = b, several b at once. Used for small
// Markov chains where a direct solve is both exact and cheaper than iterating.

import { at, outOfRange } from "./checked-at.js";

const atF64 = (xs: Float64Array, i: number): number => xs[i] ?? outOfRange(xs, i);

export function solveDense(a: readonly Float64Array[], rhs: readonly Float64Array[]): Float64Array[] {
  const n = a.length;
  const m = a.map((row) => Float64Array.from(row));
  const b = rhs.map((r) => Float64Array.from(r));
  for (let col = 0; col < n; col++) {
    const pivot = pivotRow(m, col);
    if (atF64(at(m, pivot), col) === 0) throw new Error("solveDense: singular matrix");
    swapRows(m, col, pivot);
    for (const r of b) swapEntries(r, col, pivot);
    for (let row = col + 1; row < n; row++) eliminate(m, b, col, row);
  }
  return b.map((r) => backSubstitute(m, r));
}

function pivotRow(m: readonly Float64Array[], col: number): number {
  let best = col;
  for (let row = col + 1; row < m.length; row++) if (Math.abs(atF64(at(m, row), col)) > Math.abs(atF64(at(m, best), col))) best = row;
  return best;
}

function swapRows(m: Float64Array[], i: number, j: number): void {
  const row = at(m, i);
  m[i] = at(m, j);
  m[j] = row;
}

function swapEntries(r: Float64Array, i: number, j: number): void {
  const x = atF64(r, i);
  r[i] = atF64(r, j);
  r[j] = x;
}

function eliminate(m: readonly Float64Array[], b: readonly Float64Array[], col: number, row: number): void {
  const pivot = at(m, col);
  const target = at(m, row);
  const factor = atF64(target, col) / atF64(pivot, col);
  if (factor === 0) return;
  for (let k = col; k < m.length; k++) target[k] = atF64(target, k) - factor * atF64(pivot, k);
  for (const r of b) r[row] = atF64(r, row) - factor * atF64(r, col);
}

function backSubstitute(m: readonly Float64Array[], b: Float64Array): Float64Array {
  const n = m.length;
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    const row = at(m, i);
    let sum = atF64(b, i);
    for (let k = i + 1; k < n; k++) sum -= atF64(row, k) * atF64(x, k);
    x[i] = sum / atF64(row, i);
  }
  return x;
}
