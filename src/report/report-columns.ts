// Every report's columns, declared once: key, label, format and JSON type. They drive the table,
// CSV, Markdown and HTML renderers, the JSON's `columns`, the dashboard's formats and the names
// config refuses for dimensions (src/contract/result-names.ts). Dimension columns come first.
import { column, dimensionColumns, type ColumnDef, type RowOf } from "../contract/report-result.js";

const c = column;
const winRate = [c("win_rate", "win rate", "rate"), c("win_rate_low", "low", "rate"), c("win_rate_high", "high", "rate")] as const;

export const PIPELINE_COLUMNS = [
  c("pipeline_created", "created", "money"),
  c("pipeline_created_count", "# created", "count"),
  c("open_pipeline", "open", "money"),
  c("open_pipeline_count", "# open", "count"),
  c("weighted_pipeline", "weighted", "money"),
] as const;

const WINRATE_COLUMNS = [
  c("won", "won", "count"),
  c("lost", "lost", "count"),
  c("open", "open", "count"),
  ...winRate,
  c("win_rate_shrunk", "shrunk", "rate"),
  c("value_win_rate", "value win", "rate"),
  c("account_win_rate", "acct win", "rate"),
  c("avg_deal_size", "avg deal", "money"),
  c("avg_pipeline_deal_size", "avg created", "money"),
  c("sales_cycle_days", "cycle p50", "days"),
  c("sample", "sample", "text"),
  c("open_share", "% open", "rate"),
  c("maturity", "maturity", "text"),
] as const;

/** Cohort mode only: `open` (still open in the cohort), the share that is, and whether that makes the rate immature. */
const COHORT_ONLY = new Set(["open", "open_share", "maturity"]);
export const winrateColumns = (cohort: boolean): ColumnDef[] => WINRATE_COLUMNS.filter((col) => cohort || !COHORT_ONLY.has(col.key));

export const SUMMARY_COLUMNS = [
  c("pipeline_created", "created", "money"),
  c("pipeline_created_count", "# created", "count"),
  c("open_pipeline", "open", "money"),
  c("weighted_pipeline", "weighted", "money"),
  c("won", "won", "count"),
  c("lost", "lost", "count"),
  ...winRate,
  c("avg_deal_size", "avg deal", "money"),
  c("sales_cycle_days", "cycle p50", "days"),
  c("sample", "sample", "text"),
] as const;

export const VELOCITY_COLUMNS = [
  c("open_pipeline_count", "# open", "count"),
  ...winRate,
  c("avg_deal_size", "avg deal", "money"),
  c("sales_cycle_days", "cycle p50", "days"),
  c("velocity", "velocity/day", "money"),
  c("sample", "sample", "text"),
] as const;

export const FUNNEL_COLUMNS = [
  c("step", "step", "count"),
  c("from_stage", "from", "text"),
  c("to_stage", "to", "text"),
  c("reached_from", "# from", "count"),
  c("reached_to", "# to", "count"),
  c("conversion", "conversion", "rate"),
  c("conversion_low", "low", "rate"),
  c("conversion_high", "high", "rate"),
  c("cumulative", "cumulative", "rate"),
  c("sample", "sample", "text"),
] as const;

export const LOSSES_COLUMNS = [
  c("loss_reason", "loss reason", "text"),
  c("lost_count", "# lost", "count"),
  c("lost_amount", "lost", "money"),
  c("share", "share", "rate"),
  c("share_low", "low", "rate"),
  c("share_high", "high", "rate"),
  c("amount_share", "amount share", "rate"),
] as const;

export const COVERAGE_COLUMNS = [
  c("open_pipeline", "open in P", "money"),
  c("open_pipeline_count", "# open", "count"),
  c("target", "target", "money"),
  c("won", "won", "money"),
  c("coverage", "coverage", "multiple"),
  c("remaining_coverage", "remaining cov.", "multiple"),
] as const;

/** coverage --trend, entering each period: nothing is won yet, so no won or remaining coverage. */
export const COVERAGE_ENTERING_COLUMNS = COVERAGE_COLUMNS.filter((col) => col.key !== "won" && col.key !== "remaining_coverage");

/** coverage --trend: when each period was measured, and what it then won. */
export const COVERAGE_OUTCOME_COLUMNS = [
  c("coverage_as_of", "measured", "text"),
  c("won_in_period", "won by end", "money"),
  c("attainment", "attainment", "rate"),
] as const;

const CHANNEL_COLUMN: ColumnDef = { ...c("channel", "channel", "text"), role: "dimension" };

const ATTRIBUTION_COLUMNS = [
  CHANNEL_COLUMN,
  c("pipeline", "pipeline", "money"),
  c("pipeline_low", "low", "money"),
  c("pipeline_high", "high", "money"),
  c("opportunities", "opps (credit)", "credit"),
  c("share_of_segment", "% of seg", "rate"),
  c("share_of_segment_low", "low", "rate"),
  c("share_of_segment_high", "high", "rate"),
  c("share_of_channel", "% of chan", "rate"),
  c("avg_deal_size", "avg deal", "money"),
  c("avg_pipeline_deal_size", "avg created", "money"),
  c("won", "won (credit)", "credit"),
  c("lost", "lost (credit)", "credit"),
  ...winRate,
  c("quality_index", "quality", "index"),
  c("sourced_pipeline", "sourced", "money"),
  c("influenced_pipeline", "influenced", "money"),
  c("sample", "sample", "text"),
  c("maturity", "maturity", "text"),
] as const;

/** With --intervals only: the bootstrap's 95 % intervals of a data-driven model's pipeline and share of segment. */
const ATTRIBUTION_INTERVAL_ONLY = new Set(["pipeline_low", "pipeline_high", "share_of_segment_low", "share_of_segment_high"]);
export const attributionColumns = (intervals: boolean): ColumnDef[] =>
  ATTRIBUTION_COLUMNS.filter((col) => intervals || !ATTRIBUTION_INTERVAL_ONLY.has(col.key));

