// The `lift` model's credit: a converting journey with channel set S splits itself among its
// channels by the Shapley values of v(T) = σ(η(T)) − σ(η(∅)), T ⊆ S, where η is the fitted linear
// predictor (intercept, main effects and interactions of T) — the predicted lift in conversion
// probability of T over no channel. Negatives are clipped to 0 and the rest normalised to 1; when
// nothing is positive the set is split equally among its channels. Exact up to EXACT_LIMIT
// channels, seeded Monte-Carlo above (as Shapley's, shapley-sampled.ts).

import { addTo, channelResults, type ChannelResult } from "./channel-result.js";
import { at, outOfRange } from "./checked-at.js";
import { fitLift, sigmoid, type LiftFit } from "./lift.js";
import { channelUniverse, compareNames, type PathRow } from "./paths.js";
import { mulberry32, seedFor } from "./prng.js";
import { exactShapley } from "./shapley-exact.js";
import { sampledShapley } from "./shapley-sampled.js";
import { creditRow, type SetShares } from "./shapley.js";

const atF64 = (xs: Float64Array, i: number): number => xs[i] ?? outOfRange(xs, i);

const EXACT_LIMIT = 16;

export interface LiftShareOptions {
  /** Seed of the Monte-Carlo streams above EXACT_LIMIT channels (default 0). */
  readonly seed?: number;
  /** Permutations per Monte-Carlo game (default 4096). */
  readonly samples?: number;
}

/** The game of one channel set: the intercept, each player's main effect and its interactions with lower players. */
interface LiftGame {
  readonly intercept: number;
  readonly main: Float64Array;
  /** partners[i]: [j, coefficient] for every interaction of player i with a player j < i. */
  readonly partners: readonly (readonly (readonly [number, number])[])[];
}

/** Shares of every channel set under a fit, cached per set; shares are never null (equal split fallback). */
export function liftShares(fit: LiftFit, options: LiftShareOptions = {}): (channels: readonly string[]) => SetShares {
  const { design, coefficients } = fit;
  const k = design.channels.length;
  const index = new Map(design.channels.map((c, i) => [c, i]));
  const pairs = new Map(design.pairs.map(([a, b], p) => [a * k + b, atF64(coefficients, k + p)]));
  const cache = new Map<string, SetShares>();
  return (channels) => {
    const players = [...new Set(channels)].sort(compareNames);
    const key = JSON.stringify(players);
    const cached = cache.get(key);
    if (cached) return cached;
    const ids = players.map((c) => index.get(c) ?? -1);
    const game: LiftGame = {
      intercept: fit.intercept,
      main: Float64Array.from(ids, (id) => (id < 0 ? 0 : atF64(coefficients, id))),
      partners: ids.map((a, i) =>
        ids.slice(0, i).flatMap((b, j) => {
          const coefficient = a < 0 || b < 0 ? undefined : pairs.get(Math.min(a, b) * k + Math.max(a, b));
          return coefficient === undefined ? [] : [[j, coefficient] as const];
        }),
      ),
    };
    const shares = sharesOf(players, game, key, options);
    cache.set(key, shares);
    return shares;
  };
}

function sharesOf(players: readonly string[], game: LiftGame, key: string, options: LiftShareOptions): SetShares {
  const n = players.length;
  const { phi, stdError } =
    n <= EXACT_LIMIT
      ? { phi: exactShapley(tabulate(game, n), n), stdError: new Float64Array(n) }
      : sampledShapley(oracle(game), n, options.samples ?? 4096, mulberry32(seedFor(options.seed ?? 0, key)));
  const positive = Array.from(phi, (p) => Math.max(0, p));
  const total = positive.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return { channels: players, shares: players.map(() => 1 / n), stdErrors: players.map(() => 0) };
  return { channels: players, shares: positive.map((p) => p / total), stdErrors: Array.from(stdError, (se) => se / total) };
}

/** v(T) for every T ⊆ players by bitmask: η(T) grows from η(T without its top player) by that player's terms. */
function tabulate(game: LiftGame, n: number): Float64Array {
  const size = 1 << n;
  const eta = new Float64Array(size);
  const v = new Float64Array(size);
  eta[0] = game.intercept;
  const base = sigmoid(game.intercept);
  for (let mask = 1; mask < size; mask++) {
    const top = 31 - Math.clz32(mask);
    const rest = mask ^ (1 << top);
    let e = atF64(eta, rest) + atF64(game.main, top);
    for (const [j, coefficient] of at(game.partners, top)) if (rest & (1 << j)) e += coefficient;
    eta[mask] = e;
    v[mask] = sigmoid(e) - base;
  }
  return v;
}

function oracle(game: LiftGame): (inside: Uint8Array, size: number) => number {
  const base = sigmoid(game.intercept);
  return (inside) => {
    let e = game.intercept;
    inside.forEach((present, i) => {
      if (present !== 1) return;
      e += atF64(game.main, i);
      for (const [j, coefficient] of at(game.partners, i)) if (inside[j] === 1) e += coefficient;
    });
    return sigmoid(e) - base;
  };
}

/** `pipeprism paths --model lift`: the fit on every row, conversions and value split by the set shares. */
export function runLift(rows: readonly PathRow[], options: LiftShareOptions = {}): ChannelResult[] {
  const sharesFor = liftShares(fitLift(rows), options);
  const conversions = new Map<string, number>();
  const value = new Map<string, number>();
  const perSet = new Map<SetShares, number>();
  for (const row of rows) {
    if (row.conversions === 0 && row.value === 0) continue;
    const set = sharesFor(row.channels);
    perSet.set(set, (perSet.get(set) ?? 0) + row.conversions);
    creditRow(row, set).forEach((share, channel) => {
      addTo(conversions, channel, share * row.conversions);
      addTo(value, channel, share * row.value);
    });
  }
  // As Shapley's: journeys of one set share one estimate (errors add linearly), sets add in quadrature.
  const variance = new Map<string, number>();
  perSet.forEach((n, set) => set.channels.forEach((c, i) => addTo(variance, c, (n * at(set.stdErrors, i)) ** 2)));
  return channelResults(channelUniverse(rows), conversions, value).map((r) => ({
    ...r,
    std_error: Math.sqrt(variance.get(r.channel) ?? 0),
  }));
}
