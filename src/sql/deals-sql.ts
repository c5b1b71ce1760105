// `pipeprism deals`: the opportunities behind a cell of the attribution matrix, one row each, with
// its journey and its credit to the selected channel. Credits are the matrix's own, per
// opportunity: a position model's per-touch shares summed per (opportunity, channel) in the same
// exact fixed-point units, or a fitted model's credit of the opportunity's (segment, channel set).
// Credited amounts are apportioned to MONEY_DIGITS places by largest remainder within each --by
// segment, so the listed amounts add up to the matrix cell exactly, not merely to within rounding.
import {
  compileJourneyCtes,
  CREDIT_SCALE,
  MONEY_DIGITS,
  oppSetsSql,
  segNames,
  setCreditsCte,
  UNATTRIBUTED,
  type AttributionQuery,
  type CreditSource,
} from "./attribution-sql.js";
import { journeyKeys } from "./journeys-sql.js";
import type { BaseContext } from "./opportunity-base-sql.js";
import { segColumn, segmentFilterSql } from "./opportunity-base-sql.js";
import type { SegmentFilter } from "../model/segment-filter.js";

export interface DealsQuery {
  /** The matrix's query: its dimensions are the --by segments credits are fitted and summed by. */
  readonly matrix: AttributionQuery;
  /** Segments shown on each deal (the --by dimensions first). */
  readonly shown: readonly string[];
  /** Deals of one channel (credited amount = its credit × amount), or every deal at full amount. */
  readonly channel: string | null;
  /** Segment values that pick cells of the --by matrix (filters on a --by dimension). */
  readonly select: readonly SegmentFilter[];
  /** Rows returned, largest credited amount first; 0 for all. Totals always cover every deal. */
  readonly limit: number;
}

/**
 * Rows: opportunity_id, account_id, seg_<dim> per shown dimension, stage, status, created_date,
 * close_date, amount, journey (channels with dates, in touch order), touches, credit, credited_amount,
 * credits (every channel's credit, when no channel is selected), and deals / total_* over every deal.
 */
