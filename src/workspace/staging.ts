// The files an ingest builds the next workspace in, beside the current one: `<workspace>.ingest-<pid>.tmp`,
// its write-ahead log (`….tmp.wal`) and DuckDB's spill folder (`….tmp.tmp/`, made when a sort or join
// outgrows the memory limit). A finished ingest renames its file over the workspace and a failed one
// removes them, but a killed one (kill -9, the OOM killer, a closed CI runner) cannot: they stay, as
// large as a workspace each. They are removed at the next open or ingest once the process named in
// their name is gone; a running ingest's files are left alone.
import { readdir, rm } from "node:fs/promises";
import path from "node:path";

/** Where the ingest running in process `pid` builds the next `workspace` file. */
export function stagingFile(workspace: string, pid: number = process.pid): string {
  return `${workspace}.ingest-${pid}.tmp`;
}

/** Removes staging files (and spill folders) whose ingest process has ended; returns the names removed. Best effort: never throws. */
export async function removeStaleStaging(workspace: string): Promise<string[]> {
  const folder = path.dirname(workspace);
  const staging = stagingPattern(path.basename(workspace));
  let names: string[];
  try {
    names = await readdir(folder);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = staging.exec(name)?.[1];
    if (pid === undefined || processRunning(Number(pid))) continue;
    try {
      await rm(path.join(folder, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      // A folder this user cannot write: the files stay, the workspace still opens.
    }
  }
  return removed;
}

/** `<workspace>.ingest-<pid>.tmp`, optionally followed by `.wal` or `.tmp` (the spill folder). */
function stagingPattern(workspaceName: string): RegExp {
  const escaped = workspaceName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped}\\.ingest-(\\d+)\\.tmp(?:\\.wal|\\.tmp)?$`);
}

/** Signal 0 only checks: ESRCH means no such process; EPERM means one runs under another user. */
function processRunning(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
