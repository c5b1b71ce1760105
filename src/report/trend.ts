// `--trend month|quarter`: a report repeated per fiscal period, with each row's change against the
// previous period (a two-proportion z-test for rates) and, with `--rolling N`, values smoothed
// over the last N periods.
import type { ColumnDef, ReportResult } from "../contract/report-result.js";
import { column } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import { UserError } from "../model/diagnostic.js";
import { addMonths, parsePeriod, periodLabelOf, resolveWindow } from "../model/period.js";
import { compiledQuery } from "../sql/compiled-query.js";
import { FIRST_LEAD_DATE } from "../sql/leads-sql.js";
import { compileFirstCreatedDate } from "../sql/report-sql.js";
import { twoProportionZTest } from "../stats/index.js";
import type { Workspace } from "../workspace/workspace.js";
import type { ReportFlags, TrendGrain } from "./request/flags.js";
import type { ReportName } from "./request/report-flags.js";
import { runQuery } from "./run-query.js";

export interface TrendMetric {
  readonly key: string;
  /** How its change prints when its own column is absent (default: rate for rates, else money). */
  readonly format?: "multiple";
  /** For rates: successes and trials, so changes can be tested. */
  readonly rate?: { readonly x: (r: Row) => number; readonly n: (r: Row) => number };
}

const closed = (r: Row) => Number(r.won ?? 0) + Number(r.lost ?? 0);
const winRate: TrendMetric = { key: "win_rate", rate: { x: (r) => Number(r.won ?? 0), n: closed } };
const conversion: TrendMetric = { key: "conversion", rate: { x: (r) => Number(r.reached_to ?? 0), n: (r) => Number(r.reached_from ?? 0) } };

/** The reports --trend repeats, and the metrics whose change it reports. */
export const TREND_METRICS: ReadonlyMap<ReportName, readonly TrendMetric[]> = new Map<ReportName, readonly TrendMetric[]>([
  ["pipeline", [{ key: "pipeline_created" }, { key: "open_pipeline" }]],
  ["winrate", [winRate]],
  ["attribution", [{ key: "pipeline" }, winRate]],
  ["coverage", [{ key: "coverage" }, { key: "attainment" }]],
  ["funnel", [conversion]],
  ["leads", [conversion]],
]);

export interface TrendPlan<P> {
  readonly kind: "trend";
  readonly of: ReportName;
  readonly grain: TrendGrain;
  readonly rolling: number | null;
  /** The base report planned once per fiscal period, oldest first. */
  readonly periods: readonly { readonly label: string; readonly plan: P }[];
}

type Flags = Partial<ReportFlags>;

export async function planTrend<P>(
  ws: Workspace,
  of: ReportName,
  flags: Flags,
  planBase: (flags: Flags) => Promise<P>,
  /** The last date a period may start on (default: as-of). */
  through?: string,
): Promise<TrendPlan<P>> {
  if (!TREND_METRICS.has(of))
    throw new UserError(
      `--trend: not available for report "${of}" (available for: ${[...TREND_METRICS.keys()].join(", ")})`,
      "unknown_flag",
    );
  const { trend: grain, rolling, period: _p, from: _f, to: _t, ...base } = flags;
  if (!grain) throw new UserError("--rolling needs --trend month|quarter", "unknown_flag");
  const labels = await trendPeriods(ws, of, grain, flags, through);
  if (labels.length === 0) throw new UserError("--trend: no period between the window's start and as-of", "bad_flag_value");
  const periods = [];
  for (const label of labels) periods.push({ label, plan: await planBase({ ...base, period: label }) });
  return { kind: "trend", of, grain, rolling: rolling ?? null, periods };
}

export async function runTrend<P>(plan: TrendPlan<P>, runBase: (plan: P) => Promise<ReportResult>): Promise<ReportResult> {
  const metrics = TREND_METRICS.get(plan.of) ?? [];
  const labels = plan.periods.map((p) => p.label);
  const results: ReportResult[] = [];
  for (const period of plan.periods) results.push(await runBase(period.plan));
  const first = results[0];
  if (!first) throw new Error("a trend plan has at least one period");
  const keyOf = rowKey(first);
  const rows = annotate(
    labels.flatMap((label, i) => (results[i]?.rows ?? []).map((r) => ({ period: label, ...r }))),
    labels,
    keyOf,
    metrics,
    plan.rolling,
  );
  return {
    ...first,
    params: { ...first.params, period: null, from: null, to: null, trend: plan.grain, rolling: plan.rolling, periods: labels },
    columns: [
      { ...column("period", "period", "text"), role: "dimension" },
      ...first.columns,
      ...trendColumns(metrics, plan.rolling, first.columns),
    ],
    rows,
    totals: labels.flatMap((label, i) => (results[i]?.totals ?? []).map((t) => ({ period: label, ...t }))),
    notes: [...new Set(results.flatMap((r) => r.notes))],
  };
}

