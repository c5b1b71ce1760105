// The table under every chart: formatted numbers, each cell carrying its raw JSON value
// (data-key, data-value) so a test or a user can check it against the API. Thin rows are marked.
import { h } from "./dom.js";
import { fmt, fmtInterval, guessFormat, type ColumnFormat } from "./format.js";
import { isThin, type Row } from "./report-json.js";

/** Longer tables start folded, so the chart stays the first thing read. */
const COLLAPSE_ABOVE = 40;

export interface Column {
  readonly key: string;
  readonly label: string;
  readonly format: ColumnFormat;
  /** Keys of the 95% interval shown beside the value. */
  readonly interval?: readonly [string, string];
}

export interface TableOptions {
  readonly caption?: string;
  /** Rows to emphasise, e.g. the channel a finding names. */
  readonly highlight?: (row: Row) => boolean;
  readonly id?: string;
}

export function dataTable(columns: readonly Column[], rows: readonly Row[], options: TableOptions = {}): HTMLElement {
  const head = h("tr", {}, ...columns.map((c) => h("th", { scope: "col", class: c.format === "text" ? "" : "num" }, c.label)));
  const body = rows.map((row) => {
    const cls = [isThin(row) ? "thin" : "", options.highlight?.(row) ? "hl" : ""].filter(Boolean).join(" ");
    return h("tr", { class: cls || null }, ...columns.map((c) => cell(c, row)));
  });
  const table = h("table", { class: "data", id: options.id ?? null }, options.caption ? h("caption", {}, options.caption) : null, h("thead", {}, head), h("tbody", {}, ...body));
  const wrap = h("div", { class: "table-wrap" }, table);
  if (rows.length <= COLLAPSE_ABOVE) return wrap;
  return h("details", { class: "long-table" }, h("summary", {}, `Table: all ${rows.length} rows`), wrap);
}

function cell(column: Column, row: Row): HTMLElement {
  const value = row[column.key] ?? null;
  const text = fmt(value, column.format);
  const attrs = { "data-key": column.key, "data-value": JSON.stringify(value), class: column.format === "text" ? null : "num" };
  if (column.key === "sample" && value === "thin") return h("td", attrs, h("span", { class: "badge thin" }, "thin"));
  if (!column.interval) return h("td", attrs, text);
  const [low, high] = column.interval;
  const range = fmtInterval(row[low], row[high]);
  return h("td", { ...attrs, title: `95% interval ${range}` }, text, h("span", { class: "ci" }, range));
}

/** Columns for any report: every key of the first row, formats guessed from names. */
export function columnsOf(rows: readonly Row[]): Column[] {
  const first = rows[0] ?? {};
  return Object.keys(first).map((key) => ({ key, label: key.replaceAll("_", " "), format: guessFormat(key, rows.find((r) => r[key] !== null)?.[key]) }));
}
