// Exact Shapley values of both coalition games in time linear in the observed channel sets inside
// a journey's set M (k = |M| channels), instead of enumerating 2^k coalitions or sampling orders.
//
// rate:   v is zero except on observed sets U ⊆ M, so in φ_i = Σ_{T ⊆ M∖i} w(|T|)(v(T ∪ i) − v(T))
//         each v(U) appears once per player: as v(T ∪ i) with weight w(|U| − 1) when i ∈ U, and as
//         −v(T) with weight w(|U|) when i ∉ U; w(s) = s!(k − s − 1)!/k!.
// subset: v(T) = Σ_{U ⊆ T} c(U) is a sum of unanimity games scaled by the conversions c(U) of
//         each observed U, and a unanimity game splits its worth equally among U's players, so
//         φ_i = Σ_{U ∋ i, U ⊆ M} c(U) / |U| (Harsanyi dividends).
// Both are the same numbers enumeration gives, up to the order floating-point sums are taken in.

import { at } from "./checked-at.js";
import type { ShapleyGame } from "./shapley-game.js";

interface WorthSet {
  readonly bits: Uint32Array;
  readonly ids: readonly number[];
  readonly worth: number;
}

/** Observed sets as bit sets over channel ids, grouped once per game for every journey set. */
export interface SparseGame {
  readonly kind: ShapleyGame["kind"];
  readonly words: number;
  readonly sets: readonly WorthSet[];
  /** Up to 32 channels: each set by its one-word mask, to look subsets of a journey's set up directly. */
  readonly byMask: ReadonlyMap<number, WorthSet> | null;
}

export function sparseGame(game: ShapleyGame): SparseGame {
  let maxId = 0;
  for (const set of game.sets.values()) for (const id of set.ids) maxId = Math.max(maxId, id);
  const words = (maxId >> 5) + 1;
  const sets: WorthSet[] = [];
  for (const set of game.sets.values()) {
    const n = set.conversions + set.nulls;
    const worth = game.kind === "rate" ? (n > 0 ? set.conversions / n : 0) : set.conversions;
    // A set worth nothing adds nothing to either formula.
    if (worth !== 0 && set.ids.length > 0) sets.push({ bits: bitsOf(set.ids, words), ids: set.ids, worth });
  }
  const byMask = words === 1 ? new Map(sets.map((set) => [set.bits[0] ?? 0, set])) : null;
  return { kind: game.kind, words, sets, byMask };
}

function bitsOf(ids: readonly number[], words: number): Uint32Array {
  const bits = new Uint32Array(words);
  for (const id of ids) if (id >> 5 < words) bits[id >> 5] = (bits[id >> 5] ?? 0) | (1 << (id & 31));
  return bits;
}

function isSubset(inner: Uint32Array, outer: Uint32Array): boolean {
  for (let w = 0; w < inner.length; w++) if (((inner[w] ?? 0) & ~(outer[w] ?? 0)) !== 0) return false;
  return true;
}

/** φ of each member of M (ascending ids), exactly; ids outside the fitted universe are worth 0. */
export function sparseShapley(members: readonly number[], game: SparseGame): Float64Array {
  const k = members.length;
  const phi = new Float64Array(k);
  if (k === 0) return phi;
  const local = new Map(members.map((id, j) => [id, j]));
  const weight = coalitionWeights(k);
  for (const set of setsInside(members, game)) {
    const size = set.ids.length;
    if (game.kind === "subset") {
      for (const id of set.ids) {
        const j = local.get(id) ?? -1;
        phi[j] = (phi[j] ?? 0) + set.worth / size;
      }
      continue;
    }
    const gain = set.worth * at(weight, size - 1);
    const loss = size < k ? set.worth * at(weight, size) : 0;
    for (let j = 0; j < k; j++) phi[j] = (phi[j] ?? 0) - loss;
    for (const id of set.ids) {
      const j = local.get(id) ?? -1;
      phi[j] = (phi[j] ?? 0) + loss + gain;
    }
  }
  return phi;
}

/**
 * The observed sets inside M: when M's 2^k subsets are fewer than the observed sets (and ids fit
 * one word), each subset is looked up; otherwise every observed set is tested against M.
 */
function setsInside(members: readonly number[], game: SparseGame): WorthSet[] {
  const inside: WorthSet[] = [];
  const outer = bitsOf(members, game.words);
  if (game.byMask && members.length < 31 && 2 ** members.length < game.sets.length) {
    const mask = outer[0] ?? 0;
    for (let sub = mask; sub !== 0; sub = (sub - 1) & mask) {
      const set = game.byMask.get(sub >>> 0);
      if (set) inside.push(set);
    }
    return inside;
  }
  for (const set of game.sets) if (set.ids.length <= members.length && isSubset(set.bits, outer)) inside.push(set);
  return inside;
}

/** w(s) = s!(k−s−1)!/k! = 1 / (k · C(k−1, s)), computed without factorials. */
function coalitionWeights(k: number): number[] {
  const weight: number[] = [];
  let binomial = 1;
  for (let s = 0; s < k; s++) {
    weight.push(1 / (k * binomial));
    binomial = (binomial * (k - 1 - s)) / (s + 1);
  }
  return weight;
}
