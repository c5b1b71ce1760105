// `report losses`: why deals are lost, per segment — count, amount and share of each loss reason
// among the segment's lost deals, with a Wilson interval on the count share (SPEC §5, §7).
import type { ReportResult } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import { compiledQuery, type CompiledQuery } from "../sql/compiled-query.js";
import { compileLosses } from "../sql/losses-sql.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import { wilsonInterval } from "../stats/index.js";
import type { Workspace } from "../workspace/workspace.js";
import { resolveScope, scopeParams, type Scope, type ScopeFlags } from "./plan/scope.js";
import { LOSSES_COLUMNS, withDimensions } from "./report-columns.js";
import { baseContext, runGrouped } from "./run-query.js";

/** What a lost deal without a loss_reason is reported under. */
const UNSPECIFIED_REASON = "Unspecified";

export interface LossesPlan {
  readonly kind: "losses";
  readonly scope: Scope;
}

export function planLosses(ws: Workspace, flags: ScopeFlags): LossesPlan {
  return { kind: "losses", scope: resolveScope(ws, flags, false) };
}

export function compileLossesPlan(plan: LossesPlan, ctx: BaseContext): CompiledQuery[] {
  const s = plan.scope;
  const compiled = compileLosses(ctx, {
    dimensions: s.by,
    window: s.window,
    evaluationDate: s.evaluationDate,
    unspecifiedLabel: UNSPECIFIED_REASON,
  });
  return [compiledQuery("lost deals per segment and reason", compiled.sql, compiled.notes)];
}

export async function runLosses(ws: Workspace, plan: LossesPlan): Promise<ReportResult> {
  const p = plan.scope;
  const { rows, totals, notes } = await runGrouped(ws, compileLossesPlan(plan, baseContext(ws)), p.by);
  if (totals.length === 0) notes.push("no opportunity was lost in the window.");
  return {
    report: "losses",
    params: scopeParams(p, { mode: "snapshot" }),
    columns: withDimensions(p.by, LOSSES_COLUMNS),
    rows: rows.map(withShareInterval),
    totals: totals.map(withShareInterval),
    notes,
  };
}

/** Replaces the helper denominator with the share's Wilson interval. */
function withShareInterval(r: Row): Row {
  const { segment_lost_count: segmentLost, ...rest } = r;
  const interval = wilsonInterval(Number(r.lost_count ?? 0), Number(segmentLost ?? 0));
  return { ...rest, share_low: interval?.low ?? null, share_high: interval?.high ?? null };
}
