// `--compare previous|year|<period>`: a report over its window beside the same report over a
// comparison window — the previous window of the same length, the same window a year earlier, or
// any fiscal period — with each row's comparison value, the change and, for rates, whether the
// change is significant (two-proportion z-test). The comparison is the report run on that window
// alone, so its values equal that report's; coverage's as-of moves with its window ("coverage of
// last quarter at the same point of it").
import { column, type ColumnDef, type ReportResult } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import { UserError } from "../model/diagnostic.js";
import { addMonths, parsePeriod, periodLabelOf, type Window } from "../model/period.js";
import { twoProportionZTest } from "../stats/index.js";
import type { Workspace } from "../workspace/workspace.js";
import type { ReportFlags } from "./request/flags.js";
import type { ReportName } from "./request/report-flags.js";
import { rowKey, TREND_METRICS, type TrendMetric } from "./trend.js";

/** The reports --compare takes, and the metrics it compares. */
const COMPARE_METRICS: ReadonlyMap<ReportName, readonly TrendMetric[]> = new Map<ReportName, readonly TrendMetric[]>([
  ...TREND_METRICS,
  ["coverage", [{ key: "open_pipeline" }, { key: "coverage", format: "multiple" }]],
]);

export interface ComparePlan<P> {
  readonly kind: "compare";
  readonly of: ReportName;
  /** previous | year | a period label, as given. */
  readonly mode: string;
  readonly current: { readonly window: Window; readonly plan: P; readonly asOf: string };
  readonly comparison: { readonly window: Window; readonly plan: P; readonly asOf: string | null };
}

type Flags = Partial<ReportFlags>;

/**
 * Plans the report on its window, then on the comparison window. `windowOf` reads the window a
 * planned report covers (coverage picks one itself when none is given).
 */
export async function planCompare<P>(
  ws: Workspace,
  of: ReportName,
  flags: Flags,
  planBase: (flags: Flags) => Promise<P>,
  windowOf: (plan: P) => { readonly window: Window | null; readonly asOf: string },
): Promise<ComparePlan<P>> {
  if (!COMPARE_METRICS.has(of))
    throw new UserError(
      `--compare: not available for report "${of}" (available for: ${[...COMPARE_METRICS.keys()].join(", ")})`,
      "unknown_flag",
    );
  const { compare: mode, ...base } = flags;
  if (!mode) throw new Error("planCompare needs --compare");
  for (const other of ["trend", "rolling", "snapshots"] as const)
    if (flags[other] !== undefined) throw new UserError(`--compare cannot be combined with --${other}`, "bad_flag_value");
  const current = await planBase(base);
  const { window, asOf } = windowOf(current);
  if (!window || window.from === "0001-01-01" || window.to === "9999-12-31")
    throw new UserError("--compare needs a bounded window: give --period (e.g. 2026-Q2) or both --from and --to", "bad_flag_value");
  const shift = comparisonShift(window, mode, ws.config.fiscal_year_start_month);
  // Coverage looks ahead from as-of, so its as-of moves with the window; other reports judge each
  // window at its own end (or as-of, whichever is earlier).
  const comparisonAsOf = of === "coverage" ? shift.date(asOf) : null;
  const { period: _p, from: _f, to: _t, ...rest } = base;
  const windowFlags: Flags = shift.window.label.includes("..")
    ? { from: shift.window.from, to: shift.window.to }
    : { period: shift.window.label };
  const comparison = await planBase({ ...rest, ...windowFlags, ...(comparisonAsOf ? { asOf: comparisonAsOf } : {}) });
  return {
    kind: "compare",
    of,
    mode,
    current: { window, plan: current, asOf },
    comparison: { window: shift.window, plan: comparison, asOf: comparisonAsOf },
  };
}

const GRAIN_MONTHS: readonly [RegExp, number][] = [
  [/^\d{4}$/, 12],
  [/^\d{4}-Q[1-4]$/, 3],
  [/^\d{4}-\d{2}$/, 1],
];

const GRAINS: Readonly<Record<number, "year" | "quarter" | "month">> = { 12: "year", 3: "quarter", 1: "month" };

const DAY = 86_400_000;
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);

