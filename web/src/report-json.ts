// The SPEC §8 JSON every /api/report answer carries, and what views derive from it: the segment
// dimensions, a row's segment label, whether its rate is thin.
import type { Row, SqlValue } from "../../src/db/normalize.js";

export type { Row, SqlValue };

export interface ReportJson {
  readonly report: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly rows: readonly Row[];
  readonly totals: readonly Row[];
  readonly notes: readonly string[];
}

export function dimsOf(report: ReportJson): string[] {
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
