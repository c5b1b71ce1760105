// The table under every chart: each column labelled and formatted as the report declares it in
// `columns`, each cell carrying its raw JSON value (data-key, data-value) so a test or a user can
// check it against the API. Thin rows are marked, and immature ones (a cohort still largely open)
// get a badge: in the maturity column, or beside the last dimension when the view shows none. A
// column's cells may link to the rows behind them (drill-down), and the report's totals close the
// table in its footer. A header sorts the rows by its column (click, or Enter/Space on its button):
// numbers numerically, text by locale, empty cells last either way; the footer never moves.
import type { ColumnDef, ReportResult, Row, SqlValue } from "../../src/contract/index.js";
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
  /** Totals rows (reportTotals) under the rows, each labelled in the first column when it has no value there; never sorted. */
  readonly totals?: TotalsRow | readonly TotalsRow[];
  /** Fold a long table behind its summary (default); off where the table is the view. */
  readonly fold?: boolean;
}

export interface TotalsRow {
  readonly row: Row;
  readonly label: string;
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
  const badge: Badge = { key: badgeKeyOf(columns), threshold: options.immatureThreshold ?? null };
  const body = rows.map((row) => {
    const cls = [isThin(row) ? "thin" : "", isImmature(row) ? "immature" : "", options.highlight?.(row) ? "hl" : ""]
      .filter(Boolean)
      .join(" ");
    return h("tr", { class: cls || null }, ...columns.map((c) => cell(c, row, badge, options.links)));
  });
  const tbody = h("tbody", {}, ...body);
  const headers = columns.map((c) => h("th", { scope: "col", class: c.format === "text" ? "" : "num" }));
  const sorter = new Sorter(columns, rows, body, tbody, headers);
  headers.forEach((th, i) => th.append(sorter.button(i)));
  const totals = options.totals === undefined ? [] : "row" in options.totals ? [options.totals] : options.totals;
  const table = h(
    "table",
    { class: "data sortable", id: options.id ?? null },
    options.caption ? h("caption", {}, options.caption) : null,
    h("thead", {}, h("tr", {}, ...headers)),
    tbody,
    totals.length ? h("tfoot", {}, ...totals.map((t) => totalsRow(columns, t.row, t.label))) : null,
  );
  const wrap = h("div", { class: "table-wrap" }, table);
  if (rows.length <= COLLAPSE_ABOVE || options.fold === false) return wrap;
  return h("details", { class: "long-table" }, h("summary", {}, `Table: all ${rows.length} rows`), wrap);
}

/**
 * The totals rows a table closes with: the grand total (`total_of: "all"`, or a report's totals that
 * carry no total_of: one per period of a trend, per step of a funnel). Under a segment filter, the
 * filtered segment's own total where the report has one, so the footer adds up what is shown.
 */
export function reportTotals(report: ReportResult, seg: Readonly<Record<string, string>> = {}, label = "All segments"): TotalsRow[] {
  const filters = Object.entries(seg);
  const segment = report.totals.filter(
    (t) => t.total_of === "segment" && filters.length > 0 && filters.every(([dim, v]) => !(dim in t) || t[dim] === v),
  );
  const grand = report.totals.filter((t) => t.total_of === undefined || t.total_of === null || t.total_of === "all");
  const picked = segment.length ? segment : grand;
  const segmentLabel = `${filters.map(([, v]) => v).join(" · ")} total`;
  return picked.map((row) => ({ row, label: segment.length ? segmentLabel : label }));
}

type Direction = "ascending" | "descending";

/** Compares two cells: null (and undefined) last whatever the direction, numbers as numbers, the rest by locale. */
function compareCells(a: SqlValue | undefined, b: SqlValue | undefined, direction: Direction): number {
  const [aNull, bNull] = [a === null || a === undefined, b === null || b === undefined];
  if (aNull || bNull) return aNull === bNull ? 0 : aNull ? 1 : -1;
  const sign = direction === "ascending" ? 1 : -1;
  if (typeof a === "number" && typeof b === "number") return sign * (a - b);
  return sign * String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** A table's sort state: the column sorted and its direction; the rows keep their report order as the tie-break. */
class Sorter {
  private key = -1;
  private direction: Direction = "ascending";

  constructor(
    private readonly columns: readonly Column[],
    private readonly rows: readonly Row[],
    private readonly trs: readonly HTMLElement[],
    private readonly tbody: HTMLElement,
    private readonly headers: readonly HTMLElement[],
  ) {}

  /** The header's button: a button, so Enter and Space sort as a click does, and the label stays the header's text. */
  button(i: number): HTMLElement {
    const column = this.columns[i];
    return h(
      "button",
      { type: "button", class: "sort", title: `Sort by ${column?.label ?? ""}`, onclick: () => this.sortBy(i) },
      column?.label ?? "",
    );
  }

  /** Numbers start largest first (the question is usually "which is biggest"), text A to Z; a second click reverses. */
  private sortBy(i: number): void {
    const column = this.columns[i];
    if (!column) return;
    const numeric = this.rows.some((r) => typeof r[column.key] === "number");
    this.direction = this.key === i ? (this.direction === "ascending" ? "descending" : "ascending") : numeric ? "descending" : "ascending";
    this.key = i;
    const order = this.rows.map((row, index) => ({ row, index }));
    order.sort((a, b) => compareCells(a.row[column.key], b.row[column.key], this.direction) || a.index - b.index);
    this.tbody.append(...order.map((o) => this.trs[o.index] as HTMLElement));
    this.headers.forEach((th, j) => {
      if (j === i) th.setAttribute("aria-sort", this.direction);
      else th.removeAttribute("aria-sort");
    });
  }
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
      if (i === 0 && (totals[c.key] === null || totals[c.key] === undefined)) return h("th", { scope: "row" }, label);
      if (Object.hasOwn(totals, c.key)) {
        const value = totals[c.key] ?? null;
        return h(
          "td",
          { "data-key": c.key, "data-value": JSON.stringify(value), "data-format": c.format, class: c.format === "text" ? null : "num" },
          c.dimension && value === null ? "" : fmt(value, c.format),
        );
      }
      return h("td", {});
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
