// The SPEC §8 JSON contract: { report, params, rows, totals, notes }.
import type { ReportResult } from "../report/report-types.js";

export function renderJson(report: ReportResult): string {
  const { report: name, params, rows, totals, notes } = report;
  return `${JSON.stringify({ report: name, params, rows, totals, notes }, null, 2)}\n`;
}
