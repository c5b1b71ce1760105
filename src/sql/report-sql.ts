// Building blocks shared by report queries: grouping by segment with a grand total in one pass,
// literals for validated dates, and the stage → probability lookup from config.
import type { Config } from "../model/config-schema.js";
import type { Dialect } from "./dialect.js";
import { segColumn } from "./opportunity-base-sql.js";

/** Columns `seg_<dim> AS "<dim>"` plus a flag marking the grand-total row of GROUPING SETS. */
export function groupSelect(d: Dialect, dims: readonly string[]): string {
  const cols = dims.map((dim) => `${d.quoteIdent(segColumn(dim))} AS ${d.quoteIdent(dim)}`);
  const total = dims.length ? `GROUPING(${dims.map((dim) => d.quoteIdent(segColumn(dim))).join(", ")}) > 0` : "true";
  return [...cols, `${total} AS __is_total`].join(", ");
}

/** GROUP BY the first `count` output columns: what DuckDB's GROUP BY ALL means, in any dialect. */
export function groupByLeading(count: number): string {
  return `GROUP BY ${Array.from({ length: count }, (_, i) => String(i + 1)).join(", ")}`;
}

export function groupBy(d: Dialect, dims: readonly string[]): string {
  if (dims.length === 0) return "GROUP BY GROUPING SETS (())";
  return `GROUP BY GROUPING SETS ((${dims.map((dim) => d.quoteIdent(segColumn(dim))).join(", ")}), ())`;
}

/** Dates reach SQL only after parseIsoDate / parsePeriod validated them. */
export function dateLit(iso: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) throw new Error(`not an ISO date: ${iso}`);
  return `DATE '${iso}'`;
}

export function stageProbabilityExpr(d: Dialect, config: Config, stageExpr: string): string {
  const entries = Object.entries(config.stages.probability);
  if (entries.length === 0) return d.castDouble("NULL");
  const whens = entries.map(([stage, p]) => `WHEN lower(${stageExpr}) = ${d.literal(stage.toLowerCase())} THEN ${p}`);
  return `(CASE ${whens.join(" ")} END)`;
}

/**
 * Mean of a money column over the rows passing `filter`: the exact DECIMAL sum read as a double,
 * divided by the count, so DuckDB and PostgreSQL return the same double (avg() rounds differently).
 */
export function moneyMean(d: Dialect, expr: string, filter: string): string {
  return `(${d.castDouble(`sum(${expr}) FILTER (WHERE ${filter})`)} / count(${expr}) FILTER (WHERE ${filter}))`;
}

export function safeDivide(d: Dialect, num: string, den: string): string {
  return `(${d.castDouble(num)} / NULLIF(${d.castDouble(den)}, 0))`;
}

/** The first opportunity's creation date, where a trend without a window starts. */
export function compileFirstCreatedDate(): string {
  return "SELECT CAST(min(created_date) AS VARCHAR) AS d FROM opportunities";
}
