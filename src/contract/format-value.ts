// Human formatting of a value by its column format, shared by the terminal table, Markdown, the
// HTML report and the dashboard, so every surface prints the same digits. One rounding rule per
// format: money in whole units, rates as a percent with one decimal, multiples (coverage, LTV:CAC,
// return on spend) with one decimal and ×, indices (100 = average) whole. JSON and CSV carry raw
// numbers instead (CSV rounds money to cents: src/render/render-csv.ts).
import type { ColumnFormat } from "./report-result.js";
import type { SqlValue } from "./row.js";

// signDisplay "negative": a value that rounds to zero prints 0, never -0.
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0, signDisplay: "negative" });
const oneDecimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: "negative" });

export function formatValue(value: SqlValue | undefined, format: ColumnFormat): string {
  if (value === null || value === undefined) return "–";
  if (typeof value !== "number") return String(value);
  switch (format) {
    case "money":
    case "index":
      return integer.format(value);
    case "rate":
      return `${oneDecimal.format(value * 100)}%`;
    case "multiple":
      return `${oneDecimal.format(value)}×`;
    case "days":
    case "credit":
      return oneDecimal.format(value);
    case "count":
      return Number.isInteger(value) ? integer.format(value) : oneDecimal.format(value);
    case "number":
      return String(Math.round(value * 1000) / 1000);
    case "text":
      return String(value);
  }
}

export function isNumericFormat(format: ColumnFormat): boolean {
  return format !== "text";
}
