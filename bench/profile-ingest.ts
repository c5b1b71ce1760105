// Times every SQL statement of an ingest, by replaying src/ingest/ingest.ts's buildWorkspace on
// an engine that records each statement's time. `tsx bench/profile-ingest.ts DIR` (a generated
// demo dir); prints the slowest statements. Writes to a scratch database, never the workspace.
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { openDuckDb } from "../src/db/duckdb.js";
import type { SqlEngine } from "../src/db/engine.js";
import { displayNameFor, loadTable, type TableIngestStats } from "../src/ingest/load-table.js";
import { copyPreviousSnapshots, recordSnapshot } from "../src/ingest/snapshots.js";
import { createEmptyTable, dataAsOf, loadRegionPreset, writeWorkspaceInfo } from "../src/ingest/workspace-tables.js";
import { loadConfig } from "../src/model/config.js";
import { CANONICAL_TABLES } from "../src/model/config-schema.js";
import { CREATE_QUARANTINE } from "../src/sql/ingest-sql.js";
import { sourceFile } from "../src/workspace/paths.js";
import { workspaceOn } from "../src/workspace/workspace.js";

const dir = String(process.argv[2]);
const loaded = await loadConfig(path.join(dir, "pipeprism.yaml"));
const file = path.join(tmpdir(), `pipeprism-profile-ingest-${process.pid}.duckdb`);
const inner = await openDuckDb(file);
const timings: { phase: string; sql: string; s: number }[] = [];
let phase = "setup";
const timed = <T>(sql: string, fn: () => Promise<T>) => async () => {
  const t = performance.now();
  const r = await fn();
  timings.push({ phase, sql: sql.replace(/\s+/g, " ").slice(0, 110), s: (performance.now() - t) / 1000 });
  return r;
};
const engine: SqlEngine = {
  dialect: inner.dialect,
  run: (sql, params) => timed(sql, () => inner.run(sql, params))(),
  all: (sql, params) => timed(sql, () => inner.all(sql, params))(),
  close: () => inner.close(),
};
const started = performance.now();
await engine.run(CREATE_QUARANTINE);
const tables: TableIngestStats[] = [];
for (const table of CANONICAL_TABLES) {
  phase = table;
  const relative = loaded.config.sources[table];
  if (!relative) {
    await createEmptyTable(engine, table);
    continue;
  }
  const source = sourceFile(loaded, relative);
  tables.push(await loadTable({ engine, config: loaded.config, table, file: source, displayName: displayNameFor(loaded.baseDir, source) }));
}
phase = "finish";
await loadRegionPreset(engine);
const asOf = await dataAsOf(engine);
await writeWorkspaceInfo(engine, asOf, tables);
await copyPreviousSnapshots(engine, path.join(tmpdir(), "no-previous-workspace.duckdb"));
phase = "snapshot";
await recordSnapshot(await workspaceOn(engine, loaded), asOf);
phase = "checkpoint";
await engine.run("CHECKPOINT");
const total = (performance.now() - started) / 1000;
await engine.close();
await rm(file, { force: true });
await rm(`${file}.wal`, { force: true });

const byPhase = new Map<string, number>();
for (const t of timings) byPhase.set(t.phase, (byPhase.get(t.phase) ?? 0) + t.s);
process.stdout.write(`total ${total.toFixed(2)} s; by phase:\n`);
for (const [p, s] of [...byPhase].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${p.padEnd(14)} ${s.toFixed(2)} s\n`);
process.stdout.write("slowest statements:\n");
for (const t of [...timings].sort((a, b) => b.s - a.s).slice(0, 12)) process.stdout.write(`  ${t.s.toFixed(2)} s  [${t.phase}] ${t.sql}\n`);
