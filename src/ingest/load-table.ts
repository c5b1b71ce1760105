// One source file into one canonical table, with its counts: rows read = kept + quarantined.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { SqlEngine } from "../db/engine.js";
import { TABLE_SPECS } from "../model/canonical-tables.js";
import { UserError } from "../model/diagnostic.js";
import type { CanonicalTable, Config } from "../model/config-schema.js";
import { coercionsFor, type CoercionOptions } from "../sql/coerce-sql.js";
import {
  compileCountRead,
  compileDropStaging,
  compileKeep,
  compileMarkDuplicates,
  compileReadRaw,
  compileStage,
  type StagePlan,
} from "../sql/ingest-sql.js";
import { compileCountRows } from "../sql/ingest/ingest-counts-sql.js";
import { compileMarkApproximateLines, compileQuarantineInsert, COUNT_QUARANTINED } from "../sql/ingest/quarantine-sql.js";
import { compileDropRead, compileDropRecordLines, compileQuarantinedSpans } from "../sql/ingest/record-lines-sql.js";
import { compileTableRules } from "../sql/ingest/table-rules-sql.js";
import { bindColumns } from "./bind-columns.js";
import { readCsvHeader } from "./csv-header.js";
import { checkLayout, layoutAsDuckDbReads, linesDuckDbCannotReject, scanCsvLayout } from "./csv-layout.js";
import { loadRecordTexts, placeRecords } from "./record-lines.js";
import { transcodeSource } from "./source-file.js";
import { checkingPhase, readingPhase, type ProgressTracker } from "./ingest-progress.js";

export interface TableIngestStats {
  readonly table: CanonicalTable;
  readonly file: string;
  readonly rowsRead: number;
  readonly rowsKept: number;
  readonly rowsQuarantined: number;
}

export interface LoadTableInput {
  readonly engine: SqlEngine;
  readonly config: Config;
  readonly table: CanonicalTable;
  readonly file: string;
  /** How messages name the file: relative to the config's folder. */
  readonly displayName: string;
  /** Told when the file's reading and its checks start (ingest's one progress sweep). */
  readonly progress?: Pick<ProgressTracker, "start">;
}

export async function loadTable(input: LoadTableInput): Promise<TableIngestStats> {
  const { engine, config, table, file, displayName } = input;
  input.progress?.start(readingPhase(displayName));
  const spec = TABLE_SPECS[table];
  const delimiter = config.sources.delimiter;
  const header = await readCsvHeader(file, displayName, delimiter);
  const source = await transcodeSource(file, config.sources.encoding);
  const dir = await mkdtemp(path.join(os.tmpdir(), "pipeprism-lines-"));
  try {
    const plan: StagePlan = {
      table,
      file: source.path,
      displayName,
      delimiter,
      header: header.columns,
      bindings: [],
      extras: [],
      ...(spec.key ? { key: spec.key } : {}),
      rowRules: [],
      coercions: coercionsFor(coercionOptions(config)),
      skipLines: 0,
    };
    // The layout scan runs while DuckDB reads the file; a file DuckDB cannot read as it is (mixed
    // line ends) is read again from a copy with LF line ends.
    const [scanned, readError] = await Promise.allSettled([
      scanCsvLayout(source.path, { delimiter, skipUnits: 0 }),
      engine.run(compileReadRaw(plan)),
    ]);
    if (scanned.status === "rejected") throw scanned.reason;
    const layout = scanned.value;
    checkLayout(layout, displayName);
    const { bindings, extras } = bindColumns(spec, header.columns, config.columns[table] ?? {}, displayName);
    const readPath = await source.withLfBreaks(layout, delimiter);
    if (readPath !== source.path || readError.status === "rejected") {
      for (const sql of compileDropRead(table)) await engine.run(sql);
      await readCsvOrExplain(engine, compileReadRaw({ ...plan, file: readPath }), readPath, displayName);
    }
    const read: StagePlan = { ...plan, file: readPath, bindings, extras };
    const lines = await placeRecords({
      engine,
      name: table,
      layout: layoutAsDuckDbReads(layout, header.columns.length),
      skipUnits: 0,
      dir,
    });
    input.progress?.start(checkingPhase(displayName));
    return await stageAndKeep(engine, config, { ...read, lines }, dir);
  } finally {
    for (const sql of compileDropRecordLines(table)) await engine.run(sql).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    await source.dispose();
  }
}

