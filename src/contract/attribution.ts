// Attribution vocabulary shared by the SQL compiler, the TypeScript oracles and the reports.

export type AttributionStage = "pipeline" | "revenue";
export const ATTRIBUTION_STAGES: readonly AttributionStage[] = ["pipeline", "revenue"];

/** How the note that explains Unattributed pipeline starts; renderers find it by this. */
export const UNATTRIBUTED_NOTE_START = "Unattributed:";

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
export const DATA_DRIVEN_MODEL_NAMES = ["markov", "shapley", "lift"] as const;

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

/**
 * Why an opportunity has no journey and is credited to `Unattributed`, in the order reports list
 * them. Each opportunity has exactly one reason; the words take the journey's end (creation for
 * pipeline attribution, close for revenue) from the report.
 */
export const UNATTRIBUTED_REASONS = {
  no_touch: "no touch at all on the opportunity or its account",
  after_end: "touches only after the journey's end",
  before_lookback: "touches only before the lookback",
  outside_window: "touches before the lookback and after the end, none within",
  account_unknown: "no touch, and its account is empty or not in accounts",
} as const;
export type UnattributedReason = keyof typeof UNATTRIBUTED_REASONS;
