// Aggregated paths → absorbing Markov chain of order k, as ChannelAttribution defines it:
// the states of a journey are the windows of k consecutive channels (a journey shorter than k is
// one state made of all its channels), consecutive identical states are merged (so there are no
// self-loops; for k = 1 this is DP6's "self-transitions dropped" and does not change absorption
// probabilities), and every journey runs start → states → conversion | null, weighted by its
// conversions + nulls. States and transitions are keyed by integers, never strings per step, so
// a million paths count in about a second.

import { at, outOfRange } from "./checked-at.js";
import type { PathRow } from "./paths.js";

const atF64 = (xs: Float64Array, i: number): number => xs[i] ?? outOfRange(xs, i);
const atI32 = (xs: Int32Array, i: number): number => xs[i] ?? outOfRange(xs, i);

export interface MarkovChain {
  readonly channels: readonly string[];
  /** Channel ids of each transient state; state 0 is the start and holds none. */
  readonly stateChannels: readonly (readonly number[])[];
  /** Transitions between transient states in CSR form: row s is target/prob[rowStart[s]..rowStart[s+1]). */
  readonly rowStart: Int32Array;
  readonly target: Int32Array;
  readonly prob: Float64Array;
  /** P(next = conversion | state). */
  readonly toConversion: Float64Array;
  /** P(next = conversion | state) × mean value of the conversions that left from this state. */
  readonly toValue: Float64Array;
}

const STATE_LIMIT = 2 ** 26; // from·2^26 + to stays an exact integer below 2^53
const KEY_BASE = 8192; // numeric window keys for up to 8191 channels and order ≤ 4

/** How the journeys leaving one state ended. */
interface Exit {
  conversions: number;
  nulls: number;
  value: number;
}

interface Counts {
  readonly channelIds: Map<string, number>;
  readonly stateIds: Map<number | string, number>;
  readonly stateChannels: number[][];
  readonly transitions: Map<number, number>;
  /** Indexed by state, like stateChannels. */
  readonly exits: Exit[];
}

const noExit = (): Exit => ({ conversions: 0, nulls: 0, value: 0 });

export function buildMarkovChain(rows: readonly PathRow[], order: number): MarkovChain {
  if (!Number.isInteger(order) || order < 1 || order > 4) throw new RangeError(`markov order must be 1..4, got ${order}`);
  const counts: Counts = {
    channelIds: new Map(),
    stateIds: new Map(),
    stateChannels: [[]],
    transitions: new Map(),
    exits: [noExit()],
  };
  for (const row of rows) countPath(counts, row, order);
  return toChain(counts);
}

/** One row of compileMarkovCounts (src/sql/attribution-sql.ts): a transition or an exit, keyed by window keys. */
export interface ChainCountRow {
  readonly kind: "step" | "exit";
  /** Window key of the state left (0 = start). */
  readonly from: number;
  /** Window key of the state entered (steps only). */
  readonly to: number | null;
  readonly weight: number;
  readonly conversions: number;
  readonly nulls: number;
  readonly value: number;
}

/**
 * The chain from transition and exit counts SQL made: the same chain buildMarkovChain makes from
 * the journeys' paths, without the paths. `channels[id]` names channel id; keys are windowKey's.
 */
export function chainFromCounts(channels: readonly string[], rows: readonly ChainCountRow[]): MarkovChain {
  if (channels.length + 1 >= KEY_BASE) throw new RangeError(`markov supports up to ${KEY_BASE - 2} channels, got ${channels.length}`);
  const counts: Counts = {
    channelIds: new Map(channels.map((c, i) => [c, i])),
    stateIds: new Map(),
    stateChannels: [[]],
    transitions: new Map(),
    exits: [noExit()],
  };
  const state = (key: number) => (key === 0 ? 0 : stateOf(counts, key, () => decodeWindowKey(key)));
  for (const row of rows) {
    const from = state(row.from);
    if (row.kind === "step") {
      addTransition(counts.transitions, from, state(row.to ?? 0), row.weight);
      continue;
    }
    const exit = at(counts.exits, from);
    exit.conversions += row.conversions;
    exit.nulls += row.nulls;
    exit.value += row.value;
  }
  return toChain(counts);
}

/** Channel ids of a numeric window key, oldest first (the inverse of windowKey). */
function decodeWindowKey(key: number): number[] {
  const ids: number[] = [];
  for (let rest = key; rest > 0; rest = Math.floor(rest / KEY_BASE)) ids.push((rest % KEY_BASE) - 1);
  return ids;
}

