// What `pipeprism validate` finds, as plain JSON data: the shape it simulated, each world's truth
// and every model's distance from it. The report renders it; validate.json persists it for
// `report models`.
import type { WorldName } from "./worlds.js";

export const SCORES_VERSION = 1;

export interface ValidateScore {
  readonly world: WorldName;
  /** A registry model name; Markov at order 3 is `markov_order3`. */
  readonly model: string;
  /** ½ Σ |share − truth| over channels: the share of conversions credited to the wrong channels. */
  readonly tv_distance: number;
  readonly max_channel_error: number;
  /** The channel with the largest error. */
  readonly worst_channel: string;
  /** 1 = closest to the truth in this world (ties by model name). */
  readonly rank: number;
  readonly best: boolean;
  /** The model's share of conversions per channel. */
  readonly shares: Readonly<Record<string, number>>;
}

export interface WorldSummary {
  readonly world: WorldName;
  readonly description: string;
  /** Share of simulated journeys that converted. */
  readonly conversion_rate: number;
  /** True share of conversions per channel. */
  readonly truth: Readonly<Record<string, number>>;
  /** The most-reached channel, which has no effect of its own (reach without lift). */
  readonly no_lift: string;
  /** confounded: the channel sent to accounts already likely to convert (true share 0). */
  readonly targeted: string | null;
}

interface ShapeSummary {
  /** Observed journeys with a touch. */
  readonly journeys: number;
  /** Observed: journeys reaching opportunity creation / all journeys (pipeline attribution). */
  readonly conversion_rate: number;
  readonly mean_touches: number;
  readonly channels: readonly { readonly channel: string; readonly reach: number }[];
  readonly segments: readonly { readonly segment: string; readonly share: number; readonly conversion_rate: number }[];
}

export interface ValidateScores {
  readonly version: typeof SCORES_VERSION;
  readonly source: "workspace" | "demo";
  readonly seed: number;
  /** Simulated journeys per world. */
  readonly journeys: number;
  readonly dimension: string | null;
  /** The workspace's data_as_of; null for --demo. */
  readonly data_as_of: string | null;
  /** What the scores were computed from (scores-file.ts); null for --demo. */
  readonly fingerprint: string | null;
  readonly shape: ShapeSummary;
  readonly worlds: readonly WorldSummary[];
  readonly scores: readonly ValidateScore[];
  /** Lowest mean TV over the worlds other than confounded. */
  readonly recommendation: { readonly model: string; readonly mean_tv: number };
}

/** Rounded to 6 decimals: the scores are estimates; the last bits of exp() need not reach the JSON. */
export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6 + 0;
