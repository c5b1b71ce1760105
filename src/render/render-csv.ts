// RFC 4180 CSV of the rows: raw values (rates as fractions), every displayed column, money rounded
// to cents so a spreadsheet never shows a float residue (97570300.000013). Text comes
// from the user's CRM, so a text cell a spreadsheet would run as a formula (first character =, +,
// -, @, tab or carriage return) is neutralised as OWASP recommends: prefixed with a single quote
// and quoted. Numbers are never touched: a negative amount stays -5, not '-5.
import type { SqlValue } from "../contract/row.js";
import type { ColumnFormat, ReportResult } from "../contract/report-result.js";

/** First characters that make Excel, LibreOffice or Google Sheets read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell as it may safely open in a spreadsheet: formula-like text gets a leading `'`. */
function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** Money to the cent (a value that rounds to zero prints 0, never -0); other numbers as they are. */
function csvNumber(value: number, format: ColumnFormat): string {
  return String(format === "money" ? Math.round(value * 100) / 100 + 0 : value);
}

function csvCell(value: SqlValue | undefined, format: ColumnFormat = "text"): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return csvNumber(value, format);
  if (typeof value === "boolean") return String(value);
  const text = Array.isArray(value) ? value.join(";") : String(value);
  const safe = neutraliseFormula(text);
  return safe !== text || /[",\n\r]/.test(text) ? quoted(safe) : text;
}

export function renderCsv(report: ReportResult): string {
  const keys = report.columns.map((c) => c.key);
  const body = report.rows.map((r) => report.columns.map((c) => csvCell(r[c.key], c.format)).join(","));
  const lines = [keys.map((k) => csvCell(k)).join(","), ...body];
  return `${lines.join("\n")}\n`;
}
