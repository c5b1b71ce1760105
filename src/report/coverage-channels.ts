// `report coverage --model M`: each segment's open pipeline for P split by channel under the model,
// so "is the pipeline enough?" becomes "which channels' pipeline covers the target": a channel's
// coverage is its credited open pipeline over the segment's target, and a segment's channels add
// up to its coverage. Credits are those of the attribution matrix over every deal created by as-of
// (`report attribution --by <dims> --model M` with no window), each open deal's split by its own.
import { dimensionColumns, type ColumnDef } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import { compiledQuery, type CompiledQuery } from "../sql/compiled-query.js";
import { compileCoverageByChannel } from "../sql/coverage-sql.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import type { Window } from "../model/period.js";
import type { Workspace } from "../workspace/workspace.js";
import { compileFittedInputs, creditSource, positionSource, type CreditPlan } from "./attribution-credits.js";
import { planAttribution, type AttributionFlags } from "./attribution.js";
import { COVERAGE_CHANNEL_COLUMNS } from "./report-columns.js";
import { baseContext, runQuery } from "./run-query.js";
import { segmentKey } from "./segment-order.js";

const LABEL = "open pipeline in P per segment and channel";

export const coverageChannelColumns = (dims: readonly string[]): ColumnDef[] => [...dimensionColumns(dims), ...COVERAGE_CHANNEL_COLUMNS];

/** The matrix the split's credits come from: every deal created by as-of, split by --by. */
export async function planCoverageCredits(ws: Workspace, flags: AttributionFlags): Promise<CreditPlan> {
  const { period: _p, from: _f, to: _t, ...rest } = flags;
  return (await planAttribution(ws, rest)).credits;
}

interface CoverageWindow {
  readonly dims: readonly string[];
  readonly period: Window;
  readonly asOf: string;
}

export function compileCoverageChannels(credits: CreditPlan, w: CoverageWindow, ctx: BaseContext): CompiledQuery[] {
  const source = positionSource(credits, ctx);
  if (source)
    return [
      compiledQuery(LABEL, compileCoverageByChannel(ctx, { dimensions: w.dims, period: w.period, asOf: w.asOf }, credits.query, source)),
    ];
  return compileFittedInputs(credits, ctx, "the channel split");
}

/** Per (segment, channel): credited open pipeline, its share of the segment's, the segment's target and the channel's coverage. */
export async function coverageByChannel(
  ws: Workspace,
  credits: CreditPlan,
  w: CoverageWindow,
  segments: readonly Row[],
): Promise<{ rows: Row[]; notes: string[] }> {
  const { source, notes } = await creditSource(ws, credits);
  const query = compileCoverageByChannel(baseContext(ws), { dimensions: w.dims, period: w.period, asOf: w.asOf }, credits.query, source);
  const raw = await runQuery(ws, compiledQuery(LABEL, query));
  const segmentOf = new Map(segments.map((s) => [segmentKey(s, w.dims), s]));
  const rows = raw.map((r): Row => {
    const segment = segmentOf.get(segmentKey(r, w.dims));
    const open = Number(r.open_pipeline ?? 0);
    const segmentOpen = Number(segment?.open_pipeline ?? 0);
    const target = typeof segment?.target === "number" ? segment.target : null;
    return {
      ...r,
      open_pipeline: open,
      open_opportunities: Number(r.open_opportunities ?? 0),
      share_of_open: segmentOpen > 0 ? open / segmentOpen : null,
      target,
      coverage: target !== null && target > 0 ? open / target : null,
    };
  });
  const model = credits.model.name;
  return {
    rows: rows.sort((a, b) => Number(b.open_pipeline) - Number(a.open_pipeline) || (String(a.channel) < String(b.channel) ? -1 : 1)),
    notes: [
      ...notes,
      `coverage by channel under ${model}: each deal open at ${w.asOf} and expected to close in ${w.period.label} is split over its journey's channels by its ${model} credit (those of \`report attribution${w.dims.length ? ` --by ${w.dims.join(",")}` : ""} --model ${model}\` over every deal created by as-of); a channel's coverage is its part of the segment's target, and a segment's channels add up to the segment's coverage (its totals row).`,
    ],
  };
}
