// Aligned plain-text table for terminals: numbers right-aligned, the total row under a rule.
// Control characters and bidi overrides in names are printed as escapes (visible-text.ts).
import type { Row } from "../contract/row.js";
import type { ColumnDef, ReportResult } from "../contract/report-result.js";
import { formatValue, isNumericFormat } from "../contract/format-value.js";
import { visibleText } from "./visible-text.js";

/** Total rows name what they total (a segment, a channel) and say "Total" where a key is absent. */
function totalCell(row: Row, col: ColumnDef, index: number): string {
  const value = row[col.key];
  if (col.format === "text" && (value === null || value === undefined) && col.key !== "sample") return index === 0 ? "Total" : "all";
  return visibleText(formatValue(value, col.format));
}

export function renderTable(report: ReportResult): string {
  const cols = report.columns;
  const body = report.rows.map((r) => cols.map((c) => visibleText(formatValue(r[c.key], c.format))));
  const by: unknown = report.params.by;
  const showTotals = report.totals.length > 0 && Array.isArray(by) && cols.some((c) => c.format === "text" && by.includes(c.key));
  const totals = showTotals ? report.totals.map((r) => cols.map((c, i) => totalCell(r, c, i))) : [];
  const header = cols.map((c) => visibleText(c.label));
  const widths = header.map((h, i) => Math.max(h.length, ...[...body, ...totals].map((row) => (row[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (isNumericFormat(cols[i]?.format ?? "text") ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  const out = [line(header), rule, ...body.map(line)];
  if (totals.length) out.push(rule, ...totals.map(line));
  if (report.rows.length === 0) out.push("(no rows)");
  return `${out.join("\n")}\n`;
}