/** Fiscal periods from the window's start (default: the first opportunity) to as-of. */
/** Without a window a trend starts where its report's data starts: the first lead for leads, else the first opportunity. */
async function firstDataDate(ws: Workspace, of: ReportName, asOf: string): Promise<string> {
  if (of === "leads" && ws.columns.has("lead_history")) {
    const [lead] = await runQuery(ws, compiledQuery("first lead date", FIRST_LEAD_DATE));
    if (lead?.d) return String(lead.d);
  }
  const [first] = await runQuery(ws, compiledQuery("first creation date", compileFirstCreatedDate()));
  return String(first?.d ?? asOf);
}

async function trendPeriods(ws: Workspace, of: ReportName, grain: TrendGrain, flags: Flags, through?: string): Promise<string[]> {
  const fiscal = ws.config.fiscal_year_start_month;
  const window = resolveWindow(flags, fiscal);
  const asOf = flags.asOf ?? ws.dataAsOf;
  const start = window?.from && window.from !== "0001-01-01" ? window.from : await firstDataDate(ws, of, asOf);
  const last = through ?? asOf;
  const end = window && window.to < last ? window.to : last;
  const labels: string[] = [];
  let label = periodLabelOf(start, grain, fiscal);
  for (let guard = 0; guard < 600; guard++) {
    const w = parsePeriod(label, fiscal);
    if (w.from > end) break;
    labels.push(label);
    const next = addMonths(Number(w.from.slice(0, 4)), Number(w.from.slice(5, 7)) - 1, grain === "month" ? 1 : 3);
    label = periodLabelOf(`${next.year}-${String(next.month0 + 1).padStart(2, "0")}-01`, grain, fiscal);
  }
  return labels;
}

/**
 * Text columns that describe a row's state rather than name it: a cell that turned thin or mature
 * between periods is still the same cell.
 */
const STATE_COLUMNS: ReadonlySet<string> = new Set(["sample", "maturity", "coverage_as_of"]);

/** A row's identity across periods: its dimension columns (segments, channel, funnel step). */
export function rowKey(report: ReportResult): (r: Row) => string {
  const keys = report.columns.filter((c) => c.role === "dimension" || (c.format === "text" && !STATE_COLUMNS.has(c.key))).map((c) => c.key);
  return (r) => JSON.stringify(keys.map((k) => r[k] ?? null));
}

/** A segment absent from the previous period had nothing there: amounts change from 0. */
function annotate(
  rows: Row[],
  labels: readonly string[],
  keyOf: (r: Row) => string,
  metrics: readonly TrendMetric[],
  rolling: number | null,
): Row[] {
  const history = new Map<string, Map<string, Row>>();
  return rows.map((row) => {
    const index = labels.indexOf(String(row.period));
    const past = history.get(keyOf(row)) ?? new Map<string, Row>();
    const previous = index > 0 ? (past.get(labels[index - 1] ?? "") ?? null) : undefined;
    const windowRows: Row[] = labels.slice(Math.max(0, index - (rolling ?? 1) + 1), index).flatMap((l): Row[] => {
      const found = past.get(l);
      return found ? [found] : [];
    });
    const out: Row = { ...row };
    for (const m of metrics) Object.assign(out, change(m, row, previous), rolling ? smooth(m, [...windowRows, row]) : {});
    past.set(String(row.period), row);
    history.set(keyOf(row), past);
    return out;
  });
}

/** `previous` is undefined in the first period and null when the segment had no row before. */
function change(m: TrendMetric, row: Row, previous: Row | null | undefined): Row {
  const now = row[m.key];
  const then = previous === null && !m.rate ? 0 : previous?.[m.key];
  const delta = typeof now === "number" && typeof then === "number" ? now - then : null;
  if (!m.rate) return { [`${m.key}_change`]: delta };
  const test = previous ? twoProportionZTest(m.rate.x(row), m.rate.n(row), m.rate.x(previous), m.rate.n(previous)) : null;
  return {
    [`${m.key}_change`]: delta,
    [`${m.key}_change_p_value`]: test?.pValue ?? null,
    [`${m.key}_change_significant`]: test ? test.pValue < 0.05 : null,
  };
}

function smooth(m: TrendMetric, window: readonly Row[]): Row {
  if (m.rate) {
    const n = window.reduce((s, r) => s + (m.rate?.n(r) ?? 0), 0);
    const x = window.reduce((s, r) => s + (m.rate?.x(r) ?? 0), 0);
    return { [`${m.key}_rolling`]: n > 0 ? x / n : null };
  }
  const values = window.map((r) => r[m.key]).filter((v): v is number => typeof v === "number");
  return { [`${m.key}_rolling`]: values.length ? values.reduce((a, b) => a + b, 0) / values.length : null };
}

/** A metric's change and rolling value print as the metric does (its own column's format, else the metric's). */
function trendColumns(metrics: readonly TrendMetric[], rolling: number | null, base: readonly ColumnDef[]): ColumnDef[] {
  return metrics.flatMap((m): ColumnDef[] => {
    const format = base.find((c) => c.key === m.key)?.format ?? m.format ?? (m.rate ? "rate" : "money");
    return [
      column(`${m.key}_change`, `Δ ${m.key}`, format),
      ...(m.rate ? [{ ...column(`${m.key}_change_significant`, "signif.", "text"), type: "boolean" as const }] : []),
      ...(rolling ? [column(`${m.key}_rolling`, `${m.key} (${rolling}p)`, format)] : []),
    ];
  });
}
