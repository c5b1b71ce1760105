// Each ingest records open pipeline per stage and segment as of its as-of date (SPEC §5), and
// carries the earlier ingests' snapshots forward, so pipeline can be followed across ingests.
import { existsSync } from "node:fs";
import type { SqlEngine } from "../db/engine.js";
import { quoteLiteral as lit } from "../sql/dialect.js";
import { segColumn } from "../sql/opportunity-base-sql.js";
import { compileOpenAtScope } from "../sql/pipeline-sql.js";
import type { Workspace } from "../workspace/workspace.js";

const ALL = "(all)";

export async function copyPreviousSnapshots(engine: SqlEngine, previousWorkspace: string): Promise<void> {
  await engine.run(`CREATE TABLE snapshots (as_of DATE, dimension VARCHAR, segment VARCHAR, stage VARCHAR,
    open_count BIGINT, open_amount DECIMAL(38,2))`);
  if (!existsSync(previousWorkspace)) return;
  await engine.run(`ATTACH ${lit(previousWorkspace)} AS previous (READ_ONLY)`);
  try {
    const [has] = await engine.all(`SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = 'previous' AND table_name = 'snapshots'`);
    if (Number(has?.n ?? 0) > 0) await engine.run(`INSERT INTO snapshots SELECT * FROM previous.snapshots`);
  } finally {
    await engine.run(`DETACH previous`);
  }
}

/** One statement: the open-at-D scope is computed once and grouped per dimension. */
export async function recordSnapshot(ws: Workspace, asOf: string): Promise<void> {
  const dims = Object.keys(ws.config.segments);
  const scope = compileOpenAtScope({ dialect: ws.engine.dialect, config: ws.config, columns: ws.columns }, dims, asOf);
  await ws.engine.run(`DELETE FROM snapshots WHERE as_of = DATE '${asOf}'`);
  const groupings = [{ dim: ALL, seg: lit(ALL) }, ...dims.map((dim) => ({ dim, seg: `"${segColumn(dim)}"` }))];
  const parts = groupings.map(
    (g) => `SELECT DATE '${asOf}', ${lit(g.dim)}, ${g.seg}, stage_at_d, count(*), COALESCE(sum(amount), 0) FROM open_now GROUP BY ${g.seg}, stage_at_d`,
  );
  await ws.engine.run(`INSERT INTO snapshots WITH open_now AS MATERIALIZED (SELECT * FROM (${scope.sql}) s WHERE open_at_d)
${parts.join("\nUNION ALL\n")}`);
}
