// Workspace tables that do not come from a file: empty canonical tables for absent optional
// sources (so every report can query them), the regions lookup, and facts about this ingest.
import type { SqlEngine } from "../db/engine.js";
import type { CanonicalTable } from "../model/config-schema.js";
import {
  compileCreateEmptyTable,
  compileInsertRegions,
  CREATE_INGEST_FILES,
  CREATE_REF_REGIONS,
  CREATE_WORKSPACE_INFO,
  DATA_AS_OF,
  INSERT_INGEST_FILE,
  INSERT_WORKSPACE_INFO,
} from "../sql/ingest/workspace-tables-sql.js";
import { REGION_PRESET_ROWS } from "../segments/regions.js";
import type { TableIngestStats } from "./load-table.js";

export async function createEmptyTable(engine: SqlEngine, table: CanonicalTable): Promise<void> {
  await engine.run(compileCreateEmptyTable(table));
}

export async function loadRegionPreset(engine: SqlEngine): Promise<void> {
  await engine.run(CREATE_REF_REGIONS);
  for (const sql of compileInsertRegions(REGION_PRESET_ROWS)) await engine.run(sql);
}

/** The latest event date in the data; open deals' expected close dates do not count. */
export async function dataAsOf(engine: SqlEngine): Promise<string> {
  const [row] = await engine.all(DATA_AS_OF);
  return row?.d ? String(row.d) : "1970-01-01";
}

export interface IngestFacts {
  readonly asOf: string;
  /** Lookback the ingest built pipeline journeys with; reports rebuild them when the config differs. */
  readonly journeysLookbackDays: number;
}

export async function writeWorkspaceInfo(engine: SqlEngine, facts: IngestFacts, tables: readonly TableIngestStats[]): Promise<void> {
  await engine.run(CREATE_WORKSPACE_INFO);
  const info: [string, string][] = [
    ["data_as_of", facts.asOf],
    ["schema_version", "1"],
    ["journeys_lookback_days", String(facts.journeysLookbackDays)],
  ];
  for (const [key, value] of info) await engine.run(INSERT_WORKSPACE_INFO, [key, value]);
  await engine.run(CREATE_INGEST_FILES);
  for (const t of tables) await engine.run(INSERT_INGEST_FILE, [t.table, t.file, t.rowsRead, t.rowsKept, t.rowsQuarantined]);
}
