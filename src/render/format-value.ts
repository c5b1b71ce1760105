// Human formatting for table and Markdown output. JSON and CSV carry raw numbers instead.
import type { SqlValue } from "../contract/row.js";
import type { ColumnFormat } from "../contract/report-result.js";

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function formatValue(value: SqlValue | undefined, format: ColumnFormat): string {
  if (value === null || value === undefined) return "–";
  if (typeof value !== "number") return String(value);
  switch (format) {
    case "money":
      return integer.format(value);
    case "rate":
      return `${(value * 100).toFixed(1)}%`;
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
