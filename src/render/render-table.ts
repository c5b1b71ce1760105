// Aligned plain-text table for terminals: numbers right-aligned, the total row under a rule.
// Control characters and bidi overrides in names are printed as escapes (visible-text.ts).
import type { Row } from "../contract/row.js";
import type { ColumnDef, ReportResult } from "../contract/report-result.js";
import { formatValue, isNumericFormat } from "../contract/format-value.js";
import { visibleText } from "./visible-text.js";

/**
 * Total rows name what they total (a segment, a channel) and say "Total" where a key is absent,
 * "all" under the other keys, and nothing under a text that is not a key (a journey, a status).
 */
function totalCell(row: Row, col: ColumnDef, index: number, keys: ReadonlySet<string>): string {
  const value = row[col.key];
  if (col.format === "text" && (value === null || value === undefined)) return index === 0 ? "Total" : keys.has(col.key) ? "all" : "";
  return visibleText(formatValue(value, col.format));
}

/** A text longer than this (a deal's journey) is cut in the terminal; CSV and JSON carry it whole. */
const MAX_TEXT = 80;

function bodyCell(row: Row, col: ColumnDef): string {
  const text = visibleText(formatValue(row[col.key], col.format));
  return col.format === "text" && text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

export function renderTable(report: ReportResult): string {
  const cols = report.columns;
  const body = report.rows.map((r) => cols.map((c) => bodyCell(r, c)));
  const cut = report.rows.some((r) =>
    cols.some((c) => c.format === "text" && visibleText(formatValue(r[c.key], c.format)).length > MAX_TEXT),
  );
  const by: unknown = report.params.by;
  const keys = new Set(cols.filter((c) => c.role === "dimension" || (Array.isArray(by) && by.includes(c.key))).map((c) => c.key));
  // Without a key column the one row is the total already.
  const showTotals = report.totals.length > 0 && keys.size > 0;
  const totals = showTotals ? report.totals.map((r) => cols.map((c, i) => totalCell(r, c, i, keys))) : [];
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
  if (cut) out.push(`(texts over ${MAX_TEXT} characters end in …; --format csv or json gives them whole)`);
  return `${out.join("\n")}\n`;
}
