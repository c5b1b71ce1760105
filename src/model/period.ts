// Report windows (SPEC §4). Quarters and years follow fiscal_year_start_month; a fiscal year is
// named by the calendar year in which it starts (Salesforce's default), see docs/decisions.md.
import { UserError } from "./diagnostic.js";

export interface Window {
  /** Inclusive ISO dates. */
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

export interface WindowRequest {
  readonly period?: string;
  readonly from?: string;
  readonly to?: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseIsoDate(value: string, flag: string): string {
  const m = ISO_DATE.exec(value);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw new UserError(`${flag}: "${value}" is not a date (expected YYYY-MM-DD)`, "bad_date");
  }
  return value;
}

export function addMonths(year: number, month0: number, months: number): { year: number; month0: number } {
  const total = year * 12 + month0 + months;
  return { year: Math.floor(total / 12), month0: ((total % 12) + 12) % 12 };
}

function firstDay(year: number, month0: number): string {
  return new Date(Date.UTC(year, month0, 1)).toISOString().slice(0, 10);
}

function dayBefore(year: number, month0: number): string {
  return new Date(Date.UTC(year, month0, 0)).toISOString().slice(0, 10);
}

function monthsWindow(year: number, month0: number, months: number, label: string): Window {
  const end = addMonths(year, month0, months);
  return { from: firstDay(year, month0), to: dayBefore(end.year, end.month0), label };
}

/** `2025` (fiscal year), `2025-Q3` (fiscal quarter) or `2025-07` (calendar month). */
export function parsePeriod(period: string, fiscalStartMonth: number): Window {
  const text = period.trim().toUpperCase();
  const fyStart0 = fiscalStartMonth - 1;
  let m = /^(\d{4})$/.exec(text);
  if (m) return monthsWindow(Number(m[1]), fyStart0, 12, text);
  m = /^(\d{4})-Q([1-4])$/.exec(text);
  if (m) {
    const start = addMonths(Number(m[1]), fyStart0, (Number(m[2]) - 1) * 3);
    return monthsWindow(start.year, start.month0, 3, text);
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (m) return monthsWindow(Number(m[1]), Number(m[2]) - 1, 1, text);
  throw new UserError(`--period: "${period}" is not a period (expected 2025, 2025-Q3 or 2025-07)`, "bad_period");
}

/** The fiscal period (year, quarter or month) containing an ISO date, as a label. */
export function periodLabelOf(date: string, grain: "year" | "quarter" | "month", fiscalStartMonth: number): string {
  const year = Number(date.slice(0, 4));
  const month0 = Number(date.slice(5, 7)) - 1;
  if (grain === "month") return date.slice(0, 7);
  const monthsIntoFy = (month0 - (fiscalStartMonth - 1) + 12) % 12;
  const fyYear = month0 >= fiscalStartMonth - 1 ? year : year - 1;
  return grain === "year" ? String(fyYear) : `${fyYear}-Q${Math.floor(monthsIntoFy / 3) + 1}`;
}

export function resolveWindow(request: WindowRequest, fiscalStartMonth: number): Window | null {
  if (request.period && (request.from || request.to)) {
    throw new UserError("--period cannot be combined with --from/--to", "bad_period");
  }
  if (request.period) return parsePeriod(request.period, fiscalStartMonth);
  if (!request.from && !request.to) return null;
  const from = request.from ? parseIsoDate(request.from, "--from") : "0001-01-01";
  const to = request.to ? parseIsoDate(request.to, "--to") : "9999-12-31";
  if (from > to) throw new UserError(`--from ${from} is after --to ${to}`, "bad_period");
  return { from, to, label: `${request.from ?? "…"}..${request.to ?? "…"}` };
}
