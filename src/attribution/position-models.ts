// Registry of the rule-based (position) models of §6 and the pure oracle `creditTouches`.
// Every model maps an ordered journey to one credit per touch summing to 1; the SQL engine must
// agree with this file on random journeys.

import { allocateRoles, type RoleWeights } from "./role-allocation.js";
import { POSITION_MODEL_NAMES, type PositionModelSpec } from "../contract/attribution.js";
import { isRole, ROLE_NAMES, type Role } from "./roles.js";
import { timeDecayCredits } from "./time-decay.js";
import type { CreditContext, Touch } from "./touch.js";

export { POSITION_MODEL_NAMES, type PositionModelSpec };

export type PositionModelName = (typeof POSITION_MODEL_NAMES)[number];

const roles = (list: RoleWeights["roles"], rest: number): PositionModelSpec => ({ kind: "roles", roles: list, rest });

const W_SHAPED = roles(
  [
    ["first", 0.3],
    ["lead_creation", 0.3],
    ["last", 0.3],
  ],
  0.1,
);

export const POSITION_MODELS: Readonly<Record<PositionModelName, PositionModelSpec>> = {
  first_touch: roles([["first", 1]], 0),
  last_touch: roles([["last", 1]], 0),
  linear: { kind: "linear" },
  time_decay: { kind: "time_decay" },
  u_shaped: roles(
    [
      ["first", 0.4],
      ["last", 0.4],
    ],
    0.2,
  ),
  w_shaped: W_SHAPED,
  j_shaped: roles(
    [
      ["first", 0.2],
      ["last", 0.6],
    ],
    0.2,
  ),
  inverse_j: roles(
    [
      ["first", 0.6],
      ["last", 0.2],
    ],
    0.2,
  ),
  // A pipeline journey has no close touch, so full_path is defined as w_shaped there (§6).
  full_path: {
    kind: "by_stage",
    pipeline: W_SHAPED,
    revenue: roles(
      [
        ["first", 0.225],
        ["lead_creation", 0.225],
        ["opp_creation", 0.225],
        ["close", 0.225],
      ],
      0.1,
    ),
  },
};

/**
 * A model from config (`attribution.custom_models`). Roles are processed in the key order given;
 * weights are scaled to sum to 1 so credits stay exact. Invalid weights are a bug in the caller
 * (config validation reports them to the user first), hence a throw.
 */
export function customModel(roleWeights: Readonly<Partial<Record<string, number>>>, rest: number): PositionModelSpec {
  const list: [Role, number][] = Object.entries(roleWeights).map(([name, w]) => {
    if (!isRole(name)) throw new RangeError(`custom model: unknown role "${name}" (valid: ${ROLE_NAMES.join(", ")})`);
    return [name, w ?? 0];
  });
  const weights = [...list.map(([, w]) => w), rest];
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) {
    throw new RangeError(`custom model: weights must be finite and >= 0, got ${JSON.stringify(roleWeights)} rest ${rest}`);
  }
  const total = weights.reduce((a, b) => a + b, 0);
  if (total <= 0) throw new RangeError("custom model: weights sum to 0");
  return roles(
    list.map(([r, w]) => [r, w / total] as const),
    rest / total,
  );
}

/** One credit per touch, summing to 1 ([] for a journey without touches). */
export function creditTouches(touches: readonly Touch[], spec: PositionModelSpec, ctx: CreditContext): number[] {
  if (touches.length === 0) return [];
  switch (spec.kind) {
    case "roles":
      return allocateRoles(touches, spec, ctx);
    case "linear":
      return touches.map(() => 1 / touches.length);
    case "time_decay":
      return timeDecayCredits(touches, ctx.halfLifeDays);
    case "by_stage":
      return creditTouches(touches, ctx.stage === "pipeline" ? spec.pipeline : spec.revenue, ctx);
  }
}
