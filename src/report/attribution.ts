// `report attribution`: the channel x segment matrix of SPEC §6 — pipeline credited to each
// channel within each segment, how it converts, and whether the cell is too thin to trust.
import type { ReportResult } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import { compileAttributionMatrix, compileChannelCount, setKeyingFor, type CreditSource } from "../sql/attribution-sql.js";
import { compiledQuery, type CompiledQuery } from "../sql/compiled-query.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import { shrinkRates, wilsonInterval } from "../stats/index.js";
import type { Workspace } from "../workspace/workspace.js";
import { refuseUnusedSettings } from "../attribution/model-registry.js";
import type { CreditIntervals } from "../attribution/credit-intervals.js";
import { DEFAULT_REPLICATES, defaultReplicates, INTERVAL_LEVEL } from "../attribution/bootstrap.js";
import {
  compileFittedInputs,
  compileIntervalInputs,
  creditIntervalsOf,
  creditSource,
  positionSource,
  type CreditPlan,
  type IntervalSettings,
} from "./attribution-credits.js";
import {
  attributionQuery,
  journeySource,
  resolveReportModel,
  resolveSettings,
  type AttributionSettings,
  type JourneySource,
  type SettingsFlags,
} from "./plan/attribution-settings.js";
import { resolveScope, scopeParams, type Scope, type ScopeFlags } from "./plan/scope.js";
import { attributionColumns, withDimensions } from "./report-columns.js";
import { baseContext, runQuery } from "./run-query.js";
import { segmentKey, sortBySegments } from "./segment-order.js";
import { immatureNote, maturityOf } from "./maturity.js";
import { compileCampaignPlan, runCampaignAttribution } from "./campaigns.js";
import type { AttributionLevel } from "./request/flags.js";
import { UserError } from "../model/diagnostic.js";
import { compileUnattributedQueries, explainUnattributed, unattributedShare } from "./unattributed.js";

export interface AttributionPlan {
  readonly kind: "attribution";
  readonly scope: Scope;
  readonly credits: CreditPlan;
  /** --intervals: bootstrap intervals on pipeline and share of segment (data-driven models only). */
  readonly intervals?: IntervalSettings;
  /** --level campaign: credits per campaign within channel (src/report/campaigns.ts). */
  readonly level?: "campaign";
}

export type AttributionFlags = ScopeFlags &
  SettingsFlags & { readonly model?: string; readonly intervals?: number | "default"; readonly level?: AttributionLevel };

/** Channels in the workspace: decides how channel sets are keyed in SQL. */
export async function planJourneys(ws: Workspace): Promise<JourneySource> {
  const [row] = await ws.engine.all(compileChannelCount(baseContext(ws)));
  return journeySource(ws, Number(row?.channels ?? 0), setKeyingFor);
}

export async function planAttribution(ws: Workspace, flags: AttributionFlags, journeys?: JourneySource): Promise<AttributionPlan> {
  const scope = resolveScope(ws, flags, true);
  const model = resolveReportModel(ws, flags);
  refuseUnusedSettings(model.name, { intervals: flags.intervals });
  if (flags.level === "campaign" && flags.intervals !== undefined)
    throw new UserError("--intervals is not available with --level campaign (intervals are per channel)", "bad_flag_value");
  const settings = resolveSettings(flags);
  const source = journeys ?? (await planJourneys(ws));
  return {
    kind: "attribution",
    scope,
    credits: { model, settings, journeys: source, query: attributionQuery(scope, settings, source), minSample: ws.config.min_sample },
    ...(flags.intervals === undefined ? {} : { intervals: intervalSettings(flags.intervals, model.name, settings) }),
    ...(flags.level === "campaign" ? { level: "campaign" as const } : {}),
  };
}

function intervalSettings(asked: number | "default", model: string, settings: AttributionSettings): IntervalSettings {
  const replicates = asked === "default" ? defaultReplicates(model, settings.order) : asked;
  return { replicates, seed: settings.seed, ...(replicates < DEFAULT_REPLICATES && asked === "default" ? { limited: true } : {}) };
}

/** A position model compiles to one matrix query; a data-driven model's matrix embeds its fitted credits. */
export function compileAttributionPlan(plan: AttributionPlan, ctx: BaseContext): CompiledQuery[] {
  if (plan.level === "campaign") return compileCampaignPlan(plan, ctx);
  const source = positionSource(plan.credits, ctx);
  const why = compileUnattributedQueries(plan.credits, ctx);
  if (source) return [matrixQuery(plan.credits, ctx, source), ...why];
  const resampled = plan.intervals ? compileIntervalInputs(plan.credits, ctx) : [];
  return [...compileFittedInputs(plan.credits, ctx, "the channel × segment matrix query"), ...resampled, ...why];
}

export function matrixQuery(credits: CreditPlan, ctx: BaseContext, source: CreditSource): CompiledQuery {
  return compiledQuery("channel × segment matrix", compileAttributionMatrix(ctx, credits.query, source, credits.journeys.keying));
}

