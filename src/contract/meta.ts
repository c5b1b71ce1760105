// GET /api/meta: what the dashboard's controls offer — dimensions and their segment values,
// models, reports, periods with data and the as-of date.

export interface Meta {
  readonly dimensions: readonly string[];
  /** Segment values per dimension, in report order (Unknown included when present). */
  readonly segments: Readonly<Record<string, readonly string[]>>;
  readonly models: readonly string[];
  readonly default_model: string;
  readonly stages: readonly string[];
  readonly reports: readonly string[];
  /** Per report, the query keys it accepts (the CLI's flags in snake_case). */
  readonly report_flags: Readonly<Record<string, readonly string[]>>;
  readonly trend_reports: readonly string[];
  readonly as_of: string;
  /**
   * Fiscal years and quarters with data (from the first opportunity to as-of) or with a target (a
   * target counts in the periods it lies inside), newest first; and the period `report coverage`
   * takes without --period (the quarter containing as-of, or the next one once it has ended).
   */
  readonly periods: {
    readonly years: readonly string[];
    readonly quarters: readonly string[];
    readonly coverage_default: string | null;
  };
  readonly min_sample: number;
  readonly fiscal_year_start_month: number;
  /** Saved views of the config: each a report and its query (the flags under their HTTP names), or why it cannot run. */
  readonly views: readonly {
    readonly name: string;
    readonly report: string;
    readonly query: string;
    readonly error: string | null;
  }[];
}
