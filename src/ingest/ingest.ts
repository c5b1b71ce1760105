// `pipeprism ingest`: every configured source into a fresh workspace file, swapped in by rename
// only when everything succeeded, so a failed or interrupted ingest leaves the previous one intact.
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { openDuckDb } from "../db/duckdb.js";
import type { SqlEngine } from "../db/engine.js";
import type { LoadedConfig } from "../model/config.js";
import { CANONICAL_TABLES } from "../model/config-schema.js";
import { parseIsoDate } from "../model/period.js";
import { MASK_CHANNEL_LIMIT } from "../sql/attribution-sql.js";
import { COUNT_CHANNELS, COUNT_OPPORTUNITY_LINES } from "../sql/ingest/ingest-counts-sql.js";
import { APPROXIMATE_LINE_FILES, CREATE_QUARANTINE, SHOW_NUL_IN_QUARANTINE } from "../sql/ingest/quarantine-sql.js";
import { CHECKPOINT } from "../sql/ingest/workspace-tables-sql.js";
import { compileChannelTable, compilePrecomputedJourneys, compilePrecomputedSets } from "../sql/journeys-sql.js";
import { sourceFile, workspaceFile } from "../workspace/paths.js";
import { removeStaleStaging, stagingFile } from "../workspace/staging.js";
import { workspaceOn } from "../workspace/workspace.js";
import { createEmptyTable, dataAsOf, loadRegionPreset, writeWorkspaceInfo } from "./workspace-tables.js";
import { displayNameFor, loadTable, type TableIngestStats } from "./load-table.js";
import { checkKeptShares } from "./kept-share.js";
import { loadExport, type ExportLoad } from "./load-export.js";
import { copyPreviousSnapshots, recordSnapshot } from "./snapshots.js";
import {
  exportPhase,
  JOURNEYS_PHASE,
  planExport,
  planIngest,
  ProgressTracker,
  WRITING_PHASE,
  type IngestProgressListener,
} from "./ingest-progress.js";

export interface IngestOptions {
  /** "Today" for the open-pipeline snapshot; default: the latest date in the data. */
  readonly asOf?: string;
  /** Progress of the whole ingest, phase by phase, 0–100 (for a progress line on large files). */
  readonly onProgress?: IngestProgressListener;
  /** Succeed even when a required table keeps too few of its records (kept-share.ts). */
  readonly allowPartial?: boolean;
}

export interface IngestResult {
  readonly workspace: string;
  readonly asOf: string;
  readonly tables: readonly TableIngestStats[];
  /** Configured tables that kept nothing or too little, and why. */
  readonly warnings: readonly string[];
}

export async function ingest(loaded: LoadedConfig, options: IngestOptions = {}): Promise<IngestResult> {
  const asOf = options.asOf ? parseIsoDate(options.asOf, "--as-of") : undefined;
  const target = workspaceFile(loaded);
  await mkdir(path.dirname(target), { recursive: true });
  await removeStaleStaging(target);
  const temporary = stagingFile(target);
  await removeDatabase(temporary);
  // Ingest's sorts and joins allocate beyond the buffer pool DuckDB limits; 1.5GB keeps the whole
  // process under 3GB at ten million touchpoints (measured: 2.4GB; with 2GB it reached 3.2GB).
  const engine = await openDuckDb(temporary, { memoryLimit: "1.5GB" });
  const progress = new ProgressTracker(options.onProgress ? await planPhases(loaded) : [], options.onProgress);
  if (options.onProgress) engine.onProgress = (percent) => progress.advance(percent);
  try {
    const result = await buildWorkspace(engine, loaded, asOf, options.allowPartial ?? false, progress);
    await engine.run(CHECKPOINT);
    await engine.close();
    await rm(`${target}.wal`, { force: true });
    await rename(temporary, target);
    progress.finish();
    return { workspace: target, ...result };
  } catch (error) {
    await engine.close().catch(() => undefined);
    await removeDatabase(temporary);
    throw error;
  }
}

