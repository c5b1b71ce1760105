// Cohort rates judge deals created in a window by outcomes up to as-of. While many of them are
// still open the rate is early: it moves as they close (usually down: wins close faster than
// losses are recorded). A cohort with more than `immature_open_share` still open is `immature`
// (issue #13), marked beside `thin` in every format and the dashboard.
import type { Row } from "../contract/row.js";

export type Maturity = "mature" | "immature";

/** Share of the cohort still open, and whether that makes its rate immature; null for an empty cohort. */
export function maturityOf(open: number, cohort: number, threshold: number): { open_share: number | null; maturity: Maturity | null } {
  if (!(cohort > 0)) return { open_share: null, maturity: null };
  const share = Math.max(0, open) / cohort;
  return { open_share: share, maturity: share > threshold ? "immature" : "mature" };
}

export function immatureNote(rows: readonly Row[], threshold: number, what: string): string[] {
  const immature = rows.filter((r) => r.maturity === "immature").length;
  if (!immature) return [];
  return [
    `${immature} of ${rows.length} ${what} are immature: more than ${Math.round(threshold * 100)} % of the opportunities created in the window are still open, so their win rates are early and will move as those close (config immature_open_share).`,
  ];
}
