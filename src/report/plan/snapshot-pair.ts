// Summary and velocity put pipeline figures beside snapshot win rates of the same scope: one
// plan pair, planned, compiled and run the same way for both.
import type { ReportResult } from "../../contract/report-result.js";
import type { CompiledQuery } from "../../sql/compiled-query.js";
import type { BaseContext } from "../../sql/opportunity-base-sql.js";
import type { Workspace } from "../../workspace/workspace.js";
import { compilePipelinePlan, planPipeline, runPipeline, type PipelinePlan } from "../pipeline.js";
import { compileWinratePlan, planWinrate, runWinrate, type WinratePlan } from "../winrate.js";
import type { ScopeFlags } from "./scope.js";

export interface SnapshotPair {
  readonly pipeline: PipelinePlan;
  /** Always snapshot: deals closed in the window. */
  readonly winrate: WinratePlan;
}

export function planSnapshotPair(ws: Workspace, flags: ScopeFlags): SnapshotPair {
  return { pipeline: planPipeline(ws, flags), winrate: planWinrate(ws, { ...flags, cohort: false }) };
}

export function compileSnapshotPair(pair: SnapshotPair, ctx: BaseContext): CompiledQuery[] {
  return [...compilePipelinePlan(pair.pipeline, ctx), ...compileWinratePlan(pair.winrate, ctx)];
}

export async function runSnapshotPair(ws: Workspace, pair: SnapshotPair): Promise<{ pipe: ReportResult; win: ReportResult }> {
  return { pipe: await runPipeline(ws, pair.pipeline), win: await runWinrate(ws, pair.winrate) };
}
