// RFC 4180 CSV of the rows: raw values (rates as fractions), every displayed column. Text comes
// from the user's CRM, so a text cell a spreadsheet would run as a formula (first character =, +,
// -, @, tab or carriage return) is neutralised as OWASP recommends: prefixed with a single quote
// and quoted. Numbers are never touched: a negative amount stays -5, not '-5.
import type { SqlValue } from "../contract/row.js";
import type { ReportResult } from "../contract/report-result.js";

/** First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as it may safely open in a spreadsheet: formula-like text gets a leading `'`. */
function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function csvCell(value: SqlValue | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  const text = Array.isArray(value) ? value.join(";") : String(value);
  const safe = neutraliseFormula(text);
  return safe !== text || /[",\n\r]/.test(text) ? quoted(safe) : text;
}

export function renderCsv(report: ReportResult): string {
  const keys = report.columns.map((c) => c.key);
  const lines = [keys.map(csvCell).join(","), ...report.rows.map((r) => keys.map((k) => csvCell(r[k])).join(","))];
  return `${lines.join("\n")}\n`;
}
