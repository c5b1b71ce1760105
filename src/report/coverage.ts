// `report coverage`: is the pipeline enough for period P? Open pipeline expected to close in P over
// the segment's target for P, and over what is left of it after the wins so far (SPEC §5).
// P is --period, else the fiscal quarter containing as-of — never the wall clock.
import type { Row } from "../contract/row.js";
import type { Config } from "../model/config-schema.js";
import type { SegmentFilter } from "../model/segment-filter.js";
import { UserError } from "../model/diagnostic.js";
import { parsePeriod, periodLabelOf, type Window } from "../model/period.js";
import { compileCoveragePipeline, compileTargetRows, targetSegmentColumns } from "../sql/coverage-sql.js";
import type { ReportResult } from "../contract/report-result.js";
import { compiledQuery, type CompiledQuery } from "../sql/compiled-query.js";
import { compileFirstCreatedDate } from "../sql/report-sql.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import { resolveScope, type Scope } from "./plan/scope.js";
import {
  COVERAGE_COLUMNS,
  COVERAGE_ENTERING_COLUMNS,
  COVERAGE_OUTCOME_COLUMNS,
  withDimensions,
  type CoverageRow,
} from "./report-columns.js";
import { baseContext, runGrouped, runQuery } from "./run-query.js";
import { segmentKey, sortBySegments } from "./segment-order.js";
import type { CreditPlan } from "./attribution-credits.js";
import type { AttributionFlags } from "./attribution.js";
import { compileCoverageChannels, coverageByChannel, coverageChannelColumns, planCoverageCredits } from "./coverage-channels.js";

interface TargetRow {
  readonly period: string;
  /** Segment column → trimmed value, null when empty. */
  readonly segments: Readonly<Record<string, string | null>>;
  readonly amount: number;
}

interface TargetSelection {
  readonly kept: TargetRow[];
  /** Rows overlapping P without lying inside it (e.g. a year's target for a quarter). */
  readonly straddling: number;
  /** Rows inside a coarser target of the same segment that is also kept (not added twice). */
  readonly nested: number;
}

interface TargetGroup {
  readonly values: Row;
  amount: number;
}

const pick = (r: Row, dims: readonly string[]): Row => Object.fromEntries(dims.map((d) => [d, r[d] ?? null]));

export interface CoveragePlan {
  readonly kind: "coverage";
  readonly scope: Scope;
  /** P: --period, else the current or next fiscal quarter (defaultPeriod). */
  readonly period: Window;
  /** Why P is the quarter it is, when --period did not say. */
  readonly periodNote: string | null;
  /** --model: each segment's open pipeline split by channel under it (coverage-channels.ts). */
  readonly credits?: CreditPlan;
  /**
   * --trend: P is measured entering it (scope.asOf is the day before P starts) and its outcome —
   * what P actually won — is judged at this date, P's end or as-of if earlier.
   */
  readonly outcomeAsOf?: string;
}

export async function planCoverage(ws: Workspace, flags: AttributionFlags): Promise<CoveragePlan> {
  const scope = resolveScope(ws, flags, false);
  const credits = flags.model === undefined ? {} : { credits: await planCoverageCredits(ws, flags) };
  if (scope.window) return { kind: "coverage", scope, period: scope.window, periodNote: null, ...credits };
  const targets = (await runQuery(ws, compiledQuery("target rows", compileTargetRows(baseContext(ws))))).map((r) => toTargetRow(r, []));
  return { kind: "coverage", scope, ...defaultPeriod(ws, scope.asOf, targets), ...credits };
}

const DAY = 86_400_000;
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const dayBefore = (date: string) => plusDays(date, -1);
const dayAfter = (date: string) => plusDays(date, 1);
const earlier = (a: string, b: string) => (a < b ? a : b);

/**
 * Coverage over time (--trend): each period P as it looked the day before it started — the open
 * pipeline expected to close in P against P's target — beside what P then won. Periods run up to
 * the one entered the day after as-of; without --period or --from they start at the first
 * targeted period measured after the first opportunity was created (before it, coverage would read
 * 0 only because the data starts later).
 */
