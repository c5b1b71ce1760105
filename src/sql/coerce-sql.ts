// Text → typed value for each canonical column kind (DuckDB syntax). Each conversion yields NULL
// for bad text so the caller can tell "missing" (source NULL) from "unusable" (source present,
// converted NULL). Values are read as exported: `$1,200.50`, `1.200,50 €`, `(300)`, ISO
// timestamps with offsets, MM/DD or DD/MM dates with 2- or 4-digit years, epoch milliseconds.
import type { ColumnKind } from "../model/canonical-tables.js";
import type { QuarantineCode } from "../model/quarantine-codes.js";
import { quoteLiteral as lit } from "./dialect.js";

export interface Coercion {
  readonly sql: (v: string) => string;
  /** Completes the sentence `"<value>" is not …`. */
  readonly expected: string;
  /** Quarantine code of text the conversion rejects; null when every text is accepted. */
  readonly invalid: QuarantineCode | null;
}

export interface CoercionOptions {
  readonly dateFormat: "YYYY-MM-DD" | "MM/DD/YYYY" | "DD/MM/YYYY";
  readonly decimalSeparator: "." | ",";
}

/** Lower-cased flag spellings exports use, as SQL lists (also read by export formats). */
export const TRUE_WORDS = "('true','t','1','yes','y','checked')";
export const FALSE_WORDS = "('false','f','0','no','n','unchecked')";

/** Strips currency symbols and ISO codes, reads (x) as −x and removes thousands separators. */
function numberText(v: string, decimal: "." | ","): string {
  const bare = `trim(regexp_replace(regexp_replace(${v}, '^[A-Z]{3}\\s+|\\s+[A-Z]{3}$', '', 'g'), '[$€£¥₹\\s\\x{00A0}]', '', 'g'))`;
  const signed = `(CASE WHEN ${bare} LIKE '(%)' THEN '-' || substr(${bare}, 2, length(${bare}) - 2) ELSE ${bare} END)`;
  return decimal === "." ? `replace(${signed}, ',', '')` : `replace(replace(${signed}, '.', ''), ',', '.')`;
}

/** Plain numbers cast directly; only text that is not one goes through the cleaning regexes. */
function fastNumber(v: string, type: string, options: CoercionOptions): string {
  const plain = options.decimalSeparator === "." ? `TRY_CAST(${v} AS ${type})` : "NULL";
  return `COALESCE(${plain}, TRY_CAST(${numberText(v, options.decimalSeparator)} AS ${type}))`;
}

function dayFirstFormats(order: "md" | "dm", year: "%Y" | "%y"): string {
  const date = order === "md" ? `%m/%d/${year}` : `%d/%m/${year}`;
  const dashed = date.replaceAll("/", "-");
  const list = [date, dashed].flatMap((d) => [`${d} %I:%M %p`, `${d} %I:%M:%S %p`, `${d} %H:%M:%S`, `${d} %H:%M`, d]);
  return `[${list.map(lit).join(", ")}]`;
}

/** A timestamp in UTC: ISO (with or without offset), the configured day/month order, epoch ms. */
function timestampExpr(v: string, options: CoercionOptions): string {
  // Fast path for the common shapes (YYYY-MM-DD, YYYY-MM-DD HH:MM:SS): a plain cast, no regex.
  // Longer text may carry an offset, which a plain TIMESTAMP cast would silently drop.
  return `COALESCE(CASE WHEN length(${v}) IN (10, 19) AND substr(${v}, 5, 1) = '-' THEN TRY_CAST(${v} AS TIMESTAMP) END, ${slowTimestampExpr(v, options)})`;
}

function slowTimestampExpr(v: string, options: CoercionOptions): string {
  // DuckDB's cast also reads "02/03/24" (as year 2), so only year-first text goes through it.
  const iso = `CASE WHEN regexp_matches(${v}, '^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}') THEN CAST(TRY_CAST(${v} AS TIMESTAMPTZ) AS TIMESTAMP) END`;
  const epochMs = `CASE WHEN regexp_full_match(${v}, '[0-9]{12,13}') THEN CAST(to_timestamp(CAST(${v} AS BIGINT) / 1000.0) AS TIMESTAMP) END`;
  if (options.dateFormat === "YYYY-MM-DD") return `COALESCE(${iso}, ${epochMs})`;
  const order = options.dateFormat === "MM/DD/YYYY" ? "md" : "dm";
  const twoDigitYear = `regexp_full_match(${v}, '[0-9]{1,2}[/-][0-9]{1,2}[/-][0-9]{2}(\\s.*)?')`;
  const local = `(CASE WHEN ${twoDigitYear} THEN TRY_STRPTIME(${v}, ${dayFirstFormats(order, "%y")}) ELSE TRY_STRPTIME(${v}, ${dayFirstFormats(order, "%Y")}) END)`;
  return `COALESCE(${iso}, ${local}, ${epochMs})`;
}

export function coercionsFor(options: CoercionOptions): Readonly<Record<ColumnKind, Coercion>> {
  const dateHint = options.dateFormat === "YYYY-MM-DD" ? "YYYY-MM-DD" : `${options.dateFormat} or YYYY-MM-DD`;
  return {
    text: { sql: (v) => v, expected: "text", invalid: null },
    lower_text: { sql: (v) => `lower(${v})`, expected: "text", invalid: null },
    number: { sql: (v) => fastNumber(v, "DOUBLE", options), expected: "a number (e.g. 1200.50)", invalid: "bad_number" },
    money: { sql: (v) => fastNumber(v, "DECIMAL(18,2)", options), expected: "an amount (e.g. 1200.50)", invalid: "bad_number" },
    date: { sql: (v) => `CAST(${timestampExpr(v, options)} AS DATE)`, expected: `a date (expected ${dateHint})`, invalid: "bad_date" },
    timestamp: {
      sql: (v) => timestampExpr(v, options),
      expected: `a date or timestamp (expected ${dateHint} or YYYY-MM-DD HH:MM:SS)`,
      invalid: "bad_date",
    },
    bool: {
      sql: (v) => `CASE WHEN lower(${v}) IN ${TRUE_WORDS} THEN true WHEN lower(${v}) IN ${FALSE_WORDS} THEN false END`,
      expected: "true or false",
      invalid: "bad_bool",
    },
    status: {
      sql: (v) => `CASE WHEN lower(${v}) IN ('won','lost','open') THEN lower(${v}) END`,
      expected: "a status (won, lost or open)",
      invalid: "bad_status",
    },
    deal_type: { sql: (v) => `trim(regexp_replace(lower(${v}), '[^a-z0-9]+', '_', 'g'), '_')`, expected: "text", invalid: null },
    month: {
      sql: (v) => `CASE WHEN regexp_full_match(${v}, '[0-9]{4}-(0[1-9]|1[0-2])') THEN ${v} END`,
      expected: "a month (expected YYYY-MM)",
      invalid: "bad_month",
    },
    period: {
      sql: (v) => `CASE WHEN regexp_full_match(upper(${v}), '[0-9]{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?') THEN upper(${v}) END`,
      expected: "a period (expected YYYY, YYYY-Qn or YYYY-MM)",
      invalid: "bad_period",
    },
  };
}
