// What views derive from a report's JSON (the contract's ReportResult): its segment dimensions, a
// row's segment label, whether its rate is thin.
import type { ReportResult, Row, SqlValue } from "../../src/contract/index.js";

/** The segment dimensions the report was split by (`--by`), in order. */
export function dimsOf(report: ReportResult): string[] {
  const by = report.params.by;
  return Array.isArray(by) ? by.map(String) : [];
}

export function segmentLabel(row: Row, dims: readonly string[]): string {
  return dims.length ? dims.map((d) => String(row[d] ?? "–")).join(" · ") : "All";
}

export const isThin = (row: Row): boolean => row.sample === "thin";

export const num = (value: SqlValue | undefined): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

/** Distinct values in first-seen order (reports return segments in config order). */
export function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
