// How the dashboard and the HTML report's charts print a value: in its column's format, as the
// report declares it in `columns` (never guessed from the column's name), with the contract's
// formatValue, so the dashboard, the HTML report and the terminal print the same digits. Money
// outside a table (cards, axes, bar labels, tooltips) carries the report's currency symbol ($, €,
// CHF): a table's header already names the code ("pipeline (USD)"), a chart's number stands alone.
import { formatValue, type ColumnDef, type ColumnFormat, type SqlValue } from "../../src/contract/index.js";

export type { ColumnFormat };

/** A report's currency (ISO code) when it is one Intl can print; undefined prints money without a symbol. */
const knownCurrency = (currency: string | undefined): string | undefined =>
  currency !== undefined && /^[A-Z]{3}$/.test(currency) ? currency : undefined;

/**
 * `value` in `format`; money with `currency` (a report's `currency`) gets its symbol, in whole units
 * like the table ($1,234,567, CHF 950). Tables pass no currency: their header names it.
 */
export function fmt(value: SqlValue | undefined, format: ColumnFormat, currency?: string): string {
  const code = knownCurrency(currency);
  if (format !== "money" || code === undefined || typeof value !== "number") return formatValue(value, format);
  return moneyFormat(code, { maximumFractionDigits: 0 }).format(value);
}

/** The format the report declares for `key`; a key it does not declare prints as it is (text). */
export function formatOf(columns: readonly ColumnDef[], key: string): ColumnFormat {
  return columns.find((c) => c.key === key)?.format ?? "text";
}

/** Intl's money format: the currency's symbol when there is one, plain digits otherwise; never -0. */
function moneyFormat(currency: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const style: Intl.NumberFormatOptions = currency ? { style: "currency", currency, currencyDisplay: "symbol" } : {};
  return new Intl.NumberFormat("en-US", { ...style, ...options, signDisplay: "negative" });
}

/**
 * Compact money for axes, chart labels and cards: $122.5M, €350k, CHF 1.2B, or 1.2M when the
 * report names no currency. Thousands whole, millions and billions with one decimal; the k lower
 * case as before (Intl writes K), the currency's own letters untouched.
 */
export function fmtShortMoney(value: number, currency?: string): string {
  const digits = Math.abs(value) < 1e6 ? 0 : 1;
  const parts = moneyFormat(knownCurrency(currency), { notation: "compact", maximumFractionDigits: digits }).formatToParts(value);
  return parts.map((p) => (p.type === "compact" && p.value === "K" ? "k" : p.value)).join("");
}

/** Short form for chart labels and cards: money compact ($594.3M), everything else as `fmt`. */
export const fmtShort = (value: SqlValue | undefined, format: ColumnFormat, currency?: string): string =>
  format === "money" && typeof value === "number" ? fmtShortMoney(value, currency) : fmt(value, format);

export function fmtInterval(low: SqlValue | undefined, high: SqlValue | undefined, format: ColumnFormat, currency?: string): string {
  return typeof low === "number" && typeof high === "number" ? `${fmt(low, format, currency)}–${fmt(high, format, currency)}` : "–";
}
