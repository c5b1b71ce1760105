// `report insights`: what the aggregate hides, in sentences — channel shares that depart from
// their aggregate by segment, Simpson reversals, significant quarter-over-quarter win-rate moves,
// channels whose rank depends on the attribution model (SPEC §7), and how settled the channel
// ranking is under one data-driven model, on its bootstrap intervals. Ranked by pipeline at stake.
// Each finding's sentence leads with a plain headline and follows with its statistics (finding.ts).
import { defaultReplicates, INTERVAL_LEVEL } from "../attribution/bootstrap.js";
import type { ReportResult } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import { keepSignificant } from "../insights/adjust.js";
import { channelRankingFindings } from "../insights/channel-ranking.js";
import type { Finding } from "../insights/finding.js";
import { modelRankFindings } from "../insights/model-rank.js";
import { shareReplicates } from "../insights/share-replicates.js";
import { segmentShareCandidates } from "../insights/segment-share.js";
import { simpsonCandidates } from "../insights/simpson.js";
import { winRateMoveCandidates } from "../insights/win-rate-move.js";
import { addMonths, parsePeriod, periodLabelOf } from "../model/period.js";
import { UNATTRIBUTED } from "../sql/attribution-sql.js";
import type { CompiledQuery } from "../sql/compiled-query.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import {
  compileAttributionPlan,
  planAttribution,
  planJourneys,
  runAttribution,
  type AttributionFlags,
  type AttributionPlan,
} from "./attribution.js";
import { compileIntervalInputs, intervalFitter, journeyGroupsOf, type CreditPlan } from "./attribution-credits.js";
import { compileModelsPlan, planModels, runModels, type ModelsPlan } from "./models.js";
import { resolveReportModel } from "./plan/attribution-settings.js";
import { checkDimensions } from "./plan/scope.js";
import { INSIGHTS_COLUMNS } from "./report-columns.js";
import { UNATTRIBUTED_NOTE_START } from "./unattributed.js";
import { compileWinratePlan, planWinrate, runWinrate, type WinratePlan } from "./winrate.js";

const FINDING_Q = 0.05;

/**
 * Bootstrap replicates behind channel_ranking: a 95 % percentile bound from 100 replicates is
 * coarse but stable enough to say whether a gap clears zero, and keeps insights within a few
 * seconds on the demo (docs/decisions.md). Markov of order 3–4 takes its smaller default.
 */
export const RANKING_REPLICATES = 100;

/** The model channel_ranking bootstraps when the insights model is a position model. */
const RANKING_FALLBACK_MODEL = "lift";

interface DimensionPlans {
  readonly dimension: string;
  readonly matrix: AttributionPlan;
  /** Win rate in the last two complete quarters, for significant moves. */
  readonly quarters: readonly [WinratePlan, WinratePlan] | null;
  /** The matrix under the ranking model, with its bootstrap settings; null when skipped. */
  readonly ranking: AttributionPlan | null;
}

export interface InsightsPlan {
  readonly kind: "insights";
  readonly aggregate: AttributionPlan;
  readonly dimensions: readonly DimensionPlans[];
  readonly quarters: readonly [string, string] | null;
  /** The model comparison (d), which fits every model; null when skipped. */
  readonly models: ModelsPlan | null;
  /** The channel ranking (e): the whole population under the ranking model, with its bootstrap settings; null when skipped. */
  readonly ranking: AttributionPlan | null;
  /** The ranking model is the insights model: the matrices above serve both, only the bootstrap is added. */
  readonly rankingShared: boolean;
}

export interface InsightsOptions {
  /** Skip the model comparison (d), which fits every model. */
  readonly skipModels?: boolean;
  /** Skip the channel ranking (e), which bootstraps one data-driven model. */
  readonly skipRanking?: boolean;
}

export async function planInsights(ws: Workspace, flags: AttributionFlags, options: InsightsOptions = {}): Promise<InsightsPlan> {
  const requested = checkDimensions(ws, flags.by ?? []);
  // --seed seeds the ranking's bootstrap, so any model takes it; the matrices get it only when their model uses it.
  const { seed: _seed, ...unseeded } = flags;
  const model = resolveReportModel(ws, unseeded);
  const seeded = model.name === "shapley" || model.name === "lift" ? flags : unseeded;
  const rankingModel = model.kind === "position" ? RANKING_FALLBACK_MODEL : model.name;
  const journeys = await planJourneys(ws);
  const aggregate = await planAttribution(ws, { ...seeded, by: [] }, journeys);
  const rankingOf = async (by: string[]) => {
    if (options.skipRanking) return null;
    const ranked = { ...flags, model: rankingModel, by };
    return planAttribution(ws, { ...ranked, intervals: rankingReplicates(rankingModel, ranked.order ?? 1) }, journeys);
  };
  const quarters = lastTwoQuarters(aggregate.scope.asOf, ws.config.fiscal_year_start_month);
  const winrateIn = (dim: string, period: string) => planWinrate(ws, { by: [dim], period, ...(flags.asOf ? { asOf: flags.asOf } : {}) });
  const dimensions: DimensionPlans[] = [];
  for (const dimension of requested.length ? requested : Object.keys(ws.config.segments)) {
    const matrix = await planAttribution(ws, { ...seeded, by: [dimension] }, journeys);
    dimensions.push({
      dimension,
      matrix,
      quarters: quarters ? [winrateIn(dimension, quarters[0]), winrateIn(dimension, quarters[1])] : null,
      ranking: await rankingOf([dimension]),
    });
  }
  const { model: _model, ...settings } = flags;
  const models = options.skipModels ? null : await planModels(ws, { ...settings, by: [] });
  const ranking = await rankingOf([]);
  return { kind: "insights", aggregate, dimensions, quarters, models, ranking, rankingShared: rankingModel === model.name };
}

