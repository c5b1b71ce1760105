// Index reads for the attribution kernels that fail loudly. Out of range, `xs[i]` is undefined,
// which in arithmetic turns every later sum into NaN far from the mistake; here it is a RangeError
// at the read. Hot numeric loops define their own one-line reader (`xs[i] ?? outOfRange(xs, i)`)
// instead of calling `at`: a module-local function inlines everywhere, while a call through an
// import binding costs about ten times as much under vitest's module runner (measured on the
// Markov solver).

/** xs[i] of an array (or typed array) whose elements are never undefined. */
export function at<T>(xs: ArrayLike<T>, i: number): T {
  const x = xs[i];
  if (x === undefined) return outOfRange(xs, i);
  return x;
}

export function outOfRange(xs: ArrayLike<unknown>, i: number): never {
  throw new RangeError(`index ${i} is outside 0..${xs.length - 1}`);
}