export async function planCoverageTrend<T>(
  ws: Workspace,
  flags: AttributionFlags,
  planPeriods: (flags: AttributionFlags, through: string) => Promise<T>,
): Promise<T> {
  if (flags.model !== undefined)
    throw new UserError(
      "report coverage: --trend cannot be combined with --model yet (run coverage --model per --period)",
      "bad_flag_value",
    );
  const through = dayAfter(flags.asOf ?? ws.dataAsOf);
  if (flags.period !== undefined || flags.from !== undefined) return planPeriods(flags, through);
  const fy = ws.config.fiscal_year_start_month;
  const targets = (await runQuery(ws, compiledQuery("target rows", compileTargetRows(baseContext(ws))))).map((r) => toTargetRow(r, []));
  const [first] = await runQuery(ws, compiledQuery("first creation date", compileFirstCreatedDate()));
  const dataStart = first?.d ? dayAfter(String(first.d).slice(0, 10)) : "0001-01-01";
  const starts = targets.map((t) => parsePeriod(t.period, fy).from).filter((from) => from >= dataStart);
  const from = starts.sort()[0];
  return planPeriods(from ? { ...flags, from } : flags, through);
}

/** One period of the trend: P entering it, its outcome at its end (or as-of). */
export async function planCoverageEntering(ws: Workspace, flags: AttributionFlags): Promise<CoveragePlan> {
  const asOf = flags.asOf ?? ws.dataAsOf;
  const scope = resolveScope(ws, flags, false);
  if (!scope.window) throw new Error("planCoverageEntering needs a period");
  const entering = earlier(dayBefore(scope.window.from), asOf);
  const plan = await planCoverage(ws, { ...flags, asOf: entering });
  return { ...plan, outcomeAsOf: earlier(scope.window.to, asOf) };
}

const quarterOf = (ws: Workspace, date: string): Window => {
  const fy = ws.config.fiscal_year_start_month;
  return parsePeriod(periodLabelOf(date, "quarter", fy), fy);
};

/**
 * Without --period, coverage looks at the fiscal quarter containing as-of while any of it is left
 * and it has targets (or neither quarter has), else at the next quarter: on the last day of a
 * quarter nothing is left to close in it, and coverage would read 0× for no reason.
 */
