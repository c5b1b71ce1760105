// `pipeprism ingest --engine postgres://…`: the normal ingest (same checks, same quarantine) into a
// temporary DuckDB file, then every workspace table copied into the PostgreSQL schema in ONE
// transaction. Readers see the previous data until the commit, and a failure leaves it intact.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openDuckDb } from "../db/duckdb.js";
import type { SqlEngine } from "../db/engine.js";
import { openPostgres, type PostgresEngine } from "../db/postgres.js";
import type { LoadedConfig } from "../model/config.js";
import {
  LIST_WORKSPACE_COLUMNS,
  compileAnalyze,
  compileCopyFrom,
  compileCreateSchema,
  compileCreateTable,
  compileExportCsv,
  compileHasTable,
  compileIndexes,
  compileRestoreSnapshots,
  compileSaveSnapshots,
  type TransferTable,
} from "../sql/transfer-sql.js";
import { ingest, type IngestOptions, type IngestResult } from "./ingest.js";

export async function ingestToPostgres(loaded: LoadedConfig, url: string, options: IngestOptions = {}): Promise<IngestResult> {
  const target = await openPostgres(url);
  const dir = await mkdtemp(path.join(os.tmpdir(), "pipeprism-pg-ingest-"));
  try {
    const local: LoadedConfig = { ...loaded, config: { ...loaded.config, workspace: path.join(dir, "workspace.duckdb") } };
    const result = await ingest(local, options);
    await transferWorkspace(result.workspace, target, dir);
    return { ...result, workspace: `${target.target.redacted} (schema ${target.schema})` };
  } finally {
    await target.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

/** Copies every table of the DuckDB workspace file into the engine's schema, atomically. */
async function transferWorkspace(duckFile: string, target: PostgresEngine, scratchDir: string): Promise<void> {
  const source = await openDuckDb(duckFile, { readOnly: true });
  let tables: TransferTable[];
  const files = new Map<string, string>();
  try {
    tables = await workspaceTables(source);
    for (const table of tables) {
      const file = path.join(scratchDir, `${table.name}.csv`);
      await source.run(compileExportCsv(table, file));
      files.set(table.name, file);
    }
  } finally {
    await source.close();
  }
  const schema = target.schema;
  await target.transaction(`ingest into PostgreSQL schema "${schema}" at ${target.target.where}`, async () => {
    await target.run(compileCreateSchema(schema));
    const [previous] = await target.all(compileHasTable(schema, "snapshots"));
    const keepSnapshots = Number(previous?.n ?? 0) > 0;
    if (keepSnapshots) await target.run(compileSaveSnapshots(schema));
    for (const table of tables) {
      for (const sql of compileCreateTable(schema, table)) await target.run(sql);
      await target.copyFromFile(compileCopyFrom(schema, table), files.get(table.name) ?? "");
    }
    if (keepSnapshots && tables.some((t) => t.name === "snapshots")) await target.run(compileRestoreSnapshots(schema));
    for (const sql of compileIndexes(schema, tables)) await target.run(sql);
    for (const table of tables) await target.run(compileAnalyze(schema, table.name));
  });
}

async function workspaceTables(source: SqlEngine): Promise<TransferTable[]> {
  const byName = new Map<string, { name: string; duckType: string }[]>();
  for (const r of await source.all(LIST_WORKSPACE_COLUMNS)) {
    const name = String(r.table_name);
    byName.set(name, [...(byName.get(name) ?? []), { name: String(r.column_name), duckType: String(r.data_type) }]);
  }
  return [...byName].map(([name, columns]) => ({ name, columns }));
}
