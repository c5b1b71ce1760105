// `report attribution`: the channel x segment matrix of SPEC §6 — pipeline credited to each
// channel within each segment, how it converts, and whether the cell is too thin to trust.
import type { ReportResult } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import { compileAttributionMatrix, compileChannelCount, setKeyingFor, type CreditSource } from "../sql/attribution-sql.js";
import { compiledQuery, type CompiledQuery } from "../sql/compiled-query.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import { shrinkRates, wilsonInterval } from "../stats/index.js";
import type { Workspace } from "../workspace/workspace.js";
import { compileCreditInputs, creditSource, positionSource, type CreditPlan } from "./attribution-credits.js";
import {
  attributionQuery,
  journeySource,
  resolveReportModel,
  resolveSettings,
  type JourneySource,
  type SettingsFlags,
} from "./plan/attribution-settings.js";
import { resolveScope, scopeParams, type Scope, type ScopeFlags } from "./plan/scope.js";
import { ATTRIBUTION_COLUMNS, withDimensions } from "./report-columns.js";
import { baseContext, runQuery } from "./run-query.js";
import { segmentKey, sortBySegments } from "./segment-order.js";
import { immatureNote, maturityOf } from "./maturity.js";
import { compileUnattributedQueries, explainUnattributed, unattributedShare } from "./unattributed.js";

export interface AttributionPlan {
  readonly kind: "attribution";
  readonly scope: Scope;
  readonly credits: CreditPlan;
}

export type AttributionFlags = ScopeFlags & SettingsFlags & { readonly model?: string };

/** Channels in the workspace: decides how channel sets are keyed in SQL. */
export async function planJourneys(ws: Workspace): Promise<JourneySource> {
  const [row] = await ws.engine.all(compileChannelCount(baseContext(ws)));
  return journeySource(ws, Number(row?.channels ?? 0), setKeyingFor);
}

export async function planAttribution(ws: Workspace, flags: AttributionFlags, journeys?: JourneySource): Promise<AttributionPlan> {
  const scope = resolveScope(ws, flags, true);
  const model = resolveReportModel(ws, flags);
  const settings = resolveSettings(flags);
  const source = journeys ?? (await planJourneys(ws));
  return {
    kind: "attribution",
    scope,
    credits: { model, settings, journeys: source, query: attributionQuery(scope, settings, source), minSample: ws.config.min_sample },
  };
}

/** A position model compiles to one matrix query; a data-driven model's matrix embeds its fitted credits. */
export function compileAttributionPlan(plan: AttributionPlan, ctx: BaseContext): CompiledQuery[] {
  const source = positionSource(plan.credits, ctx);
  const why = compileUnattributedQueries(plan.credits, ctx);
  if (source) return [matrixQuery(plan.credits, ctx, source), ...why];
  const inputs = compileCreditInputs(plan.credits, ctx);
  const fitted = "the channel × segment matrix query embeds the credits fitted on these counts, so it is compiled after the fit";
  return [...inputs.map((q, i) => (i === inputs.length - 1 ? { ...q, notes: [...q.notes, fitted] } : q)), ...why];
}

export function matrixQuery(credits: CreditPlan, ctx: BaseContext, source: CreditSource): CompiledQuery {
  return compiledQuery("channel × segment matrix", compileAttributionMatrix(ctx, credits.query, source, credits.journeys.keying));
}

/** `explain: false` skips the Unattributed breakdown (a caller that runs many matrices explains once). */
export async function runAttribution(ws: Workspace, plan: AttributionPlan, explain = true): Promise<ReportResult> {
  const { scope: p, credits } = plan;
  const { source, notes } = await creditSource(ws, credits);
  const raw = await runQuery(ws, matrixQuery(credits, baseContext(ws), source));
  const threshold = ws.config.immature_open_share;
  const matrix = assembleMatrix(raw, p.by, credits.minSample);
  const cells = matrix.cells.map((c) => withMaturity(c, threshold));
  const totals = matrix.totals.map((c) => withMaturity(c, threshold));
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
    columns: withDimensions(p.by, ATTRIBUTION_COLUMNS),
    rows: sortMatrix(cells, p.by, ws),
    totals: sortTotals(totals, p.by, ws),
    notes: [
      ...notes,
      ...(explain ? await explainUnattributed(ws, credits, unattributedShare(cells, totals)) : []),
      ...matrixNotes(cells, credits.minSample),
      ...immatureNote(cells, threshold, "cells"),
    ],
  };
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
      const rate = Number(c.won) + Number(c.lost) > 0 ? (shrunk.rates[i] ?? null) : segRate;
      c.win_rate_shrunk = rate;
      c.quality_index = rate !== null && segRate ? (100 * rate) / segRate : null;
      c.expected_bookings = rate !== null ? Number(c.pipeline) * rate : null;
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
    avg_deal_size: ratio(r.pipeline, r.opportunities),
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
