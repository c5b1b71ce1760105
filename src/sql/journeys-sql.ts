// Journeys (SPEC §6) as SQL: each opportunity's touches, linked by opportunity_id or by account
// within [created − lookback, end], numbered in (occurred_at, touchpoint_id) order, with the
// positions of every role the position models use.
import type { Dialect } from "./dialect.js";
import { dateLit } from "./report-sql.js";

import type { AttributionStage } from "../contract/attribution.js";
import { WORKSPACE_TABLES } from "../contract/tables.js";
export type { AttributionStage };

export interface JourneyOptions {
  readonly stage: AttributionStage;
  readonly lookbackDays: number;
  /** "Today": revenue journeys of deals still open at D end at D. */
  readonly evaluationDate: string;
  /** Pipeline journeys were built at ingest (same lookback) and can be read, not recomputed. */
  readonly precomputed?: boolean;
  /** Journey touches also carry their campaign (never read from the ingest-built table, which has none). */
  readonly withCampaign?: boolean;
}

/** Pipeline journeys do not depend on the report (model, --by, as-of), so ingest builds them once. */
export const PRECOMPUTED_JOURNEYS = WORKSPACE_TABLES.journeysPipeline;

/** How many earlier touches each journey touch carries (`prev_1` … `prev_4`): Markov orders up to 4. */
export const MAX_LAG = 4;
const LAG_COLUMNS = Array.from({ length: MAX_LAG }, (_, i) => `prev_${i + 1}`);
/**
 * What the ingest-built table keeps of each touch: only what credits, sets and Markov states read.
 * Ids, timestamps and flags are not stored again (fifteen million strings cost seconds to write);
 * the opportunity_id comes back from the scope join.
 */
const JOURNEY_COLUMNS = [
  "opp_key",
  "channel",
  "channel_id",
  "pos",
  "n",
  "flagged_pos",
  "opp_creation_pos",
  "close_touch_pos",
  "seconds_before_last",
  ...LAG_COLUMNS,
].join(", ");
/** A precomputed table without these columns was built by an older pipeprism: it is recomputed. */
export const PRECOMPUTED_REQUIRED_COLUMNS: readonly string[] = ["opp_key", "channel_id", ...LAG_COLUMNS];

/**
 * How journey touches are tied to their opportunity. Every journey touch has `opp_key`: the
 * opportunity's source_line in the table ingest built (an integer, checked unique at ingest, much
 * cheaper to join and group on than the id text), its opportunity_id when computed on the fly.
 */
export interface JourneyKeys {
  /** Column of the scope (opportunities) that journey touches' opp_key equals. */
  readonly scopeKey: "source_line" | "opportunity_id";
  /** Where per-opportunity aggregates read touches: the ingest-built table, or the journey_touches CTE. */
  readonly touches: string;
}

export function journeyKeys(o: JourneyOptions): JourneyKeys {
  return usesPrecomputed(o)
    ? { scopeKey: "source_line", touches: PRECOMPUTED_JOURNEYS }
    : { scopeKey: "opportunity_id", touches: "journey_touches" };
}

function usesPrecomputed(o: JourneyOptions): boolean {
  return Boolean(o.precomputed) && o.stage === "pipeline" && !o.withCampaign;
}

/**
 * Channels numbered 0, 1, … in byte order of their names, with a one-character code each. Ids key
 * channel sets as bitmasks and Markov states as integers; codes key sets of more than
 * MASK_CHANNEL_LIMIT channels. Ingest and reports derive them from the same touchpoints.
 */
function compileChannelIds(d: Dialect): string {
  return `SELECT channel, CAST(row_number() OVER (ORDER BY ${d.textSortKey("channel")}) - 1 AS INTEGER) AS channel_id,
    chr(CAST(CASE WHEN count(*) OVER () <= 94 THEN 32 ELSE 19967 END + row_number() OVER (ORDER BY ${d.textSortKey("channel")}) AS INTEGER)) AS code
  FROM (SELECT DISTINCT channel FROM touchpoints WHERE channel IS NOT NULL) c`;
}

/** Channel ids and codes as ingest stored them (compileChannelIds over the touchpoints it loaded). */
export const CHANNEL_TABLE = WORKSPACE_TABLES.channels;
/** Per opportunity with a pipeline journey: its distinct channel set and first channel, built at ingest. */
export const PRECOMPUTED_SETS = WORKSPACE_TABLES.setsPipeline;

/** Channel ids: the ingest-built table when the workspace has one, else computed from touchpoints. */
export function channelIdsSql(d: Dialect, columns: ReadonlyMap<string, ReadonlySet<string>>): string {
  return columns.has(CHANNEL_TABLE) ? `SELECT channel, channel_id, code FROM ${CHANNEL_TABLE}` : compileChannelIds(d);
}

export function compileChannelTable(d: Dialect): string {
  return `CREATE TABLE ${CHANNEL_TABLE} AS ${compileChannelIds(d)}`;
}

/**
 * Each journey's channel set and first channel: the aggregate every matrix and Shapley report would
 * otherwise repeat over all journey touches. The set is a bitmask (column set_mask) up to
 * `maskLimit` channels, sorted channel codes (set_codes) above, as reports key it.
 */
export function compilePrecomputedSets(d: Dialect, channelCount: number, maskLimit: number): string {
  const mask = channelCount <= maskLimit;
  const set = mask ? "bit_or(CAST(1 AS BIGINT) << j.channel_id) AS set_mask" : `${d.sortedSetAgg("kc.code", "''")} AS set_codes`;
  return `CREATE TABLE ${PRECOMPUTED_SETS} AS
SELECT j.opp_key, ${set}, min(CASE WHEN j.pos = 1 THEN j.channel END) AS first_channel
FROM ${PRECOMPUTED_JOURNEYS} j ${mask ? "" : `JOIN ${CHANNEL_TABLE} kc ON kc.channel_id = j.channel_id `}GROUP BY j.opp_key`;
}

