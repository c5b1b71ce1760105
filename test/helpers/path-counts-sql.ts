// The path-level query pipeprism used before Markov and Shapley were fitted on counts: each
// journey's full channel path (a running string_agg), grouped. Kept as the second method the
// count queries are tested against (test/markov-counts.test.ts); too slow for a million journeys.
import { compileAccountBase } from "../../src/sql/account-base-sql.js";
import { compileJourneyCtes, type AttributionQuery } from "../../src/sql/attribution-sql.js";
import type { BaseContext } from "../../src/sql/opportunity-base-sql.js";
import { segColumn } from "../../src/sql/opportunity-base-sql.js";
import { dateLit, groupByLeading } from "../../src/sql/report-sql.js";

/** Converting and null journeys as path counts per segment; `path` is a string of channel codes. */
export function compilePathCounts(ctx: BaseContext, q: AttributionQuery): string {
  const d = ctx.dialect;
  const segs = q.dimensions.map((dim) => `s.${d.quoteIdent(segColumn(dim))}`);
  const segOut = q.dimensions.map((dim, i) => `${segs[i]} AS ${d.quoteIdent(segColumn(dim))}`);
  const journeys = `journey_paths AS (SELECT opportunity_id, path FROM (
  SELECT j.opportunity_id, j.pos, j.n, string_agg(cc.code, '') OVER (PARTITION BY j.opportunity_id ORDER BY j.pos ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS path
  FROM journey_touches j JOIN channel_ids cc ON cc.channel = j.channel) prefixes WHERE pos = n)`;
  const outcome = q.stage === "pipeline" ? "1" : `CASE WHEN s.status = 'won' THEN 1 ELSE 0 END`;
  const where = q.stage === "pipeline" ? "true" : "s.closed_at_d";
  const converting = `SELECT ${[...segOut, "jp.path"].join(", ")}, sum(${outcome}) AS conversions,
    COALESCE(sum(CASE WHEN ${outcome} = 1 THEN s.amount END), 0) AS value, sum(1 - ${outcome}) AS nulls
  FROM journey_paths jp JOIN scope s ON s.opportunity_id = jp.opportunity_id WHERE ${where} ${groupByLeading(segOut.length + 1)}`;
  const parts = [converting];
  if (q.stage === "pipeline") parts.push(nullJourneys(ctx, q));
  return `WITH ${compileJourneyCtes(ctx, q)},
${journeys}
SELECT * FROM (${parts.join("\nUNION ALL\n")}) path_counts`;
}

function nullJourneys(ctx: BaseContext, q: AttributionQuery): string {
  const d = ctx.dialect;
  const segNames = q.dimensions.map((dim) => d.quoteIdent(segColumn(dim)));
  const lookback = d.intervalDays(Math.trunc(q.lookbackDays));
  const dEnd = `CAST(${dateLit(q.evaluationDate)} AS TIMESTAMP) + ${d.intervalDays(1)}`;
  const w = q.window;
  const inWindow = w
    ? `AND ft.first_at >= CAST(${dateLit(w.from)} AS TIMESTAMP) AND ft.first_at < CAST(${dateLit(w.to)} AS TIMESTAMP) + ${d.intervalDays(1)}`
    : "";
  const segOut = q.dimensions.map((dim, i) => {
    const onAccounts = ctx.columns.get("accounts")?.has(ctx.config.segments[dim]?.field ?? "");
    return onAccounts ? `COALESCE(ab.${segNames[i]}, ${d.literal(ctx.config.unknown_label)}) AS ${segNames[i]}` : `ab.${segNames[i]}`;
  });
  return `SELECT ${[...segOut, "np.path"].join(", ")}, 0 AS conversions, 0 AS value, count(*) AS nulls
  FROM (
    SELECT ft.account_id, ${d.stringAgg("cc.code", "''", `t.occurred_at, ${d.textSortKey("t.touchpoint_id")}`)} AS path
    FROM (SELECT account_id, min(occurred_at) AS first_at FROM touchpoints WHERE account_id IS NOT NULL AND occurred_at < ${dEnd} GROUP BY account_id) ft
    JOIN touchpoints t ON t.account_id = ft.account_id AND t.occurred_at >= ft.first_at AND t.occurred_at < ft.first_at + ${lookback} AND t.occurred_at < ${dEnd}
    JOIN channel_ids cc ON cc.channel = t.channel
    WHERE NOT EXISTS (SELECT 1 FROM opportunities o WHERE o.account_id = ft.account_id
      AND CAST(o.created_date AS TIMESTAMP) + ${d.intervalDays(1)} > ft.first_at AND CAST(o.created_date AS TIMESTAMP) < ft.first_at + ${lookback}) ${inWindow}
    GROUP BY ft.account_id
  ) np LEFT JOIN (${compileAccountBase(ctx, q.dimensions)}) ab ON ab.account_id = np.account_id
  ${groupByLeading(segOut.length + 1)}`;
}
