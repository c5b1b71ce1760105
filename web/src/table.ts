// The table under every chart: each column labelled and formatted as the report declares it in
// `columns`, each cell carrying its raw JSON value (data-key, data-value) so a test or a user can
// check it against the API. Thin rows are marked, and immature ones (a cohort still largely open)
// get a badge: in the maturity column, or beside the last dimension when the view shows none. A
// column's cells may link to the rows behind them (drill-down), and a totals row closes the table.
import type { ColumnDef, Row } from "../../src/contract/index.js";
import { h } from "./dom.js";
import { fmt, fmtInterval, type ColumnFormat } from "./format.js";
import { immatureTitle, isImmature, isThin } from "./report-json.js";

/** Longer tables start folded, so the chart stays the first thing read. */
const COLLAPSE_ABOVE = 40;

export interface Column {
  readonly key: string;
  readonly label: string;
  readonly format: ColumnFormat;
  /** A segment dimension or another grouping key (channel), as the report declares it. */
  readonly dimension?: boolean;
  /** The 95% interval shown beside the value: its bounds' keys and their format. */
  readonly interval?: { readonly keys: readonly [string, string]; readonly format: ColumnFormat };
  /** Long text (a journey) that wraps instead of widening the table. */
  readonly wrap?: boolean;
}

/** A column a view shows: a key of the report, optionally with the keys of its 95% interval. */
export type ColumnPick = string | { readonly key: string; readonly interval: readonly [string, string] };

export interface TableOptions {
  readonly caption?: string;
  /** Rows to emphasise, e.g. the channel a finding names. */
  readonly highlight?: (row: Row) => boolean;
  readonly id?: string;
  /** The open share above which a cohort is immature, in percent (report-json's immatureThreshold), for the badge's tooltip. */
  readonly immatureThreshold?: number | null;
  /** The cells of column `key` as links (e.g. a cell's pipeline to the deals behind it); null leaves a cell plain. */
  readonly links?: CellLinks;
  /** A totals row (the report's `totals[0]`) under the rows, labelled in the first column when it has no value there. */
  readonly totals?: { readonly row: Row; readonly label: string };
  /** Fold a long table behind its summary (default); off where the table is the view. */
  readonly fold?: boolean;
}

interface CellLinks {
  readonly key: string;
  readonly href: (row: Row) => string | null;
  readonly title: string;
}

/** The columns a view picks, with the report's labels and formats; keys the report does not declare are left out. */
export function pickColumns(declared: readonly ColumnDef[], picks: readonly ColumnPick[]): Column[] {
  const byKey = new Map(declared.map((c) => [c.key, c]));
  return picks.flatMap((pick): Column[] => {
    const key = typeof pick === "string" ? pick : pick.key;
    const def = byKey.get(key);
    if (!def) return [];
    const column = { key, label: def.label, format: def.format, ...(def.role === "dimension" ? { dimension: true } : {}) };
    if (typeof pick === "string") return [column];
    return [{ ...column, interval: { keys: pick.interval, format: byKey.get(pick.interval[0])?.format ?? def.format } }];
  });
}

export function dataTable(columns: readonly Column[], rows: readonly Row[], options: TableOptions = {}): HTMLElement {
  const head = h("tr", {}, ...columns.map((c) => h("th", { scope: "col", class: c.format === "text" ? "" : "num" }, c.label)));
  const badge: Badge = { key: badgeKeyOf(columns), threshold: options.immatureThreshold ?? null };
  const body = rows.map((row) => {
    const cls = [isThin(row) ? "thin" : "", isImmature(row) ? "immature" : "", options.highlight?.(row) ? "hl" : ""]
      .filter(Boolean)
      .join(" ");
    return h("tr", { class: cls || null }, ...columns.map((c) => cell(c, row, badge, options.links)));
  });
  const table = h(
    "table",
    { class: "data", id: options.id ?? null },
    options.caption ? h("caption", {}, options.caption) : null,
    h("thead", {}, head),
    h("tbody", {}, ...body),
    options.totals ? h("tfoot", {}, totalsRow(columns, options.totals.row, options.totals.label)) : null,
  );
  const wrap = h("div", { class: "table-wrap" }, table);
  if (rows.length <= COLLAPSE_ABOVE || options.fold === false) return wrap;
  return h("details", { class: "long-table" }, h("summary", {}, `Table: all ${rows.length} rows`), wrap);
}

interface Badge {
  /** The column an immature row's badge goes in. */
  readonly key: string | null;
  readonly threshold: number | null;
}

function badgeKeyOf(columns: readonly Column[]): string | null {
  if (columns.some((c) => c.key === "maturity")) return "maturity";
  return columns.filter((c) => c.dimension).at(-1)?.key ?? columns[0]?.key ?? null;
}

const immatureBadge = (row: Row, threshold: number | null): HTMLElement =>
  h("span", { class: "badge immature", title: immatureTitle(threshold, row) }, "immature");

/** The totals row: each column the totals hold, formatted as its column; the label in the first column otherwise. */
function totalsRow(columns: readonly Column[], totals: Row, label: string): HTMLElement {
  return h(
    "tr",
    { class: "totals" },
    ...columns.map((c, i) => {
      if (Object.hasOwn(totals, c.key)) {
        const value = totals[c.key] ?? null;
        return h(
          "td",
          { "data-key": c.key, "data-value": JSON.stringify(value), "data-format": c.format, class: c.format === "text" ? null : "num" },
          fmt(value, c.format),
        );
      }
      return i === 0 ? h("th", { scope: "row" }, label) : h("td", {});
    }),
  );
}

function cell(column: Column, row: Row, badge: Badge, links?: CellLinks): HTMLElement {
  const value = row[column.key] ?? null;
  const formatted = fmt(value, column.format);
  const href = links?.key === column.key ? links.href(row) : null;
  const text = href === null ? formatted : h("a", { href, class: "drill", title: links?.title ?? null }, formatted);
  const attrs = {
    "data-key": column.key,
    "data-value": JSON.stringify(value),
    "data-format": column.format,
    class: column.format === "text" ? null : "num",
  };
  if (column.key === "sample" && value === "thin") return h("td", attrs, h("span", { class: "badge thin" }, "thin"));
  if (column.key === badge.key && isImmature(row)) {
    // The value stays the cell's whole first text node (CSS spaces the badge), as a reader of the cell expects.
    return column.key === "maturity"
      ? h("td", attrs, immatureBadge(row, badge.threshold))
      : h("td", attrs, text, immatureBadge(row, badge.threshold));
  }
  if (column.wrap) return h("td", attrs, h("div", { class: "cell-wrap" }, text));
  if (!column.interval) return h("td", attrs, text);
  const [low, high] = column.interval.keys;
  const range = fmtInterval(row[low], row[high], column.interval.format);
  return h("td", { ...attrs, title: `95% interval ${range}` }, text, h("span", { class: "ci" }, range));
}
