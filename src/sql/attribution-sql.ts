// The channel x segment matrix (SPEC §6) and the counts the data-driven models are fitted on.
// Credits come either from a position model's SQL expression or from per-segment channel shares
// computed in TypeScript (Markov, Shapley) and passed in as a VALUES list.
//
// Everything per opportunity is first folded into a few thousand groups — (segment, distinct
// channel set, first channel) — so the matrix and the data-driven credits never join or count
// distinct over millions of rows: only position credits are summed over the touches themselves.
import { compileAccountBase } from "./account-base-sql.js";
import type { BaseContext } from "./opportunity-base-sql.js";
import { segColumn, segmentFilterSql } from "./opportunity-base-sql.js";
import {
  channelIdsSql,
  compileJourneyTouches,
  journeyKeys,
  MAX_LAG,
  PRECOMPUTED_SETS,
  setColumnFor,
  type JourneyOptions,
} from "./journeys-sql.js";
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
const CREDIT_DIGITS = 9;
export const MONEY_DIGITS = 6;

/** Up to this many channels a channel set is a BIGINT bitmask; above, a string of channel codes. */
export const MASK_CHANNEL_LIMIT = 62;
/** Markov state keys are base-KEY_BASE numbers of channel id + 1 (as src/attribution/markov-chain.ts). */
const MARKOV_KEY_BASE = 8192;

export interface AttributionQuery extends JourneyOptions {
  readonly dimensions: readonly string[];
  readonly window: { readonly from: string; readonly to: string } | null;
}

/** How a journey's distinct channel set is keyed: a bitmask of channel ids, or sorted channel codes. */
export type SetKeying = "mask" | "codes";

export function setKeyingFor(channelCount: number): SetKeying {
  return channelCount <= MASK_CHANNEL_LIMIT ? "mask" : "codes";
}

/** Credit of one channel in journeys of one segment whose distinct channel set is `set`. */
interface SetCredit {
  /** Segment values in dimension order; empty without --by. */
  readonly segment: readonly string[];
  /** The set key as the set-count query returned it (a bitmask in decimal, or channel codes). */
  readonly set: string;
  readonly channel: string;
  readonly credit: number;
}

type SetCreditSource = { readonly kind: "set_credits"; readonly credits: readonly SetCredit[]; readonly keying: SetKeying };
export type CreditSource = { readonly kind: "expression"; readonly sql: string } | SetCreditSource;

/**
 * Outcome class of an opportunity: 0 open or other, 1 lost, 2 won, 3 won new business (closed by D
 * and counted in win rates), -1 closed but left out of win rates by config win_rate.
 */
const OUTCOME_CLASS = `CASE WHEN status = 'won' AND counted_at_d THEN CASE WHEN type = 'new_business' THEN 3 ELSE 2 END
    WHEN status = 'lost' AND counted_at_d THEN 1 WHEN closed_at_d THEN -1 ELSE 0 END`;

/** Scope columns every journey touch carries; `cls` (OUTCOME_CLASS) lets credit sums skip the status text. */
const SCOPE_CARRY = ["amount", "status", "type", "cls", "counted_at_d"];

/** WITH-clause parts shared by every attribution query: scope, channel ids, then journey touches. */
export function compileJourneyCtes(ctx: BaseContext, q: AttributionQuery): string {
  const scope = compileOutcomeScope(ctx, { dimensions: q.dimensions, window: q.window, evaluationDate: q.evaluationDate, cohort: true });
  const carry = [...segNames(ctx, q.dimensions), ...SCOPE_CARRY];
  return `scope AS (SELECT *, ${OUTCOME_CLASS} AS cls FROM (${scope.sql}) s WHERE in_scope),
channel_ids AS (${channelIdsSql(ctx.dialect, ctx.columns)}),
${compileJourneyTouches(ctx.dialect, q, "scope", carry)}`;
}

export function segNames(ctx: BaseContext, dims: readonly string[]): string[] {
  return dims.map((d) => ctx.dialect.quoteIdent(segColumn(d)));
}

