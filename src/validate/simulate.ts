// Journeys shaped like the user's, simulated in one world: a segment drawn from the segment mix;
// channels present independently with probabilities calibrated so each channel's expected reach
// in its segment is the observed one; as many touches as observed journeys with that many distinct
// channels have; touches in random order; conversion drawn from the world's log-odds with the
// segment's baseline b0 set so the segment converts at its observed rate. Seeded: the same shape,
// world and seed give the same journeys.
import { mulberry32, seedFor } from "../attribution/prng.js";
import type { PathRow } from "../attribution/paths.js";
import type { DataShape } from "./shape.js";
import { EXACT_PLAYERS, journeyShares, sharesFromSplits } from "./truth.js";
import { WORLD_SETTINGS, type JourneyView, type World } from "./worlds.js";

/** Distinct channels a simulated journey may have at most (masks of its channels fit 32 bits). */
const MAX_DISTINCT = 20;
/** Observed conversion rates are clamped into this range: a baseline needs both outcomes. */
const RATE_RANGE = [0.01, 0.98] as const;

interface SimJourney extends JourneyView {
  readonly segment: number;
  /** Channel indices in touch order, repeats kept. */
  readonly touches: readonly number[];
  readonly converted: boolean;
}

export interface SimulatedWorld {
  readonly world: World;
  readonly journeys: readonly SimJourney[];
  /** Baseline log-odds b0 per segment (shape.segments order). */
  readonly baseline: readonly number[];
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** The segment's observed conversion rate, clamped into RATE_RANGE. */
function targetRate(conversions: number, journeys: number): number {
  const rate = journeys > 0 ? conversions / journeys : 0;
  return Math.min(RATE_RANGE[1], Math.max(RATE_RANGE[0], rate));
}

/**
 * λ with λ·Σr + Π(1 − λ·r) = Σr: channels present with probability λ·r each, and a journey that
 * drew none taking one channel in proportion to r, contain each channel with probability r
 * exactly (r_c (λ + P(none)/Σr) = r_c). Monotone in λ, so bisection finds it.
 */
export function presenceScale(reach: readonly number[]): number {
  const total = reach.reduce((s, r) => s + r, 0);
  if (total <= 1) return 0;
  const f = (l: number) => l * total + reach.reduce((p, r) => p * (1 - l * r), 1) - total;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

interface LengthTable {
  readonly touches: readonly number[];
  readonly cumulative: readonly number[];
}

function lengthTables(shape: DataShape): Map<number, LengthTable> {
  const by = new Map<number, { touches: number[]; weights: number[] }>();
  for (const cell of shape.lengths) {
    if (cell.journeys <= 0) continue;
    const t = by.get(cell.distinct) ?? { touches: [], weights: [] };
    t.touches.push(cell.touches);
    t.weights.push(cell.journeys);
    by.set(cell.distinct, t);
  }
  return new Map([...by].map(([k, t]) => [k, { touches: t.touches, cumulative: cumulative(t.weights) }]));
}

function cumulative(weights: readonly number[]): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  let run = 0;
  return weights.map((w) => (run += w / total));
}

function pick(cum: readonly number[], u: number): number {
  for (let i = 0; i < cum.length; i++) if (u < (cum[i] ?? 1)) return i;
  return cum.length - 1;
}

/** Touches of a journey with k distinct channels: drawn from observed journeys with k (else the nearest k), at least k. */
function drawLength(tables: ReadonlyMap<number, LengthTable>, k: number, u: number): number {
  let table = tables.get(k);
  if (!table) {
    const nearest = [...tables.keys()].sort((a, b) => Math.abs(a - k) - Math.abs(b - k) || a - b)[0];
    table = nearest === undefined ? undefined : tables.get(nearest);
  }
  if (!table) return k;
  return Math.max(k, table.touches[pick(table.cumulative, u)] ?? k);
}

/** The journey's distinct channels in order of first touch, with their touch counts. */
export function journeyView(touches: readonly number[], latent: number): JourneyView {
  const distinct: number[] = [];
  const counts: number[] = [];
  for (const c of touches) {
    const i = distinct.indexOf(c);
    if (i < 0) {
      distinct.push(c);
      counts.push(1);
    } else counts[i] = (counts[i] ?? 0) + 1;
  }
  return { distinct, counts, latent };
}

function shuffle<T>(items: T[], rng: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** confounded: the targeted channel's presence for an account in market (latent 1) or not, keeping its reach r. */
function targetedPresence(reach: number, latent: number): number {
  const s = WORLD_SETTINGS;
  const inMarket = reach + (1 - reach) * s.targetedBoost;
  if (latent === 1) return inMarket;
  return Math.max(0, (reach - s.inMarketShare * inMarket) / (1 - s.inMarketShare));
}

export function simulateWorld(shape: DataShape, world: World, journeys: number, seed: number): SimulatedWorld {
  const rng = mulberry32(seedFor(seed, `validate:world:${world.name}`));
  const channels = shape.channels.length;
  const segmentCum = cumulative(shape.segments.map((s) => s.journeys));
  const reach = shape.segments.map((s) => s.reach.map((r) => Math.min(1, Math.max(0, r / Math.max(1, s.journeys)))));
  const presence = reach.map((r) => {
    const scale = presenceScale(r);
    return r.map((x) => scale * x);
  });
  const reachCum = reach.map((r) => (r.some((x) => x > 0) ? cumulative(r) : cumulative(r.map(() => 1))));
  const lengths = lengthTables(shape);
  const drawn: { segment: number; touches: number[]; view: JourneyView }[] = [];
  for (let n = 0; n < journeys; n++) {
    const segment = pick(segmentCum, rng());
    const r = reach[segment] ?? [];
    const p = presence[segment] ?? [];
    const latent = world.name === "confounded" ? (rng() < WORLD_SETTINGS.inMarketShare ? 1 : 0) : 0;
    let set: number[] = [];
    for (let c = 0; c < channels; c++) {
      if (rng() < (c === world.targeted ? targetedPresence(r[c] ?? 0, latent) : (p[c] ?? 0))) set.push(c);
    }
    if (set.length === 0) set.push(pick(reachCum[segment] ?? [], rng()));
    if (set.length > MAX_DISTINCT) set = shuffle(set, rng).slice(0, MAX_DISTINCT);
    const length = drawLength(lengths, set.length, rng());
    const touches = set.slice();
    if (length > set.length) {
      // Repeat touches fall on the journey's channels in proportion to their reach.
      let total = 0;
      for (const c of set) total += (r[c] ?? 0) + 1e-9;
      while (touches.length < length) {
        let u = rng() * total;
        let chosen = set[set.length - 1] ?? 0;
        for (const c of set) {
          u -= (r[c] ?? 0) + 1e-9;
          if (u < 0) {
            chosen = c;
            break;
          }
        }
        touches.push(chosen);
      }
    }
    shuffle(touches, rng);
    drawn.push({ segment, touches, view: journeyView(touches, latent) });
  }
  const fullLift = drawn.map((j) => world.lift(j.view, fullMask(j.view)));
  const bySegment: number[][] = shape.segments.map(() => []);
  drawn.forEach((j, i) => bySegment[j.segment]?.push(fullLift[i] ?? 0));
  const baseline = shape.segments.map((s, i) => solveBaseline(bySegment[i] ?? [], targetRate(s.conversions, s.journeys)));
  const simulated = drawn.map((j, i): SimJourney => ({
    distinct: j.view.distinct,
    counts: j.view.counts,
    latent: j.view.latent,
    segment: j.segment,
    touches: j.touches,
    converted: rng() < sigmoid((baseline[j.segment] ?? 0) + (fullLift[i] ?? 0)),
  }));
  return { world, journeys: simulated, baseline };
}

const fullMask = (j: JourneyView): number => (j.distinct.length >= 31 ? -1 : (1 << j.distinct.length) - 1);

/**
 * b0 with mean σ(b0 + lift) = rate over the segment's journeys (the logit of rate when there are
 * none): Newton steps kept inside a shrinking bracket, so it always converges (the mean is
 * increasing in b0).
 */
export function solveBaseline(lifts: readonly number[], rate: number): number {
  const logit = Math.log(rate / (1 - rate));
  if (lifts.length === 0) return logit;
  let lo = -50;
  let hi = 50;
  let b = logit - lifts.reduce((s, x) => s + x, 0) / lifts.length;
  for (let i = 0; i < 100; i++) {
    let mean = 0;
    let slope = 0;
    for (const x of lifts) {
      const p = 1 / (1 + Math.exp(-(b + x)));
      mean += p;
      slope += p * (1 - p);
    }
    const f = mean / lifts.length - rate;
    if (Math.abs(f) < 1e-13) break;
    if (f < 0) lo = b;
    else hi = b;
    const step = slope > 0 ? b - (f * lifts.length) / slope : (lo + hi) / 2;
    b = step > lo && step < hi ? step : (lo + hi) / 2;
  }
  return b;
}

/**
 * The true share of each channel in the world's conversions (truth.ts). Journeys the world cannot
 * tell apart (same segment and signature) have the same split, computed once.
 */
export function worldTruth(sim: SimulatedWorld, channelCount: number): number[] {
  const { world, baseline } = sim;
  const cache = new Map<string, { channels: readonly number[]; shares: number[] | null }>();
  function* converting(): Generator<{ channels: readonly number[]; shares: number[] | null }> {
    let n = 0;
    for (const j of sim.journeys) {
      n++;
      if (!j.converted) continue;
      const key = `${j.segment}|${world.signature(j)}`;
      let split = cache.get(key);
      if (!split) {
        const b0 = baseline[j.segment] ?? 0;
        const probability =
          j.distinct.length <= EXACT_PLAYERS
            ? world.liftTable(j).map((x) => sigmoid(b0 + x))
            : (mask: number) => sigmoid(b0 + world.lift(j, mask));
        split = {
          channels: j.distinct,
          shares: journeyShares({ channels: j.distinct, probability, seed: Math.imul(n, 0x9e3779b1) >>> 0 }),
        };
        cache.set(key, split);
      }
      yield split;
    }
  }
  return sharesFromSplits(channelCount, converting());
}

/** The world's journeys as aggregated paths (value 1 per conversion), in first-seen order. */
export function toPathRows(sim: SimulatedWorld, channelNames: readonly string[]): PathRow[] {
  const rows = new Map<string, { channels: string[]; conversions: number; value: number; nulls: number }>();
  for (const j of sim.journeys) {
    const key = j.touches.join(",");
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { channels: j.touches.map((c) => channelNames[c] ?? String(c)), conversions: 0, value: 0, nulls: 0 }));
    if (j.converted) {
      row.conversions++;
      row.value++;
    } else row.nulls++;
  }
  return [...rows.values()];
}
