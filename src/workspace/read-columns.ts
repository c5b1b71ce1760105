// Which columns each workspace table has: reports adapt to the optional columns a source carried.
import type { SqlEngine } from "../db/engine.js";

export async function readColumns(engine: SqlEngine): Promise<Map<string, Set<string>>> {
  const rows = await engine.all(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const out = new Map<string, Set<string>>();
  for (const r of rows) {
    const table = String(r.table_name);
    if (!out.has(table)) out.set(table, new Set());
    out.get(table)?.add(String(r.column_name));
  }
  return out;
}
