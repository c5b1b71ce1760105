// The generative worlds `pipeprism validate` simulates journeys in. Each world says how a
// journey's conversion log-odds depend on the channels in it, so the true effect of any subset of
// its channels is known exactly. Effects (β per channel) are drawn once per seed and shared by
// every world; the most-reached channel always has β = 0: reach without lift.
import { mulberry32, seedFor } from "../attribution/prng.js";
import { compareNames } from "../attribution/paths.js";
import { overallReach, type DataShape } from "./shape.js";

export const WORLD_NAMES = ["additive", "interaction", "saturation", "position", "confounded"] as const;
export type WorldName = (typeof WORLD_NAMES)[number];

/** The fixed constants of the worlds (docs/validate.md explains each). */
export const WORLD_SETTINGS = {
  /** β = BETA_MIN + BETA_SPAN · r², r uniform: unequal effects, most of them small. */
  betaMin: 0.1,
  betaSpan: 1.4,
  /** interaction: log-odds added when both channels of the pair are present. */
  synergy: 1.5,
  /** saturation: η = b0 + s · (1 − exp(−Σ touches β / s)). */
  saturation: 2,
  /** position: a channel's β counts (1 + firstBoost) times when it opens the journey. */
  firstBoost: 2,
  /** confounded: share of accounts in market (latent u = 1). */
  inMarketShare: 0.3,
  /** confounded: log-odds u = 1 adds. */
  inMarketLogOdds: 2,
  /** confounded: the targeted channel reaches this share of the in-market accounts it does not already reach on average. */
  targetedBoost: 0.8,
} as const;

/** Per-channel effects and the channels some worlds single out (indices into shape.channels). */
export interface Effects {
  readonly beta: readonly number[];
  /** The most-reached channel: β = 0 in every world. */
  readonly noLift: number;
  /** interaction: the two most-reached channels with β > 0 (with two channels, both). */
  readonly pair: readonly [number, number];
  /** confounded: sent to accounts in market; β = 0 there. */
  readonly targeted: number;
}

/** A journey as worlds read it: its distinct channels in order of first touch. */
export interface JourneyView {
  readonly distinct: readonly number[];
  /** Touches of each distinct channel. */
  readonly counts: readonly number[];
  /** confounded: 1 when the account is in market; 0 otherwise and in every other world. */
  readonly latent: number;
}

export interface World {
  readonly name: WorldName;
  /** One sentence on what the world does, with channel names. */
  readonly description: string;
  /** confounded: the targeted channel; null elsewhere. */
  readonly targeted: number | null;
  /**
   * Log-odds above the segment's baseline b0 when only the journey's channels in `mask` act (bit i
   * = distinct[i]; their touches keep their order and repeats); mask 0 is the journey without a
   * touch. Latent state stays as it is.
   */
  lift(j: JourneyView, mask: number): number;
  /** lift(j, mask) for every mask 0 … 2^k − 1 at once (k = distinct channels, at most 30). */
  liftTable(j: JourneyView): Float64Array;
  /** What lift reads of a journey, as text: journeys with the same signature (and segment) have the same truth. */
  signature(j: JourneyView): string;
}

const setSignature = (j: JourneyView) => [...j.distinct].sort((a, b) => a - b).join(",");
const countSignature = (j: JourneyView) =>
  j.distinct
    .map((c, i) => [c, j.counts[i] ?? 0] as const)
    .sort((a, b) => a[0] - b[0])
    .map(([c, n]) => `${c}x${n}`)
    .join(",");

/** Channel indices from most to least reached (ties by name). */
export function reachOrder(shape: DataShape): number[] {
  const reach = overallReach(shape);
  return shape.channels
    .map((_, i) => i)
    .sort((a, b) => (reach[b] ?? 0) - (reach[a] ?? 0) || compareNames(shape.channels[a] ?? "", shape.channels[b] ?? ""));
}

export function drawEffects(shape: DataShape, seed: number): Effects {
  const rng = mulberry32(seedFor(seed, "validate:effects"));
  const order = reachOrder(shape);
  const noLift = order[0] ?? 0;
  const beta = shape.channels.map((_, i) => {
    const r = rng();
    return i === noLift ? 0 : WORLD_SETTINGS.betaMin + WORLD_SETTINGS.betaSpan * r * r;
  });
  const withLift = order.filter((c) => c !== noLift);
  const pair: [number, number] = withLift.length >= 2 ? [withLift[0] ?? 0, withLift[1] ?? 0] : [noLift, withLift[0] ?? noLift];
  return { beta, noLift, pair, targeted: withLift[0] ?? noLift };
}

