// How an export format builds one canonical table, as plain data: the exported objects it reads,
// how they join (an object's logical field equals a value of the objects before it), which value
// feeds each canonical column, which rows count, and unpivots. No SQL text: compile-table-build
// turns this into SQL, and the format never sees a database's syntax. Logical fields (`id`,
// `stage`) are resolved to the export's header names by the caller (aliases), not here.
import type { CanonicalTable } from "../../model/config-schema.js";

/** A logical field of an exported object; NULL when the export lacks the object or the field. */
export interface FieldRef {
  readonly kind: "field";
  readonly object: string;
  readonly field: string;
}

/** A value, always text (or NULL); the canonical table's checks convert it afterwards. */
export type Value =
  | FieldRef
  /** A column of the object named by its exact header (an unpivoted or configured column). */
  | { readonly kind: "column"; readonly object: string; readonly header: string }
  | { readonly kind: "null" }
  | { readonly kind: "constant"; readonly value: string }
  | { readonly kind: "first_non_null"; readonly values: readonly Value[] }
  /** The values joined end to end; NULL when any of them is. */
  | { readonly kind: "concat"; readonly values: readonly Value[] }
  /** Text before the first separator (all of it when there is none). */
  | { readonly kind: "first_part"; readonly value: Value; readonly separator: string }
  /** Trimmed, and NULL when that leaves nothing. */
  | { readonly kind: "blank_as_null"; readonly value: Value }
  /** Enum codes (`PAID_SEARCH`) named as people read them, compared upper-cased with spaces as `_`; others kept. */
  | { readonly kind: "enum_label"; readonly value: Value; readonly labels: Readonly<Record<string, string>> }
  /** Opportunity type picklists → new_business / expansion / renewal; others kept. */
  | { readonly kind: "deal_type"; readonly value: Value }
  /** won when `won` is true, else lost when `closed` is true, open when it is false. */
  | { readonly kind: "status_from_flags"; readonly won: Value; readonly closed: Value }
  /** A fraction (0.2) or a percentage (20) as a percentage. */
  | { readonly kind: "percent"; readonly value: Value }
  /** 'true' when the value holds the token as a word of its own (`LC` in `FT, LC`), else 'false'. */
  | { readonly kind: "has_token"; readonly value: Value; readonly token: string };

/** Which rows of the joined objects become rows of the table. */
export type Condition = { readonly kind: "present"; readonly value: Value } | { readonly kind: "is_true"; readonly value: Value };

/**
 * A condition that leaves records of the primary object out on purpose, and how to say so: when it
 * leaves out most of them the ingest warns in these words instead of reporting "0 read" silently.
 */
export interface RowFilter {
  readonly condition: Condition;
  /** The primary object's records, plural (`campaign members`). */
  readonly records: string;
  /** Why a record is left out (`did not respond (HasResponded not true) and responded_only: true skips them`). */
  readonly skips: string;
  /** What to change to keep them, when anything can. */
  readonly fix?: string;
  /** A value of the skipped records to count them by in the warning (their status). */
  readonly tally?: Value;
}

/** LEFT JOIN `object` where its logical `field` equals `equals` (over the objects joined before). */
export interface Join {
  readonly object: string;
  readonly field: string;
  readonly equals: Value;
  /** Reduce the object to one row per key first, keeping the smallest value of each field listed. */
  readonly smallest?: readonly string[];
}

/** One row per listed column of the primary object that has a value (HubSpot's `Date entered "<stage>"`). */
interface Unpivot {
  /** Canonical column that gets each entry's name. */
  readonly nameAs: string;
  /** Canonical column that gets the value of each entry's column. */
  readonly valueAs: string;
  readonly entries: readonly { readonly header: string; readonly name: string }[];
}

export interface TableBuild {
  readonly table: CanonicalTable;
  /** Object whose file and lines the rows report. */
  readonly primary: string;
  readonly joins: readonly Join[];
  /** Canonical column → its value. */
  readonly columns: Readonly<Record<string, Value>>;
  readonly where?: RowFilter;
  /** Why a required column can be empty in this format, by canonical column: the likely fix a refusal names. */
  readonly missingHints?: Readonly<Record<string, string>>;
  /**
   * Canonical column → logical field of the primary object whose header position messages cite.
   * A list names the fields a value falls back through (first_non_null, or the join keys a joined
   * value is reached by): each row cites the first of them holding a value, else the first exported.
   * Unpivoted columns cite each entry's own column.
   */
  readonly positions: Readonly<Record<string, Position>>;
  /** Keep the primary object's other columns as text attributes (segment fields). */
  readonly keepExtras?: boolean;
  readonly unpivot?: Unpivot;
}

/** Logical field(s) of the primary object a canonical column is cited at (TableBuild.positions). */
export type Position = string | readonly string[];

/** The canonical columns a build fills, in order. */
export function buildColumns(build: TableBuild): string[] {
  return [...Object.keys(build.columns), ...(build.unpivot ? [build.unpivot.nameAs, build.unpivot.valueAs] : [])];
}

/** An exported object as the compiler sees it: its staging table and its logical fields' headers. */
export interface BuildObject {
  readonly key: string;
  readonly fields: Readonly<Record<string, string>>;
  /** The file's header, in order: positions of fields and unpivoted columns. */
  readonly header: readonly string[];
}

/**
 * The exported fields of a position, in order, with their 1-based header positions. One field:
 * the same column on every row; several: per row (compileBuildTable's `__positions`).
 */
export function positionFields(object: BuildObject, position: Position | undefined): { field: string; at: number }[] {
  const fields = position === undefined ? [] : typeof position === "string" ? [position] : position;
  return fields.flatMap((f) => {
    const header = object.fields[f];
    const i = header === undefined ? -1 : object.header.indexOf(header);
    return i >= 0 ? [{ field: f, at: i + 1 }] : [];
  });
}

/** A column of the primary object kept as an attribute, under a staging name. */
export interface BuildExtra {
  readonly header: string;
  readonly as: string;
}

export const field = (object: string, name: string): FieldRef => ({ kind: "field", object, field: name });
export const NULL_VALUE: Value = { kind: "null" };
export const constant = (value: string): Value => ({ kind: "constant", value });
export const firstNonNull = (...values: Value[]): Value => ({ kind: "first_non_null", values });