/**
 * DuckDB's reader can still fail on a whole file: it keeps the first 10,000 bytes of a rejected
 * record's text, cut even inside a UTF-8 character, and then refuses to store that text ("Invalid
 * unicode … segment statistics"). Such a failure names the file and the suspect lines. `sql`
 * is the read (compileReadCsv), `file` what it reads.
 */
export async function readCsvOrExplain(engine: SqlEngine, sql: string, file: string, displayName: string): Promise<void> {
  try {
    await engine.run(sql);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const reason = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
    const suspects = /invalid unicode/i.test(reason) ? await linesDuckDbCannotReject(file) : [];
    const where = suspects.length ? `:${suspects[0]}` : "";
    const why = suspects.length
      ? `; line${suspects.length > 1 ? "s" : ""} ${suspects.join(", ")} hold${suspects.length > 1 ? "" : "s"} a record over 10,000 bytes of non-ASCII text that DuckDB cannot quarantine when it is malformed: check its quoting and number of fields`
      : "";
    throw new UserError(`${displayName}${where}: DuckDB's CSV reader could not read the file (${reason})${why}`, "unreadable_file");
  }
}

export function coercionOptions(config: Config): CoercionOptions {
  return { dateFormat: config.sources.date_format, decimalSeparator: config.sources.decimal_separator };
}

/**
 * Checks, quarantine and the kept canonical table, from `raw_<table>` onwards. With `dir` (a file
 * read here, `base.lines` set), quarantined records get their text from the file.
 */
export async function stageAndKeep(engine: SqlEngine, config: Config, base: StagePlan, dir?: string): Promise<TableIngestStats> {
  const table = base.table as CanonicalTable;
  const rules = compileTableRules(table, config, base.bindings, base.extras);
  let plan: StagePlan = { ...base, rowRules: [...base.rowRules, ...rules.rowRules] };
  const displayName = plan.displayName;
  const [read] = await engine.all(compileCountRead(plan));
  const rejected = Number(read?.rejected ?? 0);
  const rowsRead = Number(read?.parsed ?? 0) + rejected + (plan.prebuiltRejected ?? 0);
  await engine.run(compileStage(plan, rejected > 0, rules.overrides));
  const duplicates = compileMarkDuplicates(plan);
  if (duplicates) await engine.run(duplicates);
  if (dir && plan.lines && plan.lines.kind !== "records") {
    const spans = await engine.all(compileQuarantinedSpans(table, plan.lines.kind === "mapped"));
    if (spans.length) {
      const records = spans.map((r) => ({ line: Number(r.line), span: Number(r.span) }));
      await loadRecordTexts(engine, table, plan.file, records, dir);
      plan = { ...plan, rawTexts: true };
    }
  }
  for (const sql of compileQuarantineInsert(plan)) await engine.run(sql);
  if (dir && plan.lines?.kind === "records") await engine.run(compileMarkApproximateLines(displayName));
  for (const sql of compileDropStaging(plan)) await engine.run(sql);
  for (const sql of compileKeep(plan)) await engine.run(sql);
  return countRows(engine, table, displayName, rowsRead);
}

/** Kept and quarantined are counted apart from rows read, so a lost row cannot go unnoticed. */
async function countRows(engine: SqlEngine, table: CanonicalTable, displayName: string, rowsRead: number): Promise<TableIngestStats> {
  const [kept] = await engine.all(compileCountRows(table));
  const [quarantined] = await engine.all(COUNT_QUARANTINED, [table]);
  const rowsKept = Number(kept?.n ?? 0);
  const rowsQuarantined = Number(quarantined?.n ?? 0);
  if (rowsKept + rowsQuarantined !== rowsRead) {
    throw new Error(
      `${displayName}: ${rowsRead} rows read but ${rowsKept} kept + ${rowsQuarantined} quarantined (a bug: please report it)`,
    );
  }
  return { table, file: displayName, rowsRead, rowsKept, rowsQuarantined };
}

export function displayNameFor(baseDir: string, file: string): string {
  const relative = path.relative(baseDir, file);
  // A file outside the config's folder is named by its absolute path: "../../../work/data/x.csv"
  // is correct but tells a reader less than "/work/data/x.csv".
  return !relative || relative.startsWith(`..${path.sep}`) ? file : relative;
}
