// Where a report's credits come from: a position model's SQL expression, or Markov / Shapley
// fitted in TypeScript on counts SQL aggregated (transitions, journeys per channel set; never raw
// rows or paths).
import { dataDrivenCredits, markovFitter, shapleyFitter, type SegmentPathRow } from "../attribution/data-driven-credits.js";
import type { ChainCountRow } from "../attribution/markov-chain.js";
import type { ResolvedModel } from "../attribution/model-registry.js";
import type { Row } from "../contract/row.js";
import {
  compileChannelList,
  compileMarkovCounts,
  compileSetCounts,
  type AttributionQuery,
  type CreditSource,
  type SetKeying,
} from "../sql/attribution-sql.js";
import { compiledQuery, type CompiledQuery } from "../sql/compiled-query.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import { segColumn } from "../sql/opportunity-base-sql.js";
import { positionCreditExpr } from "../sql/position-credit-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import type { AttributionSettings, JourneySource } from "./plan/attribution-settings.js";
import { baseContext, runQuery } from "./run-query.js";

/** One model's credits over one scope: everything the credit queries depend on. */
export interface CreditPlan {
  readonly model: ResolvedModel;
  readonly query: AttributionQuery;
  readonly settings: AttributionSettings;
  readonly journeys: JourneySource;
  readonly minSample: number;
}

/** The queries a data-driven model is fitted on (none for a position model). */
export function compileCreditInputs(plan: CreditPlan, ctx: BaseContext): CompiledQuery[] {
  if (plan.model.kind === "position") return [];
  const { query, journeys } = plan;
  const inputs = [
    compiledQuery("channels with their ids", compileChannelList(ctx)),
    compiledQuery("journeys per channel set", compileSetCounts(ctx, query, journeys.keying)),
  ];
  if (plan.model.name === "markov")
    inputs.push(compiledQuery(`Markov transitions of order ${plan.settings.order}`, compileMarkovCounts(ctx, query, plan.settings.order)));
  return inputs;
}

export function positionSource(plan: CreditPlan, ctx: BaseContext): CreditSource | null {
  if (plan.model.kind !== "position") return null;
  return { kind: "expression", sql: positionCreditExpr(plan.model.spec, plan.query.stage, plan.journeys.halfLifeDays, ctx.dialect) };
}

export async function creditSource(ws: Workspace, plan: CreditPlan): Promise<{ source: CreditSource; notes: string[] }> {
  const ctx = baseContext(ws);
  const position = positionSource(plan, ctx);
  if (position) return { source: position, notes: [] };
  const [channelQuery, setQuery, markovQuery] = compileCreditInputs(plan, ctx);
  if (!channelQuery || !setQuery) throw new Error("a data-driven model compiles its input queries");
  const channels = await runQuery(ws, channelQuery);
  const { keying } = plan.journeys;
  const names = channels.map((r) => String(r.channel));
  const decode = setDecoder(keying, channels);
  const dims = plan.query.dimensions;
  const segmentOf = (r: Row) => dims.map((d) => (r[segColumn(d)] === null ? null : String(r[segColumn(d)])));
  const setRows = await runQuery(ws, setQuery);
  const sets = setRows
    .filter((r) => Number(r.journeys) > 0)
    .map((r) => ({ segment: segmentOf(r).map((v) => v ?? ""), set: String(r.set_key) }));
  const { order, shapleyValue, seed } = plan.settings;
  const result = markovQuery
    ? dataDrivenCredits(
        (await runQuery(ws, markovQuery)).map((r) => ({ segment: segmentOf(r), ...chainCountRow(r) })),
        sets,
        decode,
        markovFitter(names, order),
        plan.minSample,
      )
    : dataDrivenCredits(shapleyRows(setRows, segmentOf, decode), sets, decode, shapleyFitter(shapleyValue, seed), plan.minSample);
  return { source: { kind: "set_credits", credits: result.credits, keying }, notes: result.notes };
}

/** A set key → its channels in id order (names in byte order). */
function setDecoder(keying: SetKeying, channels: readonly Row[]): (set: string) => string[] {
  const names = channels.map((r) => String(r.channel));
  if (keying === "mask") {
    return (set) => {
      const mask = BigInt(set);
      return names.filter((_, id) => ((mask >> BigInt(id)) & 1n) === 1n);
    };
  }
  const byCode = new Map(channels.map((r) => [String(r.code), String(r.channel)]));
  return (set) => Array.from(set, (code) => byCode.get(code) ?? code);
}

/** A row of compileMarkovCounts as the chain builder reads it (PostgreSQL returns BIGINT as text). */
export function chainCountRow(r: Row): ChainCountRow {
  return {
    kind: r.kind === "step" ? "step" : "exit",
    from: Number(r.from_key),
    to: r.to_key === null ? null : Number(r.to_key),
    weight: Number(r.weight),
    conversions: Number(r.conversions),
    nulls: Number(r.nulls),
    value: Number(r.value),
  };
}

/** Journeys per channel set as Shapley's input: a set stands for every path with those channels. */
function shapleyRows(
  setRows: readonly Row[],
  segmentOf: (r: Row) => (string | null)[],
  decode: (set: string) => string[],
): SegmentPathRow[] {
  return setRows
    .filter((r) => Number(r.conversions) + Number(r.nulls) > 0)
    .map((r) => ({
      segment: segmentOf(r),
      channels: decode(String(r.set_key)),
      conversions: Number(r.conversions),
      value: Number(r.value),
      nulls: Number(r.nulls),
    }));
}
