// Why pipeline is Unattributed (issue #13): every in-scope opportunity without a journey, classed
// by where its touches fall — none at all, only after the journey's end, only before the lookback,
// or none because its account is unknown — and the touches that can reach no opportunity at all.
import type { UnattributedReason } from "../contract/attribution.js";
import type { AttributionQuery } from "./attribution-sql.js";
import { compileJourneyCtes } from "./attribution-sql.js";
import { journeyEndExpr, journeyKeys } from "./journeys-sql.js";
import type { Dialect } from "./dialect.js";
import type { BaseContext } from "./opportunity-base-sql.js";

const REASON: Readonly<Record<UnattributedReason, string>> = {
  no_touch: "'no_touch'",
  after_end: "'after_end'",
  before_lookback: "'before_lookback'",
  outside_window: "'outside_window'",
  account_unknown: "'account_unknown'",
};

/**
 * Per reason: opportunities and their pipeline. Only opportunities without a journey are joined to
 * the touchpoints again, so the cost grows with the unattributed share, not with the data.
 */
export function compileUnattributedReasons(ctx: BaseContext, q: AttributionQuery): string {
  const d = ctx.dialect;
  const keys = journeyKeys(q);
  const end = journeyEndExpr(d, q, "s");
  const start = `CAST(s.created_date AS TIMESTAMP) - ${d.intervalDays(Math.trunc(q.lookbackDays))}`;
  // Touches linked by opportunity_id have no lookback: only the end can keep them out.
  return `WITH ${compileJourneyCtes(ctx, q)},
bare AS (SELECT s.opportunity_id, s.account_id, s.account_found, s.amount, ${start} AS journey_start, ${end} AS journey_end
  FROM scope s WHERE NOT EXISTS (SELECT 1 FROM ${keys.touches} j WHERE j.opp_key = s.${keys.scopeKey})),
near AS (
  SELECT b.opportunity_id, CASE WHEN t.occurred_at >= b.journey_end THEN 1 ELSE 0 END AS after_end, 0 AS before_start
  FROM bare b JOIN touchpoints t ON t.opportunity_id = b.opportunity_id
  UNION ALL
  SELECT b.opportunity_id, CASE WHEN t.occurred_at >= b.journey_end THEN 1 ELSE 0 END, CASE WHEN t.occurred_at < b.journey_start THEN 1 ELSE 0 END
  FROM bare b JOIN touchpoints t ON t.account_id = b.account_id AND t.opportunity_id IS NULL
),
sides AS (SELECT opportunity_id, sum(after_end) AS after_end, sum(before_start) AS before_start FROM near GROUP BY opportunity_id),
classed AS (SELECT b.amount, CASE
    WHEN sd.opportunity_id IS NULL THEN CASE WHEN NOT b.account_found THEN ${REASON.account_unknown} ELSE ${REASON.no_touch} END
    WHEN sd.before_start > 0 AND sd.after_end > 0 THEN ${REASON.outside_window}
    WHEN sd.before_start > 0 THEN ${REASON.before_lookback}
    ELSE ${REASON.after_end} END AS reason
  FROM bare b LEFT JOIN sides sd ON sd.opportunity_id = b.opportunity_id)
SELECT reason, count(*) AS opportunities, COALESCE(sum(amount), 0) AS pipeline FROM classed GROUP BY reason ORDER BY reason`;
}

/**
 * Touches that can reach no opportunity: their opportunity_id names none (or is empty) and their
 * account is neither in accounts nor any opportunity's account — typically ids that differ between
 * files (15- and 18-character Salesforce ids, another system's keys).
 */
export function compileUnreachableTouches(): string {
  return `SELECT count(*) AS touches, (SELECT count(*) FROM touchpoints) AS of_touches FROM touchpoints t
WHERE NOT EXISTS (SELECT 1 FROM opportunities o WHERE o.opportunity_id = t.opportunity_id)
  AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.account_id = t.account_id)
  AND NOT EXISTS (SELECT 1 FROM opportunities o WHERE o.account_id = t.account_id)`;
}

/**
 * Per channel, what became of its touches under pipeline attribution: in some journey, only after
 * the journeys of their opportunities end, only before their lookbacks, between two windows, on an
 * account with no opportunity (the null journeys), or unreachable (an opportunity_id or account
 * that names nothing).
 */
export function compileTouchFates(d: Dialect, lookbackDays: number): string {
  const start = `CAST(created_date AS TIMESTAMP) - ${d.intervalDays(Math.trunc(lookbackDays))}`;
  const end = `CAST(created_date AS TIMESTAMP) + ${d.intervalDays(1)}`;
  const fates = ["in_journey", "after_end", "before_lookback", "between_windows", "no_opportunity", "unreachable"];
  return `WITH opp AS (SELECT opportunity_id, account_id, ${start} AS journey_start, ${end} AS journey_end FROM opportunities),
linked AS (SELECT t.channel, CASE WHEN o.opportunity_id IS NULL THEN 'unreachable'
    WHEN t.occurred_at < o.journey_end THEN 'in_journey' ELSE 'after_end' END AS fate
  FROM touchpoints t LEFT JOIN opp o ON o.opportunity_id = t.opportunity_id WHERE t.opportunity_id IS NOT NULL),
by_account AS (SELECT t.touchpoint_id, t.channel, t.account_id, count(o.opportunity_id) AS opps,
    bool_or(t.occurred_at >= o.journey_start AND t.occurred_at < o.journey_end) AS inside,
    bool_and(t.occurred_at >= o.journey_end) AS all_after, bool_and(t.occurred_at < o.journey_start) AS all_before
  FROM touchpoints t LEFT JOIN opp o ON o.account_id = t.account_id WHERE t.opportunity_id IS NULL
  GROUP BY t.touchpoint_id, t.channel, t.account_id),
fates AS (SELECT channel, fate FROM linked
  UNION ALL
  SELECT b.channel, CASE WHEN b.opps = 0 THEN CASE WHEN EXISTS (SELECT 1 FROM accounts a WHERE a.account_id = b.account_id)
      THEN 'no_opportunity' ELSE 'unreachable' END
    WHEN b.inside THEN 'in_journey' WHEN b.all_after THEN 'after_end' WHEN b.all_before THEN 'before_lookback' ELSE 'between_windows' END
  FROM by_account b)
SELECT channel, count(*) AS touches, ${fates.map((f) => `count(*) FILTER (WHERE fate = '${f}') AS ${f}`).join(", ")}
FROM fates GROUP BY channel ORDER BY touches DESC, ${d.textSortKey("channel")}`;
}
