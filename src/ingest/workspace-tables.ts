// Workspace tables that do not come from a file: empty canonical tables for absent optional
// sources (so every report can query them), the regions lookup, and facts about this ingest.
import type { SqlEngine } from "../db/engine.js";
import { TABLE_SPECS, type ColumnKind } from "../model/canonical-tables.js";
import type { CanonicalTable } from "../model/config-schema.js";
import { quoteIdentAnsi as q, quoteLiteral as lit } from "../sql/dialect.js";
import { REGION_PRESET_ROWS } from "../segments/regions.js";
import type { TableIngestStats } from "./load-table.js";

const SQL_TYPE: Readonly<Record<ColumnKind, string>> = {
  text: "VARCHAR",
  lower_text: "VARCHAR",
  number: "DOUBLE",
  money: "DECIMAL(18,2)",
  date: "DATE",
  timestamp: "TIMESTAMP",
  bool: "BOOLEAN",
  status: "VARCHAR",
  deal_type: "VARCHAR",
  month: "VARCHAR",
  period: "VARCHAR",
};

export async function createEmptyTable(engine: SqlEngine, table: CanonicalTable): Promise<void> {
  const columns = TABLE_SPECS[table].columns.map((c) => `${q(c.name)} ${SQL_TYPE[c.kind]}`);
  if (table === "touchpoints") columns.push(`"raw_channel" VARCHAR`);
  await engine.run(`CREATE TABLE ${q(table)} (source_line BIGINT, ${columns.join(", ")})`);
}

export async function loadRegionPreset(engine: SqlEngine): Promise<void> {
  await engine.run(`CREATE TABLE ref_regions (key VARCHAR PRIMARY KEY, region VARCHAR)`);
  const values = REGION_PRESET_ROWS.map((r) => `(${lit(r.key)}, ${lit(r.region)})`);
  for (let i = 0; i < values.length; i += 500) {
    await engine.run(`INSERT INTO ref_regions VALUES ${values.slice(i, i + 500).join(", ")}`);
  }
}

/** The latest event date in the data; open deals' expected close dates do not count. */
export async function dataAsOf(engine: SqlEngine): Promise<string> {
  const [row] = await engine.all(`SELECT CAST(greatest(
      (SELECT max(created_date) FROM opportunities),
      (SELECT max(close_date) FROM opportunities WHERE status <> 'open'),
      (SELECT max(CAST(entered_at AS DATE)) FROM stage_history)) AS VARCHAR) AS d`);
  return row?.d ? String(row.d) : "1970-01-01";
}

export async function writeWorkspaceInfo(engine: SqlEngine, asOf: string, tables: readonly TableIngestStats[]): Promise<void> {
  await engine.run(`CREATE TABLE workspace_info (key VARCHAR PRIMARY KEY, value VARCHAR)`);
  await engine.run(`INSERT INTO workspace_info VALUES ('data_as_of', ?), ('schema_version', '1')`, [asOf]);
  await engine.run(`CREATE TABLE ingest_files (table_name VARCHAR, file VARCHAR, rows_read BIGINT, rows_kept BIGINT, rows_quarantined BIGINT)`);
  for (const t of tables) {
    await engine.run(`INSERT INTO ingest_files VALUES (?, ?, ?, ?, ?)`, [t.table, t.file, t.rowsRead, t.rowsKept, t.rowsQuarantined]);
  }
}
