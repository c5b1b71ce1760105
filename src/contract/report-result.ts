// The typed result every report returns, every renderer accepts and the JSON carries (SPEC §8
// plus `columns`): a report describes its own columns, so no consumer guesses a format from a name.
import type { Row } from "./row.js";

export const COLUMN_FORMATS = ["text", "money", "count", "rate", "number", "days", "credit"] as const;
export type ColumnFormat = (typeof COLUMN_FORMATS)[number];

/** The JSON type of a column's values (null is always allowed). */
export type ColumnType = "string" | "number" | "boolean";

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
export function columnType(format: ColumnFormat): ColumnType {
  return format === "text" ? "string" : "number";
}

export function column(key: string, label: string, format: ColumnFormat): ColumnDef {
  return { key, label, format, type: columnType(format) };
}

export function dimensionColumns(dims: readonly string[]): ColumnDef[] {
  return dims.map((d) => ({ ...column(d, d, "text"), role: "dimension" as const }));
}
