// Every attribution model, in one table: its kind, what computes its credit (a position spec the
// SQL compiler turns into a per-touch expression, or a data-driven fit on counts), how it runs on
// a path file, and its help text. `report`, `paths`, `--help` and the dashboard all read it; a
// name is looked up by own key only, and an unknown one fails listing the valid names.
import { DATA_DRIVEN_MODEL_NAMES, type PositionModelSpec } from "../contract/attribution.js";
import type { Config } from "../model/config-schema.js";
import { UserError } from "../model/diagnostic.js";
import type { ChannelResult } from "./channel-result.js";
import { runLift } from "./lift-shares.js";
import { runMarkov } from "./markov.js";
import { runPathHeuristic } from "./path-heuristics.js";
import type { PathRow } from "./paths.js";
import { customModel, POSITION_MODELS, type PositionModelName } from "./position-models.js";
import type { CoalitionValue } from "./shapley-game.js";
import { runShapley } from "./shapley.js";

/** The model `report` and `paths` use without --model. */
export const DEFAULT_MODEL = "w_shaped";

export const DATA_DRIVEN_MODELS = DATA_DRIVEN_MODEL_NAMES;
type DataDrivenModel = (typeof DATA_DRIVEN_MODELS)[number];

interface PathRunOptions {
  readonly order: number;
  readonly shapleyValue: CoalitionValue;
  readonly seed: number;
  /** Shapley permutations per large game (default 4096). */
  readonly samples?: number;
  /** time_decay half-life in path positions (default 1). */
  readonly halfLife?: number;
}

interface ModelCommon {
  readonly name: string;
  readonly help: string;
  readonly runPaths: (rows: readonly PathRow[], options: PathRunOptions) => ChannelResult[];
}

export type ModelEntry =
  | (ModelCommon & { readonly kind: "position"; readonly spec: PositionModelSpec })
  | (ModelCommon & { readonly kind: "data_driven"; readonly name: DataDrivenModel });

/** A model as a report plan carries it: plain data, no functions. */
export type ResolvedModel =
  | { readonly kind: "position"; readonly name: string; readonly spec: PositionModelSpec }
  | { readonly kind: "data_driven"; readonly name: DataDrivenModel };

const POSITION_HELP: Readonly<Record<PositionModelName, string>> = {
  first_touch: "all credit to the first touch",
  last_touch: "all credit to the last touch before the stage (creation or close)",
  linear: "equal credit to every touch",
  time_decay: "credit halving every half_life_days before the stage",
  u_shaped: "40% first, 40% last, 20% shared by the rest",
  w_shaped: "30% first, 30% lead creation, 30% last, 10% the rest (the default)",
  j_shaped: "20% first, 60% last, 20% the rest",
  inverse_j: "60% first, 20% last, 20% the rest",
  full_path: "w_shaped at pipeline stage; 22.5% each to first, lead creation, opportunity creation and close at revenue",
};

function positionEntry(name: string, spec: PositionModelSpec, help: string): ModelEntry {
  return { kind: "position", name, spec, help, runPaths: (rows, o) => runPathHeuristic(rows, spec, { halfLife: o.halfLife ?? 1 }) };
}

const BUILT_IN: readonly ModelEntry[] = [
  ...Object.entries(POSITION_MODELS).map(([name, spec]) => positionEntry(name, spec, POSITION_HELP[name as PositionModelName])),
  {
    kind: "data_driven",
    name: "markov",
    help: "removal effect of a Markov chain of order --order (1–4) fitted per segment",
    runPaths: (rows, o) => runMarkov(rows, o.order),
  },
  {
    kind: "data_driven",
    name: "shapley",
    help: "Shapley value of the channels in each journey's set (--shapley-value rate|subset, --seed above 16 channels)",
    runPaths: (rows, o) => runShapley(rows, { coalition: o.shapleyValue }),
  },
  {
    kind: "data_driven",
    name: "lift",
    help: "incremental effect: logistic fit on converting and non-converting journeys, each journey's predicted lift split by Shapley (--seed above 16 channels)",
    runPaths: (rows, o) => runLift(rows, { seed: o.seed, samples: o.samples ?? 4096 }),
  },
];

export const BUILT_IN_MODELS: ReadonlyMap<string, ModelEntry> = new Map(BUILT_IN.map((m) => [m.name, m]));

/** Built-in models, then the config's custom models (position models with their own weights). */
function modelRegistry(config: Config | null): ReadonlyMap<string, ModelEntry> {
  const custom = Object.entries(config?.attribution.custom_models ?? {}).map(([name, m]) =>
    positionEntry(name, customModel(m.roles, m.rest), "custom model from config"),
  );
  const position = BUILT_IN.filter((m) => m.kind === "position");
  const dataDriven = BUILT_IN.filter((m) => m.kind === "data_driven");
  return new Map([...position, ...custom, ...dataDriven].map((m) => [m.name, m]));
}

export function modelNames(config: Config | null): string[] {
  return [...modelRegistry(config).keys()];
}

export function lookupModel(name: string, config: Config | null): ModelEntry {
  const entry = modelRegistry(config).get(name);
  if (!entry) throw new UserError(`--model: unknown model "${name}" (valid: ${modelNames(config).join(", ")})`, "unknown_model");
  return entry;
}

export function resolveModel(name: string, config: Config | null): ResolvedModel {
  const entry = lookupModel(name, config);
  return entry.kind === "position" ? { kind: "position", name: entry.name, spec: entry.spec } : { kind: "data_driven", name: entry.name };
}

/**
 * Refuses Markov/Shapley/lift settings given for a model that would ignore them (never dropped
 * silently), and --intervals for a position model: its credits are a fixed function of each
 * journey, with nothing fitted whose sampling noise a bootstrap could show.
 */
export function refuseUnusedSettings(
  model: string,
  given: { readonly order?: unknown; readonly shapleyValue?: unknown; readonly seed?: unknown; readonly intervals?: unknown },
): void {
  const dataDriven = (DATA_DRIVEN_MODELS as readonly string[]).includes(model);
  const bootstrapped = given.intervals !== undefined && dataDriven;
  const unused = [
    ...(given.order !== undefined && model !== "markov" ? ["--order (markov only)"] : []),
    ...(given.shapleyValue !== undefined && model !== "shapley" ? ["--shapley-value (shapley only)"] : []),
    ...(given.seed !== undefined && model !== "shapley" && model !== "lift" && !bootstrapped
      ? ["--seed (shapley and lift, or any data-driven model with --intervals)"]
      : []),
    ...(given.intervals !== undefined && !dataDriven
      ? [
          `--intervals (${DATA_DRIVEN_MODELS.join(", ")} only: a position model's credits are a fixed function of each journey, nothing is fitted)`,
        ]
      : []),
  ];
  if (unused.length) throw new UserError(`--model ${model} does not use ${unused.join(", ")}`, "unknown_flag");
}
