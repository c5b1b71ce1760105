// What views derive from a report's JSON (the contract's ReportResult): its segment dimensions, a
// row's segment label, whether its rate is thin or immature (its cohort still largely open), the
// immature threshold and the Unattributed note. The dashboard imports only the contract, so the
// two texts these are found by are repeated from src/report/maturity.ts and unattributed.ts (as
// src/render/html/report-marks-html.ts does); the browser test runs on the reports' real notes.
import { UNATTRIBUTED_NOTE_START, type ReportResult, type Row, type SqlValue } from "../../src/contract/index.js";

/** The segment dimensions the report was split by (`--by`), in order. */
export function dimsOf(report: ReportResult): string[] {
  const by = report.params.by;
  return Array.isArray(by) ? by.map(String) : [];
}

export function segmentLabel(row: Row, dims: readonly string[]): string {
  return dims.length ? dims.map((d) => String(row[d] ?? "–")).join(" · ") : "All";
}

/** The report's currency, spread into a chart spec: money there carries its symbol (none when the JSON has no `currency`). */
export const currencyOf = (report: ReportResult): { currency?: string } => (report.currency ? { currency: report.currency } : {});

export const isThin = (row: Row): boolean => row.sample === "thin";

export const isImmature = (row: Row): boolean => row.maturity === "immature";

export { UNATTRIBUTED_NOTE_START };

export const unattributedNote = (report: ReportResult): string | undefined =>
  report.notes.find((n) => n.startsWith(UNATTRIBUTED_NOTE_START));

/** The immature note's wording (immatureNote in src/report/maturity.ts), which holds the threshold. */
const IMMATURE_THRESHOLD = /more than (\d+(?:\.\d+)?) % of the opportunities created in the window are still open/;

/** The share still open above which a cohort is immature, in percent, as the report's note states it; null if it does not. */
export function immatureThreshold(report: ReportResult): number | null {
  for (const note of report.notes) {
    const match = IMMATURE_THRESHOLD.exec(note);
    if (match?.[1]) return Number(match[1]);
  }
  return null;
}

/** The immature badge's tooltip: the threshold when the report states it, and the row's own open share when it has one. */
export function immatureTitle(threshold: number | null, row: Row): string {
  const share = num(row.open_share);
  const own = share === null ? "" : ` (${Math.round(share * 100)} % here)`;
  const open =
    threshold === null ? `Much of this cohort is still open${own}` : `More than ${threshold} % of this cohort is still open${own}`;
  return `${open}; its rate will move as those opportunities close.`;
}

export const num = (value: SqlValue | undefined): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);

/** Distinct values in first-seen order (reports return segments in config order). */
export function distinct<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}
