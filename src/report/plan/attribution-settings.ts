// How an attribution-based report credits touches, resolved from its flags: the model (looked up
// in the model registry), the stage, and the settings only a data-driven model uses. A setting
// given for a model that ignores it is a usage error, never silently dropped.
import type { AttributionStage } from "../../contract/attribution.js";
import { DEFAULT_MODEL, refuseUnusedSettings, resolveModel, type ResolvedModel } from "../../attribution/model-registry.js";
import type { AttributionQuery, SetKeying } from "../../sql/attribution-sql.js";
import { hasPrecomputedJourneys, type Workspace } from "../../workspace/workspace.js";
import type { CoalitionValue, ReportFlags } from "../request/flags.js";
import type { Scope } from "./scope.js";

export interface AttributionSettings {
  readonly stage: AttributionStage;
  readonly order: number;
  readonly shapleyValue: CoalitionValue;
  readonly seed: number;
}

/** What the SQL needs besides the scope: the journeys' lookback and whether ingest built them. */
export interface JourneySource {
  readonly lookbackDays: number;
  readonly halfLifeDays: number;
  readonly precomputed: boolean;
  /** How channel sets are keyed: depends on how many channels the workspace has. */
  readonly keying: SetKeying;
}

export type SettingsFlags = Pick<Partial<ReportFlags>, "stage" | "order" | "shapleyValue" | "seed">;

export function resolveSettings(flags: SettingsFlags): AttributionSettings {
  return { stage: flags.stage ?? "pipeline", order: flags.order ?? 1, shapleyValue: flags.shapleyValue ?? "rate", seed: flags.seed ?? 0 };
}

/** The model of --model (default w_shaped), refusing settings it would ignore. */
export function resolveReportModel(ws: Workspace, flags: SettingsFlags & { readonly model?: string }): ResolvedModel {
  const model = resolveModel(flags.model ?? DEFAULT_MODEL, ws.config);
  refuseUnusedSettings(model.name, flags);
  return model;
}

export function journeySource(ws: Workspace, channelCount: number, keyingFor: (n: number) => SetKeying): JourneySource {
  const a = ws.config.attribution;
  return {
    lookbackDays: a.lookback_days,
    halfLifeDays: a.half_life_days,
    precomputed: hasPrecomputedJourneys(ws),
    keying: keyingFor(channelCount),
  };
}

export function attributionQuery(scope: Scope, settings: AttributionSettings, journeys: JourneySource): AttributionQuery {
  return {
    dimensions: scope.by,
    window: scope.window,
    evaluationDate: scope.evaluationDate,
    stage: settings.stage,
    lookbackDays: journeys.lookbackDays,
    precomputed: journeys.precomputed,
  };
}
