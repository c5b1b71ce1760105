// Attribution flags → validated options: model, stage, Markov order, Shapley coalition value.
import type { CoalitionValue } from "../attribution/shapley-game.js";
import { UserError } from "../model/diagnostic.js";
import type { AttributionStage } from "../sql/journeys-sql.js";
import type { ReportOptions } from "./params.js";

export interface AttributionOptions extends ReportOptions {
  readonly model?: string;
  readonly stage?: string;
  readonly order?: number | string;
  readonly shapleyValue?: string;
  readonly seed?: number | string;
}

export const DEFAULT_MODEL = "w_shaped";

export interface ResolvedAttribution {
  readonly stage: AttributionStage;
  readonly order: number;
  readonly shapleyValue: CoalitionValue;
  readonly seed: number;
}

export function resolveAttributionOptions(o: AttributionOptions): ResolvedAttribution {
  const stage = o.stage ?? "pipeline";
  if (stage !== "pipeline" && stage !== "revenue") throw new UserError(`--stage: "${stage}" is not a stage (valid: pipeline, revenue)`, "bad_stage");
  const order = Number(o.order ?? 1);
  if (!Number.isInteger(order) || order < 1 || order > 4) throw new UserError(`--order: expected a whole number from 1 to 4, got "${o.order}"`, "bad_order");
  const shapleyValue = o.shapleyValue ?? "rate";
  if (shapleyValue !== "rate" && shapleyValue !== "subset") throw new UserError(`--shapley-value: "${shapleyValue}" is not valid (valid: rate, subset)`, "bad_shapley_value");
  const seed = Number(o.seed ?? 0);
  if (!Number.isInteger(seed)) throw new UserError(`--seed: expected a whole number, got "${o.seed}"`, "bad_seed");
  return { stage, order, shapleyValue, seed };
}
