// Pipeline created in the window, and pipeline open at the evaluation date with its weighted
// value (SPEC §5). A deal closed after D was open at D; its probability then comes from the stage
// it held at D according to stage_history (none known: no probability, reported in a note).
import type { BaseContext } from "./opportunity-base-sql.js";
import { compileOpportunityBase } from "./opportunity-base-sql.js";
import { dateLit, groupBy, groupSelect, stageProbabilityExpr } from "./report-sql.js";

export interface PipelineQuery {
  readonly dimensions: readonly string[];
  readonly window: { readonly from: string; readonly to: string } | null;
  readonly evaluationDate: string;
}

/** Open at D: still open, or closed after D (D a date literal); columns read through `alias`. */
export const openAtDExpr = (d: string, alias = ""): string => `(${alias}status = 'open' OR ${alias}close_date > ${d})`;

export function compileOpenAtScope(
  ctx: BaseContext,
  dimensions: readonly string[],
  evaluationDate: string,
): { sql: string; notes: string[] } {
  const dl = ctx.dialect;
  const base = compileOpportunityBase(ctx, dimensions);
  const d = dateLit(evaluationDate);
  const openAtD = openAtDExpr(d);
  // Two entries at the same instant: the later line of the file is the stage held.
  const stageAtD = `(SELECT opportunity_id, ${dl.argMax("stage", ["entered_at", "source_line"])} AS stage_at_d FROM stage_history
    WHERE CAST(entered_at AS DATE) <= ${d} GROUP BY opportunity_id)`;
  // The stage held at D decides the probability when history says it differs from today's stage.
  const probability = `CASE WHEN h.stage_at_d IS NOT NULL AND lower(h.stage_at_d) <> lower(b.stage)
      THEN ${stageProbabilityExpr(dl, ctx.config, "h.stage_at_d")}
    WHEN status = 'open' THEN COALESCE(b.probability, ${stageProbabilityExpr(dl, ctx.config, "b.stage")}) END`;
  const sql = `SELECT b.*, ${openAtD} AS open_at_d, ${probability} AS probability_at_d, COALESCE(h.stage_at_d, b.stage) AS stage_at_d
FROM (${base.sql}) b LEFT JOIN ${stageAtD} h ON h.opportunity_id = b.opportunity_id
WHERE b.created_date <= ${d}`;
  return { sql, notes: base.notes };
}

export function compilePipeline(ctx: BaseContext, query: PipelineQuery): { sql: string; notes: string[] } {
  const dl = ctx.dialect;
  const scope = compileOpenAtScope(ctx, query.dimensions, query.evaluationDate);
  const w = query.window;
  const created = w ? `created_date BETWEEN ${dateLit(w.from)} AND ${dateLit(w.to)}` : "true";
  const sql = `SELECT ${groupSelect(dl, query.dimensions)},
  COALESCE(sum(amount) FILTER (WHERE ${created}), 0) AS pipeline_created,
  count(*) FILTER (WHERE ${created}) AS pipeline_created_count,
  COALESCE(sum(amount) FILTER (WHERE open_at_d), 0) AS open_pipeline,
  count(*) FILTER (WHERE open_at_d) AS open_pipeline_count,
  COALESCE(sum(amount * probability_at_d / 100.0) FILTER (WHERE open_at_d), 0) AS weighted_pipeline,
  count(*) FILTER (WHERE open_at_d AND probability_at_d IS NULL) AS open_without_probability_count
FROM (${scope.sql}) scoped
${groupBy(dl, query.dimensions)}`;
  return { sql, notes: scope.notes };
}
