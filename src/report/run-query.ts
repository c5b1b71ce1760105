// Runs a compiled report query and returns its segment rows (stably sorted) and grand total.
import type { Row } from "../contract/row.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import { sortBySegments, splitTotals } from "./segment-order.js";

export function baseContext(ws: Workspace): BaseContext {
  return { dialect: ws.engine.dialect, config: ws.config, columns: ws.columns };
}

export async function runGrouped(ws: Workspace, sql: string, dims: readonly string[]): Promise<{ rows: Row[]; totals: Row[] }> {
  const result = await ws.engine.all(sql);
  const { rows, totals } = splitTotals(result, dims);
  return { rows: sortBySegments(rows, dims, ws.config), totals };
}