/** The set-key aggregate over touches `alias` (with channel_id), and the test "channel ci is in set". */
function setKeyParts(
  d: BaseContext["dialect"],
  keying: SetKeying,
  alias: string,
): { agg: string; join: string; contains: (set: string) => string } {
  if (keying === "mask") {
    return {
      agg: `bit_or(CAST(1 AS BIGINT) << ${alias}.channel_id)`,
      join: "",
      contains: (set) => `((${set} >> ci.channel_id) & 1) = 1`,
    };
  }
  return {
    agg: d.sortedSetAgg("kc.code", "''"),
    join: `JOIN channel_ids kc ON kc.channel_id = ${alias}.channel_id`,
    contains: (set) => `strpos(${set}, ci.code) > 0`,
  };
}

/**
 * Each journey's set key and first channel: the table ingest built when it holds this keying and the
 * journeys are the ingest-built ones, else aggregated from the journey touches.
 */
export function oppSetsSql(ctx: BaseContext, q: AttributionQuery, keying: SetKeying): string {
  const keys = journeyKeys(q);
  const column = setColumnFor(keying);
  if (keys.touches !== "journey_touches" && ctx.columns.get(PRECOMPUTED_SETS)?.has(column)) {
    return `SELECT opp_key, ${column} AS set_key, first_channel FROM ${PRECOMPUTED_SETS}`;
  }
  const key = setKeyParts(ctx.dialect, keying, "j");
  return `SELECT j.opp_key, ${key.agg} AS set_key, min(CASE WHEN j.pos = 1 THEN j.channel END) AS first_channel
  FROM ${keys.touches} j ${key.join} GROUP BY j.opp_key`;
}

/**
 * Per (segment, channel set, first channel): journeys, their pipeline and outcomes. Opportunities
 * without a journey have a NULL set and first channel Unattributed.
 */
function oppGroupCtes(ctx: BaseContext, q: AttributionQuery, keying: SetKeying): string {
  const d = ctx.dialect;
  const segs = segNames(ctx, q.dimensions).map((n) => `s.${n}`);
  const won = "s.status = 'won' AND s.counted_at_d";
  const lost = "s.status = 'lost' AND s.counted_at_d";
  const keys = journeyKeys(q);
  // Sets and first channels do not depend on the scope: read from the ingest-built table when there
  // is one, so the journey touches joined to the scope are scanned once, by the credit sums.
  return `opp_sets AS (${oppSetsSql(ctx, q, keying)}),
opp_groups AS (SELECT ${[...segs, "os.set_key"].join(", ")}, COALESCE(os.first_channel, ${d.literal(UNATTRIBUTED)}) AS first_channel,
  count(*) AS journeys, sum(s.amount) AS amount,
  count(*) FILTER (WHERE ${won}) AS won, count(*) FILTER (WHERE ${lost}) AS lost,
  sum(s.amount) FILTER (WHERE ${won}) AS won_amount, count(*) FILTER (WHERE ${won} AND s.type = 'new_business') AS won_new_business
  FROM scope s LEFT JOIN opp_sets os ON os.opp_key = s.${keys.scopeKey}
  ${groupByLeading(segs.length + 2)})`;
}

/** What one credited row stands for: journeys, closed outcomes and amounts (one opportunity, or a group). */
interface CreditedRow {
  readonly journeys: string;
  readonly won: string;
  readonly lost: string;
  readonly wonNewBusiness: string;
  readonly amount: string;
  readonly wonAmount: string;
}

function creditMeasures(credit: string, r: CreditedRow): string {
  return [
    `sum(${credit} * ${r.amount}) AS pipeline`,
    `sum(${credit} * ${r.journeys}) AS opportunities`,
    `sum(${credit} * ${r.won}) AS won`,
    `sum(${credit} * ${r.lost}) AS lost`,
    `sum(${credit} * ${r.wonAmount}) AS won_amount`,
    `sum(${credit} * ${r.wonNewBusiness}) AS won_new_business`,
  ].join(",\n  ");
}

/**
 * Position credits summed over single touches in two steps: first per (segment, channel id, outcome
 * class) with just two sums per touch (credit, credit × amount), then the measures from those few
 * rows with filters. Six filtered sums over every touch cost more than the credits themselves, and
 * integer keys keep text out of time decay's window over the journeys.
 */
