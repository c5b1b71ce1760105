// Where a report's credits come from: a position model's SQL expression, or Markov / Shapley
// fitted in TypeScript on path counts that SQL aggregated (never on raw rows).
import { dataDrivenCredits, type SegmentPathRow } from "../attribution/data-driven-credits.js";
import type { ResolvedModel } from "../attribution/model-registry.js";
import { compileChannelCodes, compileJourneySets, compilePathCounts, type AttributionQuery, type CreditSource } from "../sql/attribution-sql.js";
import { segColumn } from "../sql/opportunity-base-sql.js";
import { positionCreditExpr } from "../sql/position-credit-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import type { ResolvedAttribution } from "./attribution-params.js";
import { baseContext } from "./run-query.js";

export async function creditSource(ws: Workspace, model: ResolvedModel, q: AttributionQuery, a: ResolvedAttribution): Promise<{ source: CreditSource; notes: string[] }> {
  if (model.kind === "position") {
    return { source: { kind: "expression", sql: positionCreditExpr(model.spec, q.stage, ws.config.attribution.half_life_days, ws.engine.dialect) }, notes: [] };
  }
  const ctx = baseContext(ws);
  const dictionary = new Map((await ws.engine.all(compileChannelCodes(ctx.dialect))).map((r) => [String(r.code), String(r.channel)]));
  const decode = (codes: string) => Array.from(codes, (code) => dictionary.get(code) ?? code);
  const segmentOf = (r: Record<string, unknown>) => q.dimensions.map((d) => (r[segColumn(d)] === null ? null : String(r[segColumn(d)])));
  const paths: SegmentPathRow[] = (await ws.engine.all(compilePathCounts(ctx, q))).map((r) => ({
    segment: segmentOf(r),
    channels: decode(String(r.path)),
    conversions: Number(r.conversions),
    value: Number(r.value),
    nulls: Number(r.nulls),
  }));
  const sets = (await ws.engine.all(compileJourneySets(ctx, q))).map((r) => ({ segment: segmentOf(r).map((v) => v ?? ""), set: String(r.set_key) }));
  const { credits, notes } = dataDrivenCredits(paths, sets, decode, {
    model: model.name,
    order: a.order,
    shapleyValue: a.shapleyValue,
    seed: a.seed,
    minSample: ws.config.min_sample,
  });
  return { source: { kind: "set_credits", credits }, notes };
}
