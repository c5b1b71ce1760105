// `report pipeline`: pipeline created in the window, open at the evaluation date, and weighted.
import type { ReportResult } from "../contract/report-result.js";
import { compiledQuery, type CompiledQuery } from "../sql/compiled-query.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import { compilePipeline } from "../sql/pipeline-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import { resolveScope, scopeParams, type Scope, type ScopeFlags } from "./plan/scope.js";
import { PIPELINE_COLUMNS, withDimensions } from "./report-columns.js";
import { baseContext, runGrouped } from "./run-query.js";

export interface PipelinePlan {
  readonly kind: "pipeline";
  readonly scope: Scope;
}

export function planPipeline(ws: Workspace, flags: ScopeFlags): PipelinePlan {
  return { kind: "pipeline", scope: resolveScope(ws, flags, false) };
}

export function compilePipelinePlan(plan: PipelinePlan, ctx: BaseContext): CompiledQuery[] {
  const s = plan.scope;
  const compiled = compilePipeline(ctx, { dimensions: s.by, window: s.window, evaluationDate: s.evaluationDate });
  return [compiledQuery("pipeline per segment", compiled.sql, compiled.notes)];
}

export async function runPipeline(ws: Workspace, plan: PipelinePlan): Promise<ReportResult> {
  const { rows, totals, notes } = await runGrouped(ws, compilePipelinePlan(plan, baseContext(ws)), plan.scope.by);
  const missing = Number(totals[0]?.open_without_probability_count ?? 0);
  if (missing > 0)
    notes.push(
      `${missing} open opportunities have no probability (no column value and no stages.probability entry for their stage): weighted_pipeline counts them as 0.`,
    );
  return {
    report: "pipeline",
    params: scopeParams(plan.scope),
    columns: withDimensions(plan.scope.by, PIPELINE_COLUMNS),
    rows,
    totals,
    notes,
  };
}
