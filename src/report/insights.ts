// `report insights`: what the aggregate hides, in sentences — channel shares that depart from
// their aggregate by segment, Simpson reversals, significant quarter-over-quarter win-rate moves,
// and channels whose rank depends on the attribution model (SPEC §7). Ranked by pipeline at stake.
import type { Row } from "../contract/row.js";
import { keepSignificant } from "../insights/adjust.js";
import type { Finding } from "../insights/finding.js";
import { modelRankFindings } from "../insights/model-rank.js";
import { segmentShareCandidates } from "../insights/segment-share.js";
import { simpsonCandidates } from "../insights/simpson.js";
import { winRateMoveCandidates } from "../insights/win-rate-move.js";
import { parsePeriod, periodLabelOf, addMonths } from "../model/period.js";
import type { Workspace } from "../workspace/workspace.js";
import { attribution } from "./attribution.js";
import type { AttributionOptions } from "./attribution-params.js";
import { models } from "./models.js";
import { parseDimensions } from "./params.js";
import { column, type ReportResult } from "../contract/report-result.js";
import { winrate } from "./winrate.js";

export const FINDING_Q = 0.05;

export interface InsightsOptions extends AttributionOptions {
  /** Skip the model comparison (d), which fits every model. */
  readonly skipModels?: boolean;
}

export async function insights(ws: Workspace, options: InsightsOptions = {}): Promise<ReportResult> {
  const requested = parseDimensions(options.by);
  const dims = requested.length ? requested : Object.keys(ws.config.segments);
  const minSample = ws.config.min_sample;
  const aggregate = await attribution(ws, { ...options, by: [] });
  const shares = [];
  const simpson = [];
  const moves = [];
  const quarters = lastTwoQuarters(String(aggregate.params.as_of), ws.config.fiscal_year_start_month);
  for (const dim of dims) {
    const matrix = await attribution(ws, { ...options, by: [dim] });
    shares.push(...segmentShareCandidates({ dimension: dim, cells: matrix.rows, minSample }));
    simpson.push(...simpsonCandidates(dim, aggregate.rows, matrix.rows, minSample));
    if (quarters) {
      const [prev, last] = await Promise.all(quarters.map((label) => winrate(ws, { by: [dim], period: label, ...(options.asOf ? { asOf: options.asOf } : {}) })));
      moves.push(...winRateMoveCandidates(dim, { label: quarters[0], rows: prev?.rows ?? [] }, { label: quarters[1], rows: last?.rows ?? [] }, minSample));
    }
  }
  const findings: Finding[] = [...keepSignificant(shares, FINDING_Q), ...keepSignificant(simpson, FINDING_Q), ...keepSignificant(moves, FINDING_Q)];
  if (!options.skipModels) {
    const comparison = await models(ws, { ...options, by: [] });
    const total = aggregate.rows.reduce((s, r) => s + Number(r.pipeline ?? 0), 0);
    findings.push(...modelRankFindings({ rows: comparison.rows, models: comparison.params.models as string[], totalPipeline: total, minShareGap: 0.02 }));
  }
  const rows = rank(findings);
  return {
    report: "insights",
    params: { ...aggregate.params, by: dims, q: FINDING_Q, quarters: quarters ?? null },
    rows,
    totals: [],
    notes: insightNotes(rows, shares.length, minSample),
    columns: [
      column("rank", "#", "count"),
      column("type", "type", "text"),
      column("finding", "finding", "text"),
      column("pipeline_at_stake", "at stake", "money"),
    ],
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
  if (rows.length === 0) notes.push("no finding: at this sample size, no channel's segment behaviour departs detectably from its aggregate.");
  return notes;
}