async function buildWorkspace(
  engine: SqlEngine,
  loaded: LoadedConfig,
  asOf: string | undefined,
  allowPartial: boolean,
  progress: ProgressTracker,
): Promise<{ asOf: string; tables: TableIngestStats[]; warnings: string[] }> {
  await engine.run(CREATE_QUARANTINE);
  if (loaded.config.sources.format !== "canonical") progress.start(exportPhase(loaded.config.sources.format));
  const exported = loaded.config.sources.format === "canonical" ? null : await loadExportTables(engine, loaded);
  const tables = exported?.tables ?? (await loadCanonical(engine, loaded, progress));
  await engine.run(SHOW_NUL_IN_QUARANTINE);
  const warnings = [
    ...(await approximateLineWarnings(engine)),
    ...(await checkKeptShares(engine, loaded.config, tables, allowPartial, exported ?? undefined)),
  ];
  await loadRegionPreset(engine);
  progress.start(JOURNEYS_PHASE);
  await buildJourneyTables(engine, loaded.config.attribution.lookback_days);
  progress.start(WRITING_PHASE);
  const effectiveAsOf = asOf ?? (await dataAsOf(engine));
  await writeWorkspaceInfo(engine, { asOf: effectiveAsOf, journeysLookbackDays: loaded.config.attribution.lookback_days }, tables);
  await copyPreviousSnapshots(engine, workspaceFile(loaded));
  await recordSnapshot(await workspaceOn(engine, loaded), effectiveAsOf);
  return { asOf: effectiveAsOf, tables, warnings };
}

/** One warning per file whose quarantine lines are approximate (its quotes do not pair up). */
async function approximateLineWarnings(engine: SqlEngine): Promise<string[]> {
  return (await engine.all(APPROXIMATE_LINE_FILES)).map(
    (r) =>
      `${String(r.file)}: quotes do not pair up the way DuckDB reads them, so the lines of its ${Number(r.n)} quarantined rows (from line ${Number(r.line)}) are DuckDB's and may be off; check the quoting near line ${Number(r.line)}`,
  );
}

/** What attribution reads instead of recomputing it: channel ids always; journeys and their sets when they can be keyed. */
async function buildJourneyTables(engine: SqlEngine, lookbackDays: number): Promise<void> {
  await engine.run(compileChannelTable(engine.dialect));
  if (!(await opportunityLinesUnique(engine))) return;
  await engine.run(compilePrecomputedJourneys(engine.dialect, lookbackDays));
  const [channels] = await engine.all(COUNT_CHANNELS);
  await engine.run(compilePrecomputedSets(engine.dialect, Number(channels?.n ?? 0), MASK_CHANNEL_LIMIT));
}

/** Ingest-built journeys key opportunities by source_line; without one line per opportunity, reports compute journeys themselves. */
async function opportunityLinesUnique(engine: SqlEngine): Promise<boolean> {
  const [r] = await engine.all(COUNT_OPPORTUNITY_LINES);
  return Number(r?.n) === Number(r?.lines);
}

/** The phases this config's ingest goes through, for one progress sweep. */
async function planPhases(loaded: LoadedConfig) {
  const format = loaded.config.sources.format;
  if (format !== "canonical") return planExport(format);
  const files = CANONICAL_TABLES.flatMap((table) => {
    const relative = loaded.config.sources[table];
    if (!relative) return [];
    const file = sourceFile(loaded, relative);
    return [{ label: displayNameFor(loaded.baseDir, file), path: file }];
  });
  return planIngest(files);
}

async function loadCanonical(engine: SqlEngine, loaded: LoadedConfig, progress: ProgressTracker): Promise<TableIngestStats[]> {
  const tables: TableIngestStats[] = [];
  for (const table of CANONICAL_TABLES) {
    const relative = loaded.config.sources[table];
    if (!relative) {
      await createEmptyTable(engine, table);
      continue;
    }
    const file = sourceFile(loaded, relative);
    tables.push(
      await loadTable({ engine, config: loaded.config, table, file, displayName: displayNameFor(loaded.baseDir, file), progress }),
    );
  }
  return tables;
}

async function loadExportTables(engine: SqlEngine, loaded: LoadedConfig): Promise<ExportLoad> {
  const load = await loadExport(engine, loaded);
  for (const table of CANONICAL_TABLES) if (!load.built.has(table)) await createEmptyTable(engine, table);
  return load;
}

async function removeDatabase(file: string): Promise<void> {
  await rm(file, { force: true });
  await rm(`${file}.wal`, { force: true });
}
