// `report pipeline --snapshots`: open pipeline per segment as recorded by each ingest, so a team
// can see how segment pipeline evolved between data loads.
import type { Row } from "../contract/row.js";
import { UserError } from "../model/diagnostic.js";
import type { Workspace } from "../workspace/workspace.js";
import { parseDimensions, type ReportOptions } from "./params.js";
import { column, dimensionColumns, type ReportResult } from "../contract/report-result.js";
import { sortBySegments } from "./segment-order.js";
import { compileSnapshotSeries } from "../sql/snapshots-sql.js";

export async function pipelineSnapshots(ws: Workspace, options: ReportOptions = {}): Promise<ReportResult> {
  const by = parseDimensions(options.by);
  if (by.length > 1) throw new UserError(`--snapshots: snapshots are recorded per single dimension; use one --by dimension (got ${by.join(",")})`, "bad_dimension");
  const dim = by[0] ?? "(all)";
  const valid = Object.keys(ws.config.segments);
  if (by[0] && !valid.includes(by[0])) throw new UserError(`--by: unknown dimension "${by[0]}" (valid: ${valid.join(", ")})`, "bad_dimension");
  const raw = await ws.engine.all(compileSnapshotSeries(ws.engine.dialect), [dim]);
  const key = by[0] ?? "segment";
  const previous = new Map<string, Row>();
  const rows = raw.map((r) => {
    const segment = String(r.segment);
    const before = previous.get(segment);
    const row: Row = { as_of: r.as_of ?? null, ...(by[0] ? { [key]: segment } : {}), open_pipeline: r.open_pipeline ?? 0, open_pipeline_count: r.open_pipeline_count ?? 0, open_pipeline_change: before ? Number(r.open_pipeline) - Number(before.open_pipeline) : null };
    previous.set(segment, r);
    return row;
  });
  const sorted = by[0] ? [...new Set(rows.map((r) => String(r.as_of)))].flatMap((d) => sortBySegments(rows.filter((r) => r.as_of === d), by, ws.config)) : rows;
  return {
    report: "pipeline",
    params: { by, snapshots: true },
    rows: sorted,
    totals: [],
    notes: raw.length ? [] : ["no snapshots recorded yet: every `pipeprism ingest` adds one."],
    columns: [
      column("as_of", "as of", "text"),
      ...dimensionColumns(by),
      column("open_pipeline", "open", "money"),
      column("open_pipeline_count", "# open", "count"),
      column("open_pipeline_change", "Δ open", "money"),
    ],
  };
}
