// Every attribution model a report can name: the §6 position models, custom models from config,
// and the data-driven markov and shapley. An unknown name fails listing the valid ones.
import type { Config } from "../model/config-schema.js";
import { UserError } from "../model/diagnostic.js";
import { customModel, POSITION_MODEL_NAMES, POSITION_MODELS, type PositionModelSpec } from "./position-models.js";

export const DATA_DRIVEN_MODELS = ["markov", "shapley"] as const;
export type DataDrivenModel = (typeof DATA_DRIVEN_MODELS)[number];

export type ResolvedModel =
  | { readonly kind: "position"; readonly name: string; readonly spec: PositionModelSpec }
  | { readonly kind: "data_driven"; readonly name: DataDrivenModel };

export function modelNames(config: Config): string[] {
  return [...POSITION_MODEL_NAMES, ...Object.keys(config.attribution.custom_models), ...DATA_DRIVEN_MODELS];
}

export function resolveModel(name: string, config: Config): ResolvedModel {
  if ((POSITION_MODEL_NAMES as readonly string[]).includes(name)) {
    return { kind: "position", name, spec: POSITION_MODELS[name as keyof typeof POSITION_MODELS] };
  }
  const custom = config.attribution.custom_models[name];
  if (custom) return { kind: "position", name, spec: customModel(custom.roles, custom.rest) };
  if ((DATA_DRIVEN_MODELS as readonly string[]).includes(name)) return { kind: "data_driven", name: name as DataDrivenModel };
  throw new UserError(`--model: unknown model "${name}" (valid: ${modelNames(config).join(", ")})`, "unknown_model");
}
