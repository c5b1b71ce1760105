// The table under every chart: each column labelled and formatted as the report declares it in
// `columns`, each cell carrying its raw JSON value (data-key, data-value) so a test or a user can
// check it against the API. Thin rows are marked, and immature ones (a cohort still largely open)
// get a badge: in the maturity column, or beside the last dimension when the view shows none.
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
    return h("tr", { class: cls || null }, ...columns.map((c) => cell(c, row, badge)));
  });
  const table = h(
    "table",
    { class: "data", id: options.id ?? null },
    options.caption ? h("caption", {}, options.caption) : null,
    h("thead", {}, head),
    h("tbody", {}, ...body),
  );
  const wrap = h("div", { class: "table-wrap" }, table);
  if (rows.length <= COLLAPSE_ABOVE) return wrap;
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

function cell(column: Column, row: Row, badge: Badge): HTMLElement {
  const value = row[column.key] ?? null;
  const text = fmt(value, column.format);
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
  if (!column.interval) return h("td", attrs, text);
  const [low, high] = column.interval.keys;
  const range = fmtInterval(row[low], row[high], column.interval.format);
  return h("td", { ...attrs, title: `95% interval ${range}` }, text, h("span", { class: "ci" }, range));
}
