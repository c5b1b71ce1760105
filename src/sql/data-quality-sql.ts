// The top data-quality issues `report summary` lists: quarantined records by table and reason, and
// kept rows flagged by the audit's checks, each with its count, commonest first.
import type { Config } from "../model/config-schema.js";
import { auditChecks } from "./audit-sql.js";
import type { Dialect } from "./dialect.js";

export function compileQuarantineTop(d: Dialect, hasCode: boolean, limit: number): string {
  const code = hasCode ? "code" : "CAST(NULL AS VARCHAR)";
  const records = hasCode ? `WHERE code NOT IN (${d.literal("report_footer")}, ${d.literal("empty_line")})` : "";
  return `SELECT table_name, ${code} AS code, count(*) AS n FROM quarantine ${records}
GROUP BY table_name, ${code} ORDER BY n DESC, table_name, ${code} LIMIT ${Math.trunc(limit)}`;
}

/** Every audit check's count in one query, non-zero ones, commonest first. */
export function compileFlagCounts(d: Dialect, config: Config): string {
  const parts = auditChecks(d, config).map(
    (c) =>
      `SELECT ${d.literal(c.table)} AS table_name, ${d.literal(c.flag)} AS flag, ${d.literal(c.description)} AS description, n FROM (${c.sql}) c`,
  );
  return `SELECT * FROM (${parts.join("\nUNION ALL\n")}) flags WHERE n > 0 ORDER BY n DESC, table_name, flag`;
}
