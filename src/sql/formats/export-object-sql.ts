// An exported object file (Opportunity.csv, deals.csv, …) as `lined_<key>`: every column as text
// plus each record's physical line in the file, its line count and its fields joined again, which
// table builds carry into quarantine. Lines come as for canonical files (src/ingest/record-lines.ts):
// `lines_<name>` joined by position, a formula of the record number, or DuckDB's record numbers.
import { quoteLiteral as lit } from "../dialect.js";
import type { RecordLines } from "../ingest-sql.js";
import { lineExpr, rawRowExpr } from "../ingest/read-csv-sql.js";
import { linesTable, rawTextTable, rejectLinesTable } from "../ingest/record-lines-sql.js";
import { linedTable, rawTable } from "../ingest/staging-names.js";

export interface LinedObject {
  readonly key: string;
  /** Name the file was read under by compileReadCsv. */
  readonly readAs: string;
  readonly delimiter: string;
  readonly header: readonly string[];
  readonly hasRejects: boolean;
  readonly skipLines: number;
  readonly lines: RecordLines;
}

export function compileLinedObject(o: LinedObject): string {
  const raw = rawRowExpr(o.delimiter, o.header, "r");
  const records = `(SELECT rowid + 1 AS __record, * FROM ${rawTable(o.readAs)}) r`;
  if (o.lines.kind === "mapped") {
    // The n-th row of `lines_<name>` is the n-th record DuckDB parsed.
    return `CREATE TEMP TABLE ${linedTable(o.key)} AS SELECT r.*, l.__phys_line AS __line, l.__phys_span AS __span, ${raw} AS __raw_row
    FROM ${records} POSITIONAL JOIN ${linesTable(o.readAs)} l`;
  }
  const line = o.lines.kind === "formula" ? `__record + ${o.lines.firstDataLine - 1}` : lineExpr(o.readAs, o.hasRejects, o.skipLines);
  return `CREATE TEMP TABLE ${linedTable(o.key)} AS SELECT r.*, ${line} AS __line, 1 AS __span, ${raw} AS __raw_row
    FROM ${records}`;
}

/**
 * Line and line count of each of the object's records that quarantine holds (by file name): its
 * parsed records from `lined_<key>`, with `mapped` lines its rejected ones from `reject_lines_<name>`.
 */
export function compileQuarantinedObjectSpans(key: string, readAs: string, displayName: string, mapped: boolean): string {
  const rejected = mapped ? `\n  UNION ALL SELECT line, span FROM ${rejectLinesTable(readAs)}` : "";
  return `SELECT DISTINCT s.line, s.span FROM (SELECT __line AS line, __span AS span FROM ${linedTable(key)}${rejected}) s
  WHERE s.line IN (SELECT line FROM quarantine WHERE file = ${lit(displayName)})`;
}

/** Quarantine rows of the file get their record's text as in the file (`raw_text_<name>`, by line). */
export function compileKeepObjectTexts(readAs: string, displayName: string): string {
  return `UPDATE quarantine SET raw_row = x.raw FROM ${rawTextTable(readAs)} x
  WHERE quarantine.file = ${lit(displayName)} AND quarantine.line = x.line`;
}

/** The object's staging once its tables are built (compileDropRead drops what DuckDB read). */
export function compileDropLinedObject(key: string): string {
  return `DROP TABLE IF EXISTS ${linedTable(key)}`;
}
