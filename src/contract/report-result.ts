// The typed result every report returns, every renderer accepts and the JSON carries (SPEC §8
// plus `columns`): a report describes its own columns, so no consumer guesses a format from a name.
import type { Row } from "./row.js";

/**
 * How a column's values print (src/contract/format-value.ts): `multiple` is a ratio read as "times"
 * (coverage 3.4×, LTV:CAC, return on spend); `index` is 100 = average (quality); `number` is a raw
 * figure with up to three decimals (a deal's credit, a path file's totals, a validation distance).
 */
export type ColumnFormat = "text" | "money" | "count" | "rate" | "number" | "multiple" | "index" | "days" | "credit";

/** The JSON type of a column's values (null is always allowed). */
type ColumnType = "string" | "number" | "boolean";

export interface ColumnDef {
  readonly key: string;
  readonly label: string;
  readonly format: ColumnFormat;
  readonly type: ColumnType;
  /** A segment dimension (or another grouping key such as channel), not a measure. */
  readonly role?: "dimension";
}

export interface ReportResult {
  readonly report: string;
  readonly params: Readonly<Record<string, unknown>>;
  /** Columns in display order: table, CSV, Markdown, HTML and the dashboard show these. */
  readonly columns: readonly ColumnDef[];
  readonly rows: readonly Row[];
  readonly totals: readonly Row[];
  readonly notes: readonly string[];
  /**
   * ISO code of the reporting currency every `money` column is in (config `currencies.reporting`,
   * else `currency`, else USD). runPlan sets it on every report a workspace runs, and with it the
   * money columns' labels ("pipeline (USD)"), so every surface shows it.
   */
  readonly currency?: string;
}

/** A column's JSON type follows from its format: text is a string, every other format a number. */
export type TypeOfFormat<F extends ColumnFormat> = F extends "text" ? "string" : "number";

function columnType<F extends ColumnFormat>(format: F): TypeOfFormat<F> {
  return (format === "text" ? "string" : "number") as TypeOfFormat<F>;
}

/** A column whose key, format and type stay literal types, so rows can be typed from columns. */
export interface TypedColumn<K extends string, T extends ColumnType> extends ColumnDef {
  readonly key: K;
  readonly type: T;
}

export function column<const K extends string, F extends ColumnFormat>(key: K, label: string, format: F): TypedColumn<K, TypeOfFormat<F>> {
  return { key, label, format, type: columnType(format) };
}

type ValueOfType<T extends ColumnType> = T extends "number" ? number : T extends "boolean" ? boolean : string;

/** The row type a column declaration describes: each key holds its type's value, or null. */
export type RowOf<C extends readonly ColumnDef[]> = { [Col in C[number] as Col["key"]]: ValueOfType<Col["type"]> | null };

export function dimensionColumns(dims: readonly string[]): ColumnDef[] {
  return dims.map((d) => ({ ...column(d, d, "text"), role: "dimension" as const }));
}

/**
 * The result in its reporting currency: the ISO code on the result and on every money column's
 * label ("spend (USD)"), once in the header rather than on each value, so a terminal column stays
 * narrow and right-aligned and the code is unambiguous where "$" is not. Applied once per result.
 */
export function inCurrency(result: ReportResult, currency: string): ReportResult {
  if (result.currency !== undefined) return result;
  const columns = result.columns.map((c) => (c.format === "money" ? { ...c, label: `${c.label} (${currency})` } : c));
  return { ...result, currency, columns };
}