function touchCreditCtes(d: BaseContext["dialect"], segs: readonly string[], share: string): string {
  const keys = [...segs, "channel_id", "cls"].join(", ");
  const won = "cls >= 2";
  const credit = (filter?: string) => d.creditValue(`sum(credit)${filter ? ` FILTER (WHERE ${filter})` : ""}`, CREDIT_SCALE);
  const money = (filter?: string) => d.creditValue(`sum(money)${filter ? ` FILTER (WHERE ${filter})` : ""}`, CREDIT_SCALE, 2);
  return `touch_cells AS (SELECT ${keys}, sum(credit) AS credit, sum(${d.creditTimes("credit", "amount", CREDIT_SCALE)}) AS money
  FROM (SELECT ${keys}, amount, ${d.creditUnits("share", CREDIT_SCALE)} AS credit
    FROM (SELECT ${[...segs, "channel_id", "amount", "cls"].join(", ")}, ${share} AS share FROM journey_touches${d.fence}) ts${d.fence}) tc
  ${groupByLeading(segs.length + 2)}),
credit_cells AS (SELECT ${[...segs.map((n) => `tc.${n}`), "ci.channel"].join(", ")},
  ${money()} AS pipeline,
  ${credit()} AS opportunities,
  ${credit(won)} AS won,
  ${credit("cls = 1")} AS lost,
  ${money(won)} AS won_amount,
  ${credit("cls = 3")} AS won_new_business
  FROM touch_cells tc LEFT JOIN channel_ids ci ON ci.channel_id = tc.channel_id ${groupByLeading(segs.length + 1)})`;
}

/** Credited pipeline and outcomes per (segment, channel), before Unattributed is added. */
function creditCellsCte(ctx: BaseContext, q: AttributionQuery, source: CreditSource): string {
  const d = ctx.dialect;
  const segs = segNames(ctx, q.dimensions);
  const exact = (x: string) => d.exactDecimal(x, CREDIT_SCALE);
  if (source.kind === "expression") return touchCreditCtes(d, segs, source.sql);
  // Set credits apply to whole groups: credit × (journeys, outcomes, amounts) of the group.
  const key = [...segs, "set_key"];
  const group: CreditedRow = {
    journeys: "og.journeys",
    won: "og.won",
    lost: "og.lost",
    wonNewBusiness: "og.won_new_business",
    amount: "og.amount",
    wonAmount: "COALESCE(og.won_amount, 0)",
  };
  return `${setCreditsCte(ctx, segs, source)},
credit_cells AS (SELECT ${[...segs.map((n) => `og.${n}`), "sc.channel"].join(", ")},
  ${creditMeasures(exact(d.castDouble("sc.credit")), group)}
  FROM opp_groups og JOIN set_credits sc ON ${key.map((k) => `sc.${k} = og.${k}`).join(" AND ")}
  ${groupByLeading(segs.length + 1)})`;
}

/** `set_credits`: a fitted model's credit per (segment columns `segs`, set key, channel), as VALUES. */
export function setCreditsCte(ctx: BaseContext, segs: readonly string[], source: SetCreditSource): string {
  const d = ctx.dialect;
  const values = source.credits.map(
    (c) => `(${[...c.segment.map(d.literal), setLiteral(ctx, source.keying, c.set), d.literal(c.channel), String(c.credit)].join(", ")})`,
  );
  const columns = [...segs, "set_key", "channel", "credit"];
  const emptyKey = source.keying === "mask" ? "CAST(NULL AS BIGINT)" : "CAST(NULL AS VARCHAR)";
  return values.length
    ? `set_credits (${columns.join(", ")}) AS (VALUES ${values.join(", ")})`
    : `set_credits AS (SELECT ${[...segs.map((n) => `CAST(NULL AS VARCHAR) AS ${n}`), `${emptyKey} AS set_key`, "CAST(NULL AS VARCHAR) AS channel", `${d.castDouble("0")} AS credit`].join(", ")} WHERE false)`;
}

function setLiteral(ctx: BaseContext, keying: SetKeying, set: string): string {
  if (keying === "codes") return ctx.dialect.literal(set);
  if (!/^\d+$/.test(set)) throw new Error(`not a channel-set bitmask: ${set}`);
  return `CAST(${set} AS BIGINT)`;
}

