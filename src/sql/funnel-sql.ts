// Stage reach per segment (SPEC §5 stage_conversion). Each opportunity gets the furthest rank of
// `stages.order` it is known to have reached by D — from its history, its current stage, or a win —
// so skipped stages count as passed and a re-opened deal keeps its furthest stage.
import { stageRankExpr } from "./win-rate-definition-sql.js";
import type { BaseContext } from "./opportunity-base-sql.js";
import { compileOpportunityBase } from "./opportunity-base-sql.js";
import { dateLit, groupBy, groupSelect } from "./report-sql.js";

export interface FunnelQuery {
  readonly dimensions: readonly string[];
  /** Creation window of the cohort, or null for all data. */
  readonly window: { readonly from: string; readonly to: string } | null;
  /** Progress is judged at D; history entered after it is not yet known. */
  readonly evaluationDate: string;
}

/** Column holding how many opportunities reached order stage i (1-based). */
export const reachedColumn = (i: number) => `reached_${i}`;

/**
 * Rank of a stage name: its 1-based place in `stages.order`, k for a won stage (a win passed every
 * open stage), 0 for anything else (lost or unconfigured). Names match case-insensitively.
 */

/** Per opportunity: the furthest history rank known at D, and whether history goes beyond D. */
function historyReach(ctx: BaseContext, d: string): string {
  const rank = stageRankExpr(ctx.dialect, ctx.config, "stage");
  return `(SELECT opportunity_id,
    max(${rank}) FILTER (WHERE CAST(entered_at AS DATE) <= ${d}) AS history_rank,
    count(*) FILTER (WHERE CAST(entered_at AS DATE) > ${d}) AS entries_after_d
  FROM stage_history GROUP BY opportunity_id)`;
}

/** The cohort with `reached_rank` (1..k) and `won_at_d` per opportunity. */
function compileFunnelScope(ctx: BaseContext, query: FunnelQuery): { sql: string; notes: string[] } {
  const base = compileOpportunityBase(ctx, query.dimensions);
  const d = dateLit(query.evaluationDate);
  const w = query.window;
  const k = ctx.config.stages.order.length;
  const created = w ? `b.created_date BETWEEN ${dateLit(w.from)} AND ${dateLit(w.to)}` : "true";
  const wonAtD = `(b.status = 'won' AND (b.close_date IS NULL OR b.close_date <= ${d}))`;
  // Today's stage held at D unless history moved after D or the deal closed after D.
  const currentKnown = `(COALESCE(h.entries_after_d, 0) = 0 AND (b.status = 'open' OR b.close_date IS NULL OR b.close_date <= ${d}))`;
  const currentRank = `CASE WHEN ${currentKnown} THEN ${stageRankExpr(ctx.dialect, ctx.config, "b.stage")} ELSE 0 END`;
  // Every created opportunity entered the funnel at S1, even a deal lost with no stage on record.
  const reached = `greatest(1, COALESCE(h.history_rank, 0), ${currentRank}, CASE WHEN ${wonAtD} THEN ${k} ELSE 0 END)`;
  const sql = `SELECT b.*, ${reached} AS reached_rank, ${wonAtD} AS won_at_d,
  (h.opportunity_id IS NOT NULL) AS has_history,
  (${stageRankExpr(ctx.dialect, ctx.config, "b.stage")} = 0 AND b.status = 'open') AS unknown_open_stage
FROM (${base.sql}) b LEFT JOIN ${historyReach(ctx, d)} h ON h.opportunity_id = b.opportunity_id
WHERE b.created_date <= ${d} AND ${created}`;
  return { sql, notes: base.notes };
}

/** One row per segment (plus the grand total) with reached_1..reached_k and reached_won. */
export function compileFunnel(ctx: BaseContext, query: FunnelQuery): { sql: string; notes: string[] } {
  const dl = ctx.dialect;
  const scope = compileFunnelScope(ctx, query);
  const reached = ctx.config.stages.order.map(
    (_, i) => `count(*) FILTER (WHERE reached_rank >= ${i + 1}) AS ${dl.quoteIdent(reachedColumn(i + 1))}`,
  );
  const sql = `SELECT ${groupSelect(dl, query.dimensions)},
  ${reached.join(",\n  ")},
  count(*) FILTER (WHERE won_at_d) AS reached_won,
  count(*) FILTER (WHERE has_history) AS with_history_count,
  count(*) FILTER (WHERE unknown_open_stage) AS unknown_stage_count
FROM (${scope.sql}) scoped
${groupBy(dl, query.dimensions)}`;
  return { sql, notes: scope.notes };
}
