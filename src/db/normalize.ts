// The one place database values become plain JSON-friendly JavaScript: no other module sees a
// bigint, a driver-specific decimal or a Date.

import type { Row, SqlValue } from "../contract/row.js";
export type { Row, SqlValue };

function normalizeValue(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number") return Number.isNaN(value) ? null : value;
  if (typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return isoFromDate(value);
  if (Array.isArray(value)) return value.map(normalizeValue);
  return String(value);
}

/** Dates at midnight UTC are calendar dates (DuckDB DATE); anything else keeps its time. */
function isoFromDate(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.replace(".000Z", "Z");
}

export function normalizeRow(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) out[key] = normalizeValue(value);
  return out;
}
