// How the dashboard and the HTML report's charts print a value: in its column's format, as the
// report declares it in `columns` (never guessed from the column's name), with the contract's
// formatValue, so the dashboard, the HTML report and the terminal print the same digits.
import { formatValue, type ColumnDef, type ColumnFormat, type SqlValue } from "../../src/contract/index.js";

export type { ColumnFormat };

export const fmt = (value: SqlValue | undefined, format: ColumnFormat): string => formatValue(value, format);

/** The format the report declares for `key`; a key it does not declare prints as it is (text). */
export function formatOf(columns: readonly ColumnDef[], key: string): ColumnFormat {
  return columns.find((c) => c.key === key)?.format ?? "text";
}

/** Compact money for axes and chart labels: 1.2M, 350k. */
export function fmtShortMoney(value: number): string {
  const abs = Math.abs(value);
  const short = (x: number) => x.toFixed(1).replace(/\.0$/, "");
  if (abs >= 1e9) return `${short(value / 1e9)}B`;
  if (abs >= 1e6) return `${short(value / 1e6)}M`;
  if (abs >= 1e3) return `${Math.round(value / 1e3)}k`;
  return String(Math.round(value));
}

/** Short form for chart labels and cards: money compact (594.3M), everything else as `fmt`. */
export const fmtShort = (value: SqlValue | undefined, format: ColumnFormat): string =>
  format === "money" && typeof value === "number" ? fmtShortMoney(value) : fmt(value, format);

export function fmtInterval(low: SqlValue | undefined, high: SqlValue | undefined, format: ColumnFormat): string {
  return typeof low === "number" && typeof high === "number" ? `${fmt(low, format)}–${fmt(high, format)}` : "–";
}