function sumBeta(beta: readonly number[], j: JourneyView, mask: number, skip = -1): number {
  let sum = 0;
  for (let i = 0; i < j.distinct.length; i++) {
    const c = j.distinct[i] ?? 0;
    if (mask & (1 << i) && c !== skip) sum += beta[c] ?? 0;
  }
  return sum;
}

/** Σ β over each mask's channels, for every mask, one addition per mask (a mask is the one without its lowest bit plus that bit). */
function betaTable(beta: readonly number[], j: JourneyView, weight: (i: number) => number): Float64Array {
  const k = j.distinct.length;
  const table = new Float64Array(2 ** k);
  for (let m = 1; m < table.length; m++) {
    const low = 31 - Math.clz32(m & -m);
    table[m] = (table[m & (m - 1)] ?? 0) + weight(low) * (beta[j.distinct[low] ?? 0] ?? 0);
  }
  return table;
}

function has(j: JourneyView, mask: number, channel: number): boolean {
  const i = j.distinct.indexOf(channel);
  return i >= 0 && (mask & (1 << i)) !== 0;
}

export function buildWorlds(shape: DataShape, effects: Effects): World[] {
  const name = (c: number) => shape.channels[c] ?? String(c);
  const { beta, noLift, pair, targeted } = effects;
  const s = WORLD_SETTINGS;
  const worlds: Record<WorldName, World> = {
    additive: {
      name: "additive",
      description: `log-odds add one effect per channel present; ${name(noLift)}, the most-reached channel, has none`,
      targeted: null,
      lift: (j, mask) => sumBeta(beta, j, mask),
      liftTable: (j) => betaTable(beta, j, () => 1),
      signature: setSignature,
    },
    interaction: {
      name: "interaction",
      description: `additive, plus ${s.synergy} log-odds when ${name(pair[0])} and ${name(pair[1])} are both present`,
      targeted: null,
      lift: (j, mask) => sumBeta(beta, j, mask) + (has(j, mask, pair[0]) && has(j, mask, pair[1]) ? s.synergy : 0),
      liftTable: (j) => {
        const table = betaTable(beta, j, () => 1);
        const a = j.distinct.indexOf(pair[0]);
        const b = j.distinct.indexOf(pair[1]);
        if (a < 0 || b < 0) return table;
        const both = (1 << a) | (1 << b);
        for (let m = 0; m < table.length; m++) if ((m & both) === both) table[m] = (table[m] ?? 0) + s.synergy;
        return table;
      },
      signature: setSignature,
    },
    saturation: {
      name: "saturation",
      description: `every touch adds its channel's effect, with diminishing returns: ${s.saturation} · (1 − exp(−Σ/${s.saturation}))`,
      targeted: null,
      lift: (j, mask) => {
        let sum = 0;
        for (let i = 0; i < j.distinct.length; i++) if (mask & (1 << i)) sum += (j.counts[i] ?? 0) * (beta[j.distinct[i] ?? 0] ?? 0);
        return s.saturation * (1 - Math.exp(-sum / s.saturation));
      },
      liftTable: (j) => betaTable(beta, j, (i) => j.counts[i] ?? 0).map((sum) => s.saturation * (1 - Math.exp(-sum / s.saturation))),
      signature: countSignature,
    },
    position: {
      name: "position",
      description: `additive, but the channel that opens the journey has ${1 + s.firstBoost}× its effect`,
      targeted: null,
      lift: (j, mask) => {
        if (mask === 0) return 0;
        const first = j.distinct[31 - Math.clz32(mask & -mask)] ?? 0;
        return sumBeta(beta, j, mask) + s.firstBoost * (beta[first] ?? 0);
      },
      liftTable: (j) => {
        const table = betaTable(beta, j, () => 1);
        // The lowest bit of a mask is its channel that comes first in the journey.
        for (let m = 1; m < table.length; m++)
          table[m] = (table[m] ?? 0) + s.firstBoost * (beta[j.distinct[31 - Math.clz32(m & -m)] ?? 0] ?? 0);
        return table;
      },
      signature: (j) => j.distinct.join(","),
    },
    confounded: {
      name: "confounded",
      description: `${s.inMarketShare * 100}% of accounts are in market (+${s.inMarketLogOdds} log-odds) and ${name(targeted)} is sent mostly to them; ${name(targeted)} itself has no effect`,
      targeted,
      lift: (j, mask) => sumBeta(beta, j, mask, targeted) + s.inMarketLogOdds * j.latent,
      liftTable: (j) => betaTable(beta, j, (i) => (j.distinct[i] === targeted ? 0 : 1)).map((x) => x + s.inMarketLogOdds * j.latent),
      signature: (j) => `${j.latent}:${setSignature(j)}`,
    },
  };
  return WORLD_NAMES.map((w) => worlds[w]);
}
