// What every report's headlines need from a ReportResult, and nothing report-specific: the rows a
// headline may speak of (the latest period of a trend; never a thin row, whose rate is noise), a
// row's segment as words, and a value printed exactly as the report's table prints it, so every
// number in a headline can be found in the table below it.
import { formatValue } from "../../contract/format-value.js";
import type { ColumnDef, ReportResult } from "../../contract/report-result.js";
import type { Row, SqlValue } from "../../contract/row.js";

/** The channel attribution reports file pipeline without a journey under; never headlined. */
export const UNATTRIBUTED_CHANNEL = "Unattributed";

export interface HeadlineInput {
  readonly report: ReportResult;
  /** Rows of the latest period (all rows when the report has no period column), without thin rows. */
  readonly rows: readonly Row[];
  /** How many rows of that period were left out as thin. */
  readonly thin: number;
  /** The segment dimensions (`--by`) the report has columns for. */
  readonly segmentKeys: readonly string[];
  /** "In 2026-Q3, " for a trend, else "". */
  readonly lead: string;
}

const periodOf = (row: Row): string => String(row.period ?? "");

export function headlineInput(report: ReportResult): HeadlineInput {
  const keys = new Set(report.columns.map((c) => c.key));
  const by = Array.isArray(report.params.by) ? report.params.by.map(String) : [];
  const latest = keys.has("period") ? report.rows.map(periodOf).sort().at(-1) : undefined;
  const inPeriod = latest === undefined ? report.rows : report.rows.filter((r) => periodOf(r) === latest);
  const rows = inPeriod.filter((r) => r.sample !== "thin");
  return {
    report,
    rows,
    thin: inPeriod.length - rows.length,
    segmentKeys: by.filter((k) => keys.has(k)),
    lead: latest === undefined ? "" : `In ${latest}, `,
  };
}

/** A row's segment in words: its `--by` values joined ("Enterprise / EMEA"); "" without --by. */
export function segmentName(input: HeadlineInput, row: Row): string {
  return input.segmentKeys.map((k) => (row[k] === null || row[k] === undefined ? "(none)" : String(row[k]))).join(" / ");
}

function columnOf(report: ReportResult, key: string): ColumnDef | undefined {
  return report.columns.find((c) => c.key === key);
}

/** A value as the report's table prints that column. */
export function shown(input: HeadlineInput, key: string, value: SqlValue | undefined): string {
  return formatValue(value, columnOf(input.report, key)?.format ?? "number");
}

export const numberOf = (row: Row, key: string): number | null => {
  const v = row[key];
  return typeof v === "number" && Number.isFinite(v) ? v : null;
};

/** The rows with a finite value at key, highest first (ties by segment name, so the choice is stable). */
export function byValue(input: HeadlineInput, rows: readonly Row[], key: string): Row[] {
  return rows
    .filter((r) => numberOf(r, key) !== null)
    .sort((a, b) => (numberOf(b, key) ?? 0) - (numberOf(a, key) ?? 0) || segmentName(input, a).localeCompare(segmentName(input, b)));
}

/** "2 segments are left out: too few deals to call." when any were left out as thin. */
export function thinNote(input: HeadlineInput, what: string): string[] {
  if (input.thin === 0) return [];
  const n = input.thin === 1 ? `1 ${what} is` : `${input.thin} ${what}s are`;
  return [`${n} left out: too few deals to call.`];
}

export const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** A share the report has no column for (a row's part of a total), as a rate column prints it. */
export const percent = (share: number): string => formatValue(share, "rate");
