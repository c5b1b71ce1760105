// SQL syntax that differs between engines. Query builders call these helpers and never spell a
// dialect-specific construct themselves, so one query definition serves DuckDB and PostgreSQL.

export interface Dialect {
  readonly name: "duckdb" | "postgres";
  quoteIdent(name: string): string;
  /** A string literal; used only for values pipeprism itself controls (labels from config). */
  literal(value: string): string;
  /** Difference b − a in whole days between two DATE expressions. */
  dayDiff(a: string, b: string): string;
  /** Continuous percentile of expr within a group. */
  percentile(p: number, expr: string): string;
  median(expr: string): string;
  castDouble(expr: string): string;
  /** Parses text to a number, or NULL when it is not one. */
  tryNumber(expr: string): string;
  regexMatches(expr: string, pattern: string): string;
  /** Seconds since the epoch of a TIMESTAMP expression, as a double. */
  epochSeconds(expr: string): string;
  /** Aggregate: the value of `value` on the row with the largest `by`. */
  argMax(value: string, by: string): string;
  /** Aggregate: strings joined in order. */
  stringAgg(expr: string, separator: string, orderBy: string): string;
  /** Aggregate: distinct values sorted and joined. */
  sortedSetAgg(expr: string, separator: string): string;
}

export function quoteIdentAnsi(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export const duckdbDialect: Dialect = {
  name: "duckdb",
  quoteIdent: quoteIdentAnsi,
  literal: quoteLiteral,
  dayDiff: (a, b) => `date_diff('day', ${a}, ${b})`,
  percentile: (p, expr) => `quantile_cont(${expr}, ${p})`,
  median: (expr) => `quantile_cont(${expr}, 0.5)`,
  castDouble: (expr) => `CAST(${expr} AS DOUBLE)`,
  tryNumber: (expr) => `TRY_CAST(${expr} AS DOUBLE)`,
  regexMatches: (expr, pattern) => `regexp_matches(${expr}, ${pattern})`,
  epochSeconds: (expr) => `epoch(${expr})`,
  argMax: (value, by) => `arg_max(${value}, ${by})`,
  stringAgg: (expr, separator, orderBy) => `string_agg(${expr}, ${separator} ORDER BY ${orderBy})`,
  sortedSetAgg: (expr, separator) => `string_agg(DISTINCT ${expr}, ${separator} ORDER BY ${expr})`,
};
