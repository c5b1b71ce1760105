// `--level campaign` on attribution and cost: the same credits one level down, per campaign within
// its channel (src/sql/campaign-sql.ts says how a fitted model's channel credit is split). Each
// campaign row carries its share of the channel's pipeline in the segment, its credit-weighted
// win rate with a Wilson interval, and `sample: thin` below min_sample closed outcomes — most
// campaigns are thin, and the table says so rather than ranking noise. Cost allocates spend by
// campaign when the spend file has a campaign column, pro rata to the campaign's pipeline across
// segments (as the channel-level cost does), else says why campaign cost is missing.
import { dimensionColumns, type ReportResult } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import { compileCampaignCredits, NO_CAMPAIGN } from "../sql/campaign-sql.js";
import { compiledQuery, type CompiledQuery } from "../sql/compiled-query.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import { compileSpend } from "../sql/spend-sql.js";
import { wilsonInterval } from "../stats/index.js";
import type { Workspace } from "../workspace/workspace.js";
import { compileFittedInputs, creditSource, positionSource } from "./attribution-credits.js";
import type { AttributionPlan } from "./attribution.js";
import { scopeParams } from "./plan/scope.js";
import { CAMPAIGN_KEYS, CAMPAIGN_COLUMNS, CAMPAIGN_COST_COLUMNS } from "./report-columns.js";
import { baseContext, runQuery } from "./run-query.js";
import { segmentKey, sortBySegments } from "./segment-order.js";

const LABEL = "credits per campaign within channel";

export function compileCampaignPlan(plan: AttributionPlan, ctx: BaseContext): CompiledQuery[] {
  const source = positionSource(plan.credits, ctx);
  if (source) return [compiledQuery(LABEL, compileCampaignCredits(ctx, plan.credits.query, source))];
  return compileFittedInputs(plan.credits, ctx, "the campaign query");
}

async function campaignRows(ws: Workspace, plan: AttributionPlan): Promise<{ rows: Row[]; notes: string[] }> {
  const { source, notes } = await creditSource(ws, plan.credits);
  const raw = await runQuery(ws, compiledQuery(LABEL, compileCampaignCredits(baseContext(ws), plan.credits.query, source)));
  const dims = plan.scope.by;
  const channelPipeline = new Map<string, number>();
  const channelKey = (r: Row) => `${segmentKey(r, dims)}|${String(r.channel)}`;
  for (const r of raw) channelPipeline.set(channelKey(r), (channelPipeline.get(channelKey(r)) ?? 0) + Number(r.pipeline));
  const minSample = plan.credits.minSample;
  const rows = raw.map((r) => {
    const won = Number(r.won);
    const closed = won + Number(r.lost);
    const interval = wilsonInterval(won, closed);
    const total = channelPipeline.get(channelKey(r)) ?? 0;
    return {
      ...r,
      share_of_channel: total !== 0 ? Number(r.pipeline) / total : null,
      win_rate: closed > 0 ? won / closed : null,
      win_rate_low: interval?.low ?? null,
      win_rate_high: interval?.high ?? null,
      journeys: Number(r.journeys),
      sample: closed < minSample ? "thin" : "ok",
    };
  });
  return { rows: sortCampaigns(rows, dims, ws), notes };
}

/** Segments in report order, then channels by pipeline, then each channel's campaigns by pipeline. */
function sortCampaigns(rows: Row[], dims: readonly string[], ws: Workspace): Row[] {
  const ordered = sortBySegments(rows, dims, ws.config);
  const segOrder = new Map<string, number>();
  ordered.forEach((r, i) => segOrder.set(segmentKey(r, dims), Math.min(segOrder.get(segmentKey(r, dims)) ?? i, i)));
  const channelTotal = new Map<string, number>();
  for (const r of rows) {
    const key = `${segmentKey(r, dims)}|${String(r.channel)}`;
    channelTotal.set(key, (channelTotal.get(key) ?? 0) + Number(r.pipeline));
  }
  const total = (r: Row) => channelTotal.get(`${segmentKey(r, dims)}|${String(r.channel)}`) ?? 0;
  const text = (a: unknown, b: unknown) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);
  return [...rows].sort(
    (a, b) =>
      (segOrder.get(segmentKey(a, dims)) ?? 0) - (segOrder.get(segmentKey(b, dims)) ?? 0) ||
      total(b) - total(a) ||
      text(a.channel, b.channel) ||
      Number(b.pipeline) - Number(a.pipeline) ||
      text(a.campaign, b.campaign),
  );
}