function countPath(counts: Counts, row: PathRow, order: number): void {
  const weight = row.conversions + row.nulls;
  if (!(weight > 0) || row.channels.length === 0) return;
  const ids = row.channels.map((c) => channelId(counts.channelIds, c));
  const windows = Math.max(1, ids.length - order + 1);
  let previous = 0;
  for (let start = 0; start < windows; start++) {
    const state = stateId(counts, ids, start, Math.min(order, ids.length));
    if (state === previous) continue;
    addTransition(counts.transitions, previous, state, weight);
    previous = state;
  }
  const exit = at(counts.exits, previous);
  exit.conversions += row.conversions;
  exit.nulls += row.nulls;
  if (row.conversions > 0) exit.value += row.value;
}

function channelId(ids: Map<string, number>, channel: string): number {
  let id = ids.get(channel);
  if (id === undefined) {
    id = ids.size;
    ids.set(channel, id);
  }
  return id;
}

function stateId(counts: Counts, ids: readonly number[], start: number, length: number): number {
  return stateOf(counts, windowKey(ids, start, length), () => ids.slice(start, start + length));
}

function stateOf(counts: Counts, key: number | string, channelsOf: () => number[]): number {
  let id = counts.stateIds.get(key);
  if (id === undefined) {
    id = counts.stateChannels.length;
    if (id >= STATE_LIMIT) throw new RangeError(`markov chain has more than ${STATE_LIMIT} states`);
    counts.stateIds.set(key, id);
    counts.stateChannels.push(channelsOf());
    counts.exits.push(noExit());
  }
  return id;
}

/** Base-8192 digits (id + 1, never 0, so windows of different lengths never collide). */
function windowKey(ids: readonly number[], start: number, length: number): number | string {
  let key = 0;
  for (let j = length - 1; j >= 0; j--) {
    const id = at(ids, start + j);
    if (id + 1 >= KEY_BASE) return ids.slice(start, start + length).join(",");
    key = key * KEY_BASE + id + 1;
  }
  return key;
}

function addTransition(transitions: Map<number, number>, from: number, to: number, weight: number): void {
  const key = from * STATE_LIMIT + to;
  transitions.set(key, (transitions.get(key) ?? 0) + weight);
}

function toChain(counts: Counts): MarkovChain {
  const n = counts.stateChannels.length;
  const keys = Float64Array.from(counts.transitions.keys()).sort();
  const outTotal = Float64Array.from(counts.exits, (exit) => exit.conversions + exit.nulls);
  for (const [key, w] of counts.transitions) {
    const from = Math.floor(key / STATE_LIMIT);
    outTotal[from] = atF64(outTotal, from) + w;
  }
  const rowStart = new Int32Array(n + 1);
  const target = new Int32Array(keys.length);
  const prob = new Float64Array(keys.length);
  keys.forEach((key, i) => {
    const from = Math.floor(key / STATE_LIMIT);
    rowStart[from + 1] = atI32(rowStart, from + 1) + 1;
    target[i] = key - from * STATE_LIMIT;
    prob[i] = (counts.transitions.get(key) ?? 0) / atF64(outTotal, from);
  });
  for (let s = 0; s < n; s++) rowStart[s + 1] = atI32(rowStart, s + 1) + atI32(rowStart, s);
  const share = (part: (exit: Exit) => number) =>
    Float64Array.from(counts.exits, (exit, s) => {
      const total = atF64(outTotal, s);
      return total > 0 ? part(exit) / total : 0;
    });
  return {
    channels: [...counts.channelIds.keys()],
    stateChannels: counts.stateChannels,
    rowStart,
    target,
    prob,
    toConversion: share((exit) => exit.conversions),
    toValue: share((exit) => exit.value),
  };
}

/**
 * Paths laid out once for refitting the chain on many reweightings of the same rows (the bootstrap
 * of credit intervals): each row's channels and states as integers, and each step as an index into
 * the transitions of all rows. Ids here are the layout's own; chainOfLayout renumbers them per fit
 * in the order buildMarkovChain would meet them, so its chain is buildMarkovChain's bit for bit.
 */
export interface PathLayout {
  readonly channels: readonly string[];
  /** Channel ids of each state (layout ids); state 0 is the start. */
  readonly stateChannels: readonly (readonly number[])[];
  /** Per transition: the state left and the state entered. */
  readonly transitionFrom: Int32Array;
  readonly transitionTo: Int32Array;
  /** Row r's distinct channels, in order of first touch: rowChannels[channelStart[r]..channelStart[r+1]). */
  readonly channelStart: Int32Array;
  readonly rowChannels: Int32Array;
  /** Row r's steps (consecutive identical states merged): entered state and transition index. */
  readonly stepStart: Int32Array;
  readonly stepState: Int32Array;
  readonly stepTransition: Int32Array;
}

