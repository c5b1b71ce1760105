// Pipeline per channel and segment under many position models in one pass over the journeys:
// one credit column per model, so `report models` costs one query, not one per model.
import { compileJourneyCtes, CREDIT_SCALE, MONEY_DIGITS, UNATTRIBUTED, type AttributionQuery } from "./attribution-sql.js";
import type { BaseContext } from "./opportunity-base-sql.js";
import { segColumn } from "./opportunity-base-sql.js";

export interface NamedCredit {
  readonly name: string;
  readonly sql: string;
}

export function compileModelComparison(ctx: BaseContext, q: AttributionQuery, models: readonly NamedCredit[]): string {
  const d = ctx.dialect;
  const col = (name: string) => d.quoteIdent(`m_${name}`);
  const segs = q.dimensions.map((dim) => `s.${d.quoteIdent(segColumn(dim))}`);
  const segSelect = q.dimensions.map((dim, i) => `${segs[i]} AS ${d.quoteIdent(dim)}`);
  return `WITH ${compileJourneyCtes(ctx, q)},
touch_credit AS (SELECT opportunity_id, channel, ${models.map((m) => `${m.sql} AS ${col(m.name)}`).join(", ")} FROM journey_touches),
credited AS (
  SELECT opportunity_id, channel, ${models.map((m) => `sum(${d.exactDecimal(col(m.name), CREDIT_SCALE)}) AS ${col(m.name)}`).join(", ")} FROM touch_credit GROUP BY opportunity_id, channel
  UNION ALL
  SELECT s.opportunity_id, '${UNATTRIBUTED}', ${models.map((m) => `${d.exactDecimal("1", CREDIT_SCALE)} AS ${col(m.name)}`).join(", ")}
  FROM scope s WHERE NOT EXISTS (SELECT 1 FROM journey_touches j WHERE j.opportunity_id = s.opportunity_id)
),
model_rows AS (SELECT ${[...segSelect, "c.channel AS channel"].join(", ")},
  ${models.map((m) => `COALESCE(${d.roundDouble(`sum(c.${col(m.name)} * s.amount)`, MONEY_DIGITS)}, 0) AS ${d.quoteIdent(m.name)}`).join(",\n  ")}
FROM credited c JOIN scope s ON s.opportunity_id = c.opportunity_id
GROUP BY ${[...segs, "c.channel"].join(", ")})
SELECT * FROM model_rows ORDER BY ${[...q.dimensions.map((dim) => d.quoteIdent(dim)), "channel"].map(d.textSortKey).join(", ")}`;
}
