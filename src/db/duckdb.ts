// Embedded DuckDB: the default engine. A workspace file opened read-only lets several readers
// (CLI reports, the dashboard) share it while no ingest is running.
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";
import { duckdbDialect } from "../sql/dialect.js";
import type { SqlEngine } from "./engine.js";
import { logged } from "./sql-log.js";
import { normalizeRow, type Row, type SqlValue } from "./normalize.js";

export interface DuckDbOptions {
  readonly readOnly?: boolean;
  /** DuckDB's memory limit unless PIPEPRISM_DUCKDB_MEMORY sets one; default 2GB. */
  readonly memoryLimit?: string;
}

export async function openDuckDb(file: string, options: DuckDbOptions = {}): Promise<SqlEngine> {
  const settings: Record<string, string> = options.readOnly ? { access_mode: "READ_ONLY" } : {};
  const instance = await DuckDBInstance.create(file, settings);
  const connection = await instance.connect();
  // Timestamps are stored in UTC; offsets in source text are converted, never dropped.
  await connection.run("SET TimeZone = 'UTC'");
  // Progress is tracked (for ingest's progress bar) but never printed by DuckDB itself.
  await connection.run("SET enable_progress_bar = true; SET enable_progress_bar_print = false");
  // DuckDB would otherwise take 80 % of RAM; a bounded limit makes large ingests and reports
  // spill to disk instead (PIPEPRISM_DUCKDB_MEMORY overrides, e.g. 8GB).
  await connection.run(`SET memory_limit = '${memoryLimit(options.memoryLimit)}'`);
  return new DuckDbEngine(instance, connection);
}

const PROGRESS_POLL_MS = 250;

function memoryLimit(fallback = "2GB"): string {
  const configured = process.env.PIPEPRISM_DUCKDB_MEMORY;
  return configured && /^\d+(\.\d+)?\s*(KB|MB|GB|TB)$/i.test(configured) ? configured : fallback;
}

class DuckDbEngine implements SqlEngine {
  readonly dialect = duckdbDialect;
  onProgress: ((percent: number) => void) | null = null;
  constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  async run(sql: string, params: readonly SqlValue[] = []): Promise<void> {
    const listener = this.onProgress;
    const timer = listener ? setInterval(() => reportProgress(this.connection, listener), PROGRESS_POLL_MS) : null;
    try {
      await logged("duckdb", sql, () => this.connection.run(sql, toDuckValues(params)));
    } finally {
      if (timer) clearInterval(timer);
    }
  }

  async all(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    const reader = await logged("duckdb", sql, () => this.connection.runAndReadAll(sql, toDuckValues(params)));
    return reader.getRowObjectsJS().map(normalizeRow);
  }

  async close(): Promise<void> {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function reportProgress(connection: DuckDBConnection, listener: (percent: number) => void): void {
  const percent = connection.progress.percentage;
  if (percent >= 0) listener(percent);
}

function toDuckValues(params: readonly SqlValue[]): DuckDBValue[] | undefined {
  if (params.length === 0) return undefined;
  return params.map((p) => p as DuckDBValue);
}
