// `report winrate`: outcome rates per segment with honest statistics — a Wilson interval on every
// rate, a thin flag below min_sample, and the rate shrunk toward the population (SPEC §5, §7).
import type { Row } from "../db/normalize.js";
import { compileWinRate } from "../sql/winrate-sql.js";
import { shrinkRates, wilsonInterval } from "../stats/index.js";
import type { Workspace } from "../workspace/workspace.js";
import { paramsRecord, resolveParams, type ReportOptions } from "./params.js";
import { dimensionColumns, type ReportResult } from "./report-types.js";
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
      { key: "won", label: "won", format: "count" },
      { key: "lost", label: "lost", format: "count" },
      ...(p.cohort ? [{ key: "open", label: "open", format: "count" as const }] : []),
      { key: "win_rate", label: "win rate", format: "rate" },
      { key: "win_rate_low", label: "low", format: "rate" },
      { key: "win_rate_high", label: "high", format: "rate" },
      { key: "win_rate_shrunk", label: "shrunk", format: "rate" },
      { key: "value_win_rate", label: "value win", format: "rate" },
      { key: "account_win_rate", label: "acct win", format: "rate" },
      { key: "avg_deal_size", label: "avg deal", format: "money" },
      { key: "avg_pipeline_deal_size", label: "avg created", format: "money" },
      { key: "sales_cycle_days", label: "cycle p50", format: "days" },
      { key: "sample", label: "sample", format: "text" },
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
