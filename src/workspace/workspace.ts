// An opened workspace: the engine plus what reports need to know about it (config, which columns
// each table has, the data's as-of date). Reports take a Workspace, never a raw connection. The
// engine is the DuckDB file beside the config, or PostgreSQL when `--engine` or `engine:` says so.
import type { SegmentFilter } from "../model/segment-filter.js";
import { existsSync } from "node:fs";
import { openDuckDb } from "../db/duckdb.js";
import type { SqlEngine } from "../db/engine.js";
import { loadConfig, type LoadedConfig } from "../model/config.js";
import type { Config } from "../model/config-schema.js";
import { UserError } from "../model/diagnostic.js";
import { resolveEngine } from "./engine-choice.js";
import { workspaceFile } from "./paths.js";
import { PRECOMPUTED_JOURNEYS, PRECOMPUTED_REQUIRED_COLUMNS } from "../sql/journeys-sql.js";
import { READ_WORKSPACE_INFO } from "../sql/workspace-sql.js";
import { openPostgresTables } from "./postgres-workspace.js";
import { readColumns } from "./read-columns.js";
import { removeStaleStaging } from "./staging.js";

export interface Workspace {
  readonly engine: SqlEngine;
  readonly config: Config;
  readonly loaded: LoadedConfig;
  /** Column names per table present in the workspace. */
  readonly columns: ReadonlyMap<string, ReadonlySet<string>>;
  /** Latest date in the data at ingest time: the default "today" of every report. */
  readonly dataAsOf: string;
  /** Lookback the ingest built pipeline journeys with, or null when it built none. */
  readonly journeysLookbackDays: number | null;
  /** Set by runPlan for a report with --where: every query's opportunity base applies it. */
  readonly where?: readonly SegmentFilter[];
  close(): Promise<void>;
}

export interface OpenWorkspaceOptions {
  /** "duckdb" or a postgres:// URL; overrides `engine:` in the config. */
  readonly engine?: string;
}

export async function openWorkspace(
  configOrLoaded: string | LoadedConfig = "pipeprism.yaml",
  options: OpenWorkspaceOptions = {},
): Promise<Workspace> {
  const loaded = typeof configOrLoaded === "string" ? await loadConfig(configOrLoaded) : configOrLoaded;
  const choice = resolveEngine(options.engine, loaded);
  if (choice.kind === "postgres") {
    const { engine, columns } = await openPostgresTables(choice.url);
    return workspaceOn(engine, loaded, columns);
  }
  const file = workspaceFile(loaded);
  // A killed ingest's staging files would otherwise stay beside the workspace for good.
  await removeStaleStaging(file);
  if (!existsSync(file)) {
    throw new UserError(`no workspace at ${file}: run \`pipeprism ingest\` first`, "workspace_missing");
  }
  const engine = await openDuckDb(file, { readOnly: true });
  return workspaceOn(engine, loaded);
}

export async function workspaceOn(
  engine: SqlEngine,
  loaded: LoadedConfig,
  known?: ReadonlyMap<string, ReadonlySet<string>>,
): Promise<Workspace> {
  const columns = known ?? (await readColumns(engine));
  const info = new Map((await engine.all(READ_WORKSPACE_INFO)).map((r) => [String(r.key), r.value]));
  const dataAsOf = String(info.get("data_as_of") ?? new Date().toISOString().slice(0, 10));
  const lookback = info.get("journeys_lookback_days");
  const journeyColumns = columns.get(PRECOMPUTED_JOURNEYS);
  const current = journeyColumns !== undefined && PRECOMPUTED_REQUIRED_COLUMNS.every((c) => journeyColumns.has(c));
  const journeysLookbackDays = current && lookback !== undefined && lookback !== null ? Number(lookback) : null;
  return { engine, config: loaded.config, loaded, columns, dataAsOf, journeysLookbackDays, close: () => engine.close() };
}

/** Reports read the journeys ingest built, unless the config's lookback changed since. */
export function hasPrecomputedJourneys(ws: Workspace): boolean {
  return ws.journeysLookbackDays === ws.config.attribution.lookback_days;
}
