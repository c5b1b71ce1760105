// Every name a report result row uses besides its dimension values. Rows carry dimension values
// under the dimension's own name (SPEC §8), so config refuses a segment dimension or custom model
// named like one of these: no name a user chooses can overwrite a number.
// test/result-names.test.ts runs every report and fails when a row carries a key missing here.

export const RESULT_NAMES = [
  "account_win_rate", "accounts_closed", "accounts_won", "amount_share", "arpa", "as_of", "avg_deal_size",
  "avg_pipeline_deal_size", "cac", "channel", "churn", "conversion", "conversion_change", "conversion_change_p_value",
  "conversion_change_significant", "conversion_high", "conversion_low", "conversion_rolling", "cost_per_opportunity",
  "coverage", "cumulative", "dimension", "evaluation_date", "expected_bookings", "field", "file", "finding", "from_stage",
  "gross_margin", "influenced_pipeline", "journeys", "loss_reason", "lost", "lost_amount", "lost_count", "ltv",
  "ltv_to_cac", "model", "new_business_won_count", "open", "open_pipeline", "open_pipeline_change", "open_pipeline_count",
  "open_pipeline_rolling", "open_without_close_date_count", "open_without_probability_count", "opportunities", "p_value",
  "period", "pipeline", "pipeline_at_stake", "pipeline_change", "pipeline_created", "pipeline_created_change",
  "pipeline_created_count", "pipeline_created_rolling", "pipeline_rolling", "q_value", "quality_index", "rank",
  "rank_best", "rank_spread", "rank_worst", "reached_from", "reached_to", "remaining_coverage", "renewal_lost_amount",
  "renewal_rate", "renewal_won_amount", "renewals_closed_count", "roi", "sales_cycle_days", "sales_cycle_days_mean",
  "sales_cycle_days_p25", "sales_cycle_days_p75", "sample", "samples", "segment", "share", "share_high", "share_low",
  "share_of_channel", "share_of_segment", "sourced_pipeline", "spend", "stage", "step", "target", "to_stage", "total_of",
  "type", "unknown", "unknown_share", "value_win_rate", "velocity", "weighted_pipeline", "win_rate", "win_rate_change",
  "win_rate_change_p_value", "win_rate_change_significant", "win_rate_high", "win_rate_low", "win_rate_rolling",
  "win_rate_shrunk", "won", "won_amount", "won_new_business",
  // built-in model names: columns of `report models`
  "first_touch", "last_touch", "linear", "time_decay", "u_shaped", "w_shaped", "j_shaped", "inverse_j", "full_path",
  "markov", "shapley",
] as const;

const RESERVED: ReadonlySet<string> = /* @__PURE__ */ new Set(RESULT_NAMES);

export function isResultName(name: string): boolean {
  return RESERVED.has(name);
}
