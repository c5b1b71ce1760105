// `report winrate`: outcome rates per segment with honest statistics — a Wilson interval on every
// rate, a thin flag below min_sample, and the rate shrunk toward the population (SPEC §5, §7).
import type { ReportResult } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import { compiledQuery, type CompiledQuery } from "../sql/compiled-query.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import { compileWinRate } from "../sql/winrate-sql.js";
import { shrinkRates, wilsonInterval } from "../stats/index.js";
import type { Workspace } from "../workspace/workspace.js";
import { resolveScope, scopeParams, type Scope, type ScopeFlags } from "./plan/scope.js";
import { winrateColumns, withDimensions } from "./report-columns.js";
import { immatureNote, maturityOf } from "./maturity.js";
import { baseContext, runGrouped } from "./run-query.js";

export interface WinratePlan {
  readonly kind: "winrate";
  readonly scope: Scope;
  readonly minSample: number;
}

export function planWinrate(ws: Workspace, flags: ScopeFlags & { readonly cohort?: boolean }): WinratePlan {
  return { kind: "winrate", scope: resolveScope(ws, flags, flags.cohort ?? false), minSample: ws.config.min_sample };
}

export function compileWinratePlan(plan: WinratePlan, ctx: BaseContext): CompiledQuery[] {
  const s = plan.scope;
  const compiled = compileWinRate(ctx, { dimensions: s.by, window: s.window, evaluationDate: s.evaluationDate, cohort: s.cohort });
  return [compiledQuery("outcomes per segment", compiled.sql, compiled.notes)];
}

export async function runWinrate(ws: Workspace, plan: WinratePlan): Promise<ReportResult> {
  const { scope, minSample } = plan;
  const { rows, totals, notes } = await runGrouped(ws, compileWinratePlan(plan, baseContext(ws)), scope.by);
  const threshold = ws.config.immature_open_share;
  const mark = (r: Row[]) => (scope.cohort ? r.map((x) => withMaturity(x, threshold)) : r);
  const withStats = mark(addRateStatistics(rows, totals[0] ?? null, minSample));
  return {
    report: "winrate",
    params: scopeParams(scope, { mode: scope.cohort ? "cohort" : "snapshot", min_sample: minSample }),
    columns: withDimensions(scope.by, winrateColumns(scope.cohort)),
    rows: withStats,
    totals: mark(addRateStatistics(totals, totals[0] ?? null, minSample)),
    notes: [...notes, ...thinNote(withStats, minSample), ...immatureNote(withStats, threshold, "segments")],
  };
}

/** Adds interval, thin flag and shrunk rate; the parent of every cell is the population total. */
function addRateStatistics(rows: readonly Row[], total: Row | null, minSample: number): Row[] {
  const cells = rows.map((r) => ({ successes: Number(r.won ?? 0), n: Number(r.won ?? 0) + Number(r.lost ?? 0) }));
  const parentRate = total && typeof total.win_rate === "number" ? total.win_rate : null;
  const shrunk = shrinkRates(cells, parentRate);
  return rows.map((r, i) => {
    const cell = cells[i] ?? { successes: 0, n: 0 };
    const interval = wilsonInterval(cell.successes, cell.n);
    return {
      ...r,
      win_rate_low: interval?.low ?? null,
      win_rate_high: interval?.high ?? null,
      // No closed outcome, no rate: the parent's rate in this column would read as measured.
      win_rate_shrunk: cell.n > 0 ? (shrunk.rates[i] ?? null) : null,
      sample: cell.n < minSample ? "thin" : "ok",
    };
  });
}

function withMaturity(r: Row, threshold: number): Row {
  const open = Number(r.open ?? 0);
  return { ...r, ...maturityOf(open, open + Number(r.won ?? 0) + Number(r.lost ?? 0), threshold) };
}

function thinNote(rows: readonly Row[], minSample: number): string[] {
  const thin = rows.filter((r) => r.sample === "thin").length;
  return thin
    ? [
        `${thin} of ${rows.length} segments have fewer than ${minSample} closed outcomes: their rates are directional (see win_rate_low/high and win_rate_shrunk).`,
      ]
    : [];
}
