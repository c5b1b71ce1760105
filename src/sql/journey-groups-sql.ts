// Journeys grouped per (segment, channel path) or (segment, distinct channel set), with how many
// are in scope and their pipeline amount next to the conversions, value and nulls a data-driven
// model is fitted on. The bootstrap of credit intervals (src/attribution/credit-intervals.ts)
// resamples these groups: Markov's by path (its point fit reads transition counts, which lose
// journey identity), Shapley's and lift's by set. The path grouping is also the second method
// Markov's count queries are tested against (test/markov-counts.test.ts).
//
// Journeys and their null journeys are those of the count queries in attribution-sql.ts: the
// journey touches of compileJourneyCtes, and at pipeline stage one null journey per account with
// touches and no opportunity created within lookback_days of its first touch (as nullTouchesCte
// there; test/attribution-intervals.test.ts holds the set grouping equal to compileSetCounts).
import { compileJourneyCtes, nullTouchesCte, type AttributionQuery, type SetKeying } from "./attribution-sql.js";
import { journeyKeys, PRECOMPUTED_SETS, setColumnFor } from "./journeys-sql.js";
import type { BaseContext } from "./opportunity-base-sql.js";
import { segColumn } from "./opportunity-base-sql.js";

/** Group journeys by their channel path (codes in touch order) or by their distinct channel set (keyed as reports key sets). */
export type JourneyGrouping = { readonly kind: "path" } | { readonly kind: "set"; readonly keying: SetKeying };

export interface JourneyGroupOptions {
  /** Also one row per segment for the opportunities in scope without a journey (NULL key). */
  readonly withoutJourney?: boolean;
}

/** The key column: `path` (a string of channel codes) or `set_key` (as compileSetCounts returns it). */
export const groupKeyColumn = (grouping: JourneyGrouping): "path" | "set_key" => (grouping.kind === "path" ? "path" : "set_key");

/**
 * Rows: segment columns (seg_<dim>; NULL in a null journey's opportunity-level dimensions), the
 * key, `journeys` and `amount` (journeys in scope, the matrix's: 0 for null journeys), and
 * `conversions`, `value`, `nulls` (what the fit counts: at revenue stage only closed journeys).
 */
export function compileJourneyGroups(
  ctx: BaseContext,
  q: AttributionQuery,
  grouping: JourneyGrouping,
  options: JourneyGroupOptions = {},
): string {
  const d = ctx.dialect;
  const segs = q.dimensions.map((dim) => d.quoteIdent(segColumn(dim)));
  const keys = journeyKeys(q);
  const keyColumn = groupKeyColumn(grouping);
  const outcome = q.stage === "pipeline" ? "1" : "CASE WHEN s.status = 'won' THEN 1 ELSE 0 END";
  const counted = (x: string) =>
    q.stage === "pipeline" ? `COALESCE(sum(${x}), 0)` : `COALESCE(sum(${x}) FILTER (WHERE s.counted_at_d), 0)`;
  const join = options.withoutJourney ? "LEFT JOIN" : "JOIN";
  const inScope = `SELECT ${[...segs.map((n) => `s.${n}`), `CAST(g.group_key AS VARCHAR) AS ${keyColumn}`].join(", ")}, count(*) AS journeys,
    COALESCE(sum(s.amount), 0) AS amount, ${counted(outcome)} AS conversions,
    ${counted(`CASE WHEN ${outcome} = 1 THEN s.amount ELSE 0 END`)} AS value, ${counted(`1 - ${outcome}`)} AS nulls
  FROM scope s ${join} (${perJourneyKeys(ctx, q, grouping)}) g ON g.opp_key = s.${keys.scopeKey}
  GROUP BY ${[...segs.map((n) => `s.${n}`), "g.group_key"].join(", ")}`;
  const parts = [inScope];
  if (q.stage === "pipeline") {
    const key = nullJourneyKey(ctx, grouping);
    parts.push(`SELECT ${[...segs.map((n) => `ns.${n}`), `CAST(nk.group_key AS VARCHAR) AS ${keyColumn}`].join(", ")}, 0 AS journeys, 0 AS amount, 0 AS conversions, 0 AS value, count(*) AS nulls
  FROM (SELECT j.account_id, ${key.agg} AS group_key FROM null_touches j ${key.join} WHERE j.channel_id IS NOT NULL GROUP BY j.account_id) nk
  JOIN null_segments ns ON ns.account_id = nk.account_id GROUP BY ${[...segs.map((n) => `ns.${n}`), "nk.group_key"].join(", ")}`);
  }
  return `WITH ${compileJourneyCtes(ctx, q)}${q.stage === "pipeline" ? `,\n${nullTouchesCte(ctx, q)}` : ""}
SELECT * FROM (${parts.join("\nUNION ALL\n")}) journey_groups
ORDER BY ${[...segs, keyColumn].map(d.textSortKey).join(", ")}, journeys`;
}

/** Journeys per (segment, channel path), `path` a string of channel codes in touch order. */
export function compilePathCounts(ctx: BaseContext, q: AttributionQuery, options: JourneyGroupOptions = {}): string {
  return compileJourneyGroups(ctx, q, { kind: "path" }, options);
}

/** Each in-scope opportunity's key (opp_key, group_key): its path, or its set as compileSetCounts keys it. */
function perJourneyKeys(ctx: BaseContext, q: AttributionQuery, grouping: JourneyGrouping): string {
  const d = ctx.dialect;
  const keys = journeyKeys(q);
  if (grouping.kind === "path") {
    return `SELECT j.opp_key, ${d.positionalCodeAgg("cc.code", "j.pos")} AS group_key
    FROM ${keys.touches} j JOIN channel_ids cc ON cc.channel_id = j.channel_id GROUP BY j.opp_key`;
  }
  const column = setColumnFor(grouping.keying);
  if (keys.touches !== "journey_touches" && ctx.columns.get(PRECOMPUTED_SETS)?.has(column))
    return `SELECT opp_key, ${column} AS group_key FROM ${PRECOMPUTED_SETS}`;
  const key = setKey(ctx, grouping.keying);
  return `SELECT j.opp_key, ${key.agg} AS group_key FROM ${keys.touches} j ${key.join} GROUP BY j.opp_key`;
}

/** A set key over touches `j` (with channel_id), as attribution-sql.ts writes it. */
function setKey(ctx: BaseContext, keying: SetKeying): { agg: string; join: string } {
  return keying === "mask"
    ? { agg: "bit_or(CAST(1 AS BIGINT) << j.channel_id)", join: "" }
    : { agg: ctx.dialect.sortedSetAgg("kc.code", "''"), join: "JOIN channel_ids kc ON kc.channel_id = j.channel_id" };
}

function nullJourneyKey(ctx: BaseContext, grouping: JourneyGrouping): { agg: string; join: string } {
  const d = ctx.dialect;
  if (grouping.kind === "set") return setKey(ctx, grouping.keying);
  return {
    agg: d.stringAgg("cc.code", "''", `j.occurred_at, ${d.textSortKey("j.touchpoint_id")}`),
    join: "JOIN channel_ids cc ON cc.channel_id = j.channel_id",
  };
}
