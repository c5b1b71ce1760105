// Open pipeline per stage and segment as of each ingest's date (SPEC §5), and the earlier
// ingests' snapshots carried over from the previous workspace file, so pipeline can be followed
// across ingests. DuckDB only: the previous file is attached read-only under `previous`.
import { quoteIdent as q, quoteLiteral as lit } from "../dialect.js";
import { segColumn } from "../opportunity-base-sql.js";

export const CREATE_SNAPSHOTS = `CREATE TABLE snapshots (as_of DATE, dimension VARCHAR, segment VARCHAR, stage VARCHAR,
    open_count BIGINT, open_amount DECIMAL(38,2))`;

export const compileAttachPrevious = (file: string): string => `ATTACH ${lit(file)} AS previous (READ_ONLY)`;
/** One row, `n`: 1 when the previous workspace has a snapshots table. */
export const HAS_PREVIOUS_SNAPSHOTS =
  "SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = 'previous' AND table_name = 'snapshots'";
export const COPY_PREVIOUS_SNAPSHOTS = "INSERT INTO snapshots SELECT * FROM previous.snapshots";
export const DETACH_PREVIOUS = "DETACH previous";

const ALL = "(all)";
const dateLiteral = (isoDate: string): string => `DATE ${lit(isoDate)}`;

/** A date recorded again keeps only the new rows. */
export const compileDeleteSnapshot = (asOf: string): string => `DELETE FROM snapshots WHERE as_of = ${dateLiteral(asOf)}`;

/**
 * One statement: the open-at-D scope (`scopeSql`, with an `open_at_d` column and one segment
 * column per dimension) is computed once and grouped per dimension, plus once for "(all)".
 */
export function compileRecordSnapshot(scopeSql: string, dimensions: readonly string[], asOf: string): string {
  const groupings = [{ dim: ALL, seg: lit(ALL) }, ...dimensions.map((dim) => ({ dim, seg: q(segColumn(dim)) }))];
  const parts = groupings.map(
    (g) =>
      `SELECT ${dateLiteral(asOf)}, ${lit(g.dim)}, ${g.seg}, stage_at_d, count(*), COALESCE(sum(amount), 0) FROM open_now GROUP BY ${g.seg}, stage_at_d`,
  );
  return `INSERT INTO snapshots WITH open_now AS MATERIALIZED (SELECT * FROM (${scopeSql}) s WHERE open_at_d)
${parts.join("\nUNION ALL\n")}`;
}
