// Which engine a command runs on: `--engine` wins over `engine:` in the config; neither means the
// embedded DuckDB workspace file. An unknown value fails naming the valid ones.
import { isPostgresUrl } from "../db/postgres.js";
import type { LoadedConfig } from "../model/config.js";
import { UserError } from "../model/diagnostic.js";

export type EngineChoice = { readonly kind: "duckdb" } | { readonly kind: "postgres"; readonly url: string };

export function resolveEngine(flag: string | undefined, loaded: LoadedConfig): EngineChoice {
  const value = flag ?? loaded.config.engine;
  if (value === undefined || value === "duckdb") return { kind: "duckdb" };
  if (isPostgresUrl(value)) return { kind: "postgres", url: value };
  const where = flag !== undefined ? "--engine" : `${loaded.file}: engine`;
  throw new UserError(`${where}: "${value}" is not an engine (valid: duckdb, postgres://user:password@host:5432/database)`, "bad_engine");
}
