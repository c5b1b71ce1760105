// Coverage inputs for one period P (SPEC §5 coverage): pipeline open at as-of expected to close in
// P and the amount already won in P, per segment; and the target rows with their segment columns.
// Which target rows lie inside P is decided in TypeScript, where periods are parsed.
import type { BaseContext } from "./opportunity-base-sql.js";
import { segColumn } from "./opportunity-base-sql.js";
import { dateLit, groupBy, groupSelect } from "./report-sql.js";
import { compileOpenAtScope } from "./pipeline-sql.js";

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
