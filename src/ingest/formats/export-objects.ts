// Reads each exported object file (Opportunity.csv, deals.csv, …) into a `lined_<object>` table:
// every column as text plus the record's physical line in the file and the raw record, with records
// DuckDB cannot parse (and report footers) quarantined under that file's name. Logical fields
// are found in the header by their aliases here; table builds refer to them by name only. As for
// canonical files (load-table.ts), the layout scan places records on their physical lines, and the
// text of every quarantined record is copied from the file once the builds are done.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { SqlEngine } from "../../db/engine.js";
import { UserError } from "../../model/diagnostic.js";
import type { RecordLines } from "../../sql/ingest-sql.js";
import type { BuildObject } from "../../sql/formats/table-build.js";
import {
  compileDropLinedObject,
  compileKeepObjectTexts,
  compileLinedObject,
  compileQuarantinedObjectSpans,
} from "../../sql/formats/export-object-sql.js";
import { compileMarkApproximateLines, compileRejectsQuarantine } from "../../sql/ingest/quarantine-sql.js";
import { compileCountRejects, compileReadCsv, type CsvRead } from "../../sql/ingest/read-csv-sql.js";
import { compileDropRead, compileDropRecordLines } from "../../sql/ingest/record-lines-sql.js";
import { readCsvHeader } from "../csv-header.js";
import { checkLayout, layoutAsDuckDbReads, scanCsvLayout } from "../csv-layout.js";
import { readCsvOrExplain } from "../load-table.js";
import { loadRecordTexts, placeRecords } from "../record-lines.js";
import { transcodeSource, type SourceEncoding } from "../source-file.js";
import { findColumn, looksLikeHeader, type FieldAliases } from "./aliases.js";

export interface ExportObject {
  /** Config key (`opportunity`, `deals`, …). */
  readonly key: string;
  readonly displayName: string;
  readonly header: readonly string[];
  readonly aliases: FieldAliases;
  /** Records DuckDB rejected (already in quarantine). */
  readonly rejected: number;
  /** The file as read, until releaseExportObject: quarantined records' texts come from it. */
  readonly read: {
    /** Name the file was read under (`raw_<name>`, `lines_<name>`, …). */
    readonly name: string;
    /** The file DuckDB read: UTF-8, record-ending line breaks as in the file or all LF. */
    readonly path: string;
    /** How records map to the file's lines. */
    readonly lines: RecordLines;
    /** A folder for the files DuckDB reads back (record lines, texts). */
    readonly dir: string;
    /** Drops the staging tables and removes the folder and any copy of the file. */
    dispose(): Promise<void>;
  };
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

/** Reads the object; the caller releases it (releaseExportObject) once the table builds are done. */
export async function readExportObject(input: ReadObjectInput): Promise<ExportObject> {
  const { engine, key, displayName, delimiter, aliases } = input;
  const header = await readCsvHeader(input.file, displayName, delimiter, (fields) => looksLikeHeader(fields, aliases));
  const source = await transcodeSource(input.file, input.encoding);
  const name = `obj_${key}`;
  let dir: string | null = null;
  const dispose = async () => {
    const staging = [compileDropLinedObject(key), ...compileDropRead(name), ...compileDropRecordLines(name)];
    for (const sql of staging) await engine.run(sql).catch(() => undefined);
    if (dir) await rm(dir, { recursive: true, force: true });
    await source.dispose();
  };
  try {
    dir = await mkdtemp(path.join(os.tmpdir(), "pipeprism-lines-"));
    const read: CsvRead = { name, file: source.path, delimiter, header: header.columns, skipLines: header.skipLines };
    // The layout scan runs while DuckDB reads the file; a file DuckDB cannot read as it is (mixed
    // line ends) is read again from a copy with LF line ends. Title lines before the header are
    // skipped by both.
    const [scanned, readError] = await Promise.allSettled([
      scanCsvLayout(source.path, { delimiter, skipUnits: header.skipLines }),
      engine.run(compileReadCsv(read)),
    ]);
    if (scanned.status === "rejected") throw scanned.reason;
    const layout = scanned.value;
    checkLayout(layout, displayName);
    const readPath = await source.withLfBreaks(layout, delimiter);
    if (readPath !== source.path || readError.status === "rejected") {
      for (const sql of compileDropRead(name)) await engine.run(sql);
      await readCsvOrExplain(engine, compileReadCsv({ ...read, file: readPath }), readPath, displayName);
    }
    const placed = layoutAsDuckDbReads(layout, header.columns.length);
    const lines = await placeRecords({ engine, name, layout: placed, skipUnits: header.skipLines, dir });
    const [r] = await engine.all(compileCountRejects(name));
    const rejected = Number(r?.n ?? 0);
    await engine.run(compileRejectsQuarantine(name, input.quarantineAs, displayName, { mapped: lines.kind === "mapped", rawTexts: false }));
    await engine.run(
      compileLinedObject({
        key,
        readAs: name,
        delimiter,
        header: header.columns,
        hasRejects: rejected > 0,
        skipLines: header.skipLines,
        lines,
      }),
    );
    return { key, displayName, header: header.columns, aliases, rejected, read: { name, path: readPath, lines, dir, dispose } };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/**
 * Quarantine rows of the object's file get the record's text as in the file, quoting and line
 * breaks kept (else they keep its fields joined by the delimiter). After the table builds.
 */
export async function keepQuarantinedTexts(engine: SqlEngine, obj: ExportObject): Promise<void> {
  const { name, path: file, lines, dir } = obj.read;
  if (lines.kind === "records") {
    // The layout scan and DuckDB disagreed: lines are DuckDB's, and the rows say so.
    await engine.run(compileMarkApproximateLines(obj.displayName));
    return;
  }
  const spans = await engine.all(compileQuarantinedObjectSpans(obj.key, name, obj.displayName, lines.kind === "mapped"));
  if (spans.length === 0) return;
  await loadRecordTexts(
    engine,
    name,
    file,
    spans.map((s) => ({ line: Number(s.line), span: Number(s.span) })),
    dir,
  );
  await engine.run(compileKeepObjectTexts(name, obj.displayName));
}

/** Drops the object's staging tables (lines, texts) and removes its temporary files. */
export async function releaseExportObject(obj: ExportObject): Promise<void> {
  await obj.read.dispose();
}

/** The object as table builds are compiled against it: each logical field's header, when exported. */
export function buildObject(obj: ExportObject): BuildObject {
  const fields: Record<string, string> = {};
  for (const field of Object.keys(obj.aliases)) {
    const i = findColumn(obj.header, obj.aliases[field] ?? []);
    if (i >= 0) fields[field] = obj.header[i] ?? "";
  }
  return { key: obj.key, fields, header: obj.header };
}

export function hasField(obj: ExportObject | undefined, field: string): boolean {
  return Boolean(obj) && findColumn(obj?.header ?? [], obj?.aliases[field] ?? []) >= 0;
}

/**
 * Stops the ingest when the object has no column for a field (or for any of `fields`) that a
 * required canonical value comes from, as a canonical file without a required column does.
 */
export function requireField(obj: ExportObject, field: string | readonly string[], purpose: string): void {
  const fields = typeof field === "string" ? [field] : field;
  if (fields.some((f) => hasField(obj, f))) return;
  const aliases = fields.flatMap((f) => obj.aliases[f] ?? []);
  throw new UserError(
    `${obj.displayName}: no column for ${purpose} (looked for ${aliases.map((a) => `"${a}"`).join(", ")}); the header has ${obj.header.map((h) => `"${h}"`).join(", ")}`,
    "missing_column",
  );
}
