// Shapley attribution on journeys (§6): a converting journey with channel set S credits each of
// its channels its Shapley value in the game restricted to subsets of S, negatives clipped to 0,
// normalised to sum 1 — or linear over its touches when no value is positive. Always exact, in
// time linear in the observed sets inside S (shapley-sparse.ts), however many channels S holds.

import { addTo, channelResults, type ChannelResult } from "./channel-result.js";
import { at } from "./checked-at.js";
import { channelUniverse, type PathRow } from "./paths.js";
import { setKey, type CoalitionValue, type ObservedSet } from "./shapley-game.js";
import { sparseGame, sparseShapley, type SparseGame } from "./shapley-sparse.js";

export interface ShapleyOptions {
  readonly coalition?: CoalitionValue;
}

/** Credit shares of one channel set; `shares` is null when nothing is positive (use linear). */
export interface SetShares {
  /** The journey's distinct channels (fitted ones in name order, unseen ones after); shares align by index. */
  readonly channels: readonly string[];
  readonly shares: readonly number[] | null;
  /** Standard error of each share: 0, as Shapley is exact (lift's sampled games share this shape). */
  readonly stdErrors: readonly number[];
}

export interface ShapleyFit {
  readonly sharesFor: (channels: readonly string[]) => SetShares;
}

export function fitShapley(rows: readonly PathRow[], options: ShapleyOptions = {}): ShapleyFit {
  const ids = new Map(channelUniverse(rows).map((c, i) => [c, i]));
  const game = sparseGame({ kind: options.coalition ?? "rate", sets: observedSets(rows, ids) });
  const cache = new Map<string, SetShares>();
  const sharesFor = (channels: readonly string[]): SetShares => {
    const members = distinctIds(channels, ids);
    const key = setKey(members);
    const cached = cache.get(key);
    if (cached) return cached;
    const computed = sharesOf(members, game, ids);
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

function sharesOf(members: readonly number[], game: SparseGame, ids: Map<string, number>): SetShares {
  const names = [...ids.keys()];
  const channels = members.map((id) => at(names, id));
  const phi = sparseShapley(members, game);
  const positive = Array.from(phi, (p) => Math.max(0, p));
  const total = positive.reduce((a, b) => a + b, 0);
  const exact = members.map(() => 0);
  if (!(total > 0)) return { channels, shares: null, stdErrors: exact };
  return { channels, shares: positive.map((p) => p / total), stdErrors: exact };
}
