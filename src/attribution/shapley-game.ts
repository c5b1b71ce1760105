// Coalition values for Shapley attribution (§6). Journeys are grouped by their distinct channel
// set; a coalition T is worth
//   rate:   the conversion rate of journeys whose set is exactly T (0 when no journey has it);
//   subset: the conversions of journeys whose set is a subset of T (Zhao et al. 2018).
// Under `subset` a channel present in many journeys gains credit from reach alone.

import { at, outOfRange } from "./checked-at.js";

const atF64 = (xs: Float64Array, i: number): number => xs[i] ?? outOfRange(xs, i);

export type CoalitionValue = "rate" | "subset";

export interface ObservedSet {
  /** Channel ids, ascending. */
  readonly ids: readonly number[];
  conversions: number;
  nulls: number;
}

export interface ShapleyGame {
  readonly kind: CoalitionValue;
  readonly sets: ReadonlyMap<string, ObservedSet>;
}

export function setKey(ids: readonly number[]): string {
  return ids.join(",");
}

function rateOf(set: ObservedSet | undefined): number {
  const n = set ? set.conversions + set.nulls : 0;
  return set && n > 0 ? set.conversions / n : 0;
}

/**
 * v(T) for every T ⊆ members, indexed by bitmask over `members` (ascending ids, bit j = members[j]).
 * Keys are built incrementally: adding the highest bit appends the largest id, keeping them sorted.
 */
export function valuesOnSubsets(members: readonly number[], game: ShapleyGame): Float64Array {
  const size = 1 << members.length;
  const keys: string[] = [""];
  const v = new Float64Array(size);
  for (let mask = 1; mask < size; mask++) {
    const top = 31 - Math.clz32(mask);
    const rest = at(keys, mask ^ (1 << top));
    const key = rest === "" ? String(at(members, top)) : `${rest},${at(members, top)}`;
    keys[mask] = key;
    const set = game.sets.get(key);
    v[mask] = game.kind === "rate" ? rateOf(set) : (set?.conversions ?? 0);
  }
  if (game.kind === "subset") sumOverSubsets(v, members.length);
  return v;
}

/** Zeta transform: v[T] ← Σ_{U ⊆ T} v[U], in O(k·2^k). */
function sumOverSubsets(v: Float64Array, k: number): void {
  for (let bit = 0; bit < k; bit++) {
    for (let mask = 0; mask < v.length; mask++) if (mask & (1 << bit)) v[mask] = atF64(v, mask) + atF64(v, mask ^ (1 << bit));
  }
}