export function compileDeals(ctx: BaseContext, q: DealsQuery, source: CreditSource): string {
  const d = ctx.dialect;
  // Journeys are read from the touches, not the ingest-built table, which keeps no dates.
  const journeys: AttributionQuery = { ...q.matrix, dimensions: q.shown, precomputed: false };
  const keys = journeyKeys(journeys);
  const bySegs = segNames(ctx, q.matrix.dimensions);
  const shownSegs = segNames(ctx, q.shown);
  const units = 10 ** MONEY_DIGITS;
  const perUnit = d.decimal(String(units), 0);
  const money = (x: string) => d.decimal(x, CREDIT_SCALE + 2);
  const partition = bySegs.length ? `PARTITION BY ${bySegs.map((s) => `l.${s}`).join(", ")}` : "";
  const channelId = q.channel === null ? null : `(SELECT channel_id FROM channel_ids WHERE channel = ${d.literal(q.channel)})`;
  const credit =
    q.channel === null
      ? { credit: "1", money: money("s.amount"), keep: "true" }
      : q.channel === UNATTRIBUTED
        ? { credit: "1", money: money("s.amount"), keep: "jt.opp_key IS NULL" }
        : { credit: "oc.credit", money: money("oc.money"), keep: "oc.credit IS NOT NULL AND oc.credit <> 0" };
  const selected = q.select.map((f) => segmentFilterSql(`s.${d.quoteIdent(segColumn(f.dimension))}`, f));
  const creditJoin =
    channelId && q.channel !== UNATTRIBUTED
      ? `LEFT JOIN opp_credits oc ON oc.opp_key = s.${keys.scopeKey} AND oc.channel_id = ${channelId}`
      : "";
  // Joined, not a correlated subquery: PostgreSQL would rescan every credit per deal.
  const creditList = q.channel === null ? ", ct.credits" : "";
  const creditText =
    q.channel === null
      ? `,
credit_text AS (SELECT oc.opp_key, ${d.stringAgg(`ci.channel || ' ' || ${d.numberText(d.roundDouble("oc.credit", 3))}`, "', '", "oc.credit DESC, ci.channel")} AS credits
  FROM opp_credits oc JOIN channel_ids ci ON ci.channel_id = oc.channel_id GROUP BY oc.opp_key)`
      : "";
  const creditTextJoin = q.channel === null ? ` LEFT JOIN credit_text ct ON ct.opp_key = s.${keys.scopeKey}` : "";
  const date = (x: string) => `CAST(CAST(${x} AS DATE) AS VARCHAR)`;
  return `WITH ${compileJourneyCtes(ctx, journeys)},
${oppCreditsCte(ctx, journeys, q.matrix.dimensions, source)}${creditText},
journey_text AS (SELECT opp_key, count(*) AS touches,
  ${d.stringAgg(`channel || ' ' || ${date("occurred_at")}`, "' > '", "pos")} AS journey
  FROM journey_touches GROUP BY opp_key),
listed AS (SELECT s.opportunity_id, s.account_id, ${shownSegs.map((n) => `s.${n}`).join(", ")}${shownSegs.length ? ", " : ""}s.stage, s.status,
  ${date("s.created_date")} AS created_date, ${date("s.close_date")} AS close_date, s.amount, jt.journey, COALESCE(jt.touches, 0) AS touches,
  ${credit.credit} AS credit, ${credit.money} AS money${creditList}
  FROM scope s LEFT JOIN journey_text jt ON jt.opp_key = s.${keys.scopeKey}${creditTextJoin} ${creditJoin}
  WHERE ${[credit.keep, ...selected].join(" AND ")}),
apportioned AS (SELECT l.*, floor(l.money * ${units}) AS floor_units,
  row_number() OVER (${partition} ORDER BY l.money * ${units} - floor(l.money * ${units}) DESC NULLS LAST, ${d.textSortKey("l.opportunity_id")}) AS remainder_rank,
  round(${d.roundDouble(`sum(l.money) OVER (${partition})`, MONEY_DIGITS)} * ${units}) - sum(floor(l.money * ${units})) OVER (${partition}) AS spare_units
  FROM listed l),
credited AS (SELECT a.*, a.floor_units + CASE WHEN a.remainder_rank <= a.spare_units THEN 1 ELSE 0 END AS credited_units FROM apportioned a)
SELECT ${["opportunity_id", "account_id", ...shownSegs, "stage", "status", "created_date", "close_date", "amount", "journey", "touches"].join(", ")},
  ${d.roundDouble("credit", 9)} AS credit, ${d.castDouble(`credited_units / ${perUnit}`)} AS credited_amount${q.channel === null ? ", credits" : ""},
  count(*) OVER () AS deals, sum(amount) OVER () AS total_amount, ${d.roundDouble("sum(credit) OVER ()", 9)} AS total_credit,
  ${d.castDouble(`sum(credited_units) OVER () / ${perUnit}`)} AS total_credited
FROM credited
ORDER BY credited_amount DESC NULLS LAST, ${d.textSortKey("opportunity_id")}${q.limit > 0 ? ` LIMIT ${Math.trunc(q.limit)}` : ""}`;
}

/**
 * `opp_credits` (opp_key, channel_id, credit, money): each journey's credit to each channel and
 * credit × amount, exact — the terms the matrix's credit cells are sums of.
 */
export function oppCreditsCte(ctx: BaseContext, q: AttributionQuery, byDims: readonly string[], source: CreditSource): string {
  const d = ctx.dialect;
  if (source.kind === "expression") {
    return `opp_credits AS (SELECT opp_key, channel_id, ${d.creditValue("sum(credit)", CREDIT_SCALE)} AS credit,
  ${d.creditValue("sum(money)", CREDIT_SCALE, 2)} AS money
  FROM (SELECT opp_key, channel_id, units AS credit, ${d.creditTimes("units", "amount", CREDIT_SCALE)} AS money
    FROM (SELECT opp_key, channel_id, amount, ${d.creditUnits("share", CREDIT_SCALE)} AS units
      FROM (SELECT opp_key, channel_id, amount, ${source.sql} AS share FROM journey_touches${d.fence}) ts${d.fence}) tu) tc
  GROUP BY opp_key, channel_id)`;
  }
  const segs = segNames(ctx, byDims);
  const keys = journeyKeys(q);
  const exact = d.exactDecimal(d.castDouble("sc.credit"), CREDIT_SCALE);
  return `opp_sets AS (${oppSetsSql(ctx, q, source.keying)}),
${setCreditsCte(ctx, segs, source)},
opp_credits AS (SELECT os.opp_key, ci.channel_id, ${exact} AS credit, ${exact} * s.amount AS money
  FROM scope s JOIN opp_sets os ON os.opp_key = s.${keys.scopeKey}
  JOIN set_credits sc ON ${[...segs.map((n) => `sc.${n} = s.${n}`), "sc.set_key = os.set_key"].join(" AND ")}
  JOIN channel_ids ci ON ci.channel = sc.channel)`;
}
