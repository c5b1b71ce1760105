// Attribution vocabulary shared by the SQL compiler, the TypeScript oracles and the reports.

export type AttributionStage = "pipeline" | "revenue";
export const ATTRIBUTION_STAGES: readonly AttributionStage[] = ["pipeline", "revenue"];

/** The built-in position models (§6), in the order reports list them. */
export const POSITION_MODEL_NAMES = [
  "first_touch",
  "last_touch",
  "linear",
  "time_decay",
  "u_shaped",
  "w_shaped",
  "j_shaped",
  "inverse_j",
  "full_path",
] as const;
/** The built-in data-driven models. */
export const DATA_DRIVEN_MODEL_NAMES = ["markov", "shapley"] as const;

export const ROLE_NAMES = ["first", "last", "lead_creation", "opp_creation", "close"] as const;
export type Role = (typeof ROLE_NAMES)[number];

export interface RoleWeights {
  /** Processing order matters: an earlier role wins a touch that two roles fall on. */
  readonly roles: readonly (readonly [Role, number])[];
  /** Shared equally by the touches that hold no role. */
  readonly rest: number;
}

export type PositionModelSpec =
  | ({ readonly kind: "roles" } & RoleWeights)
  | { readonly kind: "linear" }
  | { readonly kind: "time_decay" }
  | { readonly kind: "by_stage"; readonly pipeline: PositionModelSpec; readonly revenue: PositionModelSpec };
