// The commonest reasons a table's records were quarantined, with an example each: what an ingest
// that kept too little says before it gives up.
import { quoteLiteral as lit } from "../dialect.js";

export function compileQuarantineSummary(table: string, limit: number): string {
  return `SELECT code, column_name, count(*) AS n, min(line) AS example_line, arg_min(reason, line) AS example_reason, arg_min(raw_row, line) AS example_row
FROM quarantine WHERE table_name = ${lit(table)}
AND code NOT IN ('report_footer', 'empty_line')
GROUP BY code, column_name ORDER BY n DESC, code, column_name LIMIT ${Math.trunc(limit)}`;
}

/** Quarantined lines that were never records (report footers, empty lines), per table. */
export function compileNonRecordCounts(): string {
  return `SELECT table_name, count(*) AS n, min(line) AS first_line, max(line) AS last_line FROM quarantine
WHERE code IN (${lit("report_footer")}, ${lit("empty_line")}) GROUP BY table_name`;
}
