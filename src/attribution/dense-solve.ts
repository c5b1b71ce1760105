// Gaussian elimination with partial pivoting for A·x = b, several b at once. Used for small
// Markov chains where a direct solve is both exact and cheaper than iterating.

export function solveDense(a: readonly Float64Array[], rhs: readonly Float64Array[]): Float64Array[] {
  const n = a.length;
  const m = a.map((row) => Float64Array.from(row));
  const b = rhs.map((r) => Float64Array.from(r));
  for (let col = 0; col < n; col++) {
    const pivot = pivotRow(m, col);
    if (m[pivot][col] === 0) throw new Error("solveDense: singular matrix");
    swap(m, col, pivot);
    for (const r of b) [r[col], r[pivot]] = [r[pivot], r[col]];
    for (let row = col + 1; row < n; row++) eliminate(m, b, col, row);
  }
  return b.map((r) => backSubstitute(m, r));
}

function pivotRow(m: readonly Float64Array[], col: number): number {
  let best = col;
  for (let row = col + 1; row < m.length; row++) if (Math.abs(m[row][col]) > Math.abs(m[best][col])) best = row;
  return best;
}

function swap(m: Float64Array[], i: number, j: number): void {
  [m[i], m[j]] = [m[j], m[i]];
}

function eliminate(m: Float64Array[], b: readonly Float64Array[], col: number, row: number): void {
  const factor = m[row][col] / m[col][col];
  if (factor === 0) return;
  for (let k = col; k < m.length; k++) m[row][k] -= factor * m[col][k];
  for (const r of b) r[row] -= factor * r[col];
}

function backSubstitute(m: readonly Float64Array[], b: Float64Array): Float64Array {
  const n = m.length;
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = b[i];
    for (let k = i + 1; k < n; k++) sum -= m[i][k] * x[k];
    x[i] = sum / m[i][i];
  }
  return x;
}
