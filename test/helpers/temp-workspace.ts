// Builds a throwaway project (config + CSV files) in a temp folder, ingests it and opens it.
import { mkdtemp, mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ingest, type IngestResult } from "../../src/ingest/ingest.js";
import { loadConfig } from "../../src/model/config.js";
import { openWorkspace, type Workspace } from "../../src/workspace/workspace.js";

export interface TempProject {
  readonly dir: string;
  readonly configPath: string;
}

export async function writeProject(files: Readonly<Record<string, string>>): Promise<TempProject> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "pipeprism-test-"));
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return { dir, configPath: path.join(dir, "pipeprism.yaml") };
}

/** `allowPartial` for fixtures that are mostly bad rows on purpose (quarantine tests). */
export async function ingestProject(project: TempProject, asOf?: string, allowPartial = false): Promise<IngestResult> {
  return ingest(await loadConfig(project.configPath), { ...(asOf ? { asOf } : {}), allowPartial });
}

export async function openProject(
  files: Readonly<Record<string, string>>,
  asOf?: string,
  allowPartial = false,
): Promise<{ ws: Workspace; project: TempProject; result: IngestResult }> {
  const project = await writeProject(files);
  const result = await ingestProject(project, asOf, allowPartial);
  const ws = await openWorkspace(project.configPath);
  return { ws, project, result };
}

/** A minimal config over accounts.csv and opportunities.csv, with optional extra YAML. */
export function basicConfig(extra = ""): string {
  return `sources:
  accounts: accounts.csv
  opportunities: opportunities.csv
stages:
  order: [Prospecting, Proposal, Negotiation]
  won: [Closed Won]
  lost: [Closed Lost]
  probability: { Prospecting: 10, Proposal: 50, Negotiation: 80 }
segments:
  size: { field: employees, bands: [{ name: SMB, max: 199 }, { name: Mid-Market, max: 999 }, { name: Enterprise }] }
  region: { field: country, preset: regions }
  industry: { field: industry, map: { "Computer Software": Software, "IT": Software } }
  customer_type: { field: type }
min_sample: 3
${extra}`;
}

export function csv(rows: readonly (readonly (string | number | null)[])[]): string {
  return `${rows.map((r) => r.map((v) => (v === null ? "" : String(v))).join(",")).join("\n")}\n`;
}
