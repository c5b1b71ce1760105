// Which columns a terminal table keeps when it is too wide for the screen, and which values carry
// the thin/immature marker. Column declarations (src/report/report-columns.ts) say what a column
// is; this says how much it matters on a narrow screen — the one place to change that.
import type { ColumnDef, ReportResult } from "../contract/report-result.js";

/** 0: names the row, never left out; 1: the report's headline measures; 2: the rest; 3: interval bounds. */
export type ColumnRank = 0 | 1 | 2 | 3;

/**
 * Columns that name a row without being a segment dimension: a funnel step, a loss reason, a
 * deal, a validate model. Dimension columns (role) and the report's --by keys are keys already.
 */
const ROW_NAMES: ReadonlySet<string> = new Set(["step", "from_stage", "to_stage", "loss_reason", "opportunity_id", "model"]);

/**
 * Reports whose rows carry more segment columns than they are grouped by: only these and the
 * --by keys name a row (a deal lists all its segments; they are details beside its id).
 */
const OWN_KEYS: Readonly<Record<string, readonly string[]>> = { deals: ["opportunity_id"] };

/** Each report's headline measures, kept before the others; `sample` is kept where it fits. */
const HEADLINES: Readonly<Record<string, readonly string[]>> = {
  summary: ["pipeline_created", "open_pipeline", "win_rate", "sample"],
  pipeline: ["pipeline_created", "open_pipeline", "weighted_pipeline", "open_pipeline_change"],
  winrate: ["won", "lost", "win_rate", "sample", "maturity"],
  funnel: ["reached_from", "reached_to", "conversion", "sample"],
  leads: ["reached_from", "reached_to", "conversion", "sample"],
  velocity: ["win_rate", "velocity", "sample"],
  coverage: ["open_pipeline", "target", "coverage"],
  losses: ["lost_count", "share", "lost_amount"],
  attribution: ["pipeline", "share_of_segment", "win_rate", "sample"],
  cost: ["spend", "pipeline", "cac", "roi"],
  ltv: ["ltv", "cac", "ltv_to_cac"],
  insights: ["rank", "finding", "pipeline_at_stake"],
  deals: ["status", "amount", "credited_amount"],
  validate: ["tv_distance", "max_channel_error"],
  paths: ["total_conversions", "share"],
};

/** Bounds of a 95 % interval: meaningless without their rate, and the first to go. */
const INTERVAL_BOUND = /_(low|high)$/;

/** The columns that name each row: always shown. */
export function keyColumns(report: ReportResult): ReadonlySet<string> {
  const by: unknown = report.params.by;
  const byKeys = Array.isArray(by) ? by : [];
  const own = OWN_KEYS[report.report];
  const isKey = (c: ColumnDef) => byKeys.includes(c.key) || (own ? own.includes(c.key) : c.role === "dimension" || ROW_NAMES.has(c.key));
  return new Set(report.columns.filter(isKey).map((c) => c.key));
}

export function columnRank(report: ReportResult, col: ColumnDef, keys: ReadonlySet<string>): ColumnRank {
  if (keys.has(col.key)) return 0;
  if (INTERVAL_BOUND.test(col.key)) return 3;
  const headlines = HEADLINES[report.report] ?? [];
  return headlines.includes(col.key) ? 1 : 2;
}

/**
 * The rates `sample` and `maturity` speak about: win rates (shrunk, by value and by account) and
 * funnel conversions. Their interval bounds say the uncertainty already; shares of pipeline do
 * not depend on how many deals closed.
 */
const SAMPLED_RATE = /^(win_rate|value_win_rate|account_win_rate|conversion|cumulative)(_shrunk)?$/;

export function isSampledRate(col: ColumnDef): boolean {
  return col.format === "rate" && SAMPLED_RATE.test(col.key);
}