function campaignNotes(rows: readonly Row[], minSample: number, model: string, fitted: boolean): string[] {
  const thin = rows.filter((r) => r.sample === "thin").length;
  const notes = [
    fitted
      ? `--level campaign under ${model}: the model credits channels; a deal's credit to a channel is split over that channel's touches in its journey equally, so each campaign gets its touches' part. A channel's campaigns add up to its cell of the channel-level report.`
      : `--level campaign under ${model}: each touch's credit goes to its own campaign, so a channel's campaigns add up exactly to its cell of the channel-level report.`,
  ];
  if (thin)
    notes.push(
      `${thin} of ${rows.length} campaign rows have fewer than ${minSample} credit-weighted closed outcomes (sample thin): compare their pipeline, not their win rates.`,
    );
  return notes;
}

export async function runCampaignAttribution(ws: Workspace, plan: AttributionPlan): Promise<ReportResult> {
  const { rows, notes } = await campaignRows(ws, plan);
  const { model, settings } = plan.credits;
  return {
    report: "attribution",
    params: scopeParams(plan.scope, { model: model.name, stage: settings.stage, level: "campaign" }),
    columns: [...dimensionColumns(plan.scope.by), ...CAMPAIGN_KEYS, ...CAMPAIGN_COLUMNS],
    rows,
    totals: [],
    notes: [...notes, ...campaignNotes(rows, plan.credits.minSample, model.name, model.kind !== "position")],
  };
}

export function compileCampaignCostPlan(plan: AttributionPlan, ctx: BaseContext): CompiledQuery[] {
  const s = plan.scope;
  const spend = compileSpend(ctx, { dimensions: [], window: s.window, evaluationDate: s.evaluationDate, byCampaign: true });
  return [...compileCampaignPlan(plan, ctx), compiledQuery("spend per channel and campaign", spend)];
}

export async function runCampaignCost(ws: Workspace, plan: AttributionPlan): Promise<ReportResult> {
  const { rows, notes } = await campaignRows(ws, plan);
  const spendQuery = compileCampaignCostPlan(plan, baseContext(ws)).at(-1);
  const allSpend = spendQuery ? await runQuery(ws, spendQuery) : [];
  // The spend table always has a campaign column; a file without one leaves it empty everywhere.
  const hasCampaign = allSpend.some((s) => s.campaign !== NO_CAMPAIGN);
  const spendRows = hasCampaign ? allSpend.filter((s) => s.campaign !== NO_CAMPAIGN) : [];
  const withoutCampaign = hasCampaign ? allSpend.filter((s) => s.campaign === NO_CAMPAIGN) : [];
  const key = (r: Row) => `${String(r.channel)}|${String(r.campaign)}`;
  const pipelineOf = new Map<string, number>();
  for (const r of rows) pipelineOf.set(key(r), (pipelineOf.get(key(r)) ?? 0) + Number(r.pipeline));
  const spendOf = new Map(spendRows.map((s) => [key(s), Number(s.spend ?? 0)]));
  const unallocated = spendRows.filter((s) => !((pipelineOf.get(key(s)) ?? 0) > 0));
  const costed = rows.map((r) => {
    const total = pipelineOf.get(key(r)) ?? 0;
    const campaignSpend = spendOf.get(key(r));
    const spend = !hasCampaign ? null : campaignSpend !== undefined && total > 0 ? (campaignSpend * Number(r.pipeline)) / total : 0;
    return {
      ...Object.fromEntries(
        Object.entries(r).filter(([k]) => !["share_of_channel", "win_rate", "win_rate_low", "win_rate_high", "journeys"].includes(k)),
      ),
      spend,
      cost_per_opportunity: spend !== null && spend > 0 && Number(r.opportunities) > 0 ? spend / Number(r.opportunities) : null,
      cac: spend !== null && spend > 0 && Number(r.won_new_business) > 0 ? spend / Number(r.won_new_business) : null,
    };
  });
  const { model, settings } = plan.credits;
  const costNotes = hasCampaign
    ? [
        ...unallocated.map(
          (s) =>
            `spend of ${Math.round(Number(s.spend))} on campaign "${String(s.campaign)}" (${String(s.channel)}) has no attributed pipeline to allocate it by: it is in no row's cost.`,
        ),
        ...withoutCampaign.map(
          (s) =>
            `spend of ${Math.round(Number(s.spend))} on ${String(s.channel)} names no campaign: it is in no campaign's cost (\`report cost\` counts it per channel).`,
        ),
      ]
    : [
        "the spend file has no campaign column, so campaign spend, cost per opportunity and CAC are empty; pipeline and new wins per campaign are shown, and `report cost` gives cost per channel.",
      ];
  return {
    report: "cost",
    params: scopeParams(plan.scope, { model: model.name, stage: settings.stage, level: "campaign" }),
    columns: [...dimensionColumns(plan.scope.by), ...CAMPAIGN_KEYS, ...CAMPAIGN_COST_COLUMNS],
    rows: costed,
    totals: [],
    notes: [...notes, ...campaignNotes(rows, plan.credits.minSample, model.name, model.kind !== "position"), ...costNotes],
  };
}
