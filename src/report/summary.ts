// `report summary`: the headline numbers of pipeline and (snapshot) win rate side by side, per
// segment, composed from the pipeline and winrate reports so each figure means what it means there.
import type { ReportResult } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import type { CompiledQuery } from "../sql/compiled-query.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import type { ScopeFlags } from "./plan/scope.js";
import { compileSnapshotPair, planSnapshotPair, runSnapshotPair, type SnapshotPair } from "./plan/snapshot-pair.js";
import { SUMMARY_COLUMNS, withDimensions, type WinrateRow } from "./report-columns.js";
import { segmentKey } from "./segment-order.js";
import { planAttribution } from "./attribution.js";
import type { CreditPlan } from "./attribution-credits.js";
import { compileDataQuality, dataQualityNotes } from "./data-quality.js";
import { baseContext } from "./run-query.js";

export interface SummaryPlan extends SnapshotPair {
  readonly kind: "summary";
  /** Pipeline attribution over the same window, for the data-quality section's Unattributed line. */
  readonly attribution: CreditPlan;
}

/** The winrate fields summary shows (won_amount rides along for the JSON: it sums across segments). */
const WIN_FIELDS = [
  "won",
  "lost",
  "won_amount",
  "win_rate",
  "win_rate_low",
  "win_rate_high",
  "win_rate_shrunk",
  "avg_deal_size",
  "sales_cycle_days",
  "sample",
] as const satisfies readonly (keyof WinrateRow | "won_amount")[];
const ABSENT: Row = { won: 0, lost: 0, won_amount: 0, sample: "thin" };

export async function planSummary(ws: Workspace, flags: ScopeFlags): Promise<SummaryPlan> {
  const attribution = await planAttribution(ws, { ...flags, by: [] });
  return { kind: "summary", ...planSnapshotPair(ws, flags), attribution: attribution.credits };
}

export function compileSummaryPlan(plan: SummaryPlan, ctx: BaseContext): CompiledQuery[] {
  return [...compileSnapshotPair(plan, ctx), ...compileDataQuality(ctx, plan.attribution)];
}

export async function runSummary(ws: Workspace, plan: SummaryPlan): Promise<ReportResult> {
  const { pipe, win } = await runSnapshotPair(ws, plan);
  const dims = plan.pipeline.scope.by;
  const winByKey = new Map(win.rows.map((r) => [segmentKey(r, dims), r]));
  const merge = (p: Row, w: Row | undefined): Row => ({
    ...p,
    ...Object.fromEntries(WIN_FIELDS.map((f) => [f, w?.[f] ?? ABSENT[f] ?? null])),
  });
  return {
    report: "summary",
    params: { ...pipe.params, mode: "snapshot" },
    columns: withDimensions(dims, SUMMARY_COLUMNS),
    rows: pipe.rows.map((r) => merge(r, winByKey.get(segmentKey(r, dims)))),
    totals: pipe.totals.map((r) => merge(r, win.totals[0])),
    notes: [
      ...new Set([...pipe.notes, ...win.notes]),
      ...(await dataQualityNotes(ws, baseContext(ws), plan.attribution, Number(pipe.totals[0]?.pipeline_created ?? 0))),
    ],
  };
}
