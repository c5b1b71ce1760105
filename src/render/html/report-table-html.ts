// The report's table as HTML, formatted like the CLI table; every cell carries its raw value, and
// rows whose rate is thin (fewer closed outcomes than min_sample) or immature (a cohort still
// largely open) are marked. A rate's 95% interval is printed under it unless the report already
// has interval columns. Above the table: the immature legend and the Unattributed callout
// (report-marks-html.ts), so neither is left to the notes at the bottom. A table too wide for a
// landscape page also comes as print-only parts that repeat its key columns (print-split.ts).
import type { Row, SqlValue } from "../../contract/row.js";
import type { ColumnDef, ReportResult } from "../../contract/report-result.js";
import { formatValue, isNumericFormat } from "../../contract/format-value.js";
import { escapeHtml } from "./escape-html.js";
import { LONG_TEXT, printParts } from "./print-split.js";
import { immatureBadgeHtml, immatureLegendHtml, immatureThreshold, isImmature } from "./report-marks-html.js";

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
  if (leadsWithHeadline(row, value)) {
    const { headline, evidence } = row as { headline: string; evidence: string };
    return `<td ${attrs}><strong>${escapeHtml(headline)}</strong> <span class="evidence">${escapeHtml(evidence)}</span></td>`;
  }
  return `<td ${attrs}>${escapeHtml(text)}${interval}</td>`;
}

/** A text that is its row's plain headline then its evidence (an insights finding): the headline is set in bold. */
function leadsWithHeadline(row: Row, value: SqlValue): boolean {
  const { headline, evidence } = row;
  return typeof headline === "string" && typeof evidence === "string" && value === `${headline} ${evidence}`;
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

function tableHtml(report: ReportResult, columns: readonly ColumnDef[], ctx: CellContext, attrs: string, caption: string): string {
  const head = columns.map((c) => `<th scope="col"${isNumericFormat(c.format) ? ' class="num"' : ""}>${escapeHtml(c.label)}</th>`).join("");
  const body = report.rows.map((r) => `<tr${rowClass(r)}>${columns.map((c) => cell(c, r, ctx)).join("")}</tr>`).join("\n");
  return `<table ${attrs}>${caption}\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** The parts a table too wide for the page prints as (print-split.ts); empty when it fits. */
function printSplitHtml(report: ReportResult, ctx: CellContext): string {
  const parts = printParts(report, ctx);
  if (parts.length < 2) return "";
  const tables = parts.map((columns, i) =>
    tableHtml(report, columns, ctx, 'class="data print-part"', `<caption>Columns, part ${i + 1} of ${parts.length}</caption>`),
  );
  return `\n<div class="print-split" aria-hidden="true">\n${tables.join("\n")}\n</div>`;
}

export function reportTableHtml(report: ReportResult): string {
  const keys = new Set(report.columns.map((c) => c.key));
  const ctx: CellContext = {
    intervals: ![...keys].some((k) => k.endsWith("_low")),
    badgeKey: badgeKeyOf(report.columns),
    threshold: immatureThreshold(report.notes),
  };
  const marks = [immatureLegendHtml(report)].filter(Boolean).map((m) => `${m}\n`);
  const split = printSplitHtml(report, ctx);
  const wrap = split ? "table-wrap has-print-split" : "table-wrap";
  return `${marks.join("")}<div class="${wrap}">${tableHtml(report, report.columns, ctx, 'class="data" id="report-table"', "")}</div>${split}`;
}
