// `report funnel`: stage-to-stage conversion per segment over the opportunities created in the
// window, followed to as-of like a cohort (SPEC §5 stage_conversion), with a Wilson interval per step.
import type { Row } from "../contract/row.js";
import type { Config } from "../model/config-schema.js";
import { compileFunnel, reachedColumn } from "../sql/funnel-sql.js";
import { wilsonInterval } from "../stats/index.js";
import type { Workspace } from "../workspace/workspace.js";
import { paramsRecord, resolveParams, type ReportOptions } from "./params.js";
import { column, dimensionColumns, type ReportResult } from "../contract/report-result.js";
import { baseContext, runGrouped } from "./run-query.js";

export async function funnel(ws: Workspace, options: ReportOptions = {}): Promise<ReportResult> {
  // A funnel is a cohort: deals created in the window are followed up to as-of.
  const p = resolveParams(ws, { ...options, cohort: true });
  const compiled = compileFunnel(baseContext(ws), { dimensions: p.by, window: p.window, evaluationDate: p.evaluationDate });
  const { rows, totals } = await runGrouped(ws, compiled.sql, p.by);
  const minSample = ws.config.min_sample;
  const stepRows = rows.flatMap((r) => funnelSteps(r, p.by, ws.config));
  return {
    report: "funnel",
    params: paramsRecord(p, { mode: "cohort", stages: ws.config.stages.order, won_stage: ws.config.stages.won[0], min_sample: minSample }),
    rows: stepRows,
    totals: totals.flatMap((r) => funnelSteps(r, p.by, ws.config)),
    notes: [...compiled.notes, ...funnelNotes(totals[0], stepRows, minSample)],
    columns: [
      ...dimensionColumns(p.by),
      column("step", "step", "count"),
      column("from_stage", "from", "text"),
      column("to_stage", "to", "text"),
      column("reached_from", "# from", "count"),
      column("reached_to", "# to", "count"),
      column("conversion", "conversion", "rate"),
      column("conversion_low", "low", "rate"),
      column("conversion_high", "high", "rate"),
      column("cumulative", "cumulative", "rate"),
      column("sample", "sample", "text"),
    ],
  };
}

/** Steps S1→S2 … Sk→won of one segment's reach counts, in funnel order. */
export function funnelSteps(reach: Row, dims: readonly string[], config: Config): Row[] {
  const order = config.stages.order;
  const counts = [...order.map((_, i) => Number(reach[reachedColumn(i + 1)] ?? 0)), Number(reach.reached_won ?? 0)];
  const names = [...order, config.stages.won[0] ?? "won"];
  const entered = counts[0] ?? 0;
  return order.map((from, i) => {
    const reachedFrom = counts[i] ?? 0;
    const reachedTo = counts[i + 1] ?? 0;
    const interval = wilsonInterval(reachedTo, reachedFrom);
    return {
      ...Object.fromEntries(dims.map((d) => [d, reach[d] ?? null])),
      step: i + 1,
      from_stage: from,
      to_stage: names[i + 1] ?? null,
      reached_from: reachedFrom,
      reached_to: reachedTo,
      conversion: reachedFrom > 0 ? reachedTo / reachedFrom : null,
      conversion_low: interval?.low ?? null,
      conversion_high: interval?.high ?? null,
      cumulative: entered > 0 ? reachedTo / entered : null,
      sample: reachedFrom < config.min_sample ? "thin" : "ok",
    };
  });
}

function funnelNotes(total: Row | undefined, steps: readonly Row[], minSample: number): string[] {
  const notes: string[] = [];
  const cohort = Number(total?.[reachedColumn(1)] ?? 0);
  if (cohort > 0 && Number(total?.with_history_count ?? 0) === 0) {
    notes.push("no stage history for these opportunities: reach comes from current stages only, so a lost deal counts as reaching the first stage alone.");
  }
  const unknown = Number(total?.unknown_stage_count ?? 0);
  if (unknown > 0) notes.push(`${unknown} open opportunities are in a stage not listed in stages.order: their current stage adds no reach (stage history still counts).`);
  const thin = steps.filter((s) => s.sample === "thin").length;
  if (thin > 0) notes.push(`${thin} of ${steps.length} steps start from fewer than ${minSample} opportunities: their conversion is directional (see conversion_low/high).`);
  return notes;
}
