// Runs a report's compiled queries and returns segment rows (stably sorted), the grand total and
// the compilers' notes.
import type { Row } from "../contract/row.js";
import type { CompiledQuery } from "../sql/compiled-query.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import { sortBySegments, splitTotals } from "./segment-order.js";

export function baseContext(ws: Workspace): BaseContext {
  return { dialect: ws.engine.dialect, config: ws.config, columns: ws.columns, where: ws.where ?? [] };
}

export async function runQuery(ws: Workspace, query: CompiledQuery): Promise<Row[]> {
  return ws.engine.all(query.sql, query.params);
}

/** The one GROUPING SETS query a simple report compiles to, split into rows and totals. */
export async function runGrouped(
  ws: Workspace,
  queries: readonly CompiledQuery[],
  dims: readonly string[],
): Promise<{ rows: Row[]; totals: Row[]; notes: string[] }> {
  const [query] = queries;
  if (!query || queries.length !== 1) throw new Error(`expected one grouped query, got ${queries.length}`);
  const { rows, totals } = splitTotals(await runQuery(ws, query), dims);
  return { rows: sortBySegments(rows, dims, ws.config), totals, notes: [...query.notes] };
}
