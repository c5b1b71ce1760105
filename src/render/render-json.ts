// The SPEC §8 JSON contract: { report, currency, params, columns, rows, totals, notes }. `columns`
// describes every displayed column (key, label, format, type), so a consumer never guesses a
// format; `currency` names the reporting currency of every money column. Numbers stay raw (full
// precision): rows of an attribution matrix sum to their totals to the millionth, which cents
// would break; CSV, read by spreadsheets, rounds money to cents instead.
import type { ReportResult } from "../contract/report-result.js";

export function reportJson(report: ReportResult): ReportResult {
  const { report: name, currency, params, columns, rows, totals, notes } = report;
  return { report: name, ...(currency === undefined ? {} : { currency }), params, columns, rows, totals, notes };
}

export function renderJson(report: ReportResult): string {
  return `${JSON.stringify(reportJson(report), null, 2)}\n`;
}
