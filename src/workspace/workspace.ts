// An opened workspace: the engine plus what reports need to know about it (config, which columns
// each table has, the data's as-of date). Reports take a Workspace, never a raw connection.
import { existsSync } from "node:fs";
import { openDuckDb } from "../db/duckdb.js";
import type { SqlEngine } from "../db/engine.js";
import { loadConfig, type LoadedConfig } from "../model/config.js";
import type { Config } from "../model/config-schema.js";
import { UserError } from "../model/diagnostic.js";
import { workspaceFile } from "./paths.js";

export interface Workspace {
  readonly engine: SqlEngine;
  readonly config: Config;
  readonly loaded: LoadedConfig;
  /** Column names per table present in the workspace. */
  readonly columns: ReadonlyMap<string, ReadonlySet<string>>;
  /** Latest date in the data at ingest time: the default "today" of every report. */
  readonly dataAsOf: string;
  close(): Promise<void>;
}

export async function openWorkspace(configOrLoaded: string | LoadedConfig = "pipeprism.yaml"): Promise<Workspace> {
  const loaded = typeof configOrLoaded === "string" ? await loadConfig(configOrLoaded) : configOrLoaded;
  const file = workspaceFile(loaded);
  if (!existsSync(file)) {
    throw new UserError(`no workspace at ${file}: run \`pipeprism ingest\` first`, "workspace_missing");
  }
  const engine = await openDuckDb(file, { readOnly: true });
  return workspaceOn(engine, loaded);
}

export async function workspaceOn(engine: SqlEngine, loaded: LoadedConfig): Promise<Workspace> {
  const columns = await readColumns(engine);
  const info = await engine.all(`SELECT value FROM workspace_info WHERE key = 'data_as_of'`);
  const dataAsOf = String(info[0]?.value ?? new Date().toISOString().slice(0, 10));
  return { engine, config: loaded.config, loaded, columns, dataAsOf, close: () => engine.close() };
}

async function readColumns(engine: SqlEngine): Promise<Map<string, Set<string>>> {
  const rows = await engine.all(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const table = String(r.table_name);
    if (!out.has(table)) out.set(table, new Set());
    out.get(table)?.add(String(r.column_name));
  }
  return out;
}

export function hasTable(ws: Workspace, table: string): boolean {
  return ws.columns.has(table);
}
