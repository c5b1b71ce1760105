// What an export format is: the objects it reads (with header aliases) and, per canonical table,
// the SQL that builds the table's text columns from those objects. Line numbers and messages
// stay those of the exported file the table's rows come from (its primary object).
import type { CanonicalTable, Config } from "../../model/config-schema.js";
import type { FieldAliases } from "./aliases.js";
import type { ExportObject } from "./export-objects.js";

export interface ObjectSpec {
  readonly aliases: FieldAliases;
  /** Canonical table whose quarantine counts this object's malformed records. */
  readonly quarantineAs: CanonicalTable | string;
}

export interface TableBuild {
  readonly table: CanonicalTable;
  /** Object whose file and lines the rows report; aliased `p` in `from`. */
  readonly primary: string;
  /** Canonical column → SQL over the joined objects (text). */
  readonly columns: Readonly<Record<string, string>>;
  /** Canonical column → 1-based column of the primary file, for messages. */
  readonly positions: Readonly<Record<string, number | null>>;
  readonly from: string;
  readonly where?: string;
  /** Keep the primary object's other columns as text attributes (segment fields). */
  readonly keepExtras?: boolean;
  /** Already a full SELECT producing `__line`, `__raw_row` and the columns (e.g. an unpivot). */
  readonly select?: string;
}

export type Objects = ReadonlyMap<string, ExportObject>;

export interface ExportFormat {
  readonly objects: Readonly<Record<string, ObjectSpec>>;
  build(objects: Objects, config: Config): TableBuild[];
}

export const TRUE_TEXT = "('true','t','1','yes','y','checked')";
export const FALSE_TEXT = "('false','f','0','no','n','unchecked')";