/** One row per (segment, channel), plus GROUPING SETS rows for segment and channel totals. */
export function compileAttributionMatrix(ctx: BaseContext, q: AttributionQuery, source: CreditSource, keying: SetKeying): string {
  const d = ctx.dialect;
  const segs = segNames(ctx, q.dimensions);
  const segSelect = q.dimensions.map((dim, i) => `${segs[i]} AS ${d.quoteIdent(dim)}`);
  const groups = [[...segs, "channel"], segs, ["channel"], []].map((g) => `(${g.join(", ")})`);
  const uniqueGroups = q.dimensions.length ? groups : [groups[0], groups[3]];
  const credits = (sum: string) => d.roundDouble(sum, CREDIT_DIGITS);
  const money = (sum: string) => d.roundDouble(sum, MONEY_DIGITS);
  const order = [...q.dimensions.map((dim) => d.quoteIdent(dim)), "channel"].map(d.textSortKey);
  // A deal touched by several channels is influenced by each, so influenced pipeline does not add up
  // over channels: rows totalling channels (segment and grand totals) carry none.
  // Every cell input is already exact (counts, amounts, decimal credit sums): cast, never via a double.
  const exact = (x: string) => d.decimal(x, CREDIT_SCALE);
  // Credit × amount is exact at two more places; cells keep them so totals round as before.
  const exactMoney = (x: string) => d.decimal(x, CREDIT_SCALE + 2);
  const zero = exact("0");
  const ogSegs = segs.map((n) => `og.${n}`);
  const setKeying = source.kind === "set_credits" ? source.keying : keying;
  const contains = setKeyParts(d, setKeying, "j").contains;
  const row = (
    cols: readonly string[],
    m: Record<
      "pipeline" | "opportunities" | "won" | "lost" | "won_amount" | "won_new_business" | "sourced" | "influenced" | "journeys" | "opps",
      string
    >,
  ) =>
    `SELECT ${[...cols, exactMoney(m.pipeline), exact(m.opportunities), exact(m.won), exact(m.lost), exactMoney(m.won_amount), exact(m.won_new_business), m.sourced, m.influenced, m.journeys, m.opps].join(", ")}`;
  const none = {
    pipeline: "0",
    opportunities: "0",
    won: "0",
    lost: "0",
    won_amount: "0",
    won_new_business: "0",
    sourced: zero,
    influenced: zero,
    journeys: "0",
    opps: "0",
  };
  return `WITH ${compileJourneyCtes(ctx, q)},
${oppGroupCtes(ctx, q, setKeying)},
${creditCellsCte(ctx, q, source)},
cells (${[...segs, "channel", "pipeline", "opportunities", "won", "lost", "won_amount", "won_new_business", "sourced_pipeline", "influenced_pipeline", "journeys", "opps"].join(", ")}) AS (
  ${row([...segs, "channel"], { ...none, pipeline: "pipeline", opportunities: "opportunities", won: "won", lost: "lost", won_amount: "won_amount", won_new_business: "won_new_business" })} FROM credit_cells
  UNION ALL
  ${row([...ogSegs, d.literal(UNATTRIBUTED)], { pipeline: "og.amount", opportunities: "og.journeys", won: "og.won", lost: "og.lost", won_amount: "COALESCE(og.won_amount, 0)", won_new_business: "og.won_new_business", sourced: zero, influenced: exact("og.amount"), journeys: "og.journeys", opps: "0" })} FROM opp_groups og WHERE og.set_key IS NULL
  UNION ALL
  ${row([...ogSegs, "ci.channel"], { ...none, influenced: exact("og.amount"), journeys: "og.journeys" })} FROM opp_groups og JOIN channel_ids ci ON ${contains("og.set_key")}
  UNION ALL
  ${row([...ogSegs, "og.first_channel"], { ...none, sourced: exact("og.amount"), opps: "og.journeys" })} FROM opp_groups og
),
matrix AS (SELECT ${[...segSelect, "channel"].join(", ")},
  GROUPING(${[...segs, "channel"].join(", ")}) AS __grouping,
  COALESCE(${money("sum(pipeline)")}, 0) AS pipeline,
  ${credits("sum(opportunities)")} AS opportunities,
  COALESCE(${credits("sum(won)")}, 0) AS won,
  COALESCE(${credits("sum(lost)")}, 0) AS lost,
  COALESCE(${money("sum(won_amount)")}, 0) AS won_amount,
  COALESCE(${credits("sum(won_new_business)")}, 0) AS won_new_business,
  COALESCE(sum(sourced_pipeline), 0) AS sourced_pipeline,
  CASE WHEN GROUPING(channel) = 0 THEN COALESCE(sum(influenced_pipeline), 0) END AS influenced_pipeline,
  CASE WHEN GROUPING(channel) = 0 THEN sum(journeys) ELSE sum(opps) END AS journeys
FROM cells
GROUP BY GROUPING SETS (${uniqueGroups.join(", ")}))
SELECT * FROM matrix ORDER BY __grouping, ${order.join(", ")}`;
}

