// The `lift` model's fit: a regularised logistic regression of a journey's outcome (conversion or
// null) on the presence of each channel in its distinct channel set, plus the interactions
// lift-design.ts admits, on counts per set (each set weighted by its conversions and nulls).
// The intercept is free; the other coefficients have a Gaussian prior — independent
// N(0, MAIN_PRIOR_SD²) on main effects and N(0, INTERACTION_PRIOR_SD²) on interactions (the
// ridge), or, for a segment, one centred at the pooled fit (segmentPrior). Newton's method with
// step halving on the penalised deviance and a dense solve: deterministic, and the prior keeps
// every coefficient finite even when a channel separates conversions from nulls.

import { at, outOfRange } from "./checked-at.js";
import { solveDense } from "./dense-solve.js";
import { aggregateSets, designFor, type LiftDesign, type SetCounts } from "./lift-design.js";
import { channelUniverse, type PathRow } from "./paths.js";

const atF64 = (xs: Float64Array, i: number): number => xs[i] ?? outOfRange(xs, i);
const atI32 = (xs: Int32Array, i: number): number => xs[i] ?? outOfRange(xs, i);

/** Prior standard deviations in log-odds: weak on main effects, four times tighter on interactions. */
const MAIN_PRIOR_SD = 2.5;
const INTERACTION_PRIOR_SD = 0.625;

const MAX_ITERATIONS = 100;
/**
 * Converged when the Newton step — near the minimum, the distance to it — moves no coefficient by
 * more than this. (The objective itself cannot be the test: with a million journeys its rounding
 * error is about 1e-10, larger than the last steps' gains.)
 */
const STEP_TOLERANCE = 1e-9;

/** A Gaussian prior on the coefficients (main effects, then interactions); the intercept has none. */
export interface LiftPrior {
  readonly mean: Float64Array;
  /** Precision matrix, symmetric positive definite. */
  readonly precision: readonly Float64Array[];
}

export interface LiftFit {
  readonly design: LiftDesign;
  readonly intercept: number;
  /** Main effects (design.channels order), then interactions (design.pairs order). */
  readonly coefficients: Float64Array;
  /**
   * The data's Fisher information about the coefficients at the fit, the intercept profiled out
   * (the Schur complement of the intercept in the Hessian without the prior).
   */
  readonly information: readonly Float64Array[];
  readonly conversions: number;
  readonly journeys: number;
  /**
   * False when the rows have no conversion or no null: nothing to contrast, so the coefficients
   * are the prior mean and the intercept is meaningless.
   */
  readonly contrast: boolean;
  readonly iterations: number;
  readonly converged: boolean;
}

export interface LiftFitOptions {
  /** Features to use (default: chosen from the rows). A segment uses the pooled fit's. */
  readonly design?: LiftDesign;
  /** Default: the ridge, ridgePrior(design). */
  readonly prior?: LiftPrior;
}

function ridgePrior(design: LiftDesign): LiftPrior {
  const k = design.channels.length;
  const size = k + design.pairs.length;
  const precision = Array.from({ length: size }, (_, i) =>
    Float64Array.from({ length: size }, (_, j) => (i === j ? (i < k ? MAIN_PRIOR_SD : INTERACTION_PRIOR_SD) ** -2 : 0)),
  );
  return { mean: new Float64Array(size), precision };
}

/**
 * The prior of a segment's fit: the pooled fit, discounted to the weight of `strength`
 * conversions — a Gaussian approximation of the power prior (Ibrahim & Chen 2000) with
 * a0 = strength / pooled conversions: mean the pooled coefficients, precision a0 × the pooled
 * data's information, plus the ridge. A segment whose journeys look like the pool's and that has
 * C conversions carries information ≈ C / pooled conversions × the pooled, so its coefficients
 * come out ≈ (C · own + strength · pooled) / (C + strength): the pooled fit dominates below
 * `strength` (min_sample) conversions.
 */
