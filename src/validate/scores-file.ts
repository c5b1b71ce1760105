// validate.json beside the workspace: the scores of the last `pipeprism validate` on it, for
// `report models`. The workspace records no ingest id, so the scores carry a fingerprint of what
// they were computed from — the ingest's facts (workspace_info, the ingest_files row counts), the
// DuckDB file's modification time (a re-ingest replaces the file) and the config sections the
// journeys depend on — and are stale as soon as any of it differs.
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { WORKSPACE_TABLES } from "../contract/tables.js";
import { FINGERPRINT_FILES, FINGERPRINT_INFO } from "../sql/validate-shape-sql.js";
import { workspaceFile } from "../workspace/paths.js";
import type { Workspace } from "../workspace/workspace.js";
import { SCORES_VERSION, type ValidateScores } from "./scores.js";

const SCORES_FILE = "validate.json";

/** `<the workspace's folder>/validate.json` (for PostgreSQL: the folder a DuckDB workspace would be in). */
export function scoresPath(ws: Workspace): string {
  return path.join(path.dirname(workspaceFile(ws.loaded)), SCORES_FILE);
}

/** A short hash of what the workspace's journeys and models depend on. */
export async function workspaceFingerprint(ws: Workspace): Promise<string> {
  const info = ws.columns.has(WORKSPACE_TABLES.workspaceInfo) ? await ws.engine.all(FINGERPRINT_INFO) : [];
  const files = ws.columns.has(WORKSPACE_TABLES.ingestFiles) ? await ws.engine.all(FINGERPRINT_FILES) : [];
  let modified: number | null = null;
  if (ws.engine.dialect.name === "duckdb")
    modified = await stat(workspaceFile(ws.loaded)).then(
      (s) => s.mtimeMs,
      () => null,
    );
  const { attribution, segments, channels, unknown_label } = ws.config;
  const facts = JSON.stringify({ info, files, modified, config: { attribution, segments, channels, unknown_label } });
  return createHash("sha256").update(facts).digest("hex").slice(0, 16);
}

/** Writes the scores (atomically: a reader never sees half a file); returns the path. */
export async function writeValidateScores(ws: Workspace, scores: ValidateScores): Promise<string> {
  const file = scoresPath(ws);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(scores, null, 2)}\n`);
  await rename(temp, file);
  return file;
}

/**
 * What validate last wrote for this workspace: the scores, or why there are none to use — never
 * a silent absence (`report models` says which, and what to run).
 */
export type ScoresLookup =
  | { readonly status: "current"; readonly file: string; readonly scores: ValidateScores }
  | { readonly status: "absent"; readonly file: string }
  | { readonly status: "unreadable"; readonly file: string; readonly reason: string }
  | { readonly status: "stale"; readonly file: string; readonly scores: ValidateScores };

export async function lookupValidateScores(ws: Workspace): Promise<ScoresLookup> {
  const file = scoresPath(ws);
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "ENOENT" ? { status: "absent", file } : { status: "unreadable", file, reason: (error as Error).message };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { status: "unreadable", file, reason: `not JSON (${(error as Error).message})` };
  }
  if (!isScores(parsed)) return { status: "unreadable", file, reason: `not validate scores of version ${SCORES_VERSION}` };
  const current = parsed.fingerprint === (await workspaceFingerprint(ws));
  return { status: current ? "current" : "stale", file, scores: parsed };
}

/** The scores validate last wrote for this workspace, or null when absent, unreadable or stale. */
export async function readValidateScores(ws: Workspace): Promise<ValidateScores | null> {
  const found = await lookupValidateScores(ws);
  return found.status === "current" ? found.scores : null;
}

function isScores(value: unknown): value is ValidateScores {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<Record<keyof ValidateScores, unknown>>;
  return v.version === SCORES_VERSION && typeof v.fingerprint === "string" && Array.isArray(v.scores) && Array.isArray(v.worlds);
}
