// What a reader of the HTML report must not miss, beside the thin marks: an immature rate (a cohort
// still largely open, src/report/maturity.ts) as a badge with its legend, and the note saying how
// much pipeline is Unattributed and why (src/report/unattributed.ts) as a callout above the table.
// The Unattributed note's start is a contract constant; render/ may not import report/, so the
// immature note's wording is repeated here, and the tests build notes with report/'s own functions.
import { UNATTRIBUTED_NOTE_START } from "../../contract/attribution.js";
import type { ReportResult } from "../../contract/report-result.js";
import type { Row } from "../../contract/row.js";
import { escapeHtml } from "./escape-html.js";

/** The immature note's wording (immatureNote in src/report/maturity.ts), which holds the threshold. */
const IMMATURE_THRESHOLD = /more than (\d+(?:\.\d+)?) % of the opportunities created in the window are still open/;

export const isImmature = (row: Row): boolean => row.maturity === "immature";

/** The share still open above which a cohort is immature, in percent, as the report's note states it; null if it does not. */
export function immatureThreshold(notes: readonly string[]): number | null {
  for (const note of notes) {
    const match = IMMATURE_THRESHOLD.exec(note);
    if (match?.[1]) return Number(match[1]);
  }
  return null;
}

const percent = (share: number): string => `${Math.round(share * 100)} %`;

/** The immature badge's tooltip: the threshold when the report states it, and the row's own open share when it has one. */
function immatureTitle(threshold: number | null, row: Row): string {
  const own = typeof row.open_share === "number" && Number.isFinite(row.open_share) ? ` (${percent(row.open_share)} here)` : "";
  const open =
    threshold === null ? `Much of this cohort is still open${own}` : `More than ${threshold} % of this cohort is still open${own}`;
  return `${open}; its rate will move as those opportunities close.`;
}

export function immatureBadgeHtml(threshold: number | null, row: Row): string {
  return `<span class="badge immature" title="${escapeHtml(immatureTitle(threshold, row))}">immature</span>`;
}

/** The legend of the immature badge, when a row of the table carries it. */
export function immatureLegendHtml(report: ReportResult): string {
  if (!report.rows.some(isImmature)) return "";
  const threshold = immatureThreshold(report.notes);
  const open = threshold === null ? "much of the cohort" : `more than ${threshold} % of the cohort`;
  return `<p class="legend-note" id="immature-legend"><span class="badge immature">immature</span> ${open} (the opportunities created in the window) is still open: the rate is early and will move as those close. Such rows have an orange edge; in the chart, their cells are hatched in a dotted orange frame, their points ringed in dotted orange.</p>`;
}

/** The Unattributed note as a callout box; empty when the report has none. */
export function unattributedCalloutHtml(report: ReportResult): string {
  const note = report.notes.find((n) => n.startsWith(UNATTRIBUTED_NOTE_START));
  if (note === undefined) return "";
  const rest = note.slice(UNATTRIBUTED_NOTE_START.length).trim();
  return `<aside class="callout unattributed" id="unattributed-callout" role="note"><strong>${escapeHtml(UNATTRIBUTED_NOTE_START)}</strong> ${escapeHtml(rest)}</aside>`;
}
