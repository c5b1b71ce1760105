// GET /api/meta, as the dashboard reads it (the server's Meta in src/server/meta.ts).
export interface Meta {
  readonly dimensions: readonly string[];
  readonly segments: Readonly<Record<string, readonly string[]>>;
  readonly models: readonly string[];
  readonly default_model: string;
  readonly stages: readonly string[];
  readonly reports: readonly string[];
  readonly trend_reports: readonly string[];
  readonly as_of: string;
  readonly periods: { readonly years: readonly string[]; readonly quarters: readonly string[] };
  readonly min_sample: number;
  readonly fiscal_year_start_month: number;
}
