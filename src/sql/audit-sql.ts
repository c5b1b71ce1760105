// Data-quality checks behind `pipeprism audit`: rows kept but flagged (SPEC §2), each as a query
// counting the affected rows with an example id.
import type { Config } from "../model/config-schema.js";
import type { Dialect } from "./dialect.js";

export interface FlagCheck {
  readonly table: string;
  readonly flag: string;
  readonly description: string;
  readonly sql: string;
}

export function auditChecks(d: Dialect, config: Config): FlagCheck[] {
  // The example is the smallest id in byte order, whatever the database's collation.
  const check = (table: string, flag: string, description: string, idColumn: string, from: string, where: string): FlagCheck => ({
    table,
    flag,
    description,
    sql: `SELECT count(*) AS n, min(${d.textSortKey(idColumn)}) AS example FROM ${from} WHERE ${where}`,
  });
  const known = [...config.stages.order, ...config.stages.won, ...config.stages.lost].map((s) => d.literal(s.toLowerCase()));
  return [
    check(
      "opportunities",
      "missing_account",
      "account_id is empty (segment values from the account are Unknown)",
      "opportunity_id",
      "opportunities",
      "account_id IS NULL",
    ),
    check(
      "opportunities",
      "account_not_found",
      "account_id names no row of accounts",
      "o.opportunity_id",
      "opportunities o LEFT JOIN accounts a ON a.account_id = o.account_id",
      "o.account_id IS NOT NULL AND a.account_id IS NULL",
    ),
    check(
      "opportunities",
      "missing_amount",
      "amount is empty (counted, adds 0 to sums)",
      "opportunity_id",
      "opportunities",
      "amount IS NULL",
    ),
    check(
      "opportunities",
      "close_before_created",
      "close_date precedes created_date (left out of sales cycle)",
      "opportunity_id",
      "opportunities",
      "close_date < created_date",
    ),
    check(
      "opportunities",
      "closed_without_close_date",
      "won or lost with no close_date (outside every period window)",
      "opportunity_id",
      "opportunities",
      "status <> 'open' AND close_date IS NULL",
    ),
    check(
      "opportunities",
      "unknown_stage",
      "stage is not listed under stages (treated as open unless status says otherwise)",
      "opportunity_id",
      "opportunities",
      `lower(stage) NOT IN (${known.join(", ")})`,
    ),
    check(
      "stage_history",
      "opportunity_not_found",
      "opportunity_id names no opportunity",
      "h.opportunity_id",
      "stage_history h LEFT JOIN opportunities o ON o.opportunity_id = h.opportunity_id",
      "o.opportunity_id IS NULL",
    ),
    check(
      "touchpoints",
      "opportunity_not_found",
      "opportunity_id names no opportunity",
      "t.touchpoint_id",
      "touchpoints t LEFT JOIN opportunities o ON o.opportunity_id = t.opportunity_id",
      "t.opportunity_id IS NOT NULL AND o.opportunity_id IS NULL",
    ),
    check(
      "touchpoints",
      "account_not_found",
      "account_id names no account",
      "t.touchpoint_id",
      "touchpoints t LEFT JOIN accounts a ON a.account_id = t.account_id",
      "t.account_id IS NOT NULL AND a.account_id IS NULL",
    ),
    check(
      "touchpoints",
      "unknown_channel",
      `channel is empty (labelled ${config.unknown_label})`,
      "touchpoint_id",
      "touchpoints",
      "raw_channel IS NULL",
    ),
    check(
      "lead_history",
      "unknown_status",
      "status is not listed under lead_stages (adds no reach in report leads)",
      "lead_id",
      "lead_history",
      `lower(status) NOT IN (${config.lead_stages.map((s) => d.literal(s.toLowerCase())).join(", ")})`,
    ),
    check(
      "lead_history",
      "account_not_found",
      "account_id names no account (the lead's segments are Unknown)",
      "l.lead_id",
      "lead_history l LEFT JOIN accounts a ON a.account_id = l.account_id",
      "l.account_id IS NOT NULL AND a.account_id IS NULL",
    ),
  ];
}

/** What each ingested file gave: rows read, kept and quarantined. */
export function compileIngestFiles(): string {
  return "SELECT table_name, file, rows_read, rows_kept, rows_quarantined FROM ingest_files ORDER BY table_name";
}

export function compileTableCount(d: Dialect, table: string): string {
  return `SELECT count(*) AS n FROM ${d.quoteIdent(table)}`;
}

/** Every quarantined row with its place, code, reason and raw text, in file order (workspaces ingested before codes existed have none). */
export function compileQuarantineRows(hasCode: boolean): string {
  return `SELECT table_name, file, line, column_number, column_name, ${hasCode ? "code" : "CAST(NULL AS VARCHAR) AS code"}, reason, raw_row FROM quarantine ORDER BY file, line`;
}

/** Raw channel values no channel rule matched (they kept their raw spelling), with touch counts. */
export function compileUnmatchedChannels(ruleChannels: readonly string[]): { sql: string; params: string[] } {
  const placeholders = ruleChannels.map(() => "?").join(", ");
  return {
    sql: `SELECT raw_channel, count(*) AS touches FROM touchpoints WHERE raw_channel IS NOT NULL AND channel = raw_channel
     AND raw_channel NOT IN (${placeholders}) GROUP BY raw_channel ORDER BY touches DESC, raw_channel`,
    params: [...ruleChannels],
  };
}

/** Per dimension, how many opportunities landed in the unknown segment. */
export function compileUnknownShares(
  d: Dialect,
  baseSql: string,
  dims: readonly string[],
  unknownLabel: string,
  segColumn: (dim: string) => string,
): string {
  const label = d.literal(unknownLabel);
  const selects = dims.map((dim) => `count(*) FILTER (WHERE ${d.quoteIdent(segColumn(dim))} = ${label}) AS ${d.quoteIdent(dim)}`);
  return `SELECT count(*) AS total, ${selects.join(", ")} FROM (${baseSql}) b`;
}
