// `report ltv`: what a customer is worth per segment and how that compares with what it costs to
// win one. LTV = ARPA × gross margin / annual churn; churn = 1 − renewal win rate by amount.
import type { Row } from "../contract/row.js";
import { compileLtvInputs } from "../sql/ltv-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import type { AttributionOptions } from "./attribution-params.js";
import { cost } from "./cost.js";
import { paramsRecord, resolveParams } from "./params.js";
import { column, dimensionColumns, type ReportResult } from "../contract/report-result.js";
import { baseContext, runGrouped } from "./run-query.js";

export async function ltv(ws: Workspace, options: AttributionOptions = {}): Promise<ReportResult> {
  const p = resolveParams(ws, { ...options, cohort: false });
  const sql = compileLtvInputs(baseContext(ws), { dimensions: p.by, window: p.window, evaluationDate: p.evaluationDate, cohort: false });
  const { rows, totals } = await runGrouped(ws, sql, p.by);
  const spending = await cost(ws, options);
  const cacByKey = new Map(spending.totals.map((t) => [JSON.stringify(p.by.map((d) => (t.total_of === "all" ? null : t[d]))), t.cac ?? null]));
  const margin = ws.config.gross_margin;
  const notes: string[] = [];
  const finish = (r: Row, key: string, label: string): Row => {
    const churn = typeof r.renewal_rate === "number" ? 1 - r.renewal_rate : null;
    const arpa = typeof r.arpa === "number" ? r.arpa : null;
    let value: number | null = null;
    if (churn === null) notes.push(`${label}: no renewal closed in the window, so churn and LTV are undefined.`);
    else if (churn === 0) notes.push(`${label}: no renewal amount was lost, so churn is 0 and LTV is unbounded (reported as null).`);
    else if (arpa === null) notes.push(`${label}: no new-business deal was won in the window, so ARPA and LTV are undefined.`);
    else value = (arpa * margin) / churn;
    const cac = cacByKey.get(key) ?? null;
    return { ...r, gross_margin: margin, churn, ltv: value, cac, ltv_to_cac: value !== null && typeof cac === "number" && cac > 0 ? value / cac : null };
  };
  const keyOf = (r: Row) => JSON.stringify(p.by.map((d) => r[d]));
  const outRows = rows.map((r) => finish(r, keyOf(r), p.by.map((d) => String(r[d])).join(" / ") || "all"));
  const outTotals = totals.map((r) => finish(r, JSON.stringify(p.by.map(() => null)), "all segments"));
  return {
    report: "ltv",
    params: paramsRecord(p, { gross_margin: margin, model: spending.params.model }),
    rows: outRows,
    totals: outTotals,
    notes: [...new Set(notes)],
    columns: [
      ...dimensionColumns(p.by),
      column("arpa", "ARPA", "money"),
      column("new_business_won_count", "new wins", "count"),
      column("renewals_closed_count", "renewals", "count"),
      column("churn", "churn", "rate"),
      column("ltv", "LTV", "money"),
      column("cac", "CAC", "money"),
      column("ltv_to_cac", "LTV:CAC", "number"),
    ],
  };
}
