// `report velocity`: pipeline velocity in $/day = open count × win rate × average deal size / sales
// cycle days, per segment (SPEC §5), composed from the pipeline and (snapshot) win-rate reports so
// each factor means exactly what it means there.
import type { ReportResult } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import type { CompiledQuery } from "../sql/compiled-query.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import type { ScopeFlags } from "./plan/scope.js";
import { compileSnapshotPair, planSnapshotPair, runSnapshotPair, type SnapshotPair } from "./plan/snapshot-pair.js";
import { VELOCITY_COLUMNS, withDimensions, type VelocityRow, type WinrateRow } from "./report-columns.js";
import { segmentKey } from "./segment-order.js";

export interface VelocityPlan extends SnapshotPair {
  readonly kind: "velocity";
}

type WinField = keyof Pick<WinrateRow, "win_rate" | "win_rate_low" | "win_rate_high" | "avg_deal_size" | "sales_cycle_days">;

export function planVelocity(ws: Workspace, flags: ScopeFlags): VelocityPlan {
  return { kind: "velocity", ...planSnapshotPair(ws, flags) };
}

export function compileVelocityPlan(plan: VelocityPlan, ctx: BaseContext): CompiledQuery[] {
  return compileSnapshotPair(plan, ctx);
}

export async function runVelocity(ws: Workspace, plan: VelocityPlan): Promise<ReportResult> {
  const { pipe, win } = await runSnapshotPair(ws, plan);
  const dims = plan.pipeline.scope.by;
  const winByKey = new Map(win.rows.map((r) => [segmentKey(r, dims), r]));
  const rows = pipe.rows.map((r) => velocityRow(r, winByKey.get(segmentKey(r, dims)), dims));
  return {
    report: "velocity",
    params: { ...pipe.params, mode: "snapshot" },
    columns: withDimensions(dims, VELOCITY_COLUMNS),
    rows,
    totals: pipe.totals.map((r) => velocityRow(r, win.totals[0], dims)),
    notes: [...new Set([...pipe.notes, ...win.notes, ...velocityNotes(rows)])],
  };
}

/** One segment's factors and their product; a segment with no closed deal has no rate. */
function velocityRow(pipe: Row, win: Row | undefined, dims: readonly string[]): Row {
  const factor = (f: WinField) => numberOrNull(win?.[f]);
  const openCount = Number(pipe.open_pipeline_count ?? 0);
  const measures: VelocityRow = {
    open_pipeline_count: openCount,
    win_rate: factor("win_rate"),
    win_rate_low: factor("win_rate_low"),
    win_rate_high: factor("win_rate_high"),
    avg_deal_size: factor("avg_deal_size"),
    sales_cycle_days: factor("sales_cycle_days"),
    velocity: velocityOf(openCount, factor("win_rate"), factor("avg_deal_size"), factor("sales_cycle_days")),
    sample: typeof win?.sample === "string" ? win.sample : "thin",
  };
  return { ...Object.fromEntries(dims.map((d) => [d, pipe[d] ?? null])), ...measures };
}

const numberOrNull = (v: unknown): number | null => (typeof v === "number" ? v : null);

/** open × win rate × deal size / cycle; null when a factor is unknown or the cycle is 0 days. */
export function velocityOf(open: number, winRate: unknown, dealSize: unknown, cycleDays: unknown): number | null {
  if (typeof winRate !== "number" || typeof dealSize !== "number" || typeof cycleDays !== "number") return null;
  if (cycleDays === 0) return null;
  return (open * winRate * dealSize) / cycleDays;
}

function velocityNotes(rows: readonly Row[]): string[] {
  const missing = rows.filter((r) => r.velocity === null).length;
  return missing
    ? [`${missing} of ${rows.length} segments have no velocity: no closed deal, no won deal with a cycle, or a 0-day cycle.`]
    : [];
}