/** How many channels the workspace has: decides how channel sets are keyed. */
export function compileChannelCount(ctx: BaseContext): string {
  return `SELECT count(*) AS channels FROM (${channelIdsSql(ctx.dialect, ctx.columns)}) c`;
}

/** Channels with their ids and codes, in id order: how the set and state keys are decoded. */
export function compileChannelList(ctx: BaseContext): string {
  return `SELECT channel, channel_id, code FROM (${channelIdsSql(ctx.dialect, ctx.columns)}) c ORDER BY channel_id`;
}

/**
 * Pipeline null journeys (§6): per account with touches and no opportunity created within
 * lookback_days after its first touch, the touches in that window, as `null_touches`
 * (account_id, occurred_at, touchpoint_id, channel_id). Needs `channel_ids`.
 */
/**
 * Pipeline null journeys: null_accounts (no opportunity created within lookback_days after the
 * first touch, first touch in the window), null_touches (their touches in that window) and
 * null_segments (account-level segments).
 */
export function nullTouchesCte(ctx: BaseContext, q: AttributionQuery): string {
  const d = ctx.dialect;
  const lookback = d.intervalDays(Math.trunc(q.lookbackDays));
  const dEnd = `CAST(${dateLit(q.evaluationDate)} AS TIMESTAMP) + ${d.intervalDays(1)}`;
  const w = q.window;
  const inWindow = w
    ? `AND ft.first_at >= CAST(${dateLit(w.from)} AS TIMESTAMP) AND ft.first_at < CAST(${dateLit(w.to)} AS TIMESTAMP) + ${d.intervalDays(1)}`
    : "";
  return `null_accounts AS (SELECT ft.account_id, ft.first_at
  FROM (SELECT account_id, min(occurred_at) AS first_at FROM touchpoints WHERE account_id IS NOT NULL AND occurred_at < ${dEnd} GROUP BY account_id) ft
  WHERE NOT EXISTS (SELECT 1 FROM opportunities o WHERE o.account_id = ft.account_id
    AND CAST(o.created_date AS TIMESTAMP) + ${d.intervalDays(1)} > ft.first_at AND CAST(o.created_date AS TIMESTAMP) < ft.first_at + ${lookback}) ${inWindow}),
null_touches AS (SELECT na.account_id, t.occurred_at, t.touchpoint_id, ci.channel_id
  FROM null_accounts na JOIN touchpoints t ON t.account_id = na.account_id AND t.occurred_at >= na.first_at AND t.occurred_at < na.first_at + ${lookback} AND t.occurred_at < ${dEnd}
  LEFT JOIN channel_ids ci ON ci.channel = t.channel),
null_segments AS (${nullSegmentsSql(ctx, q.dimensions)})`;
}

/**
 * Account-level segments of null journeys; NULL where the dimension's field is on opportunities
 * only. Under --where, only null journeys whose account-level segments match (a NULL never does).
 */