function defaultPeriod(ws: Workspace, asOf: string, targets: readonly TargetRow[]): { period: Window; periodNote: string } {
  const current = quarterOf(ws, asOf);
  const next = quarterOf(ws, new Date(Date.parse(`${current.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10));
  const fy = ws.config.fiscal_year_start_month;
  const targeted = (w: Window) => selectTargets(targets, w, fy).kept.length > 0;
  const left = asOf < current.to;
  if (left && (targeted(current) || !targeted(next)))
    return { period: current, periodNote: `no --period: coverage is for ${current.label}, the fiscal quarter containing as-of ${asOf}.` };
  const why = left ? `${current.label} has no target and ${next.label} has` : `as-of ${asOf} is the last day of ${current.label}`;
  return {
    period: next,
    periodNote: `no --period: coverage is for ${next.label}, the next fiscal quarter (${why}); pass --period to choose another.`,
  };
}

/** The target rows, then the pipeline open and won in P per segment. */
export function compileCoveragePlan(plan: CoveragePlan, ctx: BaseContext): CompiledQuery[] {
  const pipeline = compileCoveragePipeline(ctx, { dimensions: plan.scope.by, period: plan.period, asOf: plan.scope.asOf });
  const channels = plan.credits
    ? compileCoverageChannels(plan.credits, { dims: plan.scope.by, period: plan.period, asOf: plan.scope.asOf }, ctx)
    : [];
  const outcome = plan.outcomeAsOf
    ? [
        compiledQuery(
          "won in P by its end",
          compileCoveragePipeline(ctx, { dimensions: plan.scope.by, period: plan.period, asOf: plan.outcomeAsOf }).sql,
        ),
      ]
    : [];
  return [
    compiledQuery("target rows", compileTargetRows(ctx)),
    compiledQuery("pipeline open and won in P per segment", pipeline.sql, pipeline.notes),
    ...channels,
    ...outcome,
  ];
}

export async function runCoverage(ws: Workspace, plan: CoveragePlan): Promise<ReportResult> {
  const { scope: p, period } = plan;
  const ctx = baseContext(ws);
  const queries = compileCoveragePlan(plan, ctx);
  const [targetQuery, pipelineQuery] = queries;
  if (!targetQuery || !pipelineQuery) throw new Error("coverage compiles to two queries");
  const outcomeQuery = plan.outcomeAsOf ? queries[queries.length - 1] : undefined;
  const segmentColumns = targetSegmentColumns(ctx);
  const allTargets = (await runQuery(ws, targetQuery)).map((r) => toTargetRow(r, segmentColumns));
  if (allTargets.length > 0) checkTargetDimensions(p.by, segmentColumns, ws.config);
  if (allTargets.length > 0)
    checkTargetDimensions(
      p.where.map((f) => f.dimension),
      segmentColumns,
      ws.config,
      "--where",
    );
  // The pipeline query filters by --where itself (the opportunity base); targets are filtered here.
  const { kept: targetRows, unplaced } = targetsWhere(allTargets, p.where);
  const { rows, totals, notes } = await runGrouped(ws, [pipelineQuery], p.by);
  const selection = selectTargets(targetRows, period, ws.config.fiscal_year_start_month);
  const { groups, unassigned } = groupTargets(selection.kept, p.by);
  const outcome = outcomeQuery ? await runGrouped(ws, [outcomeQuery], p.by) : null;
  const merged = mergeSegments(outcome ? [...rows, ...unseen(outcome.rows, rows, p.by)] : rows, groups, p.by);
  const segmentRows = p.by.length ? sortBySegments(merged, p.by, ws.config) : [];
  const totalRow = coverageRow(pick(totals[0] ?? {}, p.by), totals[0], selection.kept.length ? sum(selection.kept) : null);
  const started = plan.outcomeAsOf !== undefined && plan.outcomeAsOf >= period.from;
  const outRows = withOutcome(p.by.length ? segmentRows : [{ ...totalRow }], outcome?.rows, p, started);
  const outTotal = withOutcome([totalRow], outcome?.totals, p, started)[0] ?? totalRow;
  const split = plan.credits ? await coverageByChannel(ws, plan.credits, { dims: p.by, period, asOf: p.asOf }, outRows) : null;
  const segmentOrder = new Map(outRows.map((r, i) => [segmentKey(r, p.by), i]));
  const byChannel = split?.rows.sort((a, b) => (segmentOrder.get(segmentKey(a, p.by)) ?? 0) - (segmentOrder.get(segmentKey(b, p.by)) ?? 0));
  return {
    report: "coverage",
    params: {
      by: p.by,
      period: period.label,
      from: period.from,
      to: period.to,
      as_of: p.asOf,
      evaluation_date: p.asOf,
      ...(p.where.length ? { where: Object.fromEntries(p.where.map((f) => [f.dimension, f.values])) } : {}),
    },
    columns: byChannel
      ? coverageChannelColumns(p.by)
      : withDimensions(p.by, outcome ? [...COVERAGE_ENTERING_COLUMNS, ...COVERAGE_OUTCOME_COLUMNS] : COVERAGE_COLUMNS),
    // With --model the rows are channels within segments, and the segments' own rows their totals.
    rows: byChannel ?? outRows,
    totals: byChannel && p.by.length ? [...outRows.map((r) => ({ ...r, total_of: "segment" })), outTotal] : [outTotal],
    notes: [
      ...(plan.periodNote ? [plan.periodNote] : []),
      ...notes,
      ...targetNotes(targetRows.length, selection, unassigned, p.by, period),
      ...(unplaced
        ? [
            `--where: ${unplaced} target row(s) have no value for ${p.where.map((f) => f.dimension).join(" or ")}, so they cannot be placed in the filtered segments and are left out of the target.`,
          ]
        : []),
      ...pipelineNotes(outRows, totals[0], p.by),
      ...(split?.notes ?? []),
      ...(plan.outcomeAsOf ? outcomeNotes(period, plan.outcomeAsOf) : []),
    ],
  };
}

/** Segments that won in P without pipeline entering it (deals created inside P): rows of their own. */
function unseen(outcomeRows: readonly Row[], rows: readonly Row[], dims: readonly string[]): Row[] {
  const seen = new Set(rows.map((r) => keyOf(dims.map((d) => r[d]))));
  return outcomeRows.filter((r) => !seen.has(keyOf(dims.map((d) => r[d])))).map((r) => ({ ...pick(r, dims), open_pipeline: 0, won: 0 }));
}

/** --trend: when coverage was measured, what P won by its end, and that against the target (null before P starts). */
function withOutcome(rows: readonly Row[], outcome: readonly Row[] | undefined, scope: Scope, started: boolean): Row[] {
  if (!outcome) return [...rows];
  const wonBy = new Map(outcome.map((r) => [keyOf(scope.by.map((d) => r[d])), Number(r.won ?? 0)]));
  return rows.map((r) => {
    const won = started ? (wonBy.get(keyOf(scope.by.map((d) => r[d]))) ?? 0) : null;
    const target = typeof r.target === "number" ? r.target : null;
    // Won by the day before P starts is 0, so won and remaining_coverage would only repeat coverage.
    const { won: _won, remaining_coverage: _remaining, ...rest } = r;
    return {
      ...rest,
      coverage_as_of: scope.asOf,
      won_in_period: won,
      attainment: won !== null && target !== null && target > 0 ? won / target : null,
    };
  });
}

function outcomeNotes(period: Window, outcomeAsOf: string): string[] {
  return [
    "--trend: each period's coverage is measured the day before it starts (coverage_as_of), from opportunity dates: deals open then whose close_date is in the period today. A deal that slipped out of the period since is not counted and one pulled in is (close dates have no history in the workspace); won_in_period and attainment are what the period won by its end.",
    ...(outcomeAsOf < period.from
      ? [
          `${period.label} starts after as-of ${outcomeAsOf}: its coverage is today's, and nothing could be won in it yet (won_in_period and attainment are null).`,
        ]
      : outcomeAsOf < period.to
        ? [`${period.label} is in progress: its won_in_period and attainment are to as-of ${outcomeAsOf}.`]
        : []),
  ];
}