export function layoutPaths(rows: readonly Pick<PathRow, "channels">[], order: number): PathLayout {
  if (!Number.isInteger(order) || order < 1 || order > 4) throw new RangeError(`markov order must be 1..4, got ${order}`);
  const counts: Counts = { channelIds: new Map(), stateIds: new Map(), stateChannels: [[]], transitions: new Map(), exits: [noExit()] };
  const transitionIds = new Map<number, number>();
  const from: number[] = [];
  const to: number[] = [];
  const channelStart = new Int32Array(rows.length + 1);
  const stepStart = new Int32Array(rows.length + 1);
  const rowChannels: number[] = [];
  const stepState: number[] = [];
  const stepTransition: number[] = [];
  rows.forEach((row, r) => {
    const ids = row.channels.map((c) => channelId(counts.channelIds, c));
    for (const id of new Set(ids)) rowChannels.push(id);
    const windows = ids.length === 0 ? 0 : Math.max(1, ids.length - order + 1);
    let previous = 0;
    for (let start = 0; start < windows; start++) {
      const state = stateId(counts, ids, start, Math.min(order, ids.length));
      if (state === previous) continue;
      const key = previous * STATE_LIMIT + state;
      let t = transitionIds.get(key);
      if (t === undefined) {
        t = from.push(previous) - 1;
        to.push(state);
        transitionIds.set(key, t);
      }
      stepState.push(state);
      stepTransition.push(t);
      previous = state;
    }
    channelStart[r + 1] = rowChannels.length;
    stepStart[r + 1] = stepState.length;
  });
  return {
    channels: [...counts.channelIds.keys()],
    stateChannels: counts.stateChannels,
    transitionFrom: Int32Array.from(from),
    transitionTo: Int32Array.from(to),
    channelStart,
    rowChannels: Int32Array.from(rowChannels),
    stepStart,
    stepState: Int32Array.from(stepState),
    stepTransition: Int32Array.from(stepTransition),
  };
}

/** Each laid-out row's counts in one fit (indexed like the rows laid out). */
export interface RowCounts {
  readonly conversions: ArrayLike<number>;
  readonly value: ArrayLike<number>;
  readonly nulls: ArrayLike<number>;
}

/**
 * buildMarkovChain of the rows `members` (ascending indexes into the rows laid out) with counts
 * `counts`: the same chain, channels and states numbered in the order it meets them, the same
 * sums in the same order, without a string or a map lookup per step.
 */
export function chainOfLayout(layout: PathLayout, members: ArrayLike<number>, counts: RowCounts): MarkovChain {
  const localState = new Int32Array(layout.stateChannels.length).fill(-1);
  localState[0] = 0;
  const states = [0];
  const localChannel = new Int32Array(layout.channels.length).fill(-1);
  const channels: number[] = [];
  const weights = new Float64Array(layout.transitionFrom.length);
  const seen: number[] = [];
  const exits: Exit[] = [noExit()];
  for (let m = 0; m < members.length; m++) {
    const r = members[m] ?? outOfRange(members, m);
    const conversions = counts.conversions[r] ?? 0;
    const nulls = counts.nulls[r] ?? 0;
    const weight = conversions + nulls;
    const end = atI32(layout.stepStart, r + 1);
    let k = atI32(layout.stepStart, r);
    if (!(weight > 0) || k === end) continue;
    for (let c = atI32(layout.channelStart, r); c < atI32(layout.channelStart, r + 1); c++) {
      const id = atI32(layout.rowChannels, c);
      if (atI32(localChannel, id) < 0) localChannel[id] = channels.push(id) - 1;
    }
    let last = 0;
    for (; k < end; k++) {
      const state = atI32(layout.stepState, k);
      last = atI32(localState, state);
      if (last < 0) {
        last = localState[state] = states.push(state) - 1;
        exits.push(noExit());
      }
      const t = atI32(layout.stepTransition, k);
      if (atF64(weights, t) === 0) seen.push(t);
      weights[t] = atF64(weights, t) + weight;
    }
    const exit = exits[last] ?? outOfRange(exits, last);
    exit.conversions += conversions;
    exit.nulls += nulls;
    if (conversions > 0) exit.value += counts.value[r] ?? 0;
  }
  const transitions = new Map<number, number>();
  for (const t of seen) {
    const key = atI32(localState, atI32(layout.transitionFrom, t)) * STATE_LIMIT + atI32(localState, atI32(layout.transitionTo, t));
    transitions.set(key, atF64(weights, t));
  }
  return toChain({
    channelIds: new Map(channels.map((id, i) => [at(layout.channels, id), i])),
    stateIds: new Map(),
    stateChannels: states.map((s) => at(layout.stateChannels, s).map((id) => atI32(localChannel, id))),
    transitions,
    exits,
  });
}
