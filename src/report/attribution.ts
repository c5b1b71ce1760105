// `report attribution`: the channel x segment matrix of SPEC §6 — pipeline credited to each
// channel within each segment, how it converts, and whether the cell is too thin to trust.
import type { Row } from "../contract/row.js";
import { resolveModel } from "../attribution/model-registry.js";
import { compileAttributionMatrix, type AttributionQuery } from "../sql/attribution-sql.js";
import { shrinkRates, wilsonInterval } from "../stats/index.js";
import { hasPrecomputedJourneys, type Workspace } from "../workspace/workspace.js";
import { creditSource } from "./attribution-credits.js";
import { DEFAULT_MODEL, resolveAttributionOptions, type AttributionOptions } from "./attribution-params.js";
import { paramsRecord, resolveParams } from "./params.js";
import { column, dimensionColumns, type ReportResult } from "../contract/report-result.js";
import { baseContext } from "./run-query.js";
import { sortBySegments } from "./segment-order.js";

export async function attribution(ws: Workspace, options: AttributionOptions = {}): Promise<ReportResult> {
  const p = resolveParams(ws, { ...options, cohort: true });
  const a = resolveAttributionOptions(options);
  const model = resolveModel(options.model ?? DEFAULT_MODEL, ws.config);
  const query: AttributionQuery = { dimensions: p.by, window: p.window, evaluationDate: p.evaluationDate, stage: a.stage, lookbackDays: ws.config.attribution.lookback_days, precomputed: hasPrecomputedJourneys(ws) };
  const { source, keying, notes } = await creditSource(ws, model, query, a);
  const raw = await ws.engine.all(compileAttributionMatrix(baseContext(ws), query, source, keying));
  const { cells, totals } = assembleMatrix(raw, p.by, ws.config.min_sample);
  const extra = { model: model.name, stage: a.stage, ...(model.name === "markov" ? { order: a.order } : {}), ...(model.name === "shapley" ? { shapley_value: a.shapleyValue } : {}) };
  return {
    report: "attribution",
    params: paramsRecord(p, extra),
    rows: sortMatrix(cells, p.by, ws),
    totals: sortTotals(totals, p.by, ws),
    notes: [...notes, ...matrixNotes(cells, ws.config.min_sample)],
    columns: [
      ...dimensionColumns(p.by),
      column("channel", "channel", "text"),
      column("pipeline", "pipeline", "money"),
      column("opportunities", "opps", "credit"),
      column("share_of_segment", "% of seg", "rate"),
      column("share_of_channel", "% of chan", "rate"),
      column("avg_deal_size", "avg deal", "money"),
      column("won", "won", "credit"),
      column("lost", "lost", "credit"),
      column("win_rate", "win rate", "rate"),
      column("win_rate_low", "low", "rate"),
      column("win_rate_high", "high", "rate"),
      column("quality_index", "quality", "number"),
      column("sourced_pipeline", "sourced", "money"),
      column("influenced_pipeline", "influenced", "money"),
      column("sample", "sample", "text"),
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
export function assembleMatrix(raw: readonly Row[], dims: readonly string[], minSample: number): { cells: Row[]; totals: Row[] } {
  const rows: Row[] = raw.map((r) => ({ ...r, kind: kindOf(Number(r.__grouping), dims.length) }));
  const segKey = (r: Row) => JSON.stringify(dims.map((d) => r[d]));
  const segments = new Map(rows.filter((r) => r.kind === "segment" || (dims.length === 0 && r.kind === "all")).map((r) => [segKey(r), r]));
  const channels = new Map(rows.filter((r) => r.kind === "channel" || (dims.length === 0 && r.kind === "cell")).map((r) => [String(r.channel), r]));
  const cells = rows.filter((r) => r.kind === "cell").map((r) => withRates(r, minSample));
  const bySegment = new Map<string, Row[]>();
  for (const c of cells) bySegment.set(segKey(c), [...(bySegment.get(segKey(c)) ?? []), c]);
  for (const [key, group] of bySegment) {
    const segment = withRates(segments.get(key) ?? {}, minSample);
    const segRate = typeof segment.win_rate === "number" ? segment.win_rate : null;
    const shrunk = shrinkRates(group.map((c) => ({ successes: Number(c.won), n: Number(c.won) + Number(c.lost) })), segRate);
    group.forEach((c, i) => {
      const rate = Number(c.won) + Number(c.lost) > 0 ? (shrunk.rates[i] ?? null) : segRate;
      c.win_rate_shrunk = rate;
      c.quality_index = rate !== null && segRate ? (100 * rate) / segRate : null;
      c.expected_bookings = rate !== null ? Number(c.pipeline) * rate : null;
      c.share_of_segment = ratio(c.pipeline, segments.get(key)?.pipeline);
      c.share_of_channel = ratio(c.pipeline, channels.get(String(c.channel))?.pipeline);
    });
  }
  const totals = rows.filter((r) => r.kind !== "cell").map((r) => {
    const { __grouping: _g, kind, ...rest } = withRates(r, minSample);
    return { ...rest, total_of: kind ?? null };
  });
  return { cells: cells.map(({ __grouping: _g, kind: _k, ...rest }) => rest), totals };
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
    const key = JSON.stringify(dims.map((d) => c[d]));
    if (!segOrder.has(key)) segOrder.set(key, i);
  });
  return bySeg.sort((x, y) => {
    const sx = segOrder.get(JSON.stringify(dims.map((d) => x[d]))) ?? 0;
    const sy = segOrder.get(JSON.stringify(dims.map((d) => y[d]))) ?? 0;
    if (sx !== sy) return sx - sy;
    const dp = Number(y.pipeline) - Number(x.pipeline);
    if (dp !== 0) return dp;
    return String(x.channel) < String(y.channel) ? -1 : 1;
  });
}

function matrixNotes(cells: readonly Row[], minSample: number): string[] {
  const thin = cells.filter((c) => c.sample === "thin").length;
  return thin ? [`${thin} of ${cells.length} cells have fewer than ${minSample} credit-weighted closed outcomes: treat their win rates as directional.`] : [];
}