function toTargetRow(r: Row, segmentColumns: readonly string[]): TargetRow {
  const segments = Object.fromEntries(segmentColumns.map((c) => [c, r[c] === null || r[c] === undefined ? null : String(r[c])]));
  return { period: String(r.period), segments, amount: Number(r.amount ?? 0) };
}

/** Target rows in the --where segments (values compared case-insensitively); rows without a value for a filtered dimension cannot be placed. */
function targetsWhere(rows: readonly TargetRow[], where: readonly SegmentFilter[]): { kept: TargetRow[]; unplaced: number } {
  const lower = (v: string) => v.trim().toLowerCase();
  let unplaced = 0;
  const kept = rows.filter((row) =>
    where.every((f) => {
      const value = row.segments[f.dimension] ?? null;
      if (value === null) {
        unplaced++;
        return false;
      }
      return f.values.some((v) => lower(v) === lower(value));
    }),
  );
  return { kept, unplaced };
}

/** Targets can only be split (or filtered) by dimensions they have a column for (named like the dimension). */
function checkTargetDimensions(by: readonly string[], targetColumns: readonly string[], config: Config, flag = "--by"): void {
  const missing = by.filter((d) => !targetColumns.includes(d));
  if (missing.length === 0) return;
  const supported = Object.keys(config.segments).filter((d) => targetColumns.includes(d));
  throw new UserError(
    `${flag}: the targets have no column for ${missing.map((m) => `"${m}"`).join(", ")} (coverage supports ${supported.length ? supported.join(", ") : "no dimension: add a column named like a segment dimension to the targets file"})`,
    "bad_dimension",
  );
}

/** Target rows whose own period lies inside P, without counting a period twice for one segment. */
function selectTargets(rows: readonly TargetRow[], period: Window, fiscalStartMonth: number): TargetSelection {
  const windows = rows.map((r) => parsePeriod(r.period, fiscalStartMonth));
  const inside = (w: Window) => w.from >= period.from && w.to <= period.to;
  const overlaps = (w: Window) => w.from <= period.to && w.to >= period.from;
  const candidates = rows.map((row, i) => ({ row, w: windows[i] as Window })).filter((c) => inside(c.w));
  const sameSegment = (a: TargetRow, b: TargetRow) => JSON.stringify(a.segments) === JSON.stringify(b.segments);
  const coarser = (a: Window, b: Window) => b.from <= a.from && b.to >= a.to && (b.from !== a.from || b.to !== a.to);
  const kept = candidates.filter((c) => !candidates.some((o) => sameSegment(c.row, o.row) && coarser(c.w, o.w))).map((c) => c.row);
  const straddling = windows.filter((w) => overlaps(w) && !inside(w)).length;
  return { kept, straddling, nested: candidates.length - kept.length };
}