function nullSegmentsSql(ctx: BaseContext, dimensions: readonly string[]): string {
  const d = ctx.dialect;
  const where = ctx.where ?? [];
  const all = [...new Set([...dimensions, ...where.map((f) => f.dimension)])];
  const value = (dim: string): string => {
    const seg = d.quoteIdent(segColumn(dim));
    const onAccounts = ctx.columns.get("accounts")?.has(ctx.config.segments[dim]?.field ?? "");
    // An account missing from accounts.csv still has a null journey: its account-level segments are Unknown.
    return onAccounts ? `COALESCE(ab.${seg}, ${d.literal(ctx.config.unknown_label)})` : `ab.${seg}`;
  };
  const segOut = dimensions.map((dim) => `${value(dim)} AS ${d.quoteIdent(segColumn(dim))}`);
  const filters = where.map((f) => segmentFilterSql(value(f.dimension), f));
  return `SELECT ${["na.account_id", ...segOut].join(", ")} FROM null_accounts na LEFT JOIN (${compileAccountBase(ctx, all)}) ab ON ab.account_id = na.account_id${filters.length ? ` WHERE ${filters.join(" AND ")}` : ""}`;
}

/** Outcome (1 converted, 0 not) of a journey whose scope columns are `alias`.*, and which journeys count. */
function outcomeParts(q: AttributionQuery, alias = ""): { outcome: string; where: string } {
  return q.stage === "pipeline"
    ? { outcome: "1", where: "true" }
    : { outcome: `CASE WHEN ${alias}status = 'won' THEN 1 ELSE 0 END`, where: `${alias}counted_at_d` };
}

/**
 * Journeys per (segment, distinct channel set): how many there are in scope (the sets credits are
 * needed for), and the conversions, value and nulls Shapley's coalition values come from.
 */
export function compileSetCounts(ctx: BaseContext, q: AttributionQuery, keying: SetKeying): string {
  const d = ctx.dialect;
  const segs = segNames(ctx, q.dimensions);
  const key = setKeyParts(d, keying, "j");
  const keys = journeyKeys(q);
  const { outcome, where } = outcomeParts(q, "s.");
  const counted = (x: string) => `COALESCE(sum(${x}) FILTER (WHERE ${where}), 0)`;
  const converting = `SELECT ${[...segs.map((n) => `s.${n}`), "CAST(os.set_key AS VARCHAR) AS set_key"].join(", ")}, count(*) AS journeys,
    ${counted(outcome)} AS conversions, ${counted(`CASE WHEN ${outcome} = 1 THEN s.amount ELSE 0 END`)} AS value, ${counted(`1 - ${outcome}`)} AS nulls
  FROM (${oppSetsSql(ctx, q, keying)}) os
  JOIN scope s ON s.${keys.scopeKey} = os.opp_key GROUP BY ${[...segs.map((n) => `s.${n}`), "os.set_key"].join(", ")}`;
  const parts = [converting];
  if (q.stage === "pipeline") {
    parts.push(`SELECT ${[...segs.map((n) => `ns.${n}`), "CAST(nk.set_key AS VARCHAR) AS set_key"].join(", ")}, 0 AS journeys, 0 AS conversions, 0 AS value, count(*) AS nulls
  FROM (SELECT j.account_id, ${key.agg} AS set_key FROM null_touches j ${key.join} WHERE j.channel_id IS NOT NULL GROUP BY j.account_id) nk
  JOIN null_segments ns ON ns.account_id = nk.account_id GROUP BY ${[...segs.map((n) => `ns.${n}`), "nk.set_key"].join(", ")}`);
  }
  return `WITH ${compileJourneyCtes(ctx, q)}${q.stage === "pipeline" ? `,\n${nullTouchesCte(ctx, q)}` : ""}
SELECT * FROM (${parts.join("\nUNION ALL\n")}) set_counts
ORDER BY ${[...segs, "set_key"].map(d.textSortKey).join(", ")}, journeys`;
}

/** Key of the window of `length` channels ending at this touch: Σ (lag_m + 1) · B^(length − 1 − m). */
function stateKey(length: number, firstLag: number): string {
  const lag = (m: number) => (m === 0 ? "channel_id" : `prev_${m}`);
  const terms = Array.from({ length }, (_, i) => `(CAST(${lag(firstLag + i)} AS BIGINT) + 1) * ${MARKOV_KEY_BASE ** (length - 1 - i)}`);
  return `(${terms.join(" + ")})`;
}

/**
 * Transitions and exits of the order-k Markov chain per segment, counted in SQL from each touch
 * and the channels of the k touches before it (the chain of src/attribution/markov-chain.ts: windows
 * of k channels, a journey shorter than k one window, repeated windows merged, start = key 0).
 * Rows: kind 'step' (from_key → to_key, weight journeys) or 'exit' (from_key, conversions, nulls, value).
 */