/** `explain: false` skips the Unattributed breakdown (a caller that runs many matrices explains once). */
export async function runAttribution(ws: Workspace, plan: AttributionPlan, explain = true): Promise<ReportResult> {
  if (plan.level === "campaign") return runCampaignAttribution(ws, plan);
  const { scope: p, credits } = plan;
  const { source, notes } = await creditSource(ws, credits);
  const raw = await runQuery(ws, matrixQuery(credits, baseContext(ws), source));
  const threshold = ws.config.immature_open_share;
  const matrix = assembleMatrix(raw, p.by, credits.minSample);
  const bootstrap = plan.intervals ? await creditIntervalsOf(ws, credits, plan.intervals) : null;
  const cells = matrix.cells.map((c) => withIntervals(withMaturity(c, threshold), p.by, bootstrap));
  const totals = matrix.totals.map((c) => withIntervals(withMaturity(c, threshold), p.by, bootstrap));
  const { model, settings } = credits;
  const extra = {
    model: model.name,
    stage: settings.stage,
    ...(model.name === "markov" ? { order: settings.order } : {}),
    ...(model.name === "shapley" ? { shapley_value: settings.shapleyValue } : {}),
  };
  return {
    report: "attribution",
    params: scopeParams(p, extra),
    columns: withDimensions(p.by, attributionColumns(bootstrap !== null)),
    rows: sortMatrix(cells, p.by, ws),
    totals: sortTotals(totals, p.by, ws),
    notes: [
      ...notes,
      ...(bootstrap && plan.intervals ? [intervalNote(credits, plan.intervals, bootstrap)] : []),
      ...(explain ? await explainUnattributed(ws, credits, unattributedShare(cells, totals)) : []),
      ...matrixNotes(cells, credits.minSample),
      ...immatureNote(cells, threshold, "cells"),
    ],
  };
}

/** A row's bootstrap intervals, looked up by its segment (none on a channel's or the grand total) and channel (none on a segment's total). */
function withIntervals(r: Row, dims: readonly string[], bootstrap: CreditIntervals | null): Row {
  if (!bootstrap) return r;
  const segment = r.total_of === "channel" || r.total_of === "all" ? null : dims.map((d) => (r[d] === null ? "" : String(r[d])));
  const channel = r.total_of === "segment" || r.total_of === "all" ? null : String(r.channel);
  const found = bootstrap.of(segment, channel);
  const cell = r.total_of === undefined;
  const interval = (x: number | undefined, digits: number) => (x === undefined || !Number.isFinite(x) ? null : roundTo(x, digits));
  return {
    ...r,
    pipeline_low: interval(found?.pipeline.low, 2),
    pipeline_high: interval(found?.pipeline.high, 2),
    ...(cell ? { share_of_segment_low: interval(found?.share?.low, 6), share_of_segment_high: interval(found?.share?.high, 6) } : {}),
  };
}

const roundTo = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

function intervalNote(credits: CreditPlan, settings: IntervalSettings, bootstrap: CreditIntervals): string {
  const model = credits.model.name === "markov" ? `markov (order ${credits.settings.order})` : credits.model.name;
  const unit = credits.model.name === "markov" ? "channel path" : "channel set";
  const limited = settings.limited
    ? ` (${bootstrap.replicates} by default at order ${credits.settings.order}: each refit solves the chain once per channel removed; --intervals B asks for more)`
    : "";
  return (
    `${model}: pipeline and % of seg low–high are ${Math.round(INTERVAL_LEVEL * 100)} % bootstrap intervals over journeys, ` +
    `${bootstrap.replicates} replicates${limited}, seed ${settings.seed}: the journeys of each segment and ${unit} resampled (Poisson weights), ` +
    `${credits.model.name} refitted per segment as for the point estimate, a group's pipeline scaled by its resampled journeys. ` +
    "They show the fit's sampling noise, not model misspecification or confounding; pipeline is the point estimate, unchanged."
  );
}

type Kind = "cell" | "segment" | "channel" | "all";

function kindOf(grouping: number, dims: number): Kind {
  if (grouping === 0) return "cell";
  const all = (1 << (dims + 1)) - 1;
  if (grouping === all) return "all";
  return grouping === 1 ? "segment" : "channel";
}