export function segmentPrior(pooled: LiftFit, strength: number): LiftPrior {
  const ridge = ridgePrior(pooled.design).precision;
  const a0 = pooled.conversions > 0 ? strength / pooled.conversions : 0;
  const precision = ridge.map((row, i) => row.map((r, j) => r + a0 * atF64(at(pooled.information, i), j)));
  return { mean: Float64Array.from(pooled.coefficients), precision };
}

/**
 * Journeys by channel set as the fit reads them, in flat arrays: set s has the coefficient
 * indices features[start[s]] … features[start[s + 1] − 1] (ascending), its conversions and journeys.
 */
interface Observations {
  readonly start: Int32Array;
  readonly features: Int32Array;
  readonly conversions: Float64Array;
  readonly journeys: Float64Array;
}

export function fitLift(rows: readonly PathRow[], options: LiftFitOptions = {}): LiftFit {
  const channels = options.design?.channels ?? channelUniverse(rows);
  const sets = aggregateSets(rows, channels);
  const design = options.design ?? designFor(sets, channels);
  const prior = options.prior ?? ridgePrior(design);
  const observations = observe(sets, design);
  const conversions = observations.conversions.reduce((a, b) => a + b, 0);
  const journeys = observations.journeys.reduce((a, b) => a + b, 0);
  const base = { design, conversions, journeys };
  if (!(conversions > 0 && conversions < journeys)) {
    const coefficients = Float64Array.from(prior.mean);
    const information = Array.from(coefficients, () => new Float64Array(coefficients.length));
    return { ...base, intercept: 0, coefficients, information, contrast: false, iterations: 0, converged: true };
  }
  const theta = new Float64Array(1 + prior.mean.length);
  theta.set(prior.mean, 1);
  theta[0] = Math.log(conversions / (journeys - conversions));
  const { iterations, converged } = newton(theta, observations, prior);
  const information = profiledInformation(derivatives(theta, observations, prior).data);
  return { ...base, intercept: atF64(theta, 0), coefficients: theta.slice(1), information, contrast: true, iterations, converged };
}

/** Each set's coefficient indices: its channels, then the design's pairs inside it (ascending). */
function observe(sets: readonly SetCounts[], design: LiftDesign): Observations {
  const k = design.channels.length;
  const pairAt = new Int32Array(k * k).fill(-1);
  design.pairs.forEach(([a, b], p) => (pairAt[a * k + b] = k + p));
  const start = new Int32Array(sets.length + 1);
  const features: number[] = [];
  sets.forEach((set, s) => {
    const { ids } = set;
    features.push(...ids);
    const pairs: number[] = [];
    for (let i = 0; i < ids.length; i++)
      for (let j = i + 1; j < ids.length; j++) {
        const p = atI32(pairAt, at(ids, i) * k + at(ids, j));
        if (p >= 0) pairs.push(p);
      }
    features.push(...pairs.sort((a, b) => a - b));
    start[s + 1] = features.length;
  });
  return {
    start,
    features: Int32Array.from(features),
    conversions: Float64Array.from(sets, (set) => set.conversions),
    journeys: Float64Array.from(sets, (set) => set.conversions + set.nulls),
  };
}

/** Minimises the penalised negative log-likelihood in place: Newton steps, halved until the objective decreases enough (Armijo). */
function newton(theta: Float64Array, observations: Observations, prior: LiftPrior): { iterations: number; converged: boolean } {
  let current = objective(theta, observations, prior);
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    const { gradient, hessian } = derivatives(theta, observations, prior);
    const [step = new Float64Array(theta.length)] = solveDense(hessian, [gradient]);
    if (step.every((x) => Math.abs(x) < STEP_TOLERANCE)) {
      theta.set(theta.map((x, i) => x - atF64(step, i)));
      return { iterations: iteration, converged: true };
    }
    const decrease = step.reduce((s, x, i) => s + x * atF64(gradient, i), 0);
    // Within rounding of the objective the line search cannot judge a step; this close, Newton's full step is right.
    if (decrease < 1e-10 * (1 + Math.abs(current))) {
      theta.set(theta.map((x, i) => x - atF64(step, i)));
      current = objective(theta, observations, prior);
      continue;
    }
    let accepted = false;
    for (let t = 1; t > 2 ** -40 && !accepted; t /= 2) {
      const trial = theta.map((x, i) => x - t * atF64(step, i));
      const value = objective(trial, observations, prior);
      if (value <= current - 1e-4 * t * decrease) {
        theta.set(trial);
        current = value;
        accepted = true;
      }
    }
    // No step along the Newton direction lowers the objective beyond its rounding: this is the minimum.
    if (!accepted) return { iterations: iteration, converged: true };
  }
  return { iterations: MAX_ITERATIONS, converged: false };
}

