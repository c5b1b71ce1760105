// Journeys (SPEC §6) as SQL: each opportunity's touches, linked by opportunity_id or by account
// within [created − lookback, end], numbered in (occurred_at, touchpoint_id) order, with the
// positions of every role the position models use.
import type { Dialect } from "./dialect.js";
import { dateLit } from "./report-sql.js";

export type AttributionStage = "pipeline" | "revenue";

export interface JourneyOptions {
  readonly stage: AttributionStage;
  readonly lookbackDays: number;
  /** "Today": revenue journeys of deals still open at D end at D. */
  readonly evaluationDate: string;
  /** Pipeline journeys were built at ingest (same lookback) and can be read, not recomputed. */
  readonly precomputed?: boolean;
}

/** Pipeline journeys do not depend on the report (model, --by, as-of), so ingest builds them once. */
export const PRECOMPUTED_JOURNEYS = "journey_touches_pipeline";

const JOURNEY_COLUMNS = "opportunity_id, touchpoint_id, channel, occurred_at, is_lead_creation, pos, n, flagged_pos, opp_creation_pos, close_touch_pos, seconds_before_last";

export function compilePrecomputedJourneys(d: Dialect, lookbackDays: number): string {
  const scope = "all_opportunities";
  return `CREATE TABLE ${PRECOMPUTED_JOURNEYS} AS
WITH ${scope} AS (SELECT opportunity_id, account_id, created_date, close_date, false AS closed_at_d FROM opportunities),
${compileJourneyTouches(d, { stage: "pipeline", lookbackDays, evaluationDate: "9999-12-31" }, scope)}
SELECT ${JOURNEY_COLUMNS} FROM journey_touches ORDER BY opportunity_id, pos`;
}

/** End of a journey, as an exclusive timestamp bound (the whole end day counts). */
export function journeyEndExpr(d: Dialect, o: JourneyOptions, alias: string): string {
  const end = o.stage === "pipeline" ? `${alias}.created_date` : `(CASE WHEN ${alias}.closed_at_d THEN COALESCE(${alias}.close_date, ${dateLit(o.evaluationDate)}) ELSE ${dateLit(o.evaluationDate)} END)`;
  return `CAST(${end} AS TIMESTAMP) + ${d.intervalDays(1)}`;
}

/**
 * Touches of every opportunity in `scope` (a CTE with opportunity_id, account_id, created_date,
 * close_date, closed_at_d), numbered and annotated with role positions.
 */
export function compileJourneyTouches(d: Dialect, o: JourneyOptions, scope: string): string {
  if (o.precomputed && o.stage === "pipeline") {
    return `journey_touches AS (SELECT j.*, s.created_date, s.close_date, s.closed_at_d
  FROM ${PRECOMPUTED_JOURNEYS} j JOIN ${scope} s ON s.opportunity_id = j.opportunity_id)`;
  }
  const end = journeyEndExpr(d, o, "s");
  const lookback = `CAST(s.created_date AS TIMESTAMP) - ${d.intervalDays(Math.trunc(o.lookbackDays))}`;
  const cols = "s.opportunity_id, s.created_date, s.close_date, s.closed_at_d, t.touchpoint_id, t.channel, t.occurred_at, t.is_lead_creation";
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
  SELECT *, row_number() OVER (PARTITION BY opportunity_id ORDER BY occurred_at, ${d.textSortKey("touchpoint_id")}) AS pos,
    count(*) OVER (PARTITION BY opportunity_id) AS n
  FROM linked
),
journey_touches AS (
  SELECT *,
    min(CASE WHEN is_lead_creation THEN pos END) OVER j AS flagged_pos,
    max(CASE WHEN occurred_at < ${createdBound} THEN pos END) OVER j AS opp_creation_pos,
    max(CASE WHEN close_date IS NOT NULL AND occurred_at < ${closeBound} THEN pos END) OVER j AS close_touch_pos,
    ${d.epochSeconds("max(occurred_at) OVER j")} - ${d.epochSeconds("occurred_at")} AS seconds_before_last
  FROM numbered
  WINDOW j AS (PARTITION BY opportunity_id)
)`;
}
