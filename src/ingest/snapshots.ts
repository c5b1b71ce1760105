// Each ingest records open pipeline per stage and segment as of its as-of date (SPEC §5), and
// carries the earlier ingests' snapshots forward, so pipeline can be followed across ingests.
import { existsSync } from "node:fs";
import type { SqlEngine } from "../db/engine.js";
import {
  compileAttachPrevious,
  compileDeleteSnapshot,
  compileRecordSnapshot,
  COPY_PREVIOUS_SNAPSHOTS,
  CREATE_SNAPSHOTS,
  DETACH_PREVIOUS,
  HAS_PREVIOUS_SNAPSHOTS,
} from "../sql/ingest/record-snapshot-sql.js";
import { compileOpenAtScope } from "../sql/pipeline-sql.js";
import type { Workspace } from "../workspace/workspace.js";

export async function copyPreviousSnapshots(engine: SqlEngine, previousWorkspace: string): Promise<void> {
  await engine.run(CREATE_SNAPSHOTS);
  if (!existsSync(previousWorkspace)) return;
  await engine.run(compileAttachPrevious(previousWorkspace));
  try {
    const [has] = await engine.all(HAS_PREVIOUS_SNAPSHOTS);
    if (Number(has?.n ?? 0) > 0) await engine.run(COPY_PREVIOUS_SNAPSHOTS);
  } finally {
    await engine.run(DETACH_PREVIOUS);
  }
}

/** One statement: the open-at-D scope is computed once and grouped per dimension. */
export async function recordSnapshot(ws: Workspace, asOf: string): Promise<void> {
  const dims = Object.keys(ws.config.segments);
  const scope = compileOpenAtScope({ dialect: ws.engine.dialect, config: ws.config, columns: ws.columns }, dims, asOf);
  await ws.engine.run(compileDeleteSnapshot(asOf));
  await ws.engine.run(compileRecordSnapshot(scope.sql, dims, asOf));
}
