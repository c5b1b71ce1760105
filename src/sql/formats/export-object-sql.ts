// An exported object file (Opportunity.csv, deals.csv, …) as `lined_<key>`: every column as text
// plus each record's line in the file and its raw text, which table builds carry into quarantine.
import { lineExpr, rawRowExpr } from "../ingest/read-csv-sql.js";
import { linedTable, rawTable } from "../ingest/staging-names.js";

export interface LinedObject {
  readonly key: string;
  /** Name the file was read under by compileReadCsv. */
  readonly readAs: string;
  readonly delimiter: string;
  readonly header: readonly string[];
  readonly hasRejects: boolean;
  readonly skipLines: number;
}

export function compileLinedObject(o: LinedObject): string {
  const line = lineExpr(o.readAs, o.hasRejects, o.skipLines);
  return `CREATE TEMP TABLE ${linedTable(o.key)} AS SELECT *, ${line} AS __line, ${rawRowExpr(o.delimiter, o.header)} AS __raw_row
    FROM (SELECT rowid + 1 AS __record, * FROM ${rawTable(o.readAs)})`;
}
