// One entry point for `pipeprism paths`: any attribution model on aggregated paths, by name.
// Results are per channel, sorted by name, in ChannelAttribution's column names.

import { UserError } from "../model/diagnostic.js";
import type { ChannelResult } from "./channel-result.js";
import { runMarkov } from "./markov.js";
import { runPathHeuristic } from "./path-heuristics.js";
import type { PathRow } from "./paths.js";
import { POSITION_MODEL_NAMES, POSITION_MODELS, type PositionModelName } from "./position-models.js";
import type { CoalitionValue } from "./shapley-game.js";
import { runShapley } from "./shapley.js";

export const PATH_MODEL_NAMES = [...POSITION_MODEL_NAMES, "markov", "shapley"] as const;
export type PathModelName = (typeof PATH_MODEL_NAMES)[number];

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

type PathModel = (rows: readonly PathRow[], options: PathModelOptions) => ChannelResult[];

const positionModel = (name: PositionModelName): PathModel => (rows, options) =>
  runPathHeuristic(rows, POSITION_MODELS[name], { halfLife: options.halfLife ?? 1 });

export const PATH_MODELS: Readonly<Record<PathModelName, PathModel>> = {
  ...(Object.fromEntries(POSITION_MODEL_NAMES.map((n) => [n, positionModel(n)])) as Record<PositionModelName, PathModel>),
  markov: (rows, options) => runMarkov(rows, options.order ?? 1),
  shapley: (rows, options) =>
    runShapley(rows, { coalition: options.shapleyValue ?? "rate", seed: options.seed ?? 0, samples: options.samples ?? 4096 }),
};

export function runPathModel(rows: readonly PathRow[], options: PathModelOptions): ChannelResult[] {
  if (!isPathModelName(options.model)) {
    throw new UserError(`unknown model "${options.model}" (valid: ${PATH_MODEL_NAMES.join(", ")})`, "unknown_model");
  }
  return PATH_MODELS[options.model](rows, options);
}

function isPathModelName(name: string): name is PathModelName {
  return (PATH_MODEL_NAMES as readonly string[]).includes(name);
}
