// SQL that moves a finished DuckDB workspace into a PostgreSQL schema: each table exported by
// DuckDB as CSV, re-created with the faithful PostgreSQL type, loaded with COPY. The DuckDB half
// reads the workspace; the PostgreSQL half runs inside one transaction (see postgres-transfer).
import { UserError } from "../model/diagnostic.js";
import { quoteIdent as q, quoteLiteral as lit } from "./dialect.js";
import { NUL_SHOWN } from "./ingest/quarantine-sql.js";

interface TransferColumn {
  readonly name: string;
  /** The DuckDB type as information_schema spells it, e.g. DECIMAL(18,2). */
  readonly duckType: string;
}

export interface TransferTable {
  readonly name: string;
  readonly columns: readonly TransferColumn[];
}

/** DuckDB: every column of every table of the workspace, in table and column order. */
export const LIST_WORKSPACE_COLUMNS = `SELECT table_name, column_name, data_type FROM information_schema.columns
WHERE table_schema = 'main' ORDER BY table_name, ordinal_position`;

/**
 * DuckDB: the table as headerless CSV; NULL is an empty field, an empty string is "". PostgreSQL
 * text cannot hold a NUL byte (COPY fails on the whole transfer): ingest quarantines every value
 * it would keep with one and shows it as U+2400 in quarantined text; this is the safety net.
 */
export function compileExportCsv(table: TransferTable, file: string): string {
  const columns = table.columns
    .map((c) => (c.duckType === "VARCHAR" ? `replace(${q(c.name)}, chr(0), ${lit(NUL_SHOWN)}) AS ${q(c.name)}` : q(c.name)))
    .join(", ");
  return `COPY (SELECT ${columns} FROM ${q(table.name)}) TO ${lit(file)} (FORMAT csv, HEADER false, QUOTE '"', ESCAPE '"', NULL '')`;
}

const SIMPLE_TYPES: Readonly<Record<string, string>> = {
  VARCHAR: "text",
  DOUBLE: "double precision",
  FLOAT: "real",
  BIGINT: "bigint",
  INTEGER: "integer",
  SMALLINT: "smallint",
  TINYINT: "smallint",
  UBIGINT: "numeric(20,0)",
  UINTEGER: "bigint",
  HUGEINT: "numeric(38,0)",
  BOOLEAN: "boolean",
  DATE: "date",
  TIMESTAMP: "timestamp",
  "TIMESTAMP WITH TIME ZONE": "timestamptz",
};

/** The PostgreSQL type holding exactly the values of a DuckDB type. */
function postgresType(duckType: string): string {
  const decimal = /^DECIMAL\((\d+),(\d+)\)$/.exec(duckType);
  if (decimal) return `numeric(${decimal[1]},${decimal[2]})`;
  const simple = SIMPLE_TYPES[duckType];
  if (!simple) throw new Error(`no PostgreSQL type for DuckDB type ${duckType} (a bug: please report it)`);
  return simple;
}

const qualified = (schema: string, table: string) => `${q(schema)}.${q(table)}`;

export const compileCreateSchema = (schema: string) => `CREATE SCHEMA IF NOT EXISTS ${q(schema)}`;

/** Whether the schema holds the table: one row with `n` = 0 or 1. */
export function compileHasTable(schema: string, table: string): string {
  return `SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = ${lit(schema)} AND table_name = ${lit(table)}`;
}

/** PostgreSQL keeps the first 63 bytes of a name and drops the rest without an error. */
const MAX_IDENTIFIER_BYTES = 63;

/**
 * A column PostgreSQL would silently rename (an extra column kept from a long file header): the
 * transfer stops naming it instead, so no segment field quietly reads as missing on PostgreSQL.
 */
function checkColumnName(table: string, name: string): void {
  const bytes = Buffer.byteLength(name, "utf8");
  if (bytes <= MAX_IDENTIFIER_BYTES) return;
  const shown = name.length > 40 ? `${name.slice(0, 40)}…` : name;
  throw new UserError(
    `${table}: column "${shown}" has a ${bytes}-byte name, and PostgreSQL keeps only ${MAX_IDENTIFIER_BYTES} bytes of a name; shorten that header in the ${table} file (extra columns are named after their header)`,
    "engine_error",
  );
}

export function compileCreateTable(schema: string, table: TransferTable): string[] {
  for (const c of table.columns) checkColumnName(table.name, c.name);
  const columns = table.columns.map((c) => `${q(c.name)} ${postgresType(c.duckType)}`).join(", ");
  return [`DROP TABLE IF EXISTS ${qualified(schema, table.name)}`, `CREATE TABLE ${qualified(schema, table.name)} (${columns})`];
}

export function compileCopyFrom(schema: string, table: TransferTable): string {
  const columns = table.columns.map((c) => q(c.name)).join(", ");
  return `COPY ${qualified(schema, table.name)} (${columns}) FROM STDIN (FORMAT csv, QUOTE '"', ESCAPE '"', NULL '')`;
}

const SNAPSHOT_COLUMNS = "as_of, dimension, segment, stage, open_count, open_amount";
const PREVIOUS_SNAPSHOTS = "pipeprism_previous_snapshots";

/** Earlier ingests' snapshots, kept aside before the table is replaced. */
export function compileSaveSnapshots(schema: string): string {
  return `CREATE TEMP TABLE ${PREVIOUS_SNAPSHOTS} ON COMMIT DROP AS SELECT ${SNAPSHOT_COLUMNS} FROM ${qualified(schema, "snapshots")}`;
}

/** Carries them forward; a date this ingest recorded again keeps only the new rows. */
export function compileRestoreSnapshots(schema: string): string {
  const table = qualified(schema, "snapshots");
  return `INSERT INTO ${table} (${SNAPSHOT_COLUMNS}) SELECT ${SNAPSHOT_COLUMNS} FROM ${PREVIOUS_SNAPSHOTS}
WHERE as_of NOT IN (SELECT as_of FROM ${table})`;
}

/** The join keys reports use most, so PostgreSQL need not scan touchpoints per opportunity. */
const INDEXES: readonly (readonly [string, string])[] = [
  ["accounts", "account_id"],
  ["opportunities", "opportunity_id"],
  ["opportunities", "account_id"],
  ["stage_history", "opportunity_id"],
  ["touchpoints", "opportunity_id"],
  ["touchpoints", "account_id"],
];

export function compileIndexes(schema: string, tables: readonly TransferTable[]): string[] {
  const has = (t: string, c: string) => tables.some((x) => x.name === t && x.columns.some((col) => col.name === c));
  return INDEXES.filter(([t, c]) => has(t, c)).map(([t, c]) => `CREATE INDEX ON ${qualified(schema, t)} (${q(c)})`);
}

export const compileAnalyze = (schema: string, table: string) => `ANALYZE ${qualified(schema, table)}`;
