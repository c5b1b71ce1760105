// Text → typed value for each canonical column kind (DuckDB syntax; the PostgreSQL dialect will
// supply its own table). Each conversion yields NULL for bad text so the caller can tell "missing"
// (source NULL) from "unusable" (source present, converted NULL).
import type { ColumnKind } from "../model/canonical-tables.js";

export interface Coercion {
  readonly sql: (v: string) => string;
  /** Completes the sentence `"<value>" is not …`. */
  readonly expected: string;
}

const TRUE_WORDS = "('true','t','1','yes','y')";
const FALSE_WORDS = "('false','f','0','no','n')";

export const DUCKDB_COERCIONS: Readonly<Record<ColumnKind, Coercion>> = {
  text: { sql: (v) => v, expected: "text" },
  lower_text: { sql: (v) => `lower(${v})`, expected: "text" },
  number: { sql: (v) => `TRY_CAST(${v} AS DOUBLE)`, expected: "a number (e.g. 1200.50)" },
  money: { sql: (v) => `TRY_CAST(${v} AS DECIMAL(18,2))`, expected: "an amount (e.g. 1200.50)" },
  date: {
    sql: (v) => `COALESCE(TRY_CAST(${v} AS DATE), CAST(TRY_CAST(${v} AS TIMESTAMP) AS DATE))`,
    expected: "a date (expected YYYY-MM-DD)",
  },
  timestamp: { sql: (v) => `TRY_CAST(${v} AS TIMESTAMP)`, expected: "a date or timestamp (expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)" },
  bool: {
    sql: (v) => `CASE WHEN lower(${v}) IN ${TRUE_WORDS} THEN true WHEN lower(${v}) IN ${FALSE_WORDS} THEN false END`,
    expected: "true or false",
  },
  status: {
    sql: (v) => `CASE WHEN lower(${v}) IN ('won','lost','open') THEN lower(${v}) END`,
    expected: "a status (won, lost or open)",
  },
  deal_type: { sql: (v) => `trim(regexp_replace(lower(${v}), '[^a-z0-9]+', '_', 'g'), '_')`, expected: "text" },
  month: {
    sql: (v) => `CASE WHEN regexp_full_match(${v}, '[0-9]{4}-(0[1-9]|1[0-2])') THEN ${v} END`,
    expected: "a month (expected YYYY-MM)",
  },
  period: {
    sql: (v) => `CASE WHEN regexp_full_match(upper(${v}), '[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?') THEN upper(${v}) END`,
    expected: "a period (expected YYYY, YYYY-Qn or YYYY-MM)",
  },
};
