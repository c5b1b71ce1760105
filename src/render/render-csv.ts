// RFC 4180 CSV of the rows: raw values (rates as fractions), every displayed column.
import type { SqlValue } from "../contract/row.js";
import type { ReportResult } from "../contract/report-result.js";

function csvCell(value: SqlValue | undefined): string {
  if (value === null || value === undefined) return "";
  const text = Array.isArray(value) ? value.join(";") : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function renderCsv(report: ReportResult): string {
  const keys = report.columns.map((c) => c.key);
  const lines = [keys.join(","), ...report.rows.map((r) => keys.map((k) => csvCell(r[k])).join(","))];
  return `${lines.join("\n")}\n`;
}
