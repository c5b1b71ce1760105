// Reads each exported object file (Opportunity.csv, deals.csv, …) into a `lined_<object>` table:
// every column as text plus the record's line in the file and the raw record, with records
// DuckDB cannot parse (and report footers) quarantined under that file's name.
import type { SqlEngine } from "../../db/engine.js";
import { UserError } from "../../model/diagnostic.js";
import { quoteIdentAnsi as q, quoteLiteral as lit } from "../../sql/dialect.js";
import { compileReadCsv, compileRejectsQuarantine, lineExpr } from "../../sql/ingest-sql.js";
import { readCsvHeader } from "../csv-header.js";
import { prepareSourceFile, type SourceEncoding } from "../source-file.js";
import { findColumn, looksLikeHeader, type FieldAliases } from "./aliases.js";

export interface ExportObject {
  /** Config key (`opportunity`, `deals`, …). */
  readonly key: string;
  readonly displayName: string;
  readonly table: string;
  readonly header: readonly string[];
  readonly aliases: FieldAliases;
  /** Records DuckDB rejected (already in quarantine). */
  readonly rejected: number;
}

export interface ReadObjectInput {
  readonly engine: SqlEngine;
  readonly key: string;
  readonly file: string;
  readonly displayName: string;
  readonly delimiter: string;
  readonly encoding: SourceEncoding;
  readonly aliases: FieldAliases;
  /** Canonical table the object's rejected records count against. */
  readonly quarantineAs: string;
}

export async function readExportObject(input: ReadObjectInput): Promise<ExportObject> {
  const { engine, key, displayName, delimiter, aliases } = input;
  const header = await readCsvHeader(input.file, displayName, delimiter, (fields) => looksLikeHeader(fields, aliases));
  const source = await prepareSourceFile(input.file, input.encoding);
  const name = `obj_${key}`;
  await engine.run(compileReadCsv({ name, file: source.path, delimiter, header: header.columns, skipLines: header.skipLines }));
  const [r] = await engine.all(`SELECT count(DISTINCT line) AS n FROM ${q(`rejects_${name}`)}`);
  const rejected = Number(r?.n ?? 0);
  await engine.run(compileRejectsQuarantine(name, input.quarantineAs, displayName));
  const rawRow = `concat_ws(${lit(delimiter)}, ${header.columns.map((h) => `coalesce(${q(h)}, '')`).join(", ")})`;
  const table = `lined_${key}`;
  await engine.run(`CREATE TEMP TABLE ${q(table)} AS SELECT *, ${lineExpr(name, rejected > 0, header.skipLines)} AS __line, ${rawRow} AS __raw_row
    FROM (SELECT rowid + 1 AS __record, * FROM ${q(`raw_${name}`)})`);
  return { key, displayName, table, header: header.columns, aliases, rejected };
}

/** SQL text of a logical field of an object (`alias.column`), or NULL when the export lacks it. */
export function fieldSql(obj: ExportObject | undefined, field: string, alias: string): string {
  const i = obj ? findColumn(obj.header, obj.aliases[field] ?? []) : -1;
  if (!obj || i < 0) return "CAST(NULL AS VARCHAR)";
  return `NULLIF(trim(${alias}.${q(obj.header[i] ?? "")}), '')`;
}

export function hasField(obj: ExportObject | undefined, field: string): boolean {
  return Boolean(obj) && findColumn(obj?.header ?? [], obj?.aliases[field] ?? []) >= 0;
}

export function fieldPosition(obj: ExportObject | undefined, field: string): number | null {
  const i = obj ? findColumn(obj.header, obj.aliases[field] ?? []) : -1;
  return i >= 0 ? i + 1 : null;
}

export function requireField(obj: ExportObject, field: string, purpose: string): void {
  if (hasField(obj, field)) return;
  throw new UserError(
    `${obj.displayName}: no column for ${purpose} (looked for ${(obj.aliases[field] ?? []).map((a) => `"${a}"`).join(", ")}); the header has ${obj.header.map((h) => `"${h}"`).join(", ")}`,
    "missing_column",
  );
}
