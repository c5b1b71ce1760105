// Reads each exported object file (Opportunity.csv, deals.csv, …) into a `lined_<object>` table:
// every column as text plus the record's line in the file and the raw record, with records
// DuckDB cannot parse (and report footers) quarantined under that file's name. Logical fields
// are found in the header by their aliases here; table builds refer to them by name only.
import type { SqlEngine } from "../../db/engine.js";
import { UserError } from "../../model/diagnostic.js";
import type { BuildObject } from "../../sql/formats/table-build.js";
import { compileLinedObject } from "../../sql/formats/export-object-sql.js";
import { compileRejectsQuarantine } from "../../sql/ingest/quarantine-sql.js";
import { compileCountRejects, compileReadCsv } from "../../sql/ingest/read-csv-sql.js";
import { readCsvHeader } from "../csv-header.js";
import { prepareSourceFile, type SourceEncoding } from "../source-file.js";
import { findColumn, looksLikeHeader, type FieldAliases } from "./aliases.js";

export interface ExportObject {
  /** Config key (`opportunity`, `deals`, …). */
  readonly key: string;
  readonly displayName: string;
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
  const [r] = await engine.all(compileCountRejects(name));
  const rejected = Number(r?.n ?? 0);
  await engine.run(compileRejectsQuarantine(name, input.quarantineAs, displayName));
  await engine.run(
    compileLinedObject({ key, readAs: name, delimiter, header: header.columns, hasRejects: rejected > 0, skipLines: header.skipLines }),
  );
  return { key, displayName, header: header.columns, aliases, rejected };
}

/** The object as table builds are compiled against it: each logical field's header, when exported. */
export function buildObject(obj: ExportObject): BuildObject {
  const fields: Record<string, string> = {};
  for (const field of Object.keys(obj.aliases)) {
    const i = findColumn(obj.header, obj.aliases[field] ?? []);
    if (i >= 0) fields[field] = obj.header[i] ?? "";
  }
  return { key: obj.key, fields };
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
