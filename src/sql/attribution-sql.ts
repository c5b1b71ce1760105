// The channel x segment matrix (SPEC §6) and the path counts the data-driven models are fitted
// on. Credits come either from a position model's SQL expression or from per-segment channel
// shares computed in TypeScript (Markov, Shapley) and passed in as a VALUES list.
import { compileAccountBase } from "./account-base-sql.js";
import type { BaseContext } from "./opportunity-base-sql.js";
import { segColumn } from "./opportunity-base-sql.js";
import { compileJourneyTouches, type JourneyOptions } from "./journeys-sql.js";
import { dateLit, groupByLeading } from "./report-sql.js";
import { compileOutcomeScope } from "./winrate-sql.js";

export const UNATTRIBUTED = "Unattributed";

/**
 * Credits are summed as exact decimals (12 places): a floating-point sum depends on the order
 * parallel threads add rows in, and reports must be identical from run to run and engine to engine.
 */
export const CREDIT_SCALE = 12;
/**
 * Decimals kept of credit-weighted sums: credits (fractions of an opportunity) and money credited.
 * Summing fractions in another order moves the last bits; rounded, DuckDB and PostgreSQL agree.
 */
export const CREDIT_DIGITS = 9;
export const MONEY_DIGITS = 6;

/** Separates channels inside a path string; a control character no channel name contains. */
export const PATH_SEPARATOR = "\u001f";

export interface AttributionQuery extends JourneyOptions {
  readonly dimensions: readonly string[];
  readonly window: { readonly from: string; readonly to: string } | null;
}

/** Credit of one channel in journeys of one segment whose distinct channel set is `set`. */
export interface SetCredit {
  /** Segment values in dimension order; empty without --by. */
  readonly segment: readonly string[];
  /** The journey's distinct channel codes (compileChannelCodes), as the sets query returned them. */
  readonly set: string;
  readonly channel: string;
  readonly credit: number;
}

export type CreditSource = { readonly kind: "expression"; readonly sql: string } | { readonly kind: "set_credits"; readonly credits: readonly SetCredit[] };

/** WITH-clause parts shared by every attribution query: scope, then journey touches. */
export function compileJourneyCtes(ctx: BaseContext, q: AttributionQuery): string {
  const scope = compileOutcomeScope(ctx, { dimensions: q.dimensions, window: q.window, evaluationDate: q.evaluationDate, cohort: true });
  return `scope AS (SELECT * FROM (${scope.sql}) s WHERE in_scope),
${compileJourneyTouches(ctx.dialect, q, "scope")}`;
}

function segmentCols(ctx: BaseContext, dims: readonly string[], alias: string): string[] {
  return dims.map((d) => `${alias}.${ctx.dialect.quoteIdent(segColumn(d))}`);
}

function creditCte(ctx: BaseContext, q: AttributionQuery, source: CreditSource): string {
  if (source.kind === "expression") {
    return `touch_credit AS (SELECT opportunity_id, channel, pos, ${source.sql} AS credit FROM journey_touches),
opp_channel AS (SELECT opportunity_id, channel, sum(${ctx.dialect.exactDecimal("credit", CREDIT_SCALE)}) AS credit FROM touch_credit GROUP BY opportunity_id, channel)`;
  }
  const d = ctx.dialect;
  const segNames = q.dimensions.map((dim) => d.quoteIdent(segColumn(dim)));
  // One composite key (segment values and channel set) so the join is a single equality: joining
  // on the segment first multiplies every opportunity by every set of its segment.
  const keyOf = (parts: readonly string[]) => parts.join(PATH_SEPARATOR + PATH_SEPARATOR);
  const values = source.credits.map((c) => `(${[d.literal(keyOf([...c.segment, c.set])), d.literal(c.channel), String(c.credit)].join(", ")})`);
  const creditsCte = values.length
    ? `set_credits (credit_key, channel, credit) AS (VALUES ${values.join(", ")})`
    : `set_credits AS (SELECT CAST(NULL AS VARCHAR) AS credit_key, CAST(NULL AS VARCHAR) AS channel, ${d.castDouble("0")} AS credit WHERE false)`;
  const separator = d.literal(PATH_SEPARATOR + PATH_SEPARATOR);
  const key = [...segNames.map((n) => `s.${n}`), "js.set_key"].join(` || ${separator} || `);
  return `${creditsCte},
${journeySetsCte(d)},
opp_channel AS (SELECT js.opportunity_id, sc.channel, ${d.exactDecimal(d.castDouble("sc.credit"), CREDIT_SCALE)} AS credit
  FROM journey_sets js JOIN scope s ON s.opportunity_id = js.opportunity_id JOIN set_credits sc ON sc.credit_key = ${key})`;
}

/**
 * Channels as one-character codes. Paths and channel sets of codes stay a few bytes long —
 * short enough for DuckDB to keep inline — where channel names would make millions of long
 * strings that the ordered aggregates must hold in memory.
 */
