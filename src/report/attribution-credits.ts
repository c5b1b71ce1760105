// Where a report's credits come from: a position model's SQL expression, or Markov / Shapley /
// lift fitted in TypeScript on counts SQL aggregated (transitions, journeys per channel set; never
// raw rows or paths).
import type { JourneyGroup } from "../attribution/bootstrap.js";
import { creditIntervals, type CreditIntervals } from "../attribution/credit-intervals.js";
import {
  dataDrivenCredits,
  liftFitter,
  markovFitter,
  markovPathFitter,
  shapleyFitter,
  type Fitter,
  type SegmentPathRow,
} from "../attribution/data-driven-credits.js";
import type { ChainCountRow } from "../attribution/markov-chain.js";
import type { ResolvedModel } from "../attribution/model-registry.js";
import type { Row } from "../contract/row.js";
import {
  compileChannelList,
  compileMarkovCounts,
  compileSetCounts,
  UNATTRIBUTED,
  type AttributionQuery,
  type CreditSource,
  type SetKeying,
} from "../sql/attribution-sql.js";
import { compileJourneyGroups, groupKeyColumn, type JourneyGrouping } from "../sql/journey-groups-sql.js";
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

/**
 * A query embedding a fitted model's credits can only be compiled after the fit, so `--sql` shows
 * the inputs the fit reads, the last one noting what `query` (the query that follows) embeds.
 */
export function compileFittedInputs(plan: CreditPlan, ctx: BaseContext, query: string): CompiledQuery[] {
  const inputs = compileCreditInputs(plan, ctx);
  const note = `${query} embeds the credits fitted on these counts, so it is compiled after the fit`;
  return inputs.map((q, i) => (i === inputs.length - 1 ? { ...q, notes: [...q.notes, note] } : q));
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
    : dataDrivenCredits(
        shapleyRows(setRows, segmentOf, decode),
        sets,
        decode,
        plan.model.name === "lift" ? liftFitter(seed) : shapleyFitter(shapleyValue),
        plan.minSample,
      );
  return { source: { kind: "set_credits", credits: result.credits, keying }, notes: result.notes };
}

/** What --intervals asks for: bootstrap replicates and the seed of their draws. */
export interface IntervalSettings {
  readonly replicates: number;
  readonly seed: number;
  /** The model's default was smaller than DEFAULT_REPLICATES (Markov of order 3–4): the note says so. */
  readonly limited?: boolean;
}

/** Markov resamples journeys by path (its transition counts lose which journey a step was on); Shapley and lift by set. */
function intervalGrouping(plan: CreditPlan): JourneyGrouping {
  return plan.model.name === "markov" ? { kind: "path" } : { kind: "set", keying: plan.journeys.keying };
}

/** The journeys the bootstrap resamples, grouped per segment, with those in scope without a journey. */
export function compileIntervalInputs(plan: CreditPlan, ctx: BaseContext): CompiledQuery[] {
  if (plan.model.kind === "position") return [];
  const grouping = intervalGrouping(plan);
  return [
    compiledQuery(
      `journeys per ${grouping.kind === "path" ? "channel path" : "channel set"}, resampled by --intervals`,
      compileJourneyGroups(ctx, plan.query, grouping, { withoutJourney: true }),
    ),
  ];
}

/** The fitter the bootstrap refits per replicate: the point estimate's, on journey groups. */
export function intervalFitter(plan: CreditPlan): Fitter<SegmentPathRow> {
  const { order, shapleyValue, seed } = plan.settings;
  switch (plan.model.name) {
    case "markov":
      return markovPathFitter(order);
    case "lift":
      return liftFitter(seed);
    default:
      return shapleyFitter(shapleyValue);
  }
}

/** The bootstrap's intervals on the matrix of a data-driven model (null for a position model). */
export async function creditIntervalsOf(ws: Workspace, plan: CreditPlan, settings: IntervalSettings): Promise<CreditIntervals | null> {
  const groups = await journeyGroupsOf(ws, plan);
  if (groups === null) return null;
  return creditIntervals(groups, {
    fitter: intervalFitter(plan),
    minSample: plan.minSample,
    replicates: settings.replicates,
    seed: settings.seed,
    unattributed: UNATTRIBUTED,
  });
}

/**
 * The journeys the bootstrap resamples: Markov by path, Shapley and lift by channel set, per
 * segment, with the opportunities in scope without a journey. Null for a model without a fit.
 */
export async function journeyGroupsOf(ws: Workspace, plan: CreditPlan): Promise<JourneyGroup[] | null> {
  const ctx = baseContext(ws);
  const [groupQuery] = compileIntervalInputs(plan, ctx);
  if (!groupQuery) return null;
  const channels = await runQuery(ws, compiledQuery("channels with their ids", compileChannelList(ctx)));
  const grouping = intervalGrouping(plan);
  const byCode = new Map(channels.map((r) => [String(r.code), String(r.channel)]));
  const decode =
    grouping.kind === "path" ? (key: string) => Array.from(key, (code) => byCode.get(code) ?? code) : setDecoder(grouping.keying, channels);
  const dims = plan.query.dimensions;
  const keyColumn = groupKeyColumn(grouping);
  return (await runQuery(ws, groupQuery)).map((r) => ({
    segment: dims.map((d) => (r[segColumn(d)] === null || r[segColumn(d)] === undefined ? null : String(r[segColumn(d)]))),
    channels: r[keyColumn] === null || r[keyColumn] === undefined ? [] : decode(String(r[keyColumn])),
    journeys: Number(r.journeys),
    amount: Number(r.amount),
    conversions: Number(r.conversions),
    value: Number(r.value),
    nulls: Number(r.nulls),
  }));
}

/** A set key → its channels in id order (names in byte order). */
export function setDecoder(keying: SetKeying, channels: readonly Row[]): (set: string) => string[] {
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

/** Journeys per channel set as Shapley's and lift's input: a set stands for every path with those channels. */
export function shapleyRows(
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
