// What an export format is: the objects it reads (with header aliases) and, per canonical table,
// a declarative table build (src/sql/formats/table-build.ts) over those objects, which sql/
// compiles. Line numbers and messages stay those of the exported file the table's rows come
// from (its primary object).
import type { CanonicalTable, Config } from "../../model/config-schema.js";
import type { TableBuild } from "../../sql/formats/table-build.js";
import type { FieldAliases } from "./aliases.js";
import type { ExportObject } from "./export-objects.js";

interface ObjectSpec {
  readonly aliases: FieldAliases;
  /** Canonical table whose quarantine counts this object's malformed records. */
  readonly quarantineAs: CanonicalTable | string;
}

export type Objects = ReadonlyMap<string, ExportObject>;

export interface ExportFormat {
  readonly objects: Readonly<Record<string, ObjectSpec>>;
  /** Builds for the tables the exported objects can fill; which fields exist may shape them. */
  build(objects: Objects, config: Config): TableBuild[];
}