export function compileChannelCodes(d: BaseContext["dialect"]): string {
  return `SELECT channel, chr(CAST(CASE WHEN count(*) OVER () <= 94 THEN 32 ELSE 19967 END + row_number() OVER (ORDER BY ${d.textSortKey("channel")}) AS INTEGER)) AS code
  FROM (SELECT DISTINCT channel FROM touchpoints WHERE channel IS NOT NULL) c`;
}

function journeySetsCte(d: BaseContext["dialect"]): string {
  return `channel_codes AS (${compileChannelCodes(d)}),
journey_sets AS (SELECT j.opportunity_id, ${d.sortedSetAgg("cc.code", "''")} AS set_key
  FROM journey_touches j JOIN channel_codes cc ON cc.channel = j.channel GROUP BY j.opportunity_id)`;
}

/** Distinct (segment, channel set) of the journeys in scope: every set the credits must cover. */
export function compileJourneySets(ctx: BaseContext, q: AttributionQuery): string {
  const segs = segmentCols(ctx, q.dimensions, "s");
  const segOut = q.dimensions.map((dim, i) => `${segs[i]} AS ${ctx.dialect.quoteIdent(segColumn(dim))}`);
  return `WITH ${compileJourneyCtes(ctx, q)},
${journeySetsCte(ctx.dialect)}
SELECT * FROM (SELECT DISTINCT ${[...segOut, "js.set_key"].join(", ")} FROM journey_sets js JOIN scope s ON s.opportunity_id = js.opportunity_id) sets
ORDER BY ${byteOrder(ctx, q.dimensions, "set_key")}`;
}

/** Segment columns, then `last`, in byte order: the fits read rows in the same order on every engine. */
function byteOrder(ctx: BaseContext, dims: readonly string[], last: string): string {
  return [...dims.map((dim) => ctx.dialect.quoteIdent(segColumn(dim))), last].map(ctx.dialect.textSortKey).join(", ");
}

/** One row per (segment, channel), plus GROUPING SETS rows for segment and channel totals. */
export function compileAttributionMatrix(ctx: BaseContext, q: AttributionQuery, source: CreditSource): string {
  const d = ctx.dialect;
  const segs = segmentCols(ctx, q.dimensions, "s");
  const segSelect = q.dimensions.map((dim, i) => `${segs[i]} AS ${d.quoteIdent(dim)}`);
  const won = "s.status = 'won' AND s.closed_at_d";
  const lost = "s.status = 'lost' AND s.closed_at_d";
  const groups = [[...segs, "c.channel"], segs, ["c.channel"], []].map((g) => `(${g.join(", ")})`);
  const uniqueGroups = q.dimensions.length ? groups : [groups[0], groups[3]];
  const credits = (sum: string) => d.roundDouble(sum, CREDIT_DIGITS);
  const money = (sum: string) => d.roundDouble(sum, MONEY_DIGITS);
  const order = [...q.dimensions.map((dim) => d.quoteIdent(dim)), "channel"].map(d.textSortKey);
  return `WITH ${compileJourneyCtes(ctx, q)},
${creditCte(ctx, q, source)},
credited AS (
  SELECT opportunity_id, channel, credit FROM opp_channel
  UNION ALL
  SELECT s.opportunity_id, '${UNATTRIBUTED}', ${d.exactDecimal("1", CREDIT_SCALE)} FROM scope s WHERE NOT EXISTS (SELECT 1 FROM journey_touches j WHERE j.opportunity_id = s.opportunity_id)
),
first_channel AS (SELECT opportunity_id, channel FROM journey_touches WHERE pos = 1),
c AS (
  SELECT cr.opportunity_id, cr.channel, cr.credit,
    CASE WHEN COALESCE(f.channel, '${UNATTRIBUTED}') = cr.channel THEN 1 ELSE 0 END AS sourced
  FROM credited cr LEFT JOIN first_channel f ON f.opportunity_id = cr.opportunity_id
),
matrix AS (SELECT ${[...segSelect, "c.channel AS channel"].join(", ")},
  GROUPING(${[...segs, "c.channel"].join(", ")}) AS __grouping,
  COALESCE(${money("sum(c.credit * s.amount)")}, 0) AS pipeline,
  ${credits("sum(c.credit)")} AS opportunities,
  COALESCE(${credits(`sum(c.credit) FILTER (WHERE ${won})`)}, 0) AS won,
  COALESCE(${credits(`sum(c.credit) FILTER (WHERE ${lost})`)}, 0) AS lost,
  COALESCE(${money(`sum(c.credit * s.amount) FILTER (WHERE ${won})`)}, 0) AS won_amount,
  COALESCE(${credits(`sum(c.credit) FILTER (WHERE ${won} AND s.type = 'new_business')`)}, 0) AS won_new_business,
  COALESCE(sum(s.amount) FILTER (WHERE c.sourced = 1), 0) AS sourced_pipeline,
  COALESCE(sum(s.amount), 0) AS influenced_pipeline,
  count(DISTINCT c.opportunity_id) AS journeys
FROM c JOIN scope s ON s.opportunity_id = c.opportunity_id
GROUP BY GROUPING SETS (${uniqueGroups.join(", ")}))
SELECT * FROM matrix ORDER BY __grouping, ${order.join(", ")}`;
}

