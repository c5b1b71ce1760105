// Opening a PostgreSQL schema that `pipeprism ingest --engine …` filled: every table reports read
// must be there, so a wrong schema or database fails with the fix, not with a query error halfway
// through a report.
import { openPostgres, type PostgresEngine } from "../db/postgres.js";
import { CANONICAL_TABLES } from "../model/config-schema.js";
import { UserError } from "../model/diagnostic.js";
import { readColumns } from "./read-columns.js";

const WORKSPACE_TABLES: readonly string[] = [
  "opportunities",
  ...CANONICAL_TABLES.filter((t) => t !== "opportunities"),
  "quarantine",
  "ingest_files",
  "workspace_info",
  "ref_regions",
  "snapshots",
];

export interface CheckedPostgres {
  readonly engine: PostgresEngine;
  readonly columns: Map<string, Set<string>>;
}

export async function openPostgresTables(url: string): Promise<CheckedPostgres> {
  const engine = await openPostgres(url);
  try {
    const columns = await readColumns(engine);
    const missing = WORKSPACE_TABLES.find((t) => !columns.has(t));
    if (missing) {
      throw new UserError(
        `table "${missing}" not found in PostgreSQL schema "${engine.schema}": run \`pipeprism ingest --engine ${engine.target.redacted}\` first`,
        "table_missing",
      );
    }
    return { engine, columns };
  } catch (error) {
    await engine.close().catch(() => undefined);
    throw error;
  }
}
