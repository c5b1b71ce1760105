// `report pipeline`: pipeline created in the window, open at the evaluation date, and weighted.
import { compilePipeline } from "../sql/pipeline-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import { paramsRecord, resolveParams, type ReportOptions } from "./params.js";
import { column, dimensionColumns, type ReportResult } from "../contract/report-result.js";
import { baseContext, runGrouped } from "./run-query.js";

export async function pipeline(ws: Workspace, options: ReportOptions = {}): Promise<ReportResult> {
  const p = resolveParams(ws, options);
  const compiled = compilePipeline(baseContext(ws), { dimensions: p.by, window: p.window, evaluationDate: p.evaluationDate });
  const { rows, totals } = await runGrouped(ws, compiled.sql, p.by);
  const missing = Number(totals[0]?.open_without_probability_count ?? 0);
  const notes = [...compiled.notes];
  if (missing > 0) notes.push(`${missing} open opportunities have no probability (no column value and no stages.probability entry for their stage): weighted_pipeline counts them as 0.`);
  return {
    report: "pipeline",
    params: paramsRecord(p),
    rows,
    totals,
    notes,
    columns: [
      ...dimensionColumns(p.by),
      column("pipeline_created", "created", "money"),
      column("pipeline_created_count", "# created", "count"),
      column("open_pipeline", "open", "money"),
      column("open_pipeline_count", "# open", "count"),
      column("weighted_pipeline", "weighted", "money"),
    ],
  };
}