const keyOf = (values: readonly unknown[]) => JSON.stringify(values.map((v) => String(v).trim().toLowerCase()));
const sum = (rows: readonly TargetRow[]) => rows.reduce((s, r) => s + r.amount, 0);

/** Targets per segment of the --by dimensions; rows without a value for one of them stay out. */
function groupTargets(rows: readonly TargetRow[], dims: readonly string[]): { groups: Map<string, TargetGroup>; unassigned: number } {
  const groups = new Map<string, TargetGroup>();
  let unassigned = 0;
  for (const row of rows) {
    const values = dims.map((d) => row.segments[d] ?? null);
    if (values.some((v) => v === null)) {
      unassigned++;
      continue;
    }
    const key = keyOf(values);
    const group = groups.get(key) ?? { values: Object.fromEntries(dims.map((d, i) => [d, values[i] ?? null])), amount: 0 };
    group.amount += row.amount;
    groups.set(key, group);
  }
  return { groups, unassigned };
}

/** Every segment with pipeline, wins or a target; target values match segment values case-insensitively. */
function mergeSegments(pipelineRows: readonly Row[], targets: ReadonlyMap<string, TargetGroup>, dims: readonly string[]): Row[] {
  const seen = new Set<string>();
  const out = pipelineRows.map((r) => {
    const key = keyOf(dims.map((d) => r[d]));
    seen.add(key);
    return coverageRow(pick(r, dims), r, targets.get(key)?.amount ?? null);
  });
  for (const [key, group] of targets) if (!seen.has(key)) out.push(coverageRow(group.values, undefined, group.amount));
  return out;
}

/** Coverage ratios; null target → null ratios, met target → null remaining_coverage. */
function coverageRow(values: Row, pipe: Row | undefined, target: number | null): Row {
  const open = Number(pipe?.open_pipeline ?? 0);
  const won = Number(pipe?.won ?? 0);
  const remaining = target === null ? null : target - won;
  const measures: CoverageRow = {
    open_pipeline: open,
    open_pipeline_count: Number(pipe?.open_pipeline_count ?? 0),
    target,
    won,
    coverage: target !== null && target > 0 ? open / target : null,
    remaining_coverage: remaining !== null && remaining > 0 ? open / remaining : null,
  };
  return { ...values, ...measures };
}

function targetNotes(rowCount: number, s: TargetSelection, unassigned: number, dims: readonly string[], period: Window): string[] {
  if (rowCount === 0) return ["the targets table is empty: target and coverage are null (add sources.targets)."];
  const notes: string[] = [];
  if (s.kept.length === 0)
    notes.push(`no target lies inside ${period.label} (${period.from}..${period.to}): target and coverage are null.`);
  if (s.straddling > 0)
    notes.push(
      `${s.straddling} target rows span beyond ${period.label} (e.g. a year's target for a quarter) and are not counted: they are not pro-rated.`,
    );
  if (s.nested > 0)
    notes.push(
      `${s.nested} target rows lie inside a coarser target of the same segment (e.g. months of a targeted quarter) and are not added again.`,
    );
  if (unassigned > 0) notes.push(`${unassigned} target rows have no value for ${dims.join(", ")}: they count in the total only.`);
  return notes;
}

function pipelineNotes(rows: readonly Row[], total: Row | undefined, dims: readonly string[]): string[] {
  const notes: string[] = [];
  const met = rows.filter((r) => r.target !== null && r.remaining_coverage === null);
  if (met.length > 0)
    notes.push(
      `target already met${dims.length ? ` in ${met.map((r) => dims.map((d) => r[d]).join("/")).join(", ")}` : ""}: remaining_coverage is null.`,
    );
  const undated = Number(total?.open_without_close_date_count ?? 0);
  if (undated > 0) notes.push(`${undated} open opportunities have no close_date: they are in no period's coverage.`);
  return notes;
}
