// The demo company (`pipeprism demo`) in a temp folder: generated, then ingested and opened.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { generateDemo, type DemoOptions } from "../../src/demo/generate.js";
import { ingest } from "../../src/ingest/ingest.js";
import { loadConfig } from "../../src/model/config.js";
import { openWorkspace, type Workspace } from "../../src/workspace/workspace.js";
import type { TempProject } from "./temp-workspace.js";

/** The generator's options (seed, scale, segmentEffects, …) without the folder, which is a new temp one. */
type DemoSettings = Omit<DemoOptions, "dir">;

export interface DemoIngestOptions extends DemoSettings {
  /** Ingest's as-of date; default: the latest date in the data. */
  readonly asOf?: string;
  /** Runs on the generated folder before ingest (to edit a CSV the demo wrote). */
  readonly beforeIngest?: (dir: string) => Promise<void>;
}

export interface DemoWorkspace extends TempProject {
  readonly ws: Workspace;
  /** Closes the workspace and removes the folder. */
  readonly close: () => Promise<void>;
}

/** Generates the demo company into a new temp folder; nothing is ingested. */
export async function writeDemo(settings: DemoSettings = {}): Promise<TempProject> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "pipeprism-demo-"));
  await generateDemo({ ...settings, dir });
  return { dir, configPath: path.join(dir, "pipeprism.yaml") };
}

/** Generates the demo company into a new temp folder and ingests it (DuckDB), without opening it. */
export async function ingestedDemo(options: DemoIngestOptions = {}): Promise<TempProject> {
  const { asOf, beforeIngest, ...settings } = options;
  const project = await writeDemo(settings);
  await beforeIngest?.(project.dir);
  await ingest(await loadConfig(project.configPath), asOf ? { asOf } : {});
  return project;
}

/** The demo company generated into a new temp folder, ingested and opened. */
export async function demoWorkspace(options: DemoIngestOptions = {}): Promise<DemoWorkspace> {
  const project = await ingestedDemo(options);
  const ws = await openWorkspace(project.configPath);
  const close = async () => {
    await ws.close();
    await rm(project.dir, { recursive: true, force: true });
  };
  return { ...project, ws, close };
}