export const modelsColumns = (models: readonly string[]): ColumnDef[] => [
  CHANNEL_COLUMN,
  ...models.map((m) => c(m, m, "rate")),
  c("rank_best", "best rank", "count"),
  c("rank_worst", "worst rank", "count"),
  c("rank_spread", "spread", "count"),
];

/**
 * Sales cost and fully loaded CAC are not per channel: they are filled in the segment totals only
 * (src/report/sales-cost.ts). ROI is net of spend, as a percent; return on spend is the ratio.
 */
export const COST_COLUMNS = [
  CHANNEL_COLUMN,
  c("spend", "spend", "money"),
  c("pipeline", "pipeline", "money"),
  c("opportunities", "opps (credit)", "credit"),
  c("cost_per_opportunity", "cost/opp", "money"),
  c("won_new_business", "new wins (credit)", "credit"),
  c("cac", "CAC", "money"),
  c("won_amount", "won", "money"),
  c("roi", "ROI", "rate"),
  c("return_on_spend", "won/spend", "multiple"),
  c("sales_cost", "sales cost", "money"),
  c("cac_fully_loaded", "CAC loaded", "money"),
] as const;

export const LTV_COLUMNS = [
  c("arpa", "ARPA", "money"),
  c("new_business_won_count", "new wins", "count"),
  c("renewals_closed_count", "renewals", "count"),
  c("churn", "churn", "rate"),
  c("ltv", "LTV", "money"),
  c("cac", "CAC", "money"),
  c("ltv_to_cac", "LTV:CAC", "multiple"),
  c("cac_fully_loaded", "CAC loaded", "money"),
  c("ltv_to_cac_fully_loaded", "LTV:CAC loaded", "multiple"),
] as const;

export const INSIGHTS_COLUMNS = [
  c("rank", "#", "count"),
  c("category", "category", "text"),
  c("type", "type", "text"),
  c("finding", "finding", "text"),
  c("pipeline_at_stake", "at stake", "money"),
];

export const SNAPSHOT_COLUMNS = [
  c("open_pipeline", "open", "money"),
  c("open_pipeline_count", "# open", "count"),
  c("open_pipeline_change", "Δ open", "money"),
];

export const PATHS_COLUMNS = [
  CHANNEL_COLUMN,
  c("total_conversions", "total_conversions", "number"),
  c("total_conversion_value", "total_conversion_value", "number"),
];

/** `paths --intervals`: each channel's share of conversions and the bootstrap's 95 % interval of it. */
export const PATHS_INTERVAL_COLUMNS = [
  c("share", "share", "rate"),
  c("share_low", "share_low", "rate"),
  c("share_high", "share_high", "rate"),
];

/** A report's columns: its segment dimensions first, then its own. */
/** `--level campaign`: a campaign within its channel (src/report/campaigns.ts). */
export const CAMPAIGN_KEYS: ColumnDef[] = [CHANNEL_COLUMN, { ...c("campaign", "campaign", "text"), role: "dimension" }];

export const CAMPAIGN_COLUMNS = [
  c("pipeline", "pipeline", "money"),
  c("opportunities", "opps (credit)", "credit"),
  c("share_of_channel", "% of chan", "rate"),
  c("won", "won (credit)", "credit"),
  c("lost", "lost (credit)", "credit"),
  c("win_rate", "win rate", "rate"),
  c("win_rate_low", "low", "rate"),
  c("win_rate_high", "high", "rate"),
  c("journeys", "deals touched", "count"),
  c("sample", "sample", "text"),
] as const;

export const CAMPAIGN_COST_COLUMNS = [
  c("spend", "spend", "money"),
  c("pipeline", "pipeline", "money"),
  c("opportunities", "opps (credit)", "credit"),
  c("cost_per_opportunity", "cost/opp", "money"),
  c("won_new_business", "new wins (credit)", "credit"),
  c("cac", "CAC", "money"),
  c("won_amount", "won", "money"),
  c("sample", "sample", "text"),
] as const;

/** `pipeprism deals`: after the opportunity, its account and segments (src/report/deals.ts). */
export const DEAL_COLUMNS = [
  c("stage", "stage", "text"),
  c("status", "status", "text"),
  c("created_date", "created", "text"),
  c("close_date", "closed", "text"),
  c("amount", "amount", "money"),
  c("journey", "journey", "text"),
  c("touches", "touches", "count"),
  c("credit", "credit", "number"),
  c("credited_amount", "credited", "money"),
] as const;

/** `report coverage --model`: a segment's open pipeline per channel (src/report/coverage-channels.ts). */
export const COVERAGE_CHANNEL_COLUMNS = [
  CHANNEL_COLUMN,
  c("open_pipeline", "open in P", "money"),
  c("open_opportunities", "# open (credit)", "credit"),
  c("share_of_open", "% of open", "rate"),
  c("target", "segment target", "money"),
  c("coverage", "coverage", "multiple"),
];

export const withDimensions = (dims: readonly string[], columns: readonly ColumnDef[]): ColumnDef[] => [
  ...dimensionColumns(dims),
  ...columns,
];

// Row types, derived from the declarations: a report that builds its rows in TypeScript types them
// with these, so a declared column it forgets (or a renamed one) is a compile error.
export type WinrateRow = RowOf<typeof WINRATE_COLUMNS>;
export type VelocityRow = RowOf<typeof VELOCITY_COLUMNS>;
export type FunnelRow = RowOf<typeof FUNNEL_COLUMNS>;
export type CoverageRow = RowOf<typeof COVERAGE_COLUMNS>;
