// Which columns each workspace table has: reports adapt to the optional columns a source carried.
import type { SqlEngine } from "../db/engine.js";
import { LIST_COLUMNS } from "../sql/workspace-sql.js";

export async function readColumns(engine: SqlEngine): Promise<Map<string, Set<string>>> {
  const rows = await engine.all(LIST_COLUMNS);
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const table = String(r.table_name);
    if (!out.has(table)) out.set(table, new Set());
    out.get(table)?.add(String(r.column_name));
  }
  return out;
}
