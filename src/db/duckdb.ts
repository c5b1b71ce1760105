// Embedded DuckDB: the default engine. A workspace file opened read-only lets several readers
// (CLI reports, the dashboard) share it while no ingest is running.
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import { duckdbDialect } from "../sql/dialect.js";
import type { SqlEngine } from "./engine.js";
import { normalizeRow, type Row, type SqlValue } from "./normalize.js";

export interface DuckDbOptions {
  readonly readOnly?: boolean;
}

export async function openDuckDb(file: string, options: DuckDbOptions = {}): Promise<SqlEngine> {
  const settings: Record<string, string> = options.readOnly ? { access_mode: "READ_ONLY" } : {};
  const instance = await DuckDBInstance.create(file, settings);
  const connection = await instance.connect();
  // Timestamps are stored in UTC; offsets in source text are converted, never dropped.
  await connection.run("SET TimeZone = 'UTC'");
  return new DuckDbEngine(instance, connection);
}

class DuckDbEngine implements SqlEngine {
  readonly dialect = duckdbDialect;
  constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  async run(sql: string, params: readonly SqlValue[] = []): Promise<void> {
    await this.connection.run(sql, toDuckValues(params));
  }

  async all(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    const reader = await this.connection.runAndReadAll(sql, toDuckValues(params));
    return reader.getRowObjectsJS().map(normalizeRow);
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function toDuckValues(params: readonly SqlValue[]): DuckDBValue[] | undefined {
  if (params.length === 0) return undefined;
  return params.map((p) => p as DuckDBValue);
}
