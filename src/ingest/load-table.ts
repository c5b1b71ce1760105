// One source file into one canonical table, with its counts: rows read = kept + quarantined.
import path from "node:path";
import type { SqlEngine } from "../db/engine.js";
import { TABLE_SPECS } from "../model/canonical-tables.js";
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
import { compileQuarantineInsert, COUNT_QUARANTINED } from "../sql/ingest/quarantine-sql.js";
import { compileTableRules } from "../sql/ingest/table-rules-sql.js";
import { bindColumns } from "./bind-columns.js";
import { readCsvHeader } from "./csv-header.js";
import { prepareSourceFile } from "./source-file.js";

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
}

export async function loadTable(input: LoadTableInput): Promise<TableIngestStats> {
  const { engine, config, table, file, displayName } = input;
  const spec = TABLE_SPECS[table];
  const delimiter = config.sources.delimiter;
  const header = await readCsvHeader(file, displayName, delimiter);
  const { bindings, extras } = bindColumns(spec, header.columns, config.columns[table] ?? {}, displayName);
  const source = await prepareSourceFile(file, config.sources.encoding);
  const plan: StagePlan = {
    table,
    file: source.path,
    displayName,
    delimiter,
    header: header.columns,
    bindings,
    extras,
    ...(spec.key ? { key: spec.key } : {}),
    rowRules: [],
    coercions: coercionsFor(coercionOptions(config)),
    skipLines: 0,
  };
  await engine.run(compileReadRaw(plan));
  return stageAndKeep(engine, config, plan);
}

export function coercionOptions(config: Config): CoercionOptions {
  return { dateFormat: config.sources.date_format, decimalSeparator: config.sources.decimal_separator };
}

/** Checks, quarantine and the kept canonical table, from `raw_<table>` onwards. */
export async function stageAndKeep(engine: SqlEngine, config: Config, base: StagePlan): Promise<TableIngestStats> {
  const table = base.table as CanonicalTable;
  const rules = compileTableRules(table, config, base.bindings, base.extras);
  const plan: StagePlan = { ...base, rowRules: [...base.rowRules, ...rules.rowRules] };
  const displayName = plan.displayName;
  const [read] = await engine.all(compileCountRead(plan));
  const rejected = Number(read?.rejected ?? 0);
  const rowsRead = Number(read?.parsed ?? 0) + rejected + (plan.prebuiltRejected ?? 0);
  await engine.run(compileStage(plan, rejected > 0, rules.overrides));
  const duplicates = compileMarkDuplicates(plan);
  if (duplicates) await engine.run(duplicates);
  for (const sql of compileQuarantineInsert(plan)) await engine.run(sql);
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
  return path.relative(baseDir, file) || file;
}
