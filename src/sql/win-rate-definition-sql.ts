// The win-rate definition of config `win_rate` as SQL over an opportunity base row: which closed
// deals count in win rates. Excluded are lost deals with a listed loss reason, deals whose current
// stage is listed, and — with `from_stage` — deals that did not reach that stage: not won, current
// stage before it, and no stage history entry at or after it. Deals stay in pipeline, deal counts
// and losses; only won/lost counts (and the outcomes a revenue-stage fit counts) leave them out.
import type { Config } from "../model/config-schema.js";
import type { Dialect } from "./dialect.js";
import { compileOpportunityBase, type BaseContext } from "./opportunity-base-sql.js";

/** Rank of a stage name in stages.order (1-based), won stages after every open one, else 0. */
export function stageRankExpr(d: Dialect, config: Config, stageExpr: string): string {
  const name = `lower(trim(${stageExpr}))`;
  const k = config.stages.order.length;
  const won = config.stages.won.map((s) => d.literal(s.toLowerCase())).join(", ");
  const seen = new Set<string>();
  const whens: string[] = [`WHEN ${name} IN (${won}) THEN ${k}`];
  config.stages.order.forEach((stage, i) => {
    const key = stage.toLowerCase();
    if (!seen.has(key)) whens.push(`WHEN ${name} = ${d.literal(key)} THEN ${i + 1}`);
    seen.add(key);
  });
  return `(CASE ${whens.join(" ")} ELSE 0 END)`;
}

const lowerList = (d: Dialect, values: readonly string[]) => values.map((v) => d.literal(v.trim().toLowerCase())).join(", ");

/** Each reason a deal can be left out, as a SQL boolean over the base row's columns (none configured: empty). */
export function winRateExclusions(d: Dialect, config: Config): { reason: string; sql: string }[] {
  const w = config.win_rate;
  const out: { reason: string; sql: string }[] = [];
  if (w.exclude_loss_reasons.length)
    out.push({
      reason: `lost with loss reason ${w.exclude_loss_reasons.join(" / ")}`,
      sql: `(status = 'lost' AND lower(trim(loss_reason)) IN (${lowerList(d, w.exclude_loss_reasons)}))`,
    });
  if (w.exclude_stages.length)
    out.push({ reason: `in stage ${w.exclude_stages.join(" / ")}`, sql: `(lower(trim(stage)) IN (${lowerList(d, w.exclude_stages)}))` });
  if (w.from_stage) {
    const rank = config.stages.order.findIndex((s) => s.trim().toLowerCase() === w.from_stage?.trim().toLowerCase()) + 1;
    // stage_history always exists (empty when the source has none); the base row is aliased `base`.
    const history = ` OR EXISTS (SELECT 1 FROM stage_history h WHERE h.opportunity_id = base.opportunity_id AND ${stageRankExpr(d, config, "h.stage")} >= ${rank})`;
    out.push({
      reason: `never reached ${w.from_stage}`,
      sql: `(NOT (status = 'won' OR ${stageRankExpr(d, config, "stage")} >= ${rank}${history}))`,
    });
  }
  return out;
}

/** The whole definition: a deal is left out when any exclusion holds ("false" when none is configured). */
export function winRateExcludedSql(d: Dialect, config: Config): string {
  const parts = winRateExclusions(d, config).map((e) => e.sql);
  return parts.length ? `COALESCE(${parts.join(" OR ")}, false)` : "false";
}

/** Closed deals left out by each exclusion (`excluded_<i>`, in winRateExclusions order), and in all (`excluded`). */
export function compileWinRateExclusionCounts(ctx: BaseContext): string {
  const d = ctx.dialect;
  const parts = winRateExclusions(d, ctx.config);
  const base = compileOpportunityBase({ ...ctx, where: ctx.where ?? [] }, []);
  const counts = parts.map((p, i) => `count(*) FILTER (WHERE COALESCE(${p.sql}, false)) AS excluded_${i}`);
  return `SELECT ${[...counts, `count(*) FILTER (WHERE ${winRateExcludedSql(d, ctx.config)}) AS excluded`, "count(*) AS closed"].join(", ")}
FROM (${base.sql}) base WHERE status IN ('won', 'lost')`;
}
