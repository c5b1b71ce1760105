// Reads ChannelAttribution's aggregated path format so results can be compared with other tools:
// a header `path;total_conversions;total_conversion_value;total_null` (`;`, `,` or tab, detected
// from the header, in any column order; value and null columns optional, default 0) and paths
// like `A > B > C`. Bad rows become problems with line and column, never exceptions, and never
// vanish: every skipped row has a problem.

import type { Diagnostic, DiagnosticCode } from "../model/diagnostic.js";
import { at } from "./checked-at.js";
import { detectDelimiter, splitDelimited } from "./delimited-line.js";
import type { PathRow } from "./paths.js";

interface PathFileProblem extends Diagnostic {
  readonly line: number;
  readonly column: number;
}

export interface ParsedPathFile {
  readonly rows: PathRow[];
  readonly problems: PathFileProblem[];
}

export interface PathFileOptions {
  /** Name used in messages (`Data.csv:12:2 ...`). */
  readonly file?: string;
  /** Channel separator inside a path; default `>`. */
  readonly separator?: string;
}

const COLUMNS = ["path", "total_conversions", "total_conversion_value", "total_null"] as const;
type Column = (typeof COLUMNS)[number];
const REQUIRED: readonly Column[] = ["path", "total_conversions"];
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

type Layout = {
  readonly delimiter: string;
  readonly width: number;
  readonly at: Readonly<Record<Column, number>>;
  /** One string per distinct channel: a million paths then hold a few dozen names, not millions. */
  readonly names: Map<string, string>;
};
/** Records a problem; returns undefined so a reader can `return report(...)` for "no value". */
type Report = (line: number, column: number, code: DiagnosticCode, message: string, hint?: string) => undefined;

export function parsePathFile(text: string, options: PathFileOptions = {}): ParsedPathFile {
  const file = options.file ?? "paths";
  const problems: PathFileProblem[] = [];
  const report: Report = (line, column, code, message, hint) => {
    problems.push({ code, message, line, column, at: { file, line, column }, ...(hint ? { hint } : {}) });
    return undefined;
  };
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const layout = readHeader(lines[0] ?? "", report);
  const rows: PathRow[] = [];
  if (!layout) return { rows, problems };
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === "") return;
    const row = readRow(line, i + 2, layout, options.separator ?? ">", report);
    if (row) rows.push(row);
  });
  return { rows, problems };
}

function readHeader(header: string, report: Report): Layout | undefined {
  const delimiter = detectDelimiter(header);
  const names = splitDelimited(header, delimiter ?? ";").fields.map((f) => f.trim().toLowerCase());
  const at = Object.fromEntries(COLUMNS.map((c) => [c, names.indexOf(c)])) as Record<Column, number>;
  const missing = REQUIRED.filter((c) => at[c] < 0);
  if (delimiter === undefined || missing.length > 0) {
    report(
      1,
      1,
      "path_file.header",
      `header: missing column ${missing.join(", ") || "separator"} (found: ${names.join(", ")})`,
      `expected e.g. ${COLUMNS.join(";")}`,
    );
    return undefined;
  }
  return { delimiter, width: names.length, at, names: new Map() };
}

function readRow(line: string, lineNo: number, layout: Layout, separator: string, report: Report): PathRow | undefined {
  const { fields, openQuoteAt } = splitDelimited(line, layout.delimiter);
  if (openQuoteAt !== undefined) return report(lineNo, openQuoteAt, "path_file.quote", "unterminated quote");
  if (fields.length !== layout.width) {
    return report(
      lineNo,
      Math.min(fields.length, layout.width) + 1,
      "path_file.width",
      `expected ${layout.width} fields, found ${fields.length}`,
    );
  }
  const channels = readPath(at(fields, layout.at.path), lineNo, layout.at.path + 1, layout, separator, report);
  const conversions = readNumber(fields, layout.at.total_conversions, "total_conversions", lineNo, report);
  const value = readNumber(fields, layout.at.total_conversion_value, "total_conversion_value", lineNo, report);
  const nulls = readNumber(fields, layout.at.total_null, "total_null", lineNo, report);
  if (!channels || conversions === undefined || value === undefined || nulls === undefined) return undefined;
  return { channels, conversions, value, nulls };
}

function intern(names: Map<string, string>, name: string): string {
  const known = names.get(name);
  if (known !== undefined) return known;
  names.set(name, name);
  return name;
}

function readPath(text: string, line: number, column: number, layout: Layout, separator: string, report: Report): string[] | undefined {
  const channels: string[] = [];
  for (const raw of text.split(separator)) {
    const name = raw.trim();
    if (name === "") return emptyChannel(text, line, column, separator, report);
    channels.push(intern(layout.names, name));
  }
  return channels;
}

function emptyChannel(text: string, line: number, column: number, separator: string, report: Report): undefined {
  if (text.trim() === "") return report(line, column, "path_file.empty_path", "path: is empty");
  return report(
    line,
    column,
    "path_file.empty_channel",
    `path: "${text}" has an empty channel`,
    `channels are separated by "${separator}"`,
  );
}

function readNumber(fields: readonly string[], index: number, name: Column, line: number, report: Report): number | undefined {
  if (index < 0) return 0; // optional column absent
  const raw = at(fields, index).trim();
  if (raw === "" && name !== "total_conversions") return 0;
  if (!NUMBER.test(raw)) {
    return report(line, index + 1, "path_file.not_a_number", `${name}: "${raw}" is not a number`, "expected e.g. 3 or 12.5");
  }
  const value = Number(raw);
  if (value < 0) return report(line, index + 1, "path_file.negative", `${name}: ${raw} is negative`);
  return value;
}
