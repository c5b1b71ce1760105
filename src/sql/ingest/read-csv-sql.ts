// Reading a CSV file as DuckDB sees it: every column as text (no sniffing, which gives up on one
// bad row), malformed records to a rejects table instead of an abort, and each kept record's
// line in the file. Header names are hostile input: they reach SQL only through quoteLiteral.
import { quoteIdent as q, quoteLiteral as lit } from "../dialect.js";
import { rawTable, rejectsName, rejectsTable } from "./staging-names.js";

export interface CsvRead {
  readonly name: string;
  readonly file: string;
  readonly delimiter: string;
  readonly header: readonly string[];
  /** Lines before the header (report titles) that the reader skips. */
  readonly skipLines: number;
}

/** Every column as text into `raw_<name>`, malformed records to `rejects_<name>`. */
export function compileReadCsv(read: CsvRead): string {
  const columns = read.header.map((h) => `${lit(h)}: 'VARCHAR'`).join(", ");
  const rejects = rejectsName(read.name);
  return `CREATE TEMP TABLE ${rawTable(read.name)} AS SELECT * FROM read_csv(${lit(read.file)}, auto_detect=false, header=true,
  delim=${lit(read.delimiter)}, quote='"', escape='"', columns={${columns}}, store_rejects=true, skip=${read.skipLines},
  rejects_table=${lit(rejects)}, rejects_scan=${lit(`${rejects}_scan`)})`;
}

/** One row, `n`: how many records of the file the reader rejected. */
export function compileCountRejects(name: string): string {
  return `SELECT count(DISTINCT line) AS n FROM ${rejectsTable(name)}`;
}

/**
 * Line of the i-th kept record, skipping lines DuckDB rejected before it. DuckDB numbers
 * rejected lines from the start of the file, skipped title lines included.
 */
export function lineExpr(name: string, hasRejects: boolean, skipLines: number): string {
  if (!hasRejects) return `__record + ${1 + skipLines}`;
  return `__record + ${1 + skipLines} + (SELECT count(*) FROM (SELECT line - ${skipLines} - row_number() OVER (ORDER BY line) AS k
    FROM (SELECT DISTINCT line FROM ${rejectsTable(name)})) r WHERE r.k <= __record)`;
}

/** A record's text as read, fields joined by the delimiter: what quarantine shows as `raw_row`. */
export function rawRowExpr(delimiter: string, header: readonly string[], alias?: string): string {
  const ref = (h: string) => (alias ? `${alias}.${q(h)}` : q(h));
  return `concat_ws(${lit(delimiter)}, ${header.map((h) => `coalesce(${ref(h)}, '')`).join(", ")})`;
}
