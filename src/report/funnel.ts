// `report funnel`: stage-to-stage conversion per segment over the opportunities created in the
// window, followed to as-of like a cohort (SPEC §5 stage_conversion), with a Wilson interval per step.
import type { ReportResult } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import type { Config } from "../model/config-schema.js";
import { compiledQuery, type CompiledQuery } from "../sql/compiled-query.js";
import { compileFunnel, reachedColumn } from "../sql/funnel-sql.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import { wilsonInterval } from "../stats/index.js";
import type { Workspace } from "../workspace/workspace.js";
import { resolveScope, scopeParams, type Scope, type ScopeFlags } from "./plan/scope.js";
import { FUNNEL_COLUMNS, withDimensions, type FunnelRow } from "./report-columns.js";
import { baseContext, runGrouped } from "./run-query.js";

export interface FunnelPlan {
  readonly kind: "funnel";
  readonly scope: Scope;
}

/** A funnel is a cohort: deals created in the window are followed up to as-of. */
export function planFunnel(ws: Workspace, flags: ScopeFlags): FunnelPlan {
  return { kind: "funnel", scope: resolveScope(ws, flags, true) };
}

export function compileFunnelPlan(plan: FunnelPlan, ctx: BaseContext): CompiledQuery[] {
  const s = plan.scope;
  const compiled = compileFunnel(ctx, { dimensions: s.by, window: s.window, evaluationDate: s.evaluationDate });
  return [compiledQuery("stage reach per segment", compiled.sql, compiled.notes)];
}

export async function runFunnel(ws: Workspace, plan: FunnelPlan): Promise<ReportResult> {
  const p = plan.scope;
  const { rows, totals, notes } = await runGrouped(ws, compileFunnelPlan(plan, baseContext(ws)), p.by);
  const minSample = ws.config.min_sample;
  const stepRows = rows.flatMap((r) => funnelSteps(r, p.by, ws.config));
  return {
    report: "funnel",
    params: scopeParams(p, { mode: "cohort", stages: ws.config.stages.order, won_stage: ws.config.stages.won[0], min_sample: minSample }),
    columns: withDimensions(p.by, FUNNEL_COLUMNS),
    rows: stepRows,
    totals: totals.flatMap((r) => funnelSteps(r, p.by, ws.config)),
    notes: [...notes, ...funnelNotes(totals[0], stepRows, minSample)],
  };
}

/** Steps S1→S2 … Sk→won of one segment's reach counts, in funnel order. */
function funnelSteps(reach: Row, dims: readonly string[], config: Config): Row[] {
  const order = config.stages.order;
  const counts = [...order.map((_, i) => Number(reach[reachedColumn(i + 1)] ?? 0)), Number(reach.reached_won ?? 0)];
  return conversionSteps([...order, config.stages.won[0] ?? "won"], counts, pickDimensions(reach, dims), config.min_sample);
}

const pickDimensions = (r: Row, dims: readonly string[]): Row => Object.fromEntries(dims.map((d) => [d, r[d] ?? null]));

/**
 * One row per step names[i] → names[i + 1] of a segment (`values`) that reached each name
 * `counts[i]` times: conversion with its Wilson interval, cumulative from the first name, thin
 * below `minSample`. Shared by the opportunity funnel and lead-stage conversion.
 */
export function conversionSteps(names: readonly string[], counts: readonly number[], values: Row, minSample: number): Row[] {
  const entered = counts[0] ?? 0;
  return names.slice(0, -1).map((from, i) => {
    const reachedFrom = counts[i] ?? 0;
    const reachedTo = counts[i + 1] ?? 0;
    const interval = wilsonInterval(reachedTo, reachedFrom);
    const step: FunnelRow = {
      step: i + 1,
      from_stage: from,
      to_stage: names[i + 1] ?? null,
      reached_from: reachedFrom,
      reached_to: reachedTo,
      conversion: reachedFrom > 0 ? reachedTo / reachedFrom : null,
      conversion_low: interval?.low ?? null,
      conversion_high: interval?.high ?? null,
      cumulative: entered > 0 ? reachedTo / entered : null,
      sample: reachedFrom < minSample ? "thin" : "ok",
    };
    return { ...values, ...step };
  });
}

function funnelNotes(total: Row | undefined, steps: readonly Row[], minSample: number): string[] {
  const notes: string[] = [];
  const cohort = Number(total?.[reachedColumn(1)] ?? 0);
  if (cohort > 0 && Number(total?.with_history_count ?? 0) === 0) {
    notes.push(
      "no stage history for these opportunities: reach comes from current stages only, so a lost deal counts as reaching the first stage alone.",
    );
  }
  const unknown = Number(total?.unknown_stage_count ?? 0);
  if (unknown > 0)
    notes.push(
      `${unknown} open opportunities are in a stage not listed in stages.order: their current stage adds no reach (stage history still counts).`,
    );
  const thin = steps.filter((s) => s.sample === "thin").length;
  if (thin > 0)
    notes.push(
      `${thin} of ${steps.length} steps start from fewer than ${minSample} opportunities: their conversion is directional (see conversion_low/high).`,
    );
  return notes;
}
