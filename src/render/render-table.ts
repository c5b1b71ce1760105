// Aligned plain-text table for terminals: numbers right-aligned, the total row under a rule.
// Control characters and bidi overrides in names are printed as escapes (visible-text.ts).
// Given a width (the terminal's), the table fits it: key columns always, then the report's
// headline measures, then the others, interval bounds last (column-priority.ts); long names are
// cut with …, and a line under the table names what was left out. Without a width every column
// is printed, however wide (pipes, files, --wide).
import type { Row } from "../contract/row.js";
import type { ColumnDef, ReportResult } from "../contract/report-result.js";
import { formatValue, isNumericFormat } from "../contract/format-value.js";
import { columnRank, isSampledRate, keyColumns } from "./column-priority.js";
import { cutText, stripStyles, textWidth, visibleText } from "./visible-text.js";

export interface TableOptions {
  /** Fit the table in this many terminal columns; absent, every column is printed at full width. */
  readonly width?: number;
  /** ANSI styles (underlined header, bold totals, dim thin/immature values); never when piped. */
  readonly color?: boolean;
}

/** A text longer than this (a deal's journey) is cut in the terminal; CSV and JSON carry it whole. */
const MAX_TEXT = 80;
/** When the table must shrink, names first go down to this many cells, finding and journey texts to the wider one. */
const KEY_TEXT_COMFORT = 20;
const OTHER_TEXT_COMFORT = 40;
/** Narrowest a name gets while measures are still being chosen (5 characters and …). */
const TEXT_MINIMUM = 6;
const GAP = 2;

/** Beside the sampled rates of a row: its sample is thin (*), its cohort immature (†). */
const THIN = "*";
const IMMATURE = "†";

const STYLE = { underline: ["\u001b[4m", "\u001b[24m"], bold: ["\u001b[1m", "\u001b[22m"], dim: ["\u001b[2m", "\u001b[22m"] } as const;
type Style = keyof typeof STYLE;

interface Cell {
  readonly text: string;
  readonly marker: string;
}

/**
 * Total rows name what they total (a segment, a channel) and say "Total" where a key is absent,
 * "all" under the other keys, and nothing under a text that is not a key (a journey, a status).
 */
function totalText(row: Row, col: ColumnDef, index: number, keys: ReadonlySet<string>): string {
  const value = row[col.key];
  if (col.format === "text" && (value === null || value === undefined)) return index === 0 ? "Total" : keys.has(col.key) ? "all" : "";
  return visibleText(formatValue(value, col.format));
}

