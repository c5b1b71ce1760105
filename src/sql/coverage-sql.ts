// Coverage inputs for one period P (SPEC §5 coverage): pipeline open at as-of expected to close in
// P and the amount already won in P, per segment; and the target rows with their segment columns.
// Which target rows lie inside P is decided in TypeScript, where periods are parsed.
import type { BaseContext } from "./opportunity-base-sql.js";
import { segColumn } from "./opportunity-base-sql.js";
import { dateLit, groupBy, groupSelect } from "./report-sql.js";
import { compileOpenAtScope, openAtDExpr } from "./pipeline-sql.js";
import { compileJourneyCtes, segNames, UNATTRIBUTED, type AttributionQuery, type CreditSource } from "./attribution-sql.js";
import { oppCreditsCte } from "./deals-sql.js";
import { journeyKeys } from "./journeys-sql.js";

export interface CoverageQuery {
  readonly dimensions: readonly string[];
  /** The period P, inclusive. */
  readonly period: { readonly from: string; readonly to: string };
  /** Open and won are judged at as-of, whatever P is. */
  readonly asOf: string;
}

/** Columns of the targets table that are neither canonical nor bookkeeping: its segment columns. */
export function targetSegmentColumns(ctx: BaseContext): string[] {
  const fixed = new Set(["source_line", "period", "amount"]);
  return [...(ctx.columns.get("targets") ?? [])].filter((c) => !fixed.has(c));
}

export function compileCoveragePipeline(ctx: BaseContext, query: CoverageQuery): { sql: string; notes: string[] } {
  const dl = ctx.dialect;
  const scope = compileOpenAtScope(ctx, query.dimensions, query.asOf);
  const inP = `close_date BETWEEN ${dateLit(query.period.from)} AND ${dateLit(query.period.to)}`;
  const open = `(open_at_d AND ${inP})`;
  const won = `(status = 'won' AND close_date <= ${dateLit(query.asOf)} AND ${inP})`;
  const undated = "(open_at_d AND close_date IS NULL)";
  const sql = `SELECT ${groupSelect(dl, query.dimensions)},
  COALESCE(sum(amount) FILTER (WHERE ${open}), 0) AS open_pipeline,
  count(*) FILTER (WHERE ${open}) AS open_pipeline_count,
  COALESCE(sum(amount) FILTER (WHERE ${won}), 0) AS won,
  count(*) FILTER (WHERE ${undated}) AS open_without_close_date_count
FROM (${scope.sql}) scoped
${groupBy(dl, query.dimensions)}
HAVING count(*) FILTER (WHERE ${open} OR ${won}) > 0 OR ${isTotal(ctx, query.dimensions)}`;
  return { sql, notes: scope.notes };
}

/** True on the grand-total row of GROUPING SETS: it is kept even when nothing is in P. */
function isTotal(ctx: BaseContext, dims: readonly string[]): string {
  const q = ctx.dialect.quoteIdent;
  return dims.length ? `GROUPING(${dims.map((d) => q(segColumn(d))).join(", ")}) > 0` : "true";
}

/** Every target row: its period, its segment columns as trimmed text (empty → NULL) and amount. */
export function compileTargetRows(ctx: BaseContext): string {
  const q = ctx.dialect.quoteIdent;
  const segs = targetSegmentColumns(ctx).map((c) => `NULLIF(trim(CAST(${q(c)} AS VARCHAR)), '') AS ${q(c)}`);
  return `SELECT ${["period", ...segs, "amount"].join(", ")} FROM targets ORDER BY source_line`;
}

/**
 * Pipeline open at as-of and expected to close in P, per segment and channel: each open deal's
 * amount split over its journey's channels by the model's credits (the attribution matrix's over
 * every deal created by as-of); a deal without a journey is Unattributed. Channels of a segment
 * add up to its open_pipeline.
 */
export function compileCoverageByChannel(ctx: BaseContext, query: CoverageQuery, matrix: AttributionQuery, source: CreditSource): string {
  const d = ctx.dialect;
  const keys = journeyKeys(matrix);
  const segs = segNames(ctx, matrix.dimensions);
  const inP = `s.close_date BETWEEN ${dateLit(query.period.from)} AND ${dateLit(query.period.to)}`;
  const open = `${openAtDExpr(dateLit(query.asOf), "s.")} AND ${inP}`;
  const dims = matrix.dimensions.map((dim, i) => `o.${segs[i] ?? ""} AS ${d.quoteIdent(dim)}`);
  return `WITH ${compileJourneyCtes(ctx, matrix)},
${oppCreditsCte(ctx, matrix, matrix.dimensions, source)},
open_in_p AS (SELECT ${[...segs.map((n) => `s.${n}`), `s.${keys.scopeKey} AS opp_key`, "s.amount"].join(", ")} FROM scope s WHERE ${open})
SELECT * FROM (SELECT ${[...dims, `COALESCE(ci.channel, ${d.literal(UNATTRIBUTED)}) AS channel`].join(", ")},
  ${d.roundDouble("sum(COALESCE(oc.money, o.amount))", 6)} AS open_pipeline, ${d.roundDouble("sum(COALESCE(oc.credit, 1))", 9)} AS open_opportunities
  FROM open_in_p o LEFT JOIN opp_credits oc ON oc.opp_key = o.opp_key LEFT JOIN channel_ids ci ON ci.channel_id = oc.channel_id
  GROUP BY ${[...segs.map((n) => `o.${n}`), `COALESCE(ci.channel, ${d.literal(UNATTRIBUTED)})`].join(", ")}) by_channel
ORDER BY ${[...matrix.dimensions.map((dim) => d.quoteIdent(dim)), "channel"].map(d.textSortKey).join(", ")}`;
}
