// The report's table as HTML, formatted like the CLI table; every cell carries its raw value, and
// rows whose rate is thin (fewer closed outcomes than min_sample) or immature (a cohort still
// largely open) are marked. A rate's 95% interval is printed under it unless the report already
// has interval columns. Above the table: the immature legend and the Unattributed callout
// (report-marks-html.ts), so neither is left to the notes at the bottom.
import type { Row, SqlValue } from "../../contract/row.js";
import type { ColumnDef, ReportResult } from "../../contract/report-result.js";
import { formatValue, isNumericFormat } from "../../contract/format-value.js";
import { escapeHtml } from "./escape-html.js";
import { immatureBadgeHtml, immatureLegendHtml, immatureThreshold, isImmature } from "./report-marks-html.js";

const LONG_TEXT = 60;

interface CellContext {
  readonly intervals: boolean;
  /** The column an immature row's badge goes in: `maturity`, or the last dimension when the report shows no maturity. */
  readonly badgeKey: string | null;
  readonly threshold: number | null;
}

function cell(column: ColumnDef, row: Row, ctx: CellContext): string {
  const value: SqlValue = row[column.key] ?? null;
  const text = formatValue(value, column.format);
  const classes = [isNumericFormat(column.format) ? "num" : "", typeof value === "string" && value.length > LONG_TEXT ? "text-wrap" : ""]
    .filter(Boolean)
    .join(" ");
  const attrs = `data-key="${escapeHtml(column.key)}" data-value="${escapeHtml(JSON.stringify(value))}"${classes ? ` class="${classes}"` : ""}`;
  const low = row[`${column.key}_low`];
  const high = row[`${column.key}_high`];
  const interval =
    ctx.intervals && column.format === "rate" && typeof low === "number" && typeof high === "number"
      ? `<span class="ci">${formatValue(low, "rate")}–${formatValue(high, "rate")}</span>`
      : "";
  if (column.key === "sample" && value === "thin") return `<td ${attrs}><span class="badge thin">thin</span></td>`;
  if (column.key === ctx.badgeKey && isImmature(row)) {
    // The value stays the cell's whole first text node (CSS spaces the badge), as a reader of the cell expects.
    const badge = immatureBadgeHtml(ctx.threshold, row);
    return column.key === "maturity" ? `<td ${attrs}>${badge}</td>` : `<td ${attrs}>${escapeHtml(text)}${badge}</td>`;
  }
  return `<td ${attrs}>${escapeHtml(text)}${interval}</td>`;
}

/** Where an immature row shows its badge: the maturity column, else the last dimension (cost shows no maturity column). */
function badgeKeyOf(columns: readonly ColumnDef[]): string | null {
  if (columns.some((c) => c.key === "maturity")) return "maturity";
  return columns.filter((c) => c.role === "dimension").at(-1)?.key ?? columns[0]?.key ?? null;
}

function rowClass(row: Row): string {
  const classes = [row.sample === "thin" ? "thin" : "", isImmature(row) ? "immature" : ""].filter(Boolean).join(" ");
  return classes ? ` class="${classes}"` : "";
}

export function reportTableHtml(report: ReportResult): string {
  const head = report.columns
    .map((c) => `<th scope="col"${isNumericFormat(c.format) ? ' class="num"' : ""}>${escapeHtml(c.label)}</th>`)
    .join("");
  const keys = new Set(report.columns.map((c) => c.key));
  const ctx: CellContext = {
    intervals: ![...keys].some((k) => k.endsWith("_low")),
    badgeKey: badgeKeyOf(report.columns),
    threshold: immatureThreshold(report.notes),
  };
  const body = report.rows.map((r) => `<tr${rowClass(r)}>${report.columns.map((c) => cell(c, r, ctx)).join("")}</tr>`).join("\n");
  const marks = [immatureLegendHtml(report)].filter(Boolean).map((m) => `${m}\n`);
  return `${marks.join("")}<div class="table-wrap"><table class="data" id="report-table">\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table></div>`;
}