/** A date moved by whole months, its day clamped to the month's length (2024-02-29 − 12 months = 2023-02-28). */
function plusMonths(date: string, months: number): string {
  const { year, month0 } = addMonths(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, months);
  const last = new Date(Date.UTC(year, month0 + 1, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), last);
  return `${year}-${String(month0 + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The comparison window, and how a date of the current window maps onto it. */
function comparisonShift(window: Window, mode: string, fiscal: number): { window: Window; date: (d: string) => string } {
  const months = GRAIN_MONTHS.find(([pattern]) => pattern.test(window.label))?.[1] ?? null;
  const byMonths = (n: number) => {
    const from = plusMonths(window.from, -n);
    const date = (d: string) => plusMonths(d, -n);
    // A period's window starts on its first day, so the period of the shifted start is the shifted period.
    if (months !== null) return { window: parsePeriod(periodLabelOf(from, GRAINS[months] ?? "month", fiscal), fiscal), date };
    return { window: { from, to: plusMonths(window.to, -n), label: `${from}..${plusMonths(window.to, -n)}` }, date };
  };
  if (mode === "year") return byMonths(12);
  if (mode === "previous") {
    if (months !== null) return byMonths(months);
    const length = daysBetween(window.from, window.to) + 1;
    const to = plusDays(window.from, -1);
    const from = plusDays(to, -(length - 1));
    return { window: { from, to, label: `${from}..${to}` }, date: (d) => plusDays(d, -length) };
  }
  const target = parsePeriod(mode, fiscal);
  const offset = daysBetween(window.from, target.from);
  return { window: target, date: (d) => plusDays(d, offset) };
}

export async function runCompare<P>(plan: ComparePlan<P>, runBase: (plan: P) => Promise<ReportResult>): Promise<ReportResult> {
  const metrics = COMPARE_METRICS.get(plan.of) ?? [];
  const now = await runBase(plan.current.plan);
  const then = await runBase(plan.comparison.plan);
  const keyOf = rowKey(now);
  const totalKey = (r: Row) => `${String(r.total_of ?? "")}|${keyOf(r)}`;
  const thenRows = new Map(then.rows.map((r) => [keyOf(r), r]));
  const thenTotals = new Map(then.totals.map((r) => [totalKey(r), r]));
  const rows = now.rows.map((r) => compared(r, thenRows.get(keyOf(r)) ?? null, metrics));
  const nowKeys = new Set(now.rows.map(keyOf));
  const onlyThen = then.rows.filter((r) => !nowKeys.has(keyOf(r)));
  const label = plan.comparison.window.label;
  return {
    ...now,
    params: {
      ...now.params,
      compare: plan.mode,
      compare_period: label,
      compare_from: plan.comparison.window.from,
      compare_to: plan.comparison.window.to,
      ...(plan.comparison.asOf ? { compare_as_of: plan.comparison.asOf } : {}),
    },
    columns: [...now.columns, ...compareColumns(now.columns, metrics, label)],
    rows: [...rows, ...onlyThen.map((r) => onlyInComparison(r, now.columns, metrics))],
    totals: now.totals.map((t) => compared(t, thenTotals.get(totalKey(t)) ?? null, metrics)),
    notes: [...now.notes, ...compareNotes(plan, then, onlyThen.length)],
  };
}

/** A row absent from the comparison had nothing there: amounts change from 0, rates are not compared. */
function compared(row: Row, then: Row | null, metrics: readonly TrendMetric[]): Row {
  const out: Row = { ...row };
  for (const m of metrics) {
    const before = then === null ? (m.rate ? null : 0) : (then[m.key] ?? null);
    const value = row[m.key];
    out[`${m.key}_compare`] = before;
    out[`${m.key}_change`] = typeof value === "number" && typeof before === "number" ? value - before : null;
    if (m.rate) {
      const test = then ? twoProportionZTest(m.rate.x(row), m.rate.n(row), m.rate.x(then), m.rate.n(then)) : null;
      out[`${m.key}_change_p_value`] = test?.pValue ?? null;
      out[`${m.key}_change_significant`] = test ? test.pValue < 0.05 : null;
    }
  }
  return out;
}

/** A row only the comparison window has: its keys and comparison values, nothing measured now. */
function onlyInComparison(then: Row, columns: readonly ColumnDef[], metrics: readonly TrendMetric[]): Row {
  const keys = columns.filter((c) => c.role === "dimension").map((c) => c.key);
  const row: Row = Object.fromEntries(columns.map((c) => [c.key, keys.includes(c.key) ? (then[c.key] ?? null) : null]));
  for (const m of metrics) {
    const before = then[m.key] ?? null;
    row[`${m.key}_compare`] = before;
    row[`${m.key}_change`] = !m.rate && typeof before === "number" ? -before : null;
    if (m.rate) {
      row[`${m.key}_change_p_value`] = null;
      row[`${m.key}_change_significant`] = null;
    }
  }
  return row;
}

function compareColumns(columns: readonly ColumnDef[], metrics: readonly TrendMetric[], label: string): ColumnDef[] {
  return metrics.flatMap((m): ColumnDef[] => {
    const own = columns.find((c) => c.key === m.key);
    const format = own?.format ?? m.format ?? (m.rate ? "rate" : "money");
    return [
      column(`${m.key}_compare`, `${own?.label ?? m.key} ${label}`, format),
      column(`${m.key}_change`, `Δ ${own?.label ?? m.key}`, format),
      ...(m.rate ? [{ ...column(`${m.key}_change_significant`, "signif.", "text"), type: "boolean" as const }] : []),
    ];
  });
}

function compareNotes<P>(plan: ComparePlan<P>, then: ReportResult, onlyThen: number): string[] {
  const { window } = plan.current;
  const c = plan.comparison.window;
  const notes = [
    `--compare ${plan.mode}: each row beside ${c.label}${c.label.includes("..") ? "" : ` (${c.from}..${c.to})`}, the same report run on that window alone${plan.comparison.asOf ? ` as of ${plan.comparison.asOf}` : ""}; Δ = ${window.label} − ${c.label}; rates are tested with a two-proportion z-test (signif. at p < 0.05, not adjusted for the number of rows).`,
  ];
  if (window.to > plan.current.asOf && c.to <= plan.current.asOf && plan.of !== "coverage")
    notes.push(
      `${window.label} runs to ${window.to}, past as-of ${plan.current.asOf}: only part of it has happened, while ${c.label} is complete — amounts are not like for like (rates are).`,
    );
  if (onlyThen > 0) notes.push(`${onlyThen} row(s) exist only in ${c.label}: listed with empty ${window.label} values.`);
  notes.push(...then.notes.map((n) => `(${c.label}) ${n}`));
  return notes;
}