function bodyText(row: Row, col: ColumnDef): string {
  const text = visibleText(formatValue(row[col.key], col.format));
  return col.format === "text" && text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function markerOf(row: Row, col: ColumnDef): string {
  const value = row[col.key];
  if (!isSampledRate(col) || value === null || value === undefined) return "";
  return `${row.sample === "thin" ? THIN : ""}${row.maturity === "immature" ? IMMATURE : ""}`;
}

/** One column laid out: its cells, the width they need, and the width it gets. */
interface Column {
  readonly def: ColumnDef;
  readonly header: string;
  readonly numeric: boolean;
  /** Cells reserved for markers, so the digits of marked and unmarked values stay aligned. */
  readonly markerWidth: number;
  readonly natural: number;
  readonly rank: number;
}

/** Every cell's text and marker, and each column's needs, before any width is chosen. */
function layout(report: ReportResult): { columns: Column[]; body: Cell[][]; totals: Cell[][] } {
  const keys = keyColumns(report);
  // Totals say "all" under every grouping column, the segments a deal merely lists included.
  const by: unknown = report.params.by;
  const grouping = new Set(
    report.columns.filter((c) => c.role === "dimension" || (Array.isArray(by) && by.includes(c.key))).map((c) => c.key),
  );
  const body = report.rows.map((r) => report.columns.map((c) => ({ text: bodyText(r, c), marker: markerOf(r, c) })));
  // Without a key column the one row is the total already.
  const showTotals = report.totals.length > 0 && grouping.size > 0;
  const totals = showTotals
    ? report.totals.map((r) => report.columns.map((c, i) => ({ text: totalText(r, c, i, grouping), marker: markerOf(r, c) })))
    : [];
  const all = [...body, ...totals];
  const columns: Column[] = report.columns.map((def, i) => {
    const cells = all.map((row) => row[i] ?? { text: "", marker: "" });
    const markerWidth = Math.max(0, ...cells.map((c) => textWidth(c.marker)));
    const header = visibleText(def.label);
    const natural = Math.max(textWidth(header), ...cells.map((c) => textWidth(c.text) + markerWidth));
    return { def, header, numeric: isNumericFormat(def.format), markerWidth, natural, rank: columnRank(report, def, keys) };
  });
  return { columns, body, totals };
}

export function renderTable(report: ReportResult, options: TableOptions = {}): string {
  const { columns, body, totals } = layout(report);
  const fit = options.width === undefined ? fullWidth(columns) : fitColumns(columns, options.width);
  const shown = fit.widths;
  // Marked values are dimmed, total rows bold; only with colour.
  const draw = (cells: readonly Cell[], rowStyle?: Style) =>
    [...shown.keys()]
      .map((i) => {
        const cell = cells[i] ?? { text: "", marker: "" };
        const look = options.color ? (cell.marker ? "dim" : rowStyle) : undefined;
        return drawCell(columns[i] as Column, cell, shown.get(i) ?? 0, look);
      })
      .join(" ".repeat(GAP))
      .trimEnd();
  const header = [...shown.keys()].map((i) => {
    const col = columns[i] as Column;
    const width = shown.get(i) ?? 0;
    const text = cutText(col.header, width);
    const look = options.color ? styled(text, "underline") : text;
    const room = " ".repeat(Math.max(0, width - textWidth(text)));
    return col.numeric ? `${room}${look}` : `${look}${room}`;
  });
  const rule = [...shown.values()].map((w) => "-".repeat(w)).join(" ".repeat(GAP));
  const out = [header.join(" ".repeat(GAP)).trimEnd(), rule, ...body.map((cells) => draw(cells))];
  if (totals.length) out.push(rule, ...totals.map((cells) => draw(cells, "bold")));
  const footer = footerLines(report, columns, fit, [...body, ...totals], options.width);
  const lines = [...out, ...footer];
  // The last resort, when even the key columns cut to a character or two do not fit.
  const width = options.width;
  return `${(width === undefined ? lines : lines.map((l) => (textWidth(l) > width ? cutStyled(l, width) : l))).join("\n")}\n`;
}

function drawCell(col: Column, cell: Cell, width: number, style: Style | undefined): string {
  const text = col.numeric ? cell.text : cutText(cell.text, width);
  const content = text + cell.marker;
  const room = " ".repeat(Math.max(0, width - textWidth(text) - col.markerWidth));
  const slot = " ".repeat(col.markerWidth - textWidth(cell.marker));
  const shown = style ? styled(content, style) : content;
  return col.numeric ? `${room}${shown}${slot}` : `${shown}${slot}${room}`;
}

function styled(content: string, style: Style): string {
  if (content === "") return content;
  const [open, close] = STYLE[style];
  return `${open}${content}${close}`;
}

interface Fit {
  /** Shown columns (by index, in report order) and their widths. */
  readonly widths: ReadonlyMap<number, number>;
  /** Whether a name was cut to fit. */
  readonly cut: boolean;
}

function fullWidth(columns: readonly Column[]): Fit {
  return { widths: new Map(columns.map((c, i) => [i, c.natural])), cut: false };
}

const tableWidth = (widths: Iterable<number>): number => {
  const list = [...widths];
  return list.reduce((s, w) => s + w, 0) + GAP * Math.max(0, list.length - 1);
};

function fitColumns(columns: readonly Column[], width: number): Fit {
  if (tableWidth(columns.map((c) => c.natural)) <= width) return fullWidth(columns);
  const comfortable = (c: Column) =>
    c.numeric ? c.natural : Math.min(c.natural, Math.max(c.rank === 0 ? KEY_TEXT_COMFORT : OTHER_TEXT_COMFORT, c.markerWidth + 2));
  // A name keeps at least its header readable.
  const minimum = (c: Column) =>
    c.numeric ? c.natural : Math.min(c.natural, Math.max(TEXT_MINIMUM, textWidth(c.header), c.markerWidth + 2));
  let chosen = choose(columns, width, comfortable, false);
  // Nothing beside the keys at comfortable widths: names are cut closer, for the first rank that fits.
  if (chosen.size === columns.filter((c) => c.rank === 0).length && chosen.size < columns.length)
    chosen = choose(columns, width, minimum, true);
  const widths = new Map(chosen);
  grow(columns, widths, width);
  shrink(columns, widths, width);
  const cut = [...widths].some(([i, w]) => w < (columns[i]?.natural ?? 0));
  return { widths: new Map([...widths].sort(([a], [b]) => a - b)), cut };
}

/**
 * Key columns, then each rank in report order while it fits. A column that does not fit may let
 * a narrower one of the same rank in, but ends the lower ranks: interval bounds never crowd out
 * a measure. Bounds come as a pair, and only beside their rate.
 */
function choose(columns: readonly Column[], width: number, widthOf: (c: Column) => number, oneRank: boolean): Map<number, number> {
  const chosen = new Map<number, number>();
  columns.forEach((c, i) => c.rank === 0 && chosen.set(i, widthOf(c)));
  for (const rank of [1, 2, 3]) {
    let dropped = false;
    columns.forEach((c, i) => {
      if (c.rank !== rank || chosen.has(i)) return;
      const group = boundGroup(columns, i, chosen);
      if (group === null) return;
      const trial = [...chosen.values(), ...group.map((g) => widthOf(columns[g] as Column))];
      if (tableWidth(trial) <= width) for (const g of group) chosen.set(g, widthOf(columns[g] as Column));
      else dropped = true;
    });
    if (dropped || (oneRank && [...chosen.keys()].some((i) => columns[i]?.rank === rank))) break;
  }
  return chosen;
}

/** `x_low` comes with `x_high` and needs `x` shown; anything else comes alone. Null: not shown. */
function boundGroup(columns: readonly Column[], i: number, chosen: ReadonlyMap<number, number>): number[] | null {
  const key = columns[i]?.def.key ?? "";
  const bound = /^(.*)_(low|high)$/.exec(key);
  if (!bound) return [i];
  const base = columns.findIndex((c) => c.def.key === bound[1]);
  if (base >= 0 && !chosen.has(base)) return null;
  const other = columns.findIndex((c) => c.def.key === `${bound[1]}_${bound[2] === "low" ? "high" : "low"}`);
  return other >= 0 && !chosen.has(other) ? [i, other].sort((a, b) => a - b) : [i];
}

/** Room left over goes back to cut names, a cell at a time, round the columns. */
function grow(columns: readonly Column[], widths: Map<number, number>, width: number): void {
  let room = width - tableWidth(widths.values());
  while (room > 0) {
    const short = [...widths].filter(([i, w]) => w < (columns[i]?.natural ?? 0));
    if (short.length === 0) return;
    for (const [i] of short) {
      if (room === 0) return;
      widths.set(i, (widths.get(i) ?? 0) + 1);
      room--;
    }
  }
}

/** Too wide even so (many long key columns): the widest name column gives a cell, down to 2 (a character and …). */
function shrink(columns: readonly Column[], widths: Map<number, number>, width: number): void {
  while (tableWidth(widths.values()) > width) {
    const texts = [...widths].filter(([i, w]) => !columns[i]?.numeric && w > 2 + (columns[i]?.markerWidth ?? 0));
    const widest = texts.sort((a, b) => b[1] - a[1])[0];
    if (!widest) return;
    widths.set(widest[0], widest[1] - 1);
  }
}

function footerLines(report: ReportResult, columns: readonly Column[], fit: Fit, cells: readonly Cell[][], width?: number): string[] {
  const out: string[] = [];
  if (report.rows.length === 0) out.push("(no rows)");
  const long = (c: ColumnDef) =>
    c.format === "text" && report.rows.some((r) => visibleText(formatValue(r[c.key], c.format)).length > MAX_TEXT);
  if (columns.some((c, i) => fit.widths.has(i) && long(c.def)))
    out.push(`(texts over ${MAX_TEXT} characters end in …; --format csv or json gives them whole)`);
  for (const line of markerLegend(cells, fit)) out.push(...wrap(line, width));
  const omitted = columns.filter((_, i) => !fit.widths.has(i));
  if ((omitted.length || fit.cut) && width !== undefined) out.push(...wrap(leftOutLine(columns, omitted, fit.cut, width), width));
  return out;
}

/** A line per marker the shown cells carry. */
function markerLegend(cells: readonly Cell[][], fit: Fit): string[] {
  const shown = cells.flatMap((row) => row.filter((_, i) => fit.widths.has(i)).map((c) => c.marker));
  return [
    shown.some((m) => m.includes(THIN)) ? `${THIN} thin sample (under min_sample): the rate is directional` : "",
    shown.some((m) => m.includes(IMMATURE)) ? `${IMMATURE} immature: much of the cohort is still open, the rate will move` : "",
  ].filter(Boolean);
}

/** One line, however many columns went: it names as many as fit and counts the rest. */
function leftOutLine(columns: readonly Column[], omitted: readonly Column[], cut: boolean, width: number): string {
  const labels = columns.map((c) => c.header);
  const name = (c: Column) => (labels.filter((l) => l === c.header).length > 1 ? c.def.key : c.header);
  const tail = `${cut ? `${omitted.length ? "; " : ""}names ending in … are cut` : ""}; --wide shows all`;
  const lead = omitted.length ? "left out: " : "";
  // The most important first: a reader misses a measure more than an interval bound.
  const names = [...omitted].sort((a, b) => a.rank - b.rank).map(name);
  for (let n = names.length; n >= 0; n--) {
    const more = names.length - n;
    const list = names.slice(0, n).join(", ") + (more ? `${n ? ", " : ""}${more} more` : "");
    const line = `(${lead}${list}${tail})`;
    if (textWidth(line) <= width || n === 0) return line;
  }
  return "";
}

/** Word-wraps a footer line to the width. */
function wrap(text: string, width?: number): string[] {
  if (width === undefined || textWidth(text) <= width) return [text];
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && textWidth(`${line} ${word}`) > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** A line cut to the width; its styles go with it, so a cut inside a styled cell cannot leak. */
function cutStyled(line: string, width: number): string {
  return cutText(stripStyles(line), width);
}
