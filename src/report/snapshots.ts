// `report pipeline --snapshots`: open pipeline per segment as recorded by each ingest, so a team
// can see how segment pipeline evolved between data loads.
import type { ReportResult } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import { UserError } from "../model/diagnostic.js";
import { compiledQuery, type CompiledQuery } from "../sql/compiled-query.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import { compileSnapshotSeries } from "../sql/snapshots-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import { checkDimensions } from "./plan/scope.js";
import type { ReportFlags } from "./request/flags.js";
import { SNAPSHOT_COLUMNS, withDimensions } from "./report-columns.js";
import { baseContext, runQuery } from "./run-query.js";
import { sortBySegments } from "./segment-order.js";

export interface SnapshotsPlan {
  readonly kind: "pipeline_snapshots";
  /** Snapshots are recorded per single dimension; null for the whole population. */
  readonly dimension: string | null;
}

export function planSnapshots(ws: Workspace, flags: Partial<ReportFlags>): SnapshotsPlan {
  const others = (["period", "from", "to", "asOf", "trend", "rolling", "where"] as const).filter((k) => flags[k] !== undefined);
  if (others.length)
    throw new UserError(
      `--snapshots shows every recorded ingest: it takes only --by (not ${others.map((k) => `--${k}`).join(", ")})`,
      "unknown_flag",
    );
  const by = checkDimensions(ws, flags.by ?? []);
  if (by.length > 1)
    throw new UserError(
      `--snapshots: snapshots are recorded per single dimension; use one --by dimension (got ${by.join(",")})`,
      "bad_dimension",
    );
  return { kind: "pipeline_snapshots", dimension: by[0] ?? null };
}

export function compileSnapshotsPlan(plan: SnapshotsPlan, ctx: BaseContext): CompiledQuery[] {
  return [compiledQuery("open pipeline per recorded snapshot", compileSnapshotSeries(ctx.dialect), [], [plan.dimension ?? "(all)"])];
}

export async function runSnapshots(ws: Workspace, plan: SnapshotsPlan): Promise<ReportResult> {
  const [query] = compileSnapshotsPlan(plan, baseContext(ws));
  const raw = query ? await runQuery(ws, query) : [];
  const by = plan.dimension ? [plan.dimension] : [];
  const previous = new Map<string, Row>();
  const rows = raw.map((r) => {
    const segment = String(r.segment);
    const before = previous.get(segment);
    const row: Row = {
      as_of: r.as_of ?? null,
      ...(plan.dimension ? { [plan.dimension]: segment } : {}),
      open_pipeline: r.open_pipeline ?? 0,
      open_pipeline_count: r.open_pipeline_count ?? 0,
      open_pipeline_change: before ? Number(r.open_pipeline) - Number(before.open_pipeline) : null,
    };
    previous.set(segment, r);
    return row;
  });
  const sorted = by.length
    ? [...new Set(rows.map((r) => String(r.as_of)))].flatMap((d) =>
        sortBySegments(
          rows.filter((r) => r.as_of === d),
          by,
          ws.config,
        ),
      )
    : rows;
  return {
    report: "pipeline",
    params: { by, snapshots: true },
    columns: [{ key: "as_of", label: "as of", format: "text", type: "string", role: "dimension" }, ...withDimensions(by, SNAPSHOT_COLUMNS)],
    rows: sorted,
    totals: [],
    notes: raw.length ? [] : ["no snapshots recorded yet: every `pipeprism ingest` adds one."],
  };
}
