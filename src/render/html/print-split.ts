// Which columns print together. A table wider than a landscape page is printed as parts, each
// repeating the key columns (the segment and channel that name a row) with as many measure columns
// as fit; on screen the table stays whole (report.css shows one or the other). Whether it fits is
// estimated from the text each column must show unbroken at the print font size — numbers never
// wrap, labels and texts wrap at spaces, long texts anywhere — with a wide character so the
// estimate errs towards splitting; test/e2e/print.test.ts holds every demo report inside the page
// in Chromium. A measure and its interval bounds (`x`, `x_low`, `x_high`) stay in one part.
import { formatValue } from "../../contract/format-value.js";
import type { ColumnDef, ReportResult } from "../../contract/report-result.js";
import type { Row } from "../../contract/row.js";

/** Letter landscape less 10 mm margins (259 mm at 96 px per inch), the narrower of the two papers; some slack kept. */
const PAGE_PX = 940;
/** The table's print font size (7.5 pt), in px. */
const FONT_PX = 10;
/** A character a tenth wider than a digit or an average letter of the sans-serif fonts Chromium prints with (about 0.52 em), in em. */
const CHAR_EM = 0.58;
/** Cell padding left and right (3 pt each), in px. */
const PADDING_PX = 8;
/** A text longer than this may wrap anywhere (report-table-html.ts marks its cell), so it needs only WRAPPED_TEXT_CHARS. */
export const LONG_TEXT = 60;
const WRAPPED_TEXT_CHARS = 14;
/** An "immature" badge beside a value, in characters. */
const BADGE_CHARS = 9;

const longestWord = (text: string): number => Math.max(0, ...text.split(/\s+/).map((w) => w.length));

/** How the table shows its cells (report-table-html.ts): intervals under rates, and the column an immature row's badge goes in. */
export interface TableMarks {
  readonly intervals: boolean;
  readonly badgeKey: string | null;
}

/** The characters a cell of this column cannot shrink below. */
function cellChars(column: ColumnDef, row: Row, marks: TableMarks): number {
  const value = row[column.key] ?? null;
  const text = formatValue(value, column.format);
  if (column.format !== "text") {
    const low = row[`${column.key}_low`];
    // The interval under a rate is set at 0.78 em.
    const ci =
      marks.intervals && column.format === "rate" && typeof low === "number" ? 0.78 * (2 * formatValue(low, "rate").length + 1) : 0;
    return Math.max(text.length, ci);
  }
  // A badge is its word at 0.8 em plus its padding; the maturity and sample columns show only the badge.
  if (value === "thin" || value === "immature") return BADGE_CHARS;
  const badge = row.maturity === "immature" && column.key === marks.badgeKey ? BADGE_CHARS : 0;
  return (text.length > LONG_TEXT ? WRAPPED_TEXT_CHARS : longestWord(text)) + badge;
}

function columnPx(column: ColumnDef, rows: readonly Row[], marks: TableMarks): number {
  // Header labels are bold: a tenth wider.
  const chars = Math.max(1.1 * longestWord(column.label), ...rows.map((r) => cellChars(column, r, marks)));
  return chars * CHAR_EM * FONT_PX + PADDING_PX;
}

/** Measures with their interval bounds: `x`, then `x_low` and `x_high` when the report has them. */
function measureGroups(measures: readonly ColumnDef[]): ColumnDef[][] {
  const groups: ColumnDef[][] = [];
  for (const column of measures) {
    const base = /^(.*)_(low|high)$/.exec(column.key)?.[1];
    const last = groups.at(-1);
    if (base !== undefined && last?.[0]?.key === base) last.push(column);
    else groups.push([column]);
  }
  return groups;
}

/** The columns of each printed part: one part (every column) when the table fits the page. */
export function printParts(report: ReportResult, marks: TableMarks): ColumnDef[][] {
  const rows = report.rows;
  const width = (columns: readonly ColumnDef[]) => columns.reduce((s, c) => s + columnPx(c, rows, marks), 0);
  if (width(report.columns) <= PAGE_PX) return [[...report.columns]];
  const keys = report.columns.filter((c) => c.role === "dimension");
  const parts: ColumnDef[][] = [];
  let part: ColumnDef[] = [];
  for (const group of measureGroups(report.columns.filter((c) => c.role !== "dimension"))) {
    if (part.length > 0 && width([...keys, ...part, ...group]) > PAGE_PX) {
      parts.push(part);
      part = [];
    }
    part.push(...group);
  }
  if (part.length > 0) parts.push(part);
  // Every part leads with the key columns, so each printed row says which segment and channel it is.
  return parts.map((p) => [...keys, ...p]);
}
