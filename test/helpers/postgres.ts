// PostgreSQL for tests: the server named by PIPEPRISM_TEST_PG (scripts/ci-postgres.sh starts one),
// a fresh schema per test, a project ingested into one (and into DuckDB beside it), and a
// field-by-field comparison of two engines' results.
import { randomBytes } from "node:crypto";
import { describe, it } from "vitest";
import { openPostgres } from "../../src/db/postgres.js";
import { ingest } from "../../src/ingest/ingest.js";
import { ingestToPostgres } from "../../src/ingest/postgres-transfer.js";
import { loadConfig, type LoadedConfig } from "../../src/model/config.js";
import { openWorkspace, type Workspace } from "../../src/workspace/workspace.js";

const TEST_PG_URL = process.env.PIPEPRISM_TEST_PG ?? null;

/** `describe` whose body gets the server URL; fails under CI=true and skips otherwise when unset. */
export function describePostgres(name: string, body: (url: string) => void): void {
  const url = TEST_PG_URL;
  if (url) {
    describe(name, () => body(url));
    return;
  }
  if (process.env.CI === "true") {
    describe(name, () => {
      it("needs a PostgreSQL server", () => {
        throw new Error("PIPEPRISM_TEST_PG is not set: run scripts/ci-postgres.sh and export the URL it prints");
      });
    });
    return;
  }
  console.warn(`SKIPPED "${name}": set PIPEPRISM_TEST_PG=postgres://… (scripts/ci-postgres.sh starts a server)`);
  describe.skip(name, () => {
    it("needs a PostgreSQL server", () => undefined);
  });
}

/** A new, empty schema on the server: its URL (with ?schema=) and a function dropping it. */
export async function freshSchema(url: string, prefix = "pp_test"): Promise<{ url: string; schema: string; drop: () => Promise<void> }> {
  const schema = `${prefix}_${randomBytes(5).toString("hex")}`;
  const withSchema = new URL(url);
  withSchema.searchParams.set("schema", schema);
  const drop = async () => {
    const engine = await openPostgres(url);
    try {
      await engine.run(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    } finally {
      await engine.close();
    }
  };
  return { url: withSchema.href, schema, drop };
}

export interface PostgresWorkspace {
  readonly ws: Workspace;
  /** The schema's URL (with ?schema=), for `--engine`. */
  readonly url: string;
  /** Closes the workspace and drops its schema. */
  readonly close: () => Promise<void>;
}

/**
 * A project (config path or loaded config) ingested into a fresh schema, once as of each of
 * `earlierIngests` (so snapshots accumulate) and then as of its latest date, and opened there.
 */
export async function postgresWorkspace(
  url: string,
  config: string | LoadedConfig,
  earlierIngests: readonly string[] = [],
): Promise<PostgresWorkspace> {
  const loaded = await asLoaded(config);
  const schema = await freshSchema(url);
  const ws = await orCleanUp(async () => {
    for (const asOf of earlierIngests) await ingestToPostgres(loaded, schema.url, { asOf });
    await ingestToPostgres(loaded, schema.url);
    return openWorkspace(loaded, { engine: schema.url });
  }, schema.drop);
  return { ws, url: schema.url, close: () => ws.close().finally(schema.drop) };
}

export interface BothEngines {
  readonly duck: Workspace;
  readonly pg: Workspace;
  /** Closes both workspaces and drops the PostgreSQL schema. */
  readonly close: () => Promise<void>;
}

/** A project ingested into its DuckDB workspace and into a fresh PostgreSQL schema alike (see postgresWorkspace), and opened on both. */
export async function openOnBothEngines(
  url: string,
  config: string | LoadedConfig,
  earlierIngests: readonly string[] = [],
): Promise<BothEngines> {
  const loaded = await asLoaded(config);
  for (const asOf of earlierIngests) await ingest(loaded, { asOf });
  await ingest(loaded);
  const pg = await postgresWorkspace(url, loaded, earlierIngests);
  const duck = await orCleanUp(() => openWorkspace(loaded), pg.close);
  return { duck, pg: pg.ws, close: () => duck.close().finally(pg.close) };
}

async function asLoaded(config: string | LoadedConfig): Promise<LoadedConfig> {
  return typeof config === "string" ? loadConfig(config) : config;
}

/** `open()`'s result; when it fails, `cleanUp()` runs before the error is rethrown. */
async function orCleanUp<T>(open: () => Promise<T>, cleanUp: () => Promise<void>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

interface Difference {
  readonly path: string;
  readonly duckdb: unknown;
  readonly postgres: unknown;
}

export interface Comparison {
  /** Numbers compared, and how many were bit-for-bit equal. */
  numbers: number;
  identical: number;
  maxAbsolute: number;
  maxRelative: number;
  readonly differences: Difference[];
  /** Fields (report.key, row indexes dropped) that were not bit-identical, with their largest relative gap. */
  readonly inexact: Map<string, number>;
}

export function emptyComparison(): Comparison {
  return { numbers: 0, identical: 0, maxAbsolute: 0, maxRelative: 0, differences: [], inexact: new Map() };
}

/**
 * Walks two results side by side. Integers on both sides (counts, whole-unit money) must be equal;
 * other numbers may differ by 1e-9 relative (floating-point sums added in another order).
 */
export function compareValues(a: unknown, b: unknown, path: string, out: Comparison, tolerance = 1e-9): Comparison {
  if (typeof a === "number" && typeof b === "number") {
    out.numbers += 1;
    if (Object.is(a, b)) {
      out.identical += 1;
      return out;
    }
    const absolute = Math.abs(a - b);
    const relative = absolute / Math.max(Math.abs(a), Math.abs(b));
    out.maxAbsolute = Math.max(out.maxAbsolute, absolute);
    out.maxRelative = Math.max(out.maxRelative, relative);
    const field = path.replace(/\[\d+\]/g, "");
    out.inexact.set(field, Math.max(out.inexact.get(field) ?? 0, relative));
    const exact = Number.isInteger(a) && Number.isInteger(b) && Math.abs(a) < 1e12;
    if (exact || !(absolute <= tolerance * Math.max(1, Math.abs(a), Math.abs(b)))) out.differences.push({ path, duckdb: a, postgres: b });
    return out;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) out.differences.push({ path: `${path}.length`, duckdb: a.length, postgres: b.length });
    for (let i = 0; i < Math.min(a.length, b.length); i++) compareValues(a[i], b[i], `${path}[${i}]`, out, tolerance);
    return out;
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys)
      compareValues((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`, out, tolerance);
    return out;
  }
  if (a !== b) out.differences.push({ path, duckdb: a, postgres: b });
  return out;
}
