// Workspace tables that do not come from a source file: empty canonical tables for absent optional
// sources (so every report can query them), the regions lookup, and facts about this ingest.
import { TABLE_SPECS, type ColumnKind } from "../../model/canonical-tables.js";
import type { CanonicalTable } from "../../model/config-schema.js";
import { quoteIdent as q, quoteLiteral as lit } from "../dialect.js";

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

/** The canonical table with no rows, typed as a loaded one would be. */
export function compileCreateEmptyTable(table: CanonicalTable): string {
  const columns = TABLE_SPECS[table].columns.map((c) => `${q(c.name)} ${SQL_TYPE[c.kind]}`);
  if (table === "touchpoints") columns.push(`${q("raw_channel")} VARCHAR`);
  return `CREATE TABLE ${q(table)} (source_line BIGINT, ${columns.join(", ")})`;
}

export const CREATE_REF_REGIONS = "CREATE TABLE ref_regions (key VARCHAR PRIMARY KEY, region VARCHAR)";

/** Region preset rows, in statements of at most `chunk` rows. */
export function compileInsertRegions(rows: readonly { readonly key: string; readonly region: string }[], chunk = 500): string[] {
  const values = rows.map((r) => `(${lit(r.key)}, ${lit(r.region)})`);
  const out: string[] = [];
  for (let i = 0; i < values.length; i += chunk) out.push(`INSERT INTO ref_regions VALUES ${values.slice(i, i + chunk).join(", ")}`);
  return out;
}

/** One row, `d`: the latest event date in the data; open deals' expected close dates do not count. */
export const DATA_AS_OF = `SELECT CAST(greatest(
      (SELECT max(created_date) FROM opportunities),
      (SELECT max(close_date) FROM opportunities WHERE status <> 'open'),
      (SELECT max(CAST(entered_at AS DATE)) FROM stage_history)) AS VARCHAR) AS d`;

export const CREATE_WORKSPACE_INFO = "CREATE TABLE workspace_info (key VARCHAR PRIMARY KEY, value VARCHAR)";
/** Two parameters: key and value. */
export const INSERT_WORKSPACE_INFO = "INSERT INTO workspace_info VALUES (?, ?)";

export const CREATE_INGEST_FILES =
  "CREATE TABLE ingest_files (table_name VARCHAR, file VARCHAR, rows_read BIGINT, rows_kept BIGINT, rows_quarantined BIGINT)";
/** Five parameters: table, file, rows read, kept and quarantined. */
export const INSERT_INGEST_FILE = "INSERT INTO ingest_files VALUES (?, ?, ?, ?, ?)";

/** Writes the workspace file's pages, so the file is complete before it is renamed into place. */
export const CHECKPOINT = "CHECKPOINT";
