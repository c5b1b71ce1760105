// PostgreSQL: the same reports where a team's CRM data already lives. Values come back in the
// forms DuckDB's do after normalisation (counts and sums as numbers, dates as YYYY-MM-DD, times
// as ISO strings), so a report cannot tell the engines apart. A connection is pinned to one
// schema (`?schema=` in the URL, else the server's search_path).
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { UserError } from "../model/diagnostic.js";
import { postgresDialect, quoteIdent } from "../sql/dialect.js";
import type { SqlEngine } from "./engine.js";
import { logged } from "./sql-log.js";
import { normalizeRow, type Row, type SqlValue } from "./normalize.js";

export interface PostgresTarget {
  /** The URL handed to the driver: the user's, without pipeprism's own `schema` parameter. */
  readonly connectionString: string;
  /** Schema named in the URL, or null for the server's search_path. */
  readonly schema: string | null;
  /** host:port/database, for messages. */
  readonly where: string;
  /** The URL with any password removed, for messages and ingest summaries. */
  readonly redacted: string;
}

export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

function parsePostgresUrl(value: string): PostgresTarget {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UserError(
      `--engine: "${redact(value)}" is not a PostgreSQL URL (expected postgres://user:password@host:5432/database)`,
      "bad_engine",
    );
  }
  const schema = url.searchParams.get("schema");
  url.searchParams.delete("schema");
  const database = decodeURIComponent(url.pathname.replace(/^\//, "")) || "postgres";
  const where = `${url.hostname || "localhost"}:${url.port || "5432"}/${database}`;
  const shown = new URL(url.href);
  shown.password = "";
  if (schema) shown.searchParams.set("schema", schema);
  return { connectionString: url.href, schema: schema || null, where, redacted: shown.href };
}

function redact(value: string): string {
  return value.replace(/\/\/([^:@/]*):[^@/]*@/, "//$1@");
}

/** Text → value parsers by type OID; the rest keep the driver's defaults. */
const PARSERS: Readonly<Record<number, (text: string) => unknown>> = {
  20: Number, // int8: counts
  1700: Number, // numeric: money and sums of money
  1082: (text) => text, // date: already YYYY-MM-DD
  1114: (text) => new Date(`${text.replace(" ", "T")}Z`), // timestamp: normalised like DuckDB's
  1184: (text) => new Date(text), // timestamptz
};

const types = {
  getTypeParser: ((oid: number, format?: string) =>
    PARSERS[oid] ?? pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

export async function openPostgres(value: string): Promise<PostgresEngine> {
  const target = parsePostgresUrl(value);
  const client = new pg.Client({ connectionString: target.connectionString, types, connectionTimeoutMillis: 15_000 });
  client.on("error", () => undefined); // a dropped connection surfaces on the next query instead
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw new UserError(`cannot connect to PostgreSQL at ${target.where}: ${reason(error)}`, "engine_unreachable");
  }
  await client.query("SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 1");
  // Report queries are long SQL texts with large cost estimates: the JIT would spend seconds
  // compiling each (minutes for the Markov and Shapley credit lists) to save milliseconds.
  await client.query("SET jit = off");
  // Sorts and hash aggregates over journey touches spill to disk at the 4MB default; raise the
  // session's work_mem to 256MB unless the server already allows more.
  await client.query(
    "SELECT set_config('work_mem', '256MB', false) WHERE pg_size_bytes(current_setting('work_mem')) < pg_size_bytes('256MB')",
  );
  if (target.schema) await client.query(`SET search_path TO ${quoteIdent(target.schema)}`);
  const [row] = (await client.query<{ schema: string | null }>("SELECT current_schema() AS schema")).rows;
  return new PostgresEngine(client, target, target.schema ?? row?.schema ?? "public");
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length) return error.errors.map(reason).join("; ");
  if (error instanceof Error) return error.message || String((error as { code?: string }).code ?? error.name);
  return String(error);
}

export class PostgresEngine implements SqlEngine {
  readonly dialect = postgresDialect;
  constructor(
    private readonly client: pg.Client,
    readonly target: PostgresTarget,
    /** The schema reports read and ingest writes. */
    readonly schema: string,
  ) {}

  async run(sql: string, params: readonly SqlValue[] = []): Promise<void> {
    await logged("postgres", sql, () => this.client.query(numberPlaceholders(sql, params), params as unknown[]));
  }

  async all(sql: string, params: readonly SqlValue[] = []): Promise<Row[]> {
    const result = await logged("postgres", sql, () => this.client.query(numberPlaceholders(sql, params), params as unknown[]));
    return result.rows.map((r: Record<string, unknown>) => normalizeRow(r));
  }

  /** Runs a `COPY … FROM STDIN` statement with the file's bytes as its input. */
  async copyFromFile(copySql: string, file: string): Promise<void> {
    await pipeline(createReadStream(file), this.client.query(copyFrom(copySql)));
  }

  /**
   * fn inside one transaction: committed when it resolves, rolled back when it throws. An error
   * the server raised becomes one message starting with `what`; anything else is a bug, rethrown.
   */
  async transaction<T>(what: string, fn: () => Promise<T>): Promise<T> {
    await this.client.query("BEGIN");
    try {
      const result = await fn();
      await this.client.query("COMMIT");
      return result;
    } catch (error) {
      await this.client.query("ROLLBACK").catch(() => undefined);
      if (error instanceof pg.DatabaseError)
        throw new UserError(`${what}: ${error.message} (rolled back: nothing was changed)`, "engine_error");
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}

/** Builders write `?` placeholders (DuckDB's); PostgreSQL numbers them. Quoted text is skipped. */
function numberPlaceholders(sql: string, params: readonly SqlValue[]): string {
  if (params.length === 0) return sql;
  let n = 0;
  return sql.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\?/g, (token) => (token === "?" ? `$${++n}` : token));
}
