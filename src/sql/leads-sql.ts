// Lead-stage conversion (report leads): each lead's furthest status of `lead_stages` reached by D,
// from its status history, so a skipped status counts as passed (as stages do in the funnel).
// Leads are segmented through their account, like the null journeys of §6.
import type { Config } from "../model/config-schema.js";
import type { Dialect } from "./dialect.js";
import type { BaseContext } from "./opportunity-base-sql.js";
import { compileAccountRowsBase } from "./opportunity-base-sql.js";
import { dateLit, groupBy, groupSelect } from "./report-sql.js";

export interface LeadsQuery {
  readonly dimensions: readonly string[];
  /** Window of the leads' first status entry (the cohort), or null for all data. */
  readonly window: { readonly from: string; readonly to: string } | null;
  /** Progress is judged at D; statuses entered after it are not yet known. */
  readonly evaluationDate: string;
}

/** Column holding how many leads reached lead stage i (1-based). */
export const leadReachedColumn = (i: number) => `reached_${i}`;

/** 1-based place of a status in `lead_stages` (case-insensitive), 0 for anything else. */
function leadRankExpr(d: Dialect, config: Config, column: string): string {
  const cases = config.lead_stages.map((s, i) => `WHEN ${d.literal(s.toLowerCase())} THEN ${i + 1}`);
  return `CASE lower(${column}) ${cases.join(" ")} ELSE 0 END`;
}

/** One row per segment (plus the grand total): reached_1 … reached_k, and leads whose statuses are all unknown. */
export function compileLeadFunnel(ctx: BaseContext, query: LeadsQuery): { sql: string; notes: string[] } {
  const dl = ctx.dialect;
  const d = dateLit(query.evaluationDate);
  const rank = leadRankExpr(dl, ctx.config, "status");
  // A lead's account: the one its rows name (the greatest, should they disagree).
  const leads = `SELECT lead_id, max(account_id) AS account_id, min(CAST(entered_at AS DATE)) AS first_date,
    COALESCE(max(${rank}) FILTER (WHERE CAST(entered_at AS DATE) <= ${d}), 0) AS reached_rank
  FROM lead_history GROUP BY lead_id`;
  const base = compileAccountRowsBase(ctx, query.dimensions, leads);
  const w = query.window;
  const entered = w ? `first_date BETWEEN ${dateLit(w.from)} AND ${dateLit(w.to)}` : "true";
  const reached = ctx.config.lead_stages.map(
    (_, i) => `count(*) FILTER (WHERE reached_rank >= ${i + 1}) AS ${dl.quoteIdent(leadReachedColumn(i + 1))}`,
  );
  const sql = `SELECT ${groupSelect(dl, query.dimensions)},
  ${reached.join(",\n  ")},
  count(*) FILTER (WHERE reached_rank = 0) AS unknown_status_count
FROM (${base.sql}) scoped
WHERE first_date <= ${d} AND ${entered}
${groupBy(dl, query.dimensions)}`;
  return { sql, notes: base.notes };
}

/** One row per lead with its account: what segments and --where values of report leads are read from. */
export const LEAD_ACCOUNTS = "SELECT lead_id, max(account_id) AS account_id FROM lead_history GROUP BY lead_id";

/** How many status rows the workspace holds (0: no lead history was loaded). */
/** The first day a lead entered any status: where a leads trend starts (leads often predate deals). */
export const FIRST_LEAD_DATE = "SELECT CAST(CAST(min(entered_at) AS DATE) AS VARCHAR) AS d FROM lead_history";

export const COUNT_LEAD_HISTORY = "SELECT count(*) AS n FROM lead_history";
