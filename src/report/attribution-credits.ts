// Where a report's credits come from: a position model's SQL expression, or Markov / Shapley
// fitted in TypeScript on counts SQL aggregated (transitions, journeys per channel set; never raw
// rows or paths).
import {
  dataDrivenCredits,
  markovFitter,
  shapleyFitter,
  type SegmentChainRow,
  type SegmentPathRow,
} from "../attribution/data-driven-credits.js";
import type { ChainCountRow } from "../attribution/markov-chain.js";
import type { ResolvedModel } from "../attribution/model-registry.js";
import type { Row } from "../contract/row.js";
import {
  compileChannelList,
  compileMarkovCounts,
  compileSetCounts,
  setKeyingFor,
  type AttributionQuery,
  type CreditSource,
  type SetKeying,
} from "../sql/attribution-sql.js";
import { segColumn } from "../sql/opportunity-base-sql.js";
import { positionCreditExpr } from "../sql/position-credit-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import type { ResolvedAttribution } from "./attribution-params.js";
import { baseContext } from "./run-query.js";

export interface CreditPlan {
  readonly source: CreditSource;
  /** How channel sets are keyed in the matrix query (depends on how many channels there are). */
  readonly keying: SetKeying;
  readonly notes: string[];
}

export async function creditSource(ws: Workspace, model: ResolvedModel, q: AttributionQuery, a: ResolvedAttribution): Promise<CreditPlan> {
  const ctx = baseContext(ws);
  const channels = await ws.engine.all(compileChannelList(ctx));
  const keying = setKeyingFor(channels.length);
  if (model.kind === "position") {
    return { source: { kind: "expression", sql: positionCreditExpr(model.spec, q.stage, ws.config.attribution.half_life_days, ws.engine.dialect) }, keying, notes: [] };
  }
  const names = channels.map((r) => String(r.channel));
  const decode = setDecoder(keying, channels);
  const segmentOf = (r: Row) => q.dimensions.map((d) => (r[segColumn(d)] === null ? null : String(r[segColumn(d)])));
  const setRows = await ws.engine.all(compileSetCounts(ctx, q, keying));
  const sets = setRows.filter((r) => Number(r.journeys) > 0).map((r) => ({ segment: segmentOf(r).map((v) => v ?? ""), set: String(r.set_key) }));
  const minSample = ws.config.min_sample;
  const result =
    model.name === "markov"
      ? dataDrivenCredits(await markovRows(ws, q, a.order, segmentOf), sets, decode, markovFitter(names, a.order), minSample)
      : dataDrivenCredits(shapleyRows(setRows, segmentOf, decode), sets, decode, shapleyFitter(a.shapleyValue, a.seed), minSample);
  return { source: { kind: "set_credits", credits: result.credits, keying }, keying, notes: result.notes };
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

async function markovRows(ws: Workspace, q: AttributionQuery, order: number, segmentOf: (r: Row) => (string | null)[]): Promise<SegmentChainRow[]> {
  const rows = await ws.engine.all(compileMarkovCounts(baseContext(ws), q, order));
  return rows.map((r) => ({ segment: segmentOf(r), ...chainCountRow(r) }));
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
function shapleyRows(setRows: readonly Row[], segmentOf: (r: Row) => (string | null)[], decode: (set: string) => string[]): SegmentPathRow[] {
  return setRows
    .filter((r) => Number(r.conversions) + Number(r.nulls) > 0)
    .map((r) => ({ segment: segmentOf(r), channels: decode(String(r.set_key)), conversions: Number(r.conversions), value: Number(r.value), nulls: Number(r.nulls) }));
}