/** The precomputed-sets column holding sets keyed this way. */
export const setColumnFor = (keying: "mask" | "codes"): string => (keying === "mask" ? "set_mask" : "set_codes");

/** Needs the channel table (compileChannelTable) built first: channel ids are numbered once per ingest. */
export function compilePrecomputedJourneys(d: Dialect, lookbackDays: number): string {
  const scope = "all_opportunities";
  // No ORDER BY: sorting fifteen million rows again costs more than any reader gains from it.
  return `CREATE TABLE ${PRECOMPUTED_JOURNEYS} AS
WITH ${scope} AS (SELECT opportunity_id, source_line, account_id, created_date, close_date, false AS closed_at_d FROM opportunities),
channel_ids AS (SELECT channel, channel_id, code FROM ${CHANNEL_TABLE}),
${compileJourneyTouches(d, { stage: "pipeline", lookbackDays, evaluationDate: "9999-12-31" }, scope, [], "source_line")}
SELECT ${JOURNEY_COLUMNS} FROM journey_touches`;
}

/** End of a journey, as an exclusive timestamp bound (the whole end day counts). */
export function journeyEndExpr(d: Dialect, o: JourneyOptions, alias: string): string {
  const end =
    o.stage === "pipeline"
      ? `${alias}.created_date`
      : `(CASE WHEN ${alias}.closed_at_d THEN COALESCE(${alias}.close_date, ${dateLit(o.evaluationDate)}) ELSE ${dateLit(o.evaluationDate)} END)`;
  return `CAST(${end} AS TIMESTAMP) + ${d.intervalDays(1)}`;
}

/**
 * Touches of every opportunity in `scope` (a CTE with opportunity_id, account_id, created_date,
 * close_date, closed_at_d), numbered and annotated with role positions and the channel ids of the
 * touches before. A CTE `channel_ids` (compileChannelIds) must precede it. `carry` names further
 * columns of the scope every touch brings along (segments, amount, status), so later steps need
 * not join the scope again.
 */
/* Per-journey figures (n, role positions) come from a GROUP BY and a join: a second window would partition every touch again. */
export function compileJourneyTouches(
  d: Dialect,
  o: JourneyOptions,
  scope: string,
  carry: readonly string[] = [],
  key: JourneyKeys["scopeKey"] = "opportunity_id",
): string {
  const carried = carry.map((c) => `, s.${c}`).join("");
  if (usesPrecomputed(o)) {
    return `journey_touches AS (SELECT j.*, s.opportunity_id, s.created_date, s.close_date, s.closed_at_d${carried}
  FROM ${PRECOMPUTED_JOURNEYS} j JOIN ${scope} s ON s.source_line = j.opp_key)`;
  }
  const end = journeyEndExpr(d, o, "s");
  const lookback = `CAST(s.created_date AS TIMESTAMP) - ${d.intervalDays(Math.trunc(o.lookbackDays))}`;
  // The ingest build keys by source_line and stores no ids: carrying the id text through the window costs seconds.
  const id = key === "opportunity_id" ? " s.opportunity_id," : "";
  const campaign = o.withCampaign ? ", t.campaign" : "";
  const cols = `s.${key} AS opp_key,${id} s.created_date, s.close_date, s.closed_at_d${carried}, t.touchpoint_id, t.channel${campaign}, t.occurred_at, t.is_lead_creation`;
  const closeBound = `CAST(close_date AS TIMESTAMP) + ${d.intervalDays(1)}`;
  const createdBound = `CAST(created_date AS TIMESTAMP) + ${d.intervalDays(1)}`;
  return `linked AS (
  SELECT ${cols} FROM ${scope} s JOIN touchpoints t ON t.opportunity_id = s.opportunity_id
  WHERE t.occurred_at < ${end}
  UNION ALL
  SELECT ${cols} FROM ${scope} s JOIN touchpoints t ON t.account_id = s.account_id AND t.opportunity_id IS NULL
  WHERE t.occurred_at >= ${lookback} AND t.occurred_at < ${end}
),
numbered AS (
  SELECT l.*, ci.channel_id, row_number() OVER w AS pos,
    ${LAG_COLUMNS.map((c, i) => `lag(ci.channel_id, ${i + 1}) OVER w AS ${c}`).join(", ")}
  FROM linked l LEFT JOIN channel_ids ci ON ci.channel = l.channel
  WINDOW w AS (PARTITION BY l.opp_key ORDER BY l.occurred_at, ${d.textSortKey("l.touchpoint_id")})
),
journey_roles AS (
  SELECT opp_key, count(*) AS n, min(CASE WHEN is_lead_creation THEN pos END) AS flagged_pos,
    max(CASE WHEN occurred_at < ${createdBound} THEN pos END) AS opp_creation_pos,
    max(CASE WHEN close_date IS NOT NULL AND occurred_at < ${closeBound} THEN pos END) AS close_touch_pos,
    max(occurred_at) AS last_at
  FROM numbered GROUP BY opp_key
),
journey_touches AS (
  SELECT nb.*, r.n, r.flagged_pos, r.opp_creation_pos, r.close_touch_pos,
    ${d.epochSeconds("r.last_at")} - ${d.epochSeconds("nb.occurred_at")} AS seconds_before_last
  FROM numbered nb JOIN journey_roles r ON r.opp_key = nb.opp_key
)`;
}