export function compileMarkovCounts(ctx: BaseContext, q: AttributionQuery, order: number): string {
  if (!Number.isInteger(order) || order < 1 || order > MAX_LAG) throw new RangeError(`markov order must be 1..${MAX_LAG}, got ${order}`);
  const d = ctx.dialect;
  const segs = segNames(ctx, q.dimensions);
  const lags = Array.from({ length: MAX_LAG }, (_, i) => `prev_${i + 1}`);
  const { outcome, where } = outcomeParts(q);
  const shortKeys = Array.from({ length: order - 1 }, (_, i) => `WHEN ${i + 1} THEN ${stateKey(i + 1, 0)}`).join(" ");
  const state = order === 1 ? stateKey(1, 0) : `CASE WHEN n >= ${order} THEN ${stateKey(order, 0)} ELSE CASE n ${shortKeys} END END`;
  const prev = `CASE WHEN pos = least(${order}, n) THEN CAST(0 AS BIGINT) ELSE ${stateKey(order, 1)} END`;
  const touches = [
    `SELECT ${[...segs, "pos", "n", "channel_id", ...lags].join(", ")}, ${outcome} AS outcome, CASE WHEN ${outcome} = 1 THEN amount ELSE 0 END AS value
    FROM journey_touches WHERE ${where}`,
  ];
  let nullCtes = "";
  if (q.stage === "pipeline") {
    nullCtes = `,\n${nullTouchesCte(ctx, q)},
null_steps AS (SELECT nt.account_id, nt.channel_id, row_number() OVER w AS pos, count(*) OVER (PARTITION BY nt.account_id) AS n,
  ${lags.map((c, i) => `lag(nt.channel_id, ${i + 1}) OVER w AS ${c}`).join(", ")}
  FROM null_touches nt WINDOW w AS (PARTITION BY nt.account_id ORDER BY nt.occurred_at, ${d.textSortKey("nt.touchpoint_id")}))`;
    touches.push(`SELECT ${[...segs.map((n) => `ns.${n}`), "st.pos", "st.n", "st.channel_id", ...lags.map((c) => `st.${c}`)].join(", ")}, 0, 0
    FROM null_steps st JOIN null_segments ns ON ns.account_id = st.account_id`);
  }
  const segOut = segs.join(", ");
  const lead = segs.length ? `${segOut}, ` : "";
  return `WITH ${compileJourneyCtes(ctx, q)}${nullCtes},
touch_rows AS (${touches.join("\n  UNION ALL\n  ")}),
steps AS (SELECT ${lead}${state} AS state, ${prev} AS prev, pos, n, outcome, value FROM touch_rows WHERE pos >= least(${order}, n) AND channel_id IS NOT NULL)
SELECT * FROM (
  SELECT ${lead}'step' AS kind, prev AS from_key, state AS to_key, count(*) AS weight, 0 AS conversions, 0 AS nulls, 0 AS value
  FROM steps WHERE prev <> state GROUP BY ${lead}prev, state
  UNION ALL
  SELECT ${lead}'exit' AS kind, state AS from_key, CAST(NULL AS BIGINT) AS to_key, 0 AS weight, sum(outcome) AS conversions, sum(1 - outcome) AS nulls, sum(value) AS value
  FROM steps WHERE pos = n GROUP BY ${lead}state
) counts
ORDER BY ${[...segs.map(d.textSortKey), d.textSortKey("kind"), "from_key", "to_key"].join(", ")}`;
}

/**
 * Every journey touch with its credit under a position model: what the oracle tests compare.
 * Computed on the fly: the ingest-built journeys do not keep touchpoint ids and timestamps.
 */
export function compileTouchCredits(ctx: BaseContext, q: AttributionQuery, creditExpr: string): string {
  return `WITH ${compileJourneyCtes(ctx, { ...q, precomputed: false })}
SELECT opportunity_id, touchpoint_id, pos, channel, ${ctx.dialect.epochSeconds("occurred_at")} AS occurred_epoch, is_lead_creation, ${creditExpr} AS credit
FROM journey_touches ORDER BY opportunity_id, pos`;
}
