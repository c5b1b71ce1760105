// The features of the `lift` model: journeys grouped by distinct channel set (weighted by their
// counts, never expanded to journeys), a main effect per channel, and the pairwise interactions
// the data supports — a pair whose journeys with both channels have at least
// MIN_PAIR_CONVERSIONS conversions, and whose three cells (both, each without the other) each
// hold at least MIN_PAIR_SHARE of all journeys; at most INTERACTIONS_PER_CHANNEL × channels of
// them (every admitted pair up to 9 channels: saturation across channels needs them all), the most
// co-occurring first.

import { at, outOfRange } from "./checked-at.js";
import type { PathRow } from "./paths.js";

const atF64 = (xs: Float64Array, i: number): number => xs[i] ?? outOfRange(xs, i);

const MIN_PAIR_CONVERSIONS = 30;
const MIN_PAIR_SHARE = 0.02;
const INTERACTIONS_PER_CHANNEL = 4;

export interface LiftDesign {
  /** One main effect per channel, in name order (coefficient i is channel i). */
  readonly channels: readonly string[];
  /** Interactions as channel indices [a, b] with a < b; coefficient channels.length + p is pair p. */
  readonly pairs: readonly (readonly [number, number])[];
}

/** Journeys with one distinct channel set. */
export interface SetCounts {
  /** Channel indices in the design, ascending (channels outside the design are left out). */
  readonly ids: readonly number[];
  conversions: number;
  nulls: number;
}

/** The design for journeys grouped by set: every channel, and the interactions the rule admits. */
export function designFor(sets: readonly SetCounts[], channels: readonly string[]): LiftDesign {
  return { channels, pairs: choosePairs(sets, channels.length) };
}

/** Rows merged by distinct channel set, in key order (so the fit does not depend on row order). */
export function aggregateSets(rows: readonly PathRow[], channels: readonly string[]): SetCounts[] {
  const index = new Map(channels.map((c, i) => [c, i]));
  const seen = new Uint8Array(channels.length);
  const sets = new Map<string, SetCounts>();
  for (const row of rows) {
    if (row.conversions + row.nulls <= 0) continue;
    const ids: number[] = [];
    for (const c of row.channels) {
      const id = index.get(c);
      if (id === undefined || seen[id] === 1) continue;
      seen[id] = 1;
      ids.push(id);
    }
    for (const id of ids) seen[id] = 0;
    ids.sort((a, b) => a - b);
    const key = ids.join(",");
    const set = sets.get(key);
    if (set) {
      set.conversions += row.conversions;
      set.nulls += row.nulls;
    } else sets.set(key, { ids, conversions: row.conversions, nulls: row.nulls });
  }
  return [...sets.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, set]) => set);
}

function choosePairs(sets: readonly SetCounts[], k: number): [number, number][] {
  const single = new Float64Array(k);
  const both = new Float64Array(k * k);
  const bothConversions = new Float64Array(k * k);
  let journeys = 0;
  for (const set of sets) {
    const n = set.conversions + set.nulls;
    journeys += n;
    set.ids.forEach((a, i) => {
      single[a] = atF64(single, a) + n;
      for (let j = i + 1; j < set.ids.length; j++) {
        const cell = a * k + at(set.ids, j);
        both[cell] = atF64(both, cell) + n;
        bothConversions[cell] = atF64(bothConversions, cell) + set.conversions;
      }
    });
  }
  const floor = MIN_PAIR_SHARE * journeys;
  const candidates: { pair: [number, number]; together: number }[] = [];
  for (let a = 0; a < k; a++) {
    for (let b = a + 1; b < k; b++) {
      const together = atF64(both, a * k + b);
      if (atF64(bothConversions, a * k + b) < MIN_PAIR_CONVERSIONS || together < floor) continue;
      if (atF64(single, a) - together < floor || atF64(single, b) - together < floor) continue;
      candidates.push({ pair: [a, b], together });
    }
  }
  // Sorting is stable and candidates are in (a, b) order, so ties keep that order.
  candidates.sort((x, y) => y.together - x.together);
  return candidates.slice(0, INTERACTIONS_PER_CHANNEL * k).map((c) => c.pair);
}
