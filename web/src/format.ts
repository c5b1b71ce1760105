// Number formatting shared with the CLI's table and Markdown output (src/render/format-value.ts),
// so the dashboard, the HTML report and the terminal print the same digits.
import { formatValue } from "../../src/render/format-value.js";
import type { ColumnFormat } from "../../src/report/report-types.js";
import type { SqlValue } from "./report-json.js";

export { formatValue };
export type { ColumnFormat };

export const fmt = (value: SqlValue | undefined, format: ColumnFormat): string => formatValue(value, format);
export const fmtRate = (value: SqlValue | undefined): string => formatValue(value, "rate");
export const fmtMoney = (value: SqlValue | undefined): string => formatValue(value, "money");

/** Compact money for axes and chart labels: 1.2M, 350k. */
export function fmtShortMoney(value: number): string {
  const abs = Math.abs(value);
  const short = (x: number) => x.toFixed(1).replace(/\.0$/, "");
  if (abs >= 1e9) return `${short(value / 1e9)}B`;
  if (abs >= 1e6) return `${short(value / 1e6)}M`;
  if (abs >= 1e3) return `${Math.round(value / 1e3)}k`;
  return String(Math.round(value));
}

export function fmtInterval(low: SqlValue | undefined, high: SqlValue | undefined): string {
  return typeof low === "number" && typeof high === "number" ? `${fmtRate(low)}–${fmtRate(high)}` : "–";
}

const RATE_KEY = /(^|_)(rate|share|conversion|cumulative|churn|margin|coverage)(_|$)|_low$|_high$|_shrunk$|share_of/;
const MONEY_KEY = /pipeline|amount|spend|cac$|^ltv$|arpa|target|velocity|bookings|deal_size|cost_per/;

/** For reports without a dedicated view: a column's format from its name and values. */
export function guessFormat(key: string, sample: SqlValue | undefined): ColumnFormat {
  if (typeof sample !== "number") return "text";
  if (key.endsWith("_count") || key === "journeys" || key === "rank" || key === "step") return "count";
  if (key.includes("days")) return "days";
  if (key.includes("ltv_to_cac") || key === "roi" || key.includes("index") || key.includes("p_value") || key.includes("q_value")) return "number";
  if (RATE_KEY.test(key)) return "rate";
  if (MONEY_KEY.test(key)) return "money";
  return "count";
}