/** Derives rates, shares, shrinkage and quality from the raw GROUPING SETS rows. */
function assembleMatrix(raw: readonly Row[], dims: readonly string[], minSample: number): { cells: Row[]; totals: Row[] } {
  // What a row totals is kept beside it, never in it: a dimension may have any name.
  const tagged = raw.map((r) => ({ kind: kindOf(Number(r.__grouping), dims.length), row: withoutGrouping(r) }));
  const of = (...kinds: Kind[]) => tagged.filter((t) => kinds.includes(t.kind)).map((t) => t.row);
  const segments = new Map((dims.length ? of("segment") : of("all")).map((r) => [segmentKey(r, dims), r]));
  const channels = new Map((dims.length ? of("channel") : of("cell")).map((r) => [String(r.channel), r]));
  const cells = of("cell").map((r) => withRates(r, minSample));
  const bySegment = new Map<string, Row[]>();
  for (const c of cells) bySegment.set(segmentKey(c, dims), [...(bySegment.get(segmentKey(c, dims)) ?? []), c]);
  for (const [key, group] of bySegment) {
    const segment = withRates(segments.get(key) ?? {}, minSample);
    const segRate = typeof segment.win_rate === "number" ? segment.win_rate : null;
    const shrunk = shrinkRates(
      group.map((c) => ({ successes: Number(c.won), n: Number(c.won) + Number(c.lost) })),
      segRate,
    );
    group.forEach((c, i) => {
      // A cell with no closed outcome has no rate of its own: its shrunk rate would be the
      // segment's, shown as if measured, and its quality a flat 100. Bookings still expect the segment's rate.
      const measured = Number(c.won) + Number(c.lost) > 0;
      const rate = measured ? (shrunk.rates[i] ?? null) : null;
      c.win_rate_shrunk = rate;
      c.quality_index = rate !== null && segRate ? (100 * rate) / segRate : null;
      const expected = measured ? rate : segRate;
      c.expected_bookings = expected !== null ? Number(c.pipeline) * expected : null;
      c.share_of_segment = ratio(c.pipeline, segments.get(key)?.pipeline);
      c.share_of_channel = ratio(c.pipeline, channels.get(String(c.channel))?.pipeline);
    });
  }
  const totals = tagged.filter((t) => t.kind !== "cell").map((t) => ({ ...withRates(t.row, minSample), total_of: t.kind }));
  return { cells, totals };
}

/** The matrix's outcomes are a cohort (created in the window): its open credit is opportunities − won − lost. */
function withMaturity(r: Row, threshold: number): Row {
  const opportunities = Number(r.opportunities ?? 0);
  return { ...r, ...maturityOf(opportunities - Number(r.won ?? 0) - Number(r.lost ?? 0), opportunities, threshold) };
}

function withoutGrouping(r: Row): Row {
  const { __grouping: _g, ...rest } = r;
  return rest;
}

/** Segment totals in segment order, then channel totals by pipeline, then the grand total. */
function sortTotals(totals: Row[], dims: readonly string[], ws: Workspace): Row[] {
  const of = (kind: string) => totals.filter((t) => t.total_of === kind);
  const byPipeline = (a: Row, b: Row) => Number(b.pipeline) - Number(a.pipeline) || (String(a.channel) < String(b.channel) ? -1 : 1);
  return [...sortBySegments(of("segment"), dims, ws.config), ...of("channel").sort(byPipeline), ...of("all")];
}

function withRates(r: Row, minSample: number): Row {
  const won = Number(r.won ?? 0);
  const closed = won + Number(r.lost ?? 0);
  const interval = wilsonInterval(won, closed);
  return {
    ...r,
    // As in every report (SPEC §5): the mean won deal; the mean created deal beside it.
    avg_deal_size: won > 0 ? ratio(r.won_amount, won) : null,
    avg_pipeline_deal_size: ratio(r.pipeline, r.opportunities),
    win_rate: closed > 0 ? won / closed : null,
    win_rate_low: interval?.low ?? null,
    win_rate_high: interval?.high ?? null,
    sample: closed < minSample ? "thin" : "ok",
  };
}

function ratio(a: unknown, b: unknown): number | null {
  const x = Number(a);
  const y = Number(b);
  return Number.isFinite(x) && Number.isFinite(y) && y !== 0 ? x / y : null;
}

function sortMatrix(cells: Row[], dims: readonly string[], ws: Workspace): Row[] {
  const bySeg = sortBySegments([...cells], dims, ws.config);
  const segOrder = new Map<string, number>();
  bySeg.forEach((c, i) => {
    const key = segmentKey(c, dims);
    if (!segOrder.has(key)) segOrder.set(key, i);
  });
  return bySeg.sort((x, y) => {
    const sx = segOrder.get(segmentKey(x, dims)) ?? 0;
    const sy = segOrder.get(segmentKey(y, dims)) ?? 0;
    if (sx !== sy) return sx - sy;
    const dp = Number(y.pipeline) - Number(x.pipeline);
    if (dp !== 0) return dp;
    return String(x.channel) < String(y.channel) ? -1 : 1;
  });
}

function matrixNotes(cells: readonly Row[], minSample: number): string[] {
  const thin = cells.filter((c) => c.sample === "thin").length;
  return thin
    ? [
        `${thin} of ${cells.length} cells have fewer than ${minSample} credit-weighted closed outcomes: treat their win rates as directional.`,
      ]
    : [];
}
