// Any attribution model on aggregated paths, by name: the model registry's path runner with the
// defaults `pipeprism paths` uses. Results are per channel, sorted by name, in ChannelAttribution's
// column names.
import type { ChannelResult } from "./channel-result.js";
import { BUILT_IN_MODELS, lookupModel } from "./model-registry.js";
import type { PathRow } from "./paths.js";
import type { CoalitionValue } from "./shapley-game.js";

/** Every model a path file can be run with (custom models need a config). */
export const PATH_MODEL_NAMES: readonly string[] = [...BUILT_IN_MODELS.keys()];

export interface PathModelOptions {
  readonly model: string;
  /** Markov order, 1..4 (default 1). */
  readonly order?: number;
  /** Shapley coalition value (default `rate`). */
  readonly shapleyValue?: CoalitionValue;
  /** Shapley Monte-Carlo seed (default 0) and permutations per large game (default 4096). */
  readonly seed?: number;
  readonly samples?: number;
  /** time_decay half-life in positions (default 1). */
  readonly halfLife?: number;
}

export function runPathModel(rows: readonly PathRow[], options: PathModelOptions): ChannelResult[] {
  const { model, order = 1, shapleyValue = "rate", seed = 0, ...rest } = options;
  return lookupModel(model, null).runPaths(rows, { order, shapleyValue, seed, ...rest });
}
