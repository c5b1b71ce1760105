// Dates for the demo as whole UTC day numbers (days since 1970-01-01): integer arithmetic is
// exact and time-zone free, and formatting goes through a cache because millions of rows share
// a few thousand distinct days. The demo window is fixed so output never depends on the clock.

const DAY_MS = 86_400_000;

function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

/** First day an opportunity can be created (start of the first of 8 quarters). */
export const FIRST_CREATED_DAY = dayNumber("2024-10-01");
/** "Today" for the demo company; nothing happens after it. */
export const AS_OF = "2026-09-30";
export const AS_OF_DAY = dayNumber(AS_OF);
/** Journeys reach back this far before creation (kept inside the 180-day lookback). */
export const MAX_LEAD_DAYS = 175;
/** Earliest day a touch may occur. */
export const FIRST_TOUCH_DAY = FIRST_CREATED_DAY - MAX_LEAD_DAYS;

const isoCache = new Map<number, string>();

export function isoDate(day: number): string {
  let iso = isoCache.get(day);
  if (iso === undefined) {
    iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
    isoCache.set(day, iso);
  }
  return iso;
}

const monthCache = new Map<number, number>();

/** Months counted from year 0, so consecutive months differ by 1. */
export function monthIndex(day: number): number {
  let month = monthCache.get(day);
  if (month === undefined) {
    const iso = isoDate(day);
    month = Number(iso.slice(0, 4)) * 12 + Number(iso.slice(5, 7)) - 1;
    monthCache.set(day, month);
  }
  return month;
}

export function monthLabel(index: number): string {
  const month = (index % 12) + 1;
  return `${Math.floor(index / 12)}-${month < 10 ? "0" : ""}${month}`;
}

/** Calendar quarters (the demo's fiscal year starts in January), counted from year 0. */
export function quarterIndex(day: number): number {
  return Math.floor(monthIndex(day) / 3);
}

export function quarterLabel(index: number): string {
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}