function rankingReplicates(model: string, order: number): number {
  return Math.min(RANKING_REPLICATES, defaultReplicates(model, order));
}

export function compileInsightsPlan(plan: InsightsPlan, ctx: BaseContext): CompiledQuery[] {
  const ranking = (p: AttributionPlan | null) =>
    !p ? [] : plan.rankingShared ? compileIntervalInputs(p.credits, ctx) : compileAttributionPlan(p, ctx);
  return [
    ...compileAttributionPlan(plan.aggregate, ctx),
    ...ranking(plan.ranking),
    ...plan.dimensions.flatMap((d) => [
      ...compileAttributionPlan(d.matrix, ctx),
      ...(d.quarters ?? []).flatMap((q) => compileWinratePlan(q, ctx)),
      ...ranking(d.ranking),
    ]),
    ...(plan.models ? compileModelsPlan(plan.models, ctx) : []),
  ];
}

export async function runInsights(ws: Workspace, plan: InsightsPlan): Promise<ReportResult> {
  const minSample = ws.config.min_sample;
  const aggregate = await runAttribution(ws, plan.aggregate);
  const shares = [];
  const simpson = [];
  const moves = [];
  const ranking: Finding[] = [];
  const rank = async (p: AttributionPlan | null, dimension: string | null, shared: readonly Row[]) => {
    if (p) ranking.push(...(await rankingFindings(ws, p, dimension, plan.rankingShared ? shared : null)));
  };
  await rank(plan.ranking, null, aggregate.rows);
  for (const d of plan.dimensions) {
    const matrix = await runAttribution(ws, d.matrix, false);
    await rank(d.ranking, d.dimension, matrix.rows);
    shares.push(...segmentShareCandidates({ dimension: d.dimension, cells: matrix.rows, minSample }));
    simpson.push(...simpsonCandidates(d.dimension, aggregate.rows, matrix.rows, minSample));
    if (d.quarters && plan.quarters) {
      const [prev, last] = await Promise.all(d.quarters.map((q) => runWinrate(ws, q)));
      moves.push(
        ...winRateMoveCandidates(
          d.dimension,
          { label: plan.quarters[0], rows: prev?.rows ?? [] },
          { label: plan.quarters[1], rows: last?.rows ?? [] },
          minSample,
        ),
      );
    }
  }
  const findings: Finding[] = [
    ...keepSignificant(shares, FINDING_Q),
    ...keepSignificant(simpson, FINDING_Q),
    ...keepSignificant(moves, FINDING_Q),
    ...ranking,
  ];
  if (plan.models) {
    const comparison = await runModels(ws, plan.models);
    const total = aggregate.rows.reduce((s, r) => s + Number(r.pipeline ?? 0), 0);
    findings.push(
      ...modelRankFindings({
        rows: comparison.rows,
        models: plan.models.models.map((m) => m.model.name),
        totalPipeline: total,
        minShareGap: 0.02,
      }),
    );
  }
  const rows = ranked(findings);
  return {
    report: "insights",
    params: { ...aggregate.params, by: plan.dimensions.map((d) => d.dimension), q: FINDING_Q, quarters: plan.quarters ?? null },
    columns: INSIGHTS_COLUMNS,
    rows,
    totals: [],
    notes: [
      ...aggregate.notes.filter((n) => n.startsWith(UNATTRIBUTED_NOTE_START)),
      ...insightNotes(rows, shares.length, minSample),
      ...(plan.ranking ? [rankingNote(plan.ranking)] : []),
    ],
  };
}

/** The channel_ranking findings of one matrix: its cells (run here unless the insights matrix serves), their share replicates. */
async function rankingFindings(
  ws: Workspace,
  plan: AttributionPlan,
  dimension: string | null,
  shared: readonly Row[] | null,
): Promise<Finding[]> {
  const { intervals, ...matrixPlan } = plan;
  if (!intervals) return [];
  const cells = shared ?? (await runAttribution(ws, matrixPlan, false)).rows;
  const replicates = shareReplicates((await journeyGroupsOf(ws, plan.credits)) ?? [], {
    fitter: intervalFitter(plan.credits),
    minSample: plan.credits.minSample,
    replicates: intervals.replicates,
    seed: intervals.seed,
    unattributed: UNATTRIBUTED,
  });
  return channelRankingFindings({
    dimension,
    cells,
    replicates,
    model: modelLabel(plan.credits),
    minSample: plan.credits.minSample,
    unattributed: UNATTRIBUTED,
  });
}

