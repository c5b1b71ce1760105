// Physical lines and exact text of records, from the files ingest writes beside DuckDB's read
// (src/ingest/record-lines.ts): `lines_<name>` has the line and line count of each record DuckDB
// parsed, in file order (joined by position); `reject_lines_<name>` the same for each record it
// rejected, by DuckDB's record number; `raw_text_<name>` the text of every quarantined record.
import { quoteIdent as q, quoteLiteral as lit } from "../dialect.js";
import { rawTable, rejectsName, rejectsTable } from "./staging-names.js";

export const linesTable = (name: string): string => q(`lines_${name}`);
export const rejectLinesTable = (name: string): string => q(`reject_lines_${name}`);
export const rawTextTable = (name: string): string => q(`raw_text_${name}`);

const readNumbers = (file: string, columns: readonly string[]) =>
  `read_csv(${lit(file)}, auto_detect=false, header=false, delim=',', quote='', columns={${columns.map((c) => `${lit(c)}: 'BIGINT'`).join(", ")}})`;

export function compileLoadLines(name: string, file: string): string {
  return `CREATE TEMP TABLE ${linesTable(name)} AS SELECT * FROM ${readNumbers(file, ["__phys_line", "__phys_span"])}`;
}

export function compileLoadRejectLines(name: string, file: string): string {
  return `CREATE TEMP TABLE ${rejectLinesTable(name)} AS SELECT * FROM ${readNumbers(file, ["record_line", "line", "span"])}`;
}

/** Rejected records, one row each: DuckDB's record number (its `line`), ascending. */
export function compileRejectedRecords(name: string): string {
  return `SELECT DISTINCT line FROM ${rejectsTable(name)} ORDER BY line`;
}

/** One row, `n`: the records DuckDB parsed. */
export function compileCountParsed(rawTableName: string): string {
  return `SELECT count(*) AS n FROM ${rawTableName}`;
}

/** Line and line count of every record quarantine will hold: failed checks, then (mapped) rejects. */
export function compileQuarantinedSpans(table: string, mapped: boolean): string {
  const checked = `SELECT source_line AS line, ${mapped ? "__span" : "1"} AS span FROM ${q(table)} WHERE __reason IS NOT NULL`;
  return mapped ? `${checked} UNION ALL SELECT line, span FROM ${rejectLinesTable(table)}` : checked;
}

/** The texts file has one record a line: its line, a tab, its text as a JSON string (no raw line break). */
export function compileLoadRawTexts(name: string, file: string, maxLineSize: number): string {
  const size = Math.max(2_097_152, Math.ceil(maxLineSize));
  return `CREATE TEMP TABLE ${rawTextTable(name)} AS SELECT line, json_extract_string(text, '$') AS raw FROM read_csv(${lit(file)},
  auto_detect=false, header=false, delim='\t', quote='', new_line='\\n', columns={'line': 'BIGINT', 'text': 'VARCHAR'},
  max_line_size=${size}, buffer_size=${size * 2})`;
}

export function compileDropRecordLines(name: string): string[] {
  return [linesTable(name), rejectLinesTable(name), rawTextTable(name)].map((t) => `DROP TABLE IF EXISTS ${t}`);
}

/** Undoes compileReadCsv, to read the file again. */
export function compileDropRead(name: string): string[] {
  return [rawTable(name), rejectsTable(name), q(`${rejectsName(name)}_scan`)].map((t) => `DROP TABLE IF EXISTS ${t}`);
}
