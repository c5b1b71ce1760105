// The SPEC §8 JSON contract: { report, params, columns, rows, totals, notes }. `columns` describes
// every displayed column (key, label, format, type), so a consumer never guesses a format.
import type { ReportResult } from "../contract/report-result.js";

export function reportJson(report: ReportResult): ReportResult {
  const { report: name, params, columns, rows, totals, notes } = report;
  return { report: name, params, columns, rows, totals, notes };
}

export function renderJson(report: ReportResult): string {
  return `${JSON.stringify(reportJson(report), null, 2)}\n`;
}
