// `report winrate`: outcome rates per segment with honest statistics — a Wilson interval on every
// rate, a thin flag below min_sample, and the rate shrunk toward the population (SPEC §5, §7).
import type { Row } from "../contract/row.js";
import { compileWinRate } from "../sql/winrate-sql.js";
import { shrinkRates, wilsonInterval } from "../stats/index.js";
import type { Workspace } from "../workspace/workspace.js";
import { paramsRecord, resolveParams, type ReportOptions } from "./params.js";
import { column, dimensionColumns, type ReportResult } from "../contract/report-result.js";
import { baseContext, runGrouped } from "./run-query.js";

export async function winrate(ws: Workspace, options: ReportOptions = {}): Promise<ReportResult> {
  const p = resolveParams(ws, options);
  const compiled = compileWinRate(baseContext(ws), { dimensions: p.by, window: p.window, evaluationDate: p.evaluationDate, cohort: p.cohort });
  const { rows, totals } = await runGrouped(ws, compiled.sql, p.by);
  const minSample = ws.config.min_sample;
  const withStats = addRateStatistics(rows, totals[0] ?? null, minSample);
  const totalRows = addRateStatistics(totals, totals[0] ?? null, minSample);
  return {
    report: "winrate",
    params: paramsRecord(p, { mode: p.cohort ? "cohort" : "snapshot", min_sample: minSample }),
    rows: withStats,
    totals: totalRows,
    notes: [...compiled.notes, ...thinNote(withStats, minSample)],
    columns: [
      ...dimensionColumns(p.by),
      column("won", "won", "count"),
      column("lost", "lost", "count"),
      ...(p.cohort ? [column("open", "open", "count")] : []),
      column("win_rate", "win rate", "rate"),
      column("win_rate_low", "low", "rate"),
      column("win_rate_high", "high", "rate"),
      column("win_rate_shrunk", "shrunk", "rate"),
      column("value_win_rate", "value win", "rate"),
      column("account_win_rate", "acct win", "rate"),
      column("avg_deal_size", "avg deal", "money"),
      column("avg_pipeline_deal_size", "avg created", "money"),
      column("sales_cycle_days", "cycle p50", "days"),
      column("sample", "sample", "text"),
    ],
  };
}

/** Adds interval, thin flag and shrunk rate; the parent of every cell is the population total. */
export function addRateStatistics(rows: readonly Row[], total: Row | null, minSample: number): Row[] {
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
      win_rate_shrunk: cell.n > 0 ? (shrunk.rates[i] ?? null) : parentRate,
      sample: cell.n < minSample ? "thin" : "ok",
    };
  });
}

function thinNote(rows: readonly Row[], minSample: number): string[] {
  const thin = rows.filter((r) => r.sample === "thin").length;
  return thin ? [`${thin} of ${rows.length} segments have fewer than ${minSample} closed outcomes: their rates are directional (see win_rate_low/high and win_rate_shrunk).`] : [];
}
