// Position models as one SQL expression per model over `journey_touches` (journeys-sql.ts). The
// expression implements exactly the pooling rule of src/attribution/role-allocation.ts — the pure
// oracle the tests hold it to — so credits of one opportunity always sum to 1.
import type { PositionModelSpec, Role } from "../contract/attribution.js";
import { duckdbDialect, type Dialect } from "./dialect.js";
import type { AttributionStage } from "./journeys-sql.js";

/** Position of the touch holding a role in this journey, or NULL when the role is undefined. */
function rolePosition(role: Role, stage: AttributionStage, d: Dialect): string {
  switch (role) {
    case "first":
      return "1";
    case "last":
      return stage === "pipeline" ? "opp_creation_pos" : "n";
    case "lead_creation":
      // ceil(n / 2) in integers: a NUMERIC division per touch is slow on PostgreSQL.
      return `COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ${d.intDiv("n + 1", "2")} END)`;
    case "opp_creation":
      return "opp_creation_pos";
    case "close":
      return stage === "revenue" ? "(CASE WHEN closed_at_d THEN close_touch_pos END)" : "CAST(NULL AS BIGINT)";
  }
}

/**
 * A weight as an exact decimal constant, never an integer one: PostgreSQL divides integers with
 * truncation, and credits must be fractions in every dialect (1 → 1.0, 0.3 → 0.3).
 */
const num = (x: number) => {
  if (!Number.isFinite(x)) return "0.0";
  const text = String(x);
  return /^-?\d+$/.test(text) ? `${text}.0` : text;
};

function roleCredit(d: Dialect, spec: Extract<PositionModelSpec, { kind: "roles" }>, stage: AttributionStage): string {
  const positions = spec.roles.map(([role]) => rolePosition(role, stage, d));
  // A role is placed when it exists and no earlier role already holds its touch.
  const placed = positions.map(
    (p, i) => `(${[`${p} IS NOT NULL`, ...positions.slice(0, i).map((q) => `${p} IS DISTINCT FROM ${q}`)].join(" AND ")})`,
  );
  const held = `(${placed.map((c) => `CASE WHEN ${c} THEN 1 ELSE 0 END`).join(" + ")})`;
  const heldHere = placed.map((c, i) => `(${c} AND pos = ${positions[i]})`).join(" OR ");
  const weightHere = spec.roles.map(([, w], i) => `CASE WHEN ${placed[i]} AND pos = ${positions[i]} THEN ${num(w)} ELSE 0 END`).join(" + ");
  const unplaced = spec.roles.map(([, w], i) => `CASE WHEN ${placed[i]} THEN 0 ELSE ${num(w)} END`).join(" + ");
  const rest = num(spec.rest);
  const pool = `(${unplaced} + CASE WHEN n = ${held} THEN ${rest} ELSE 0 END)`;
  // Weights add up as exact decimals; each division is done in doubles, as DuckDB does it.
  return `(CASE
    WHEN ${held} = 0 THEN ${d.divideAsDouble(`${rest} + ${pool}`, "n")}
    WHEN ${heldHere} THEN ${weightHere} + ${d.divideAsDouble(pool, held)}
    ELSE ${d.divideAsDouble(rest, `(n - ${held})`)} END)`;
}

/**
 * The credit of each journey touch under a position model. `d` makes every engine compute the
 * same doubles (PostgreSQL would otherwise divide NUMERIC exactly); DuckDB is the default.
 */
export function positionCreditExpr(
  spec: PositionModelSpec,
  stage: AttributionStage,
  halfLifeDays: number,
  d: Dialect = duckdbDialect,
): string {
  switch (spec.kind) {
    case "roles":
      return roleCredit(d, spec, stage);
    case "linear":
      return `(${d.divideAsDouble("1.0", "n")})`;
    case "time_decay": {
      const weight = `pow(0.5, seconds_before_last / 86400.0 / ${num(halfLifeDays)})`;
      return `(${weight} / sum(${weight}) OVER (PARTITION BY opp_key))`;
    }
    case "by_stage":
      return positionCreditExpr(stage === "pipeline" ? spec.pipeline : spec.revenue, stage, halfLifeDays, d);
  }
}
