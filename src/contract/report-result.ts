// The typed result every report returns, every renderer accepts and the JSON carries (SPEC §8
// plus `columns`): a report describes its own columns, so no consumer guesses a format from a name.
import type { Row } from "./row.js";

export type ColumnFormat = "text" | "money" | "count" | "rate" | "number" | "days" | "credit";

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
