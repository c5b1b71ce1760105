// The report's table as HTML, formatted like the CLI table; every cell carries its raw value, and
// rows whose rate is thin (fewer closed outcomes than min_sample) are marked. A rate's 95% interval
// is printed under it unless the report already has interval columns.
import type { Row, SqlValue } from "../../contract/row.js";
import type { ColumnDef, ReportResult } from "../../contract/report-result.js";
import { formatValue, isNumericFormat } from "../../contract/format-value.js";
import { escapeHtml } from "./escape-html.js";

const LONG_TEXT = 60;

function cell(column: ColumnDef, row: Row, intervals: boolean): string {
  const value: SqlValue = row[column.key] ?? null;
  const text = formatValue(value, column.format);
  const classes = [isNumericFormat(column.format) ? "num" : "", typeof value === "string" && value.length > LONG_TEXT ? "text-wrap" : ""]
    .filter(Boolean)
    .join(" ");
  const attrs = `data-key="${escapeHtml(column.key)}" data-value="${escapeHtml(JSON.stringify(value))}"${classes ? ` class="${classes}"` : ""}`;
  const low = row[`${column.key}_low`];
  const high = row[`${column.key}_high`];
  const interval =
    intervals && column.format === "rate" && typeof low === "number" && typeof high === "number"
      ? `<span class="ci">${formatValue(low, "rate")}–${formatValue(high, "rate")}</span>`
      : "";
  if (column.key === "sample" && value === "thin") return `<td ${attrs}><span class="badge thin">thin</span></td>`;
  return `<td ${attrs}>${escapeHtml(text)}${interval}</td>`;
}

export function reportTableHtml(report: ReportResult): string {
  const head = report.columns
    .map((c) => `<th scope="col"${isNumericFormat(c.format) ? ' class="num"' : ""}>${escapeHtml(c.label)}</th>`)
    .join("");
  const keys = new Set(report.columns.map((c) => c.key));
  const intervals = ![...keys].some((k) => k.endsWith("_low"));
  const body = report.rows
    .map((r) => `<tr${r.sample === "thin" ? ' class="thin"' : ""}>${report.columns.map((c) => cell(c, r, intervals)).join("")}</tr>`)
    .join("\n");
  return `<div class="table-wrap"><table class="data" id="report-table">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}