function linearPredictor(theta: Float64Array, observations: Observations, s: number): number {
  const { start, features } = observations;
  let eta = atF64(theta, 0);
  for (let f = atI32(start, s), end = atI32(start, s + 1); f < end; f++) eta += atF64(theta, 1 + atI32(features, f));
  return eta;
}

/** log(1 + e^x) without overflow. */
function softplus(x: number): number {
  return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
}

export function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** Σ journeys · log(1 + e^η) − conversions · η, plus ½ Σ precision · (β − mean)². */
function objective(theta: Float64Array, observations: Observations, prior: LiftPrior): number {
  const { conversions, journeys } = observations;
  let value = 0;
  for (let s = 0; s < journeys.length; s++) {
    const eta = linearPredictor(theta, observations, s);
    value += atF64(journeys, s) * softplus(eta) - atF64(conversions, s) * eta;
  }
  const offset = Float64Array.from(prior.mean, (m, j) => atF64(theta, 1 + j) - m);
  prior.precision.forEach((row, i) => row.forEach((p, j) => (value += (p * atF64(offset, i) * atF64(offset, j)) / 2)));
  return value;
}

function derivatives(theta: Float64Array, observations: Observations, prior: LiftPrior) {
  const { start, features, conversions, journeys } = observations;
  const size = theta.length;
  const gradient = new Float64Array(size);
  const flat = new Float64Array(size * size);
  for (let s = 0; s < journeys.length; s++) {
    const p = sigmoid(linearPredictor(theta, observations, s));
    const n = atF64(journeys, s);
    const residual = n * p - atF64(conversions, s);
    const weight = n * p * (1 - p);
    gradient[0] = atF64(gradient, 0) + residual;
    flat[0] = atF64(flat, 0) + weight;
    const end = atI32(start, s + 1);
    for (let a = atI32(start, s); a < end; a++) {
      const i = 1 + atI32(features, a);
      gradient[i] = atF64(gradient, i) + residual;
      flat[i] = atF64(flat, i) + weight;
      const row = i * size + 1;
      for (let b = a; b < end; b++) {
        const cell = row + atI32(features, b);
        flat[cell] = atF64(flat, cell) + weight;
      }
    }
  }
  // Only i ≤ j was filled (features are ascending); mirror it.
  const data = Array.from({ length: size }, (_, i) =>
    Float64Array.from({ length: size }, (_, j) => (i <= j ? atF64(flat, i * size + j) : atF64(flat, j * size + i))),
  );
  const offset = Float64Array.from(prior.mean, (m, j) => atF64(theta, 1 + j) - m);
  const hessian = data.map((row, i) =>
    i === 0 ? Float64Array.from(row) : row.map((h, j) => (j === 0 ? h : h + atF64(at(prior.precision, i - 1), j - 1))),
  );
  prior.precision.forEach((row, i) => {
    gradient[1 + i] = atF64(gradient, 1 + i) + row.reduce((s, p, j) => s + p * atF64(offset, j), 0);
  });
  return { gradient, hessian, data };
}

/** The data's information about the coefficients with the intercept profiled out: H_ββ − H_β0 H_0β / H_00. */
function profiledInformation(data: readonly Float64Array[]): Float64Array[] {
  const head = at(data, 0);
  const h00 = atF64(head, 0);
  return data.slice(1).map((row, i) => row.slice(1).map((h, j) => h - (atF64(head, 1 + i) * atF64(head, 1 + j)) / h00));
}
