// Shapley attribution on journeys (§6): a converting journey with channel set S credits each of
// its channels its Shapley value in the game restricted to subsets of S, negatives clipped to 0,
// normalised to sum 1 — or linear over its touches when no value is positive. Exact up to
// EXACT_LIMIT channels; above, seeded Monte-Carlo with a standard error per channel.

import { addTo, channelResults, type ChannelResult } from "./channel-result.js";
import { at } from "./checked-at.js";
import { channelUniverse, type PathRow } from "./paths.js";
import { mulberry32, seedFor } from "./prng.js";
import { setKey, valueOracle, valuesOnSubsets, type CoalitionValue, type ObservedSet, type ShapleyGame } from "./shapley-game.js";
import { exactShapley } from "./shapley-exact.js";
import { sampledShapley } from "./shapley-sampled.js";

const EXACT_LIMIT = 16;

export interface ShapleyOptions {
  readonly coalition?: CoalitionValue;
  readonly seed?: number;
  /** Permutations per Monte-Carlo game; default 4096. */
  readonly samples?: number;
}

/** Credit shares of one channel set; `shares` is null when nothing is positive (use linear). */
export interface SetShares {
  /** The journey's distinct channels (fitted ones in name order, unseen ones after); shares align by index. */
  readonly channels: readonly string[];
  readonly shares: readonly number[] | null;
  /** Approximate standard error of each share (0 when computed exactly). */
  readonly stdErrors: readonly number[];
}

export interface ShapleyFit {
  readonly sharesFor: (channels: readonly string[]) => SetShares;
}

export function fitShapley(rows: readonly PathRow[], options: ShapleyOptions = {}): ShapleyFit {
  const ids = new Map(channelUniverse(rows).map((c, i) => [c, i]));
  const game: ShapleyGame = { kind: options.coalition ?? "rate", sets: observedSets(rows, ids) };
  const cache = new Map<string, SetShares>();
  const sharesFor = (channels: readonly string[]): SetShares => {
    const members = distinctIds(channels, ids);
    const key = setKey(members);
    const cached = cache.get(key);
    if (cached) return cached;
    const computed = sharesOf(members, game, ids, options);
    cache.set(key, computed);
    return computed;
  };
  return { sharesFor };
}

export function runShapley(rows: readonly PathRow[], options: ShapleyOptions = {}): ChannelResult[] {
  const fit = fitShapley(rows, options);
  const conversions = new Map<string, number>();
  const value = new Map<string, number>();
  const variance = new Map<string, number>();
  const perSet = new Map<SetShares, number>();
  for (const row of rows) {
    if (row.conversions === 0 && row.value === 0) continue;
    const set = fit.sharesFor(row.channels);
    perSet.set(set, (perSet.get(set) ?? 0) + row.conversions);
    creditRow(row, set).forEach((share, channel) => {
      addTo(conversions, channel, share * row.conversions);
      addTo(value, channel, share * row.value);
    });
  }
  // Journeys with the same set share one estimate, so their errors add linearly within a set
  // and in quadrature across sets (independent streams).
  perSet.forEach((n, set) => set.channels.forEach((c, i) => addTo(variance, c, (n * at(set.stdErrors, i)) ** 2)));
  return channelResults(channelUniverse(rows), conversions, value).map((r) => ({
    ...r,
    std_error: Math.sqrt(variance.get(r.channel) ?? 0),
  }));
}

/** Channel → share of one journey: the set's shares, or linear over its touches. */
export function creditRow(row: PathRow, set: SetShares): Map<string, number> {
  const credit = new Map<string, number>();
  const shares = set.shares;
  if (shares) set.channels.forEach((c, i) => addTo(credit, c, at(shares, i)));
  else for (const c of row.channels) addTo(credit, c, 1 / row.channels.length);
  return credit;
}

function observedSets(rows: readonly PathRow[], ids: Map<string, number>): Map<string, ObservedSet> {
  const sets = new Map<string, ObservedSet>();
  for (const row of rows) {
    const members = distinctIds(row.channels, ids);
    const key = setKey(members);
    const set = sets.get(key) ?? { ids: members, conversions: 0, nulls: 0 };
    set.conversions += row.conversions;
    set.nulls += row.nulls;
    sets.set(key, set);
  }
  return sets;
}

/** Sorted distinct ids; a channel never seen in the fitted rows gets a fresh id (it is worth 0). */
function distinctIds(channels: readonly string[], ids: Map<string, number>): number[] {
  const out = new Set<number>();
  for (const c of channels) {
    if (!ids.has(c)) ids.set(c, ids.size);
    out.add(ids.get(c) ?? -1);
  }
  return [...out].sort((a, b) => a - b);
}

function sharesOf(members: readonly number[], game: ShapleyGame, ids: Map<string, number>, options: ShapleyOptions): SetShares {
  const names = [...ids.keys()];
  const channels = members.map((id) => at(names, id));
  const { phi, stdError } = members.length <= EXACT_LIMIT ? exactGame(members, game) : sampledGame(members, game, options);
  const positive = Array.from(phi, (p) => Math.max(0, p));
  const total = positive.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return { channels, shares: null, stdErrors: members.map(() => 0) };
  return { channels, shares: positive.map((p) => p / total), stdErrors: Array.from(stdError, (se) => se / total) };
}

function exactGame(members: readonly number[], game: ShapleyGame): { phi: Float64Array; stdError: Float64Array } {
  return { phi: exactShapley(valuesOnSubsets(members, game), members.length), stdError: new Float64Array(members.length) };
}

function sampledGame(members: readonly number[], game: ShapleyGame, options: ShapleyOptions) {
  const random = mulberry32(seedFor(options.seed ?? 0, setKey(members)));
  return sampledShapley(valueOracle(members, game), members.length, options.samples ?? 4096, random);
}