/** Converting and null journeys as path counts per segment, for Markov and Shapley fits. */
export function compilePathCounts(ctx: BaseContext, q: AttributionQuery): string {
  const d = ctx.dialect;
  const segs = segmentCols(ctx, q.dimensions, "s");
  const segOut = q.dimensions.map((dim, i) => `${segs[i]} AS ${d.quoteIdent(segColumn(dim))}`);
  // A running string_agg window, read at the journey's last touch: unlike an ordered aggregate
  // (which must hold every group in memory), a window sorts and can spill to disk.
  const journeys = `channel_codes AS (${compileChannelCodes(d)}),
journey_paths AS (SELECT opportunity_id, path FROM (
  SELECT j.opportunity_id, j.pos, j.n, string_agg(cc.code, '') OVER (PARTITION BY j.opportunity_id ORDER BY j.pos ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS path
  FROM journey_touches j JOIN channel_codes cc ON cc.channel = j.channel) prefixes WHERE pos = n)`;
  const outcome = q.stage === "pipeline" ? "1" : `CASE WHEN s.status = 'won' THEN 1 ELSE 0 END`;
  const where = q.stage === "pipeline" ? "true" : "s.closed_at_d";
  const converting = `SELECT ${[...segOut, "jp.path"].join(", ")}, sum(${outcome}) AS conversions,
    COALESCE(sum(CASE WHEN ${outcome} = 1 THEN s.amount END), 0) AS value, sum(1 - ${outcome}) AS nulls
  FROM journey_paths jp JOIN scope s ON s.opportunity_id = jp.opportunity_id WHERE ${where} ${groupByLeading(segOut.length + 1)}`;
  const parts = [converting];
  if (q.stage === "pipeline") parts.push(compileNullJourneys(ctx, q));
  return `WITH ${compileJourneyCtes(ctx, q)},
${journeys}
SELECT * FROM (${parts.join("\nUNION ALL\n")}) path_counts
ORDER BY ${byteOrder(ctx, q.dimensions, "path")}, conversions`;
}

/**
 * Pipeline null journeys: per account with touches and no opportunity created within
 * lookback_days after its first touch, the touches in that window (§6).
 */
function compileNullJourneys(ctx: BaseContext, q: AttributionQuery): string {
  const d = ctx.dialect;
  const segNames = q.dimensions.map((dim) => d.quoteIdent(segColumn(dim)));
  const lookback = d.intervalDays(Math.trunc(q.lookbackDays));
  const dEnd = `CAST(${dateLit(q.evaluationDate)} AS TIMESTAMP) + ${d.intervalDays(1)}`;
  const w = q.window;
  const inWindow = w ? `AND ft.first_at >= CAST(${dateLit(w.from)} AS TIMESTAMP) AND ft.first_at < CAST(${dateLit(w.to)} AS TIMESTAMP) + ${d.intervalDays(1)}` : "";
  // An account missing from accounts.csv still has a null journey: its account-level segments are Unknown.
  const segOut = q.dimensions.map((dim, i) => {
    const onAccounts = ctx.columns.get("accounts")?.has(ctx.config.segments[dim]?.field ?? "");
    return onAccounts ? `COALESCE(ab.${segNames[i]}, ${d.literal(ctx.config.unknown_label)}) AS ${segNames[i]}` : `ab.${segNames[i]}`;
  });
  return `SELECT ${[...segOut, "np.path"].join(", ")}, 0 AS conversions, 0 AS value, count(*) AS nulls
  FROM (
    SELECT ft.account_id, ${d.stringAgg("cc.code", "''", `t.occurred_at, ${d.textSortKey("t.touchpoint_id")}`)} AS path
    FROM (SELECT account_id, min(occurred_at) AS first_at FROM touchpoints WHERE account_id IS NOT NULL AND occurred_at < ${dEnd} GROUP BY account_id) ft
    JOIN touchpoints t ON t.account_id = ft.account_id AND t.occurred_at >= ft.first_at AND t.occurred_at < ft.first_at + ${lookback} AND t.occurred_at < ${dEnd}
    JOIN channel_codes cc ON cc.channel = t.channel
    WHERE NOT EXISTS (SELECT 1 FROM opportunities o WHERE o.account_id = ft.account_id
      AND CAST(o.created_date AS TIMESTAMP) + ${d.intervalDays(1)} > ft.first_at AND CAST(o.created_date AS TIMESTAMP) < ft.first_at + ${lookback}) ${inWindow}
    GROUP BY ft.account_id
  ) np LEFT JOIN (${compileAccountBase(ctx, q.dimensions)}) ab ON ab.account_id = np.account_id
  ${groupByLeading(segOut.length + 1)}`;
}


/** Every journey touch with its credit under a position model: what the oracle tests compare. */
export function compileTouchCredits(ctx: BaseContext, q: AttributionQuery, creditExpr: string): string {
  return `WITH ${compileJourneyCtes(ctx, q)}
SELECT opportunity_id, touchpoint_id, pos, channel, ${ctx.dialect.epochSeconds("occurred_at")} AS occurred_epoch, is_lead_creation, ${creditExpr} AS credit
FROM journey_touches ORDER BY opportunity_id, pos`;
}
