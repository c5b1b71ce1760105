// Pipeline per channel and segment under many position models in one pass over the journeys:
// one credit column per model, so `report models` costs one query, not one per model.
import { journeyKeys } from "./journeys-sql.js";
import { compileJourneyCtes, CREDIT_SCALE, MONEY_DIGITS, UNATTRIBUTED, type AttributionQuery } from "./attribution-sql.js";
import type { BaseContext } from "./opportunity-base-sql.js";
import { segColumn } from "./opportunity-base-sql.js";
import { groupByLeading } from "./report-sql.js";

export interface NamedCredit {
  readonly name: string;
  readonly sql: string;
}

export function compileModelComparison(ctx: BaseContext, q: AttributionQuery, models: readonly NamedCredit[]): string {
  const d = ctx.dialect;
  const col = (name: string) => d.quoteIdent(`m_${name}`);
  const segs = q.dimensions.map((dim) => d.quoteIdent(segColumn(dim)));
  const segSelect = q.dimensions.map((dim, i) => `${segs[i]} AS ${d.quoteIdent(dim)}`);
  const carried = [...segs, "channel", "amount"].join(", ");
  // Credit × amount summed per touch equals the per-opportunity sums: exact units add exactly.
  return `WITH ${compileJourneyCtes(ctx, q)},
credited AS (
  SELECT ${[...segs, "channel"].join(", ")}, ${models.map((m) => `${d.creditValue(`sum(${d.creditTimes(col(m.name), "amount", CREDIT_SCALE)})`, CREDIT_SCALE, 2)} AS ${col(m.name)}`).join(", ")}
  FROM (SELECT ${carried}, ${models.map((m) => `${d.creditUnits(col(m.name), CREDIT_SCALE)} AS ${col(m.name)}`).join(", ")}
    FROM (SELECT ${carried}, ${models.map((m) => `${m.sql} AS ${col(m.name)}`).join(", ")} FROM journey_touches${d.fence}) ts${d.fence}) tc
  ${groupByLeading(segs.length + 1)}
  UNION ALL
  SELECT ${[...segs.map((n) => `s.${n}`), d.literal(UNATTRIBUTED)].join(", ")}, ${models.map((m) => `${d.decimal("s.amount", CREDIT_SCALE + 2)} AS ${col(m.name)}`).join(", ")}
  FROM scope s WHERE NOT EXISTS (SELECT 1 FROM journey_touches j WHERE j.opp_key = s.${journeyKeys(q).scopeKey})
),
model_rows AS (SELECT ${[...segSelect, "channel"].join(", ")},
  ${models.map((m) => `COALESCE(${d.roundDouble(`sum(${col(m.name)})`, MONEY_DIGITS)}, 0) AS ${d.quoteIdent(m.name)}`).join(",\n  ")}
FROM credited ${groupByLeading(segs.length + 1)})
SELECT * FROM model_rows ORDER BY ${[...q.dimensions.map((dim) => d.quoteIdent(dim)), "channel"].map(d.textSortKey).join(", ")}`;
}