const modelLabel = (credits: CreditPlan) =>
  credits.model.name === "markov" ? `markov (order ${credits.settings.order})` : credits.model.name;

function rankingNote(plan: AttributionPlan): string {
  const replicates = plan.intervals?.replicates ?? 0;
  const { model, settings, minSample } = plan.credits;
  const command = [
    `report attribution --model ${model.name}`,
    ...(model.name === "markov" ? [`--order ${settings.order}`] : []),
    ...(model.name === "shapley" && settings.shapleyValue !== "rate" ? [`--shapley-value ${settings.shapleyValue}`] : []),
    `--intervals ${replicates} --seed ${settings.seed}`,
  ].join(" ");
  return (
    `channel_ranking: channels ranked by share of pipeline under ${modelLabel(plan.credits)}, the insights model when it is data-driven, else ${RANKING_FALLBACK_MODEL}, ` +
    `overall and in each segment with at least ${minSample} opportunities. Shares carry ${Math.round(INTERVAL_LEVEL * 100)} % bootstrap intervals over journeys, ` +
    `${replicates} replicates, seed ${settings.seed} (\`${command}\` shows the same); two adjacent channels' order is settled when the interval of the gap ` +
    "between their shares, taken on the same replicates, excludes zero. Sampling noise of the fit only, not model choice or confounding; " +
    "the intervals are not adjusted for the number of comparisons."
  );
}

/**
 * Tested findings first, ranked by pipeline at stake; then the descriptions (how a channel's rank
 * moves between models, which no test stands behind), ranked among themselves: never mixed.
 */
function ranked(findings: readonly Finding[]): Row[] {
  const byStake = (a: Finding, b: Finding) => b.pipelineAtStake - a.pipelineAtStake || a.sentence.localeCompare(b.sentence);
  const tested = findings.filter((f) => !DESCRIPTION_TYPES.has(f.type)).sort(byStake);
  const described = findings.filter((f) => DESCRIPTION_TYPES.has(f.type)).sort(byStake);
  return [...tested, ...described].map((f, i) => ({
    rank: i + 1,
    category: DESCRIPTION_TYPES.has(f.type) ? "description" : "finding",
    type: f.type,
    finding: f.sentence,
    // The finding's two parts, so a reader can show the plain headline first and the statistics smaller.
    headline: f.headline,
    evidence: f.evidence,
    pipeline_at_stake: f.pipelineAtStake,
    dimension: f.dimension,
    segment: f.segment,
    channel: f.channel,
    p_value: f.pValue,
    q_value: f.qValue,
    samples: f.samples,
  }));
}

/** The last two complete fiscal quarters at as-of: the current one counts only if it has ended. */
export function lastTwoQuarters(asOf: string, fiscalStartMonth: number): [string, string] | null {
  const current = parsePeriod(periodLabelOf(asOf, "quarter", fiscalStartMonth), fiscalStartMonth);
  const lastStart = current.to <= asOf ? current.from : shiftQuarter(current.from, -1);
  const prevStart = shiftQuarter(lastStart, -1);
  return [periodLabelOf(prevStart, "quarter", fiscalStartMonth), periodLabelOf(lastStart, "quarter", fiscalStartMonth)];
}

function shiftQuarter(isoStart: string, quarters: number): string {
  const { year, month0 } = addMonths(Number(isoStart.slice(0, 4)), Number(isoStart.slice(5, 7)) - 1, quarters * 3);
  return `${year}-${String(month0 + 1).padStart(2, "0")}-01`;
}

/** Finding types that describe the data rather than test a difference. */
const DESCRIPTION_TYPES: ReadonlySet<string> = new Set(["model_rank_change"]);

function insightNotes(rows: readonly Row[], tested: number, minSample: number): string[] {
  const descriptions = rows.filter((r) => r.category === "description").length;
  const notes = [
    `statistical findings are kept at a Benjamini–Hochberg false discovery rate of ${FINDING_Q}; ${tested} segment-share tests were run. Segments or cells with fewer than ${minSample} observations are not tested on their own.`,
  ];
  if (descriptions > 0)
    notes.push(
      `${descriptions} row${descriptions === 1 ? " is a description" : "s are descriptions"} (category description, listed after the tested findings): how a channel's rank moves between attribution models on this data. No test stands behind them; they say the choice of model matters, not that a channel differs.`,
    );
  if (rows.length === descriptions)
    notes.push("no finding: at this sample size, no channel's segment behaviour departs detectably from its aggregate.");
  return notes;
}
