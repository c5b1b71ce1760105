// `report insights`: what the aggregate hides, in sentences — channel shares that depart from
// their aggregate by segment, Simpson reversals, significant quarter-over-quarter win-rate moves,
// and channels whose rank depends on the attribution model (SPEC §7). Ranked by pipeline at stake.
import type { ReportResult } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import { keepSignificant } from "../insights/adjust.js";
import type { Finding } from "../insights/finding.js";
import { modelRankFindings } from "../insights/model-rank.js";
import { segmentShareCandidates } from "../insights/segment-share.js";
import { simpsonCandidates } from "../insights/simpson.js";
import { winRateMoveCandidates } from "../insights/win-rate-move.js";
import { addMonths, parsePeriod, periodLabelOf } from "../model/period.js";
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
import { compileModelsPlan, planModels, runModels, type ModelsPlan } from "./models.js";
import { checkDimensions } from "./plan/scope.js";
import { INSIGHTS_COLUMNS } from "./report-columns.js";
import { UNATTRIBUTED_NOTE_START } from "./unattributed.js";
import { compileWinratePlan, planWinrate, runWinrate, type WinratePlan } from "./winrate.js";

const FINDING_Q = 0.05;

interface DimensionPlans {
  readonly dimension: string;
  readonly matrix: AttributionPlan;
  /** Win rate in the last two complete quarters, for significant moves. */
  readonly quarters: readonly [WinratePlan, WinratePlan] | null;
}

export interface InsightsPlan {
  readonly kind: "insights";
  readonly aggregate: AttributionPlan;
  readonly dimensions: readonly DimensionPlans[];
  readonly quarters: readonly [string, string] | null;
  /** The model comparison (d), which fits every model; null when skipped. */
  readonly models: ModelsPlan | null;
}

export interface InsightsOptions {
  /** Skip the model comparison (d), which fits every model. */
  readonly skipModels?: boolean;
}

export async function planInsights(ws: Workspace, flags: AttributionFlags, options: InsightsOptions = {}): Promise<InsightsPlan> {
  const requested = checkDimensions(ws, flags.by ?? []);
  const journeys = await planJourneys(ws);
  const aggregate = await planAttribution(ws, { ...flags, by: [] }, journeys);
  const quarters = lastTwoQuarters(aggregate.scope.asOf, ws.config.fiscal_year_start_month);
  const winrateIn = (dim: string, period: string) => planWinrate(ws, { by: [dim], period, ...(flags.asOf ? { asOf: flags.asOf } : {}) });
  const dimensions: DimensionPlans[] = [];
  for (const dimension of requested.length ? requested : Object.keys(ws.config.segments)) {
    const matrix = await planAttribution(ws, { ...flags, by: [dimension] }, journeys);
    dimensions.push({
      dimension,
      matrix,
      quarters: quarters ? [winrateIn(dimension, quarters[0]), winrateIn(dimension, quarters[1])] : null,
    });
  }
  const { model: _model, ...settings } = flags;
  const models = options.skipModels ? null : await planModels(ws, { ...settings, by: [] });
  return { kind: "insights", aggregate, dimensions, quarters, models };
}

export function compileInsightsPlan(plan: InsightsPlan, ctx: BaseContext): CompiledQuery[] {
  return [
    ...compileAttributionPlan(plan.aggregate, ctx),
    ...plan.dimensions.flatMap((d) => [
      ...compileAttributionPlan(d.matrix, ctx),
      ...(d.quarters ?? []).flatMap((q) => compileWinratePlan(q, ctx)),
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
  for (const d of plan.dimensions) {
    const matrix = await runAttribution(ws, d.matrix, false);
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
  const rows = rank(findings);
  return {
    report: "insights",
    params: { ...aggregate.params, by: plan.dimensions.map((d) => d.dimension), q: FINDING_Q, quarters: plan.quarters ?? null },
    columns: INSIGHTS_COLUMNS,
    rows,
    totals: [],
    notes: [...aggregate.notes.filter((n) => n.startsWith(UNATTRIBUTED_NOTE_START)), ...insightNotes(rows, shares.length, minSample)],
  };
}

function rank(findings: readonly Finding[]): Row[] {
  const sorted = [...findings].sort((a, b) => b.pipelineAtStake - a.pipelineAtStake || a.sentence.localeCompare(b.sentence));
  return sorted.map((f, i) => ({
    rank: i + 1,
    type: f.type,
    finding: f.sentence,
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

function insightNotes(rows: readonly Row[], tested: number, minSample: number): string[] {
  const notes = [
    `statistical findings are kept at a Benjamini–Hochberg false discovery rate of ${FINDING_Q}; ${tested} segment-share tests were run. Segments or cells with fewer than ${minSample} observations are not tested on their own.`,
  ];
  if (rows.length === 0)
    notes.push("no finding: at this sample size, no channel's segment behaviour departs detectably from its aggregate.");
  return notes;
}
