// Golden SQL (kysely style): for two small queries, the exact text each dialect compiles to, line
// by line, and the rows it returns. A change to a builder or a dialect hook shows up here as a
// reviewable diff of SQL, not as a mystery elsewhere. The DuckDB text runs on the metrics fixture;
// the PostgreSQL text runs on the same data in PostgreSQL when PIPEPRISM_TEST_PG is set.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../src/contract/row.js";
import { duckdbDialect, postgresDialect, type Dialect } from "../src/sql/dialect.js";
import type { BaseContext } from "../src/sql/opportunity-base-sql.js";
import { compilePipeline } from "../src/sql/pipeline-sql.js";
import { compileWinRate } from "../src/sql/winrate-sql.js";
import { openWorkspace, type Workspace } from "../src/workspace/workspace.js";
import { fixtureFiles } from "./fixtures/metrics-fixture.js";
import { describePostgres, postgresWorkspace } from "./helpers/postgres.js";
import { ingestProject, writeProject, type TempProject } from "./helpers/temp-workspace.js";

/** Win rate by customer_type (the opportunity's `type`), Q1 2025, judged at the quarter's end. */
function winrateSql(ctx: BaseContext): string {
  return compileWinRate(ctx, {
    dimensions: ["customer_type"],
    window: { from: "2025-01-01", to: "2025-03-31" },
    evaluationDate: "2025-03-31",
    cohort: false,
  }).sql;
}

/** Pipeline created and open at the fixture's as-of date, no dimension. */
function pipelineSql(ctx: BaseContext): string {
  return compilePipeline(ctx, { dimensions: [], window: null, evaluationDate: "2025-06-20" }).sql;
}

const WINRATE_DUCKDB = [
  'SELECT "seg_customer_type" AS "customer_type", GROUPING("seg_customer_type") > 0 AS __is_total,',
  "  count(*) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won')) AS won,",
  "  count(*) FILTER (WHERE (in_scope AND counted_at_d AND status = 'lost')) AS lost,",
  "  CAST(NULL AS BIGINT) AS open,",
  "  COALESCE(sum(amount) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won')), 0) AS won_amount,",
  "  COALESCE(sum(amount) FILTER (WHERE (in_scope AND counted_at_d AND status = 'lost')), 0) AS lost_amount,",
  "  (CAST(count(*) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won')) AS DOUBLE) / NULLIF(CAST(count(*) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won') OR (in_scope AND counted_at_d AND status = 'lost')) AS DOUBLE), 0)) AS win_rate,",
  "  (CAST(sum(amount) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won')) AS DOUBLE) / NULLIF(CAST(sum(amount) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won') OR (in_scope AND counted_at_d AND status = 'lost')) AS DOUBLE), 0)) AS value_win_rate,",
  "  count(DISTINCT account_id) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won')) AS accounts_won,",
  "  count(DISTINCT account_id) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won') OR (in_scope AND counted_at_d AND status = 'lost')) AS accounts_closed,",
  "  (CAST(count(DISTINCT account_id) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won')) AS DOUBLE) / NULLIF(CAST(count(DISTINCT account_id) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won') OR (in_scope AND counted_at_d AND status = 'lost')) AS DOUBLE), 0)) AS account_win_rate,",
  "  (CAST(sum(amount) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won')) AS DOUBLE) / count(amount) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won'))) AS avg_deal_size,",
  "  (CAST(sum(amount) FILTER (WHERE created_in_window) AS DOUBLE) / count(amount) FILTER (WHERE created_in_window)) AS avg_pipeline_deal_size,",
  "  quantile_cont(date_diff('day', created_date, close_date), 0.5) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won') AND close_date >= created_date) AS sales_cycle_days,",
  "  quantile_cont(date_diff('day', created_date, close_date), 0.25) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won') AND close_date >= created_date) AS sales_cycle_days_p25,",
  "  quantile_cont(date_diff('day', created_date, close_date), 0.75) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won') AND close_date >= created_date) AS sales_cycle_days_p75,",
  "  avg(date_diff('day', created_date, close_date)) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won') AND close_date >= created_date) AS sales_cycle_days_mean",
  "FROM (SELECT *, (status IN ('won', 'lost') AND (close_date IS NULL OR close_date <= DATE '2025-03-31')) AS closed_at_d, false AS win_rate_excluded, (status IN ('won', 'lost') AND (close_date IS NULL OR close_date <= DATE '2025-03-31')) AS counted_at_d,",
  "  (created_date BETWEEN DATE '2025-01-01' AND DATE '2025-03-31') AS created_in_window, ((status IN ('won', 'lost') AND (close_date IS NULL OR close_date <= DATE '2025-03-31')) AND (close_date BETWEEN DATE '2025-01-01' AND DATE '2025-03-31')) AS in_scope",
  "FROM (SELECT o.*, (a.account_id IS NOT NULL) AS account_found, COALESCE(NULLIF(trim(CAST(CAST(o.\"type\" AS VARCHAR) AS VARCHAR)), ''), 'Unknown') AS \"seg_customer_type\" FROM opportunities o LEFT JOIN accounts a ON a.account_id = o.account_id ) base WHERE created_date <= DATE '2025-03-31') scoped",
  'GROUP BY GROUPING SETS (("seg_customer_type"), ())',
];

const PIPELINE_DUCKDB = [
  "SELECT true AS __is_total,",
  "  COALESCE(sum(amount) FILTER (WHERE true), 0) AS pipeline_created,",
  "  count(*) FILTER (WHERE true) AS pipeline_created_count,",
  "  COALESCE(sum(amount) FILTER (WHERE open_at_d), 0) AS open_pipeline,",
  "  count(*) FILTER (WHERE open_at_d) AS open_pipeline_count,",
  "  COALESCE(sum(amount * probability_at_d / 100.0) FILTER (WHERE open_at_d), 0) AS weighted_pipeline,",
  "  count(*) FILTER (WHERE open_at_d AND probability_at_d IS NULL) AS open_without_probability_count",
  "FROM (SELECT b.*, (status = 'open' OR close_date > DATE '2025-06-20') AS open_at_d, CASE WHEN h.stage_at_d IS NOT NULL AND lower(h.stage_at_d) <> lower(b.stage)",
  "      THEN (CASE WHEN lower(h.stage_at_d) = 'prospecting' THEN 10 WHEN lower(h.stage_at_d) = 'proposal' THEN 50 WHEN lower(h.stage_at_d) = 'negotiation' THEN 80 END)",
  "    WHEN status = 'open' THEN COALESCE(b.probability, (CASE WHEN lower(b.stage) = 'prospecting' THEN 10 WHEN lower(b.stage) = 'proposal' THEN 50 WHEN lower(b.stage) = 'negotiation' THEN 80 END)) END AS probability_at_d, COALESCE(h.stage_at_d, b.stage) AS stage_at_d",
  "FROM (SELECT o.*, (a.account_id IS NOT NULL) AS account_found FROM opportunities o LEFT JOIN accounts a ON a.account_id = o.account_id ) b LEFT JOIN (SELECT opportunity_id, arg_max(stage, (entered_at, source_line)) AS stage_at_d FROM stage_history",
  "    WHERE CAST(entered_at AS DATE) <= DATE '2025-06-20' GROUP BY opportunity_id) h ON h.opportunity_id = b.opportunity_id",
  "WHERE b.created_date <= DATE '2025-06-20') scoped",
  "GROUP BY GROUPING SETS (())",
];

const WINRATE_POSTGRES = [
  'SELECT "seg_customer_type" AS "customer_type", GROUPING("seg_customer_type") > 0 AS __is_total,',
  "  count(*) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won')) AS won,",
  "  count(*) FILTER (WHERE (in_scope AND counted_at_d AND status = 'lost')) AS lost,",
  "  CAST(NULL AS BIGINT) AS open,",
  "  COALESCE(sum(amount) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won')), 0) AS won_amount,",
  "  COALESCE(sum(amount) FILTER (WHERE (in_scope AND counted_at_d AND status = 'lost')), 0) AS lost_amount,",
  "  (CAST(count(*) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won')) AS DOUBLE PRECISION) / NULLIF(CAST(count(*) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won') OR (in_scope AND counted_at_d AND status = 'lost')) AS DOUBLE PRECISION), 0)) AS win_rate,",
  "  (CAST(sum(amount) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won')) AS DOUBLE PRECISION) / NULLIF(CAST(sum(amount) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won') OR (in_scope AND counted_at_d AND status = 'lost')) AS DOUBLE PRECISION), 0)) AS value_win_rate,",
  "  count(DISTINCT account_id) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won')) AS accounts_won,",
  "  count(DISTINCT account_id) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won') OR (in_scope AND counted_at_d AND status = 'lost')) AS accounts_closed,",
  "  (CAST(count(DISTINCT account_id) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won')) AS DOUBLE PRECISION) / NULLIF(CAST(count(DISTINCT account_id) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won') OR (in_scope AND counted_at_d AND status = 'lost')) AS DOUBLE PRECISION), 0)) AS account_win_rate,",
  "  (CAST(sum(amount) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won')) AS DOUBLE PRECISION) / count(amount) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won'))) AS avg_deal_size,",
  "  (CAST(sum(amount) FILTER (WHERE created_in_window) AS DOUBLE PRECISION) / count(amount) FILTER (WHERE created_in_window)) AS avg_pipeline_deal_size,",
  "  percentile_cont(0.5) WITHIN GROUP (ORDER BY (CAST(close_date AS DATE) - CAST(created_date AS DATE))) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won') AND close_date >= created_date) AS sales_cycle_days,",
  "  percentile_cont(0.25) WITHIN GROUP (ORDER BY (CAST(close_date AS DATE) - CAST(created_date AS DATE))) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won') AND close_date >= created_date) AS sales_cycle_days_p25,",
  "  percentile_cont(0.75) WITHIN GROUP (ORDER BY (CAST(close_date AS DATE) - CAST(created_date AS DATE))) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won') AND close_date >= created_date) AS sales_cycle_days_p75,",
  "  avg((CAST(close_date AS DATE) - CAST(created_date AS DATE))) FILTER (WHERE (in_scope AND counted_at_d AND status = 'won') AND close_date >= created_date) AS sales_cycle_days_mean",
  "FROM (SELECT *, (status IN ('won', 'lost') AND (close_date IS NULL OR close_date <= DATE '2025-03-31')) AS closed_at_d, false AS win_rate_excluded, (status IN ('won', 'lost') AND (close_date IS NULL OR close_date <= DATE '2025-03-31')) AS counted_at_d,",
  "  (created_date BETWEEN DATE '2025-01-01' AND DATE '2025-03-31') AS created_in_window, ((status IN ('won', 'lost') AND (close_date IS NULL OR close_date <= DATE '2025-03-31')) AND (close_date BETWEEN DATE '2025-01-01' AND DATE '2025-03-31')) AS in_scope",
  "FROM (SELECT o.*, (a.account_id IS NOT NULL) AS account_found, COALESCE(NULLIF(trim(CAST(CAST(o.\"type\" AS VARCHAR) AS VARCHAR)), ''), 'Unknown') AS \"seg_customer_type\" FROM opportunities o LEFT JOIN accounts a ON a.account_id = o.account_id ) base WHERE created_date <= DATE '2025-03-31') scoped",
  'GROUP BY GROUPING SETS (("seg_customer_type"), ())',
];

const PIPELINE_POSTGRES = [
  "SELECT true AS __is_total,",
  "  COALESCE(sum(amount) FILTER (WHERE true), 0) AS pipeline_created,",
  "  count(*) FILTER (WHERE true) AS pipeline_created_count,",
  "  COALESCE(sum(amount) FILTER (WHERE open_at_d), 0) AS open_pipeline,",
  "  count(*) FILTER (WHERE open_at_d) AS open_pipeline_count,",
  "  COALESCE(sum(amount * probability_at_d / 100.0) FILTER (WHERE open_at_d), 0) AS weighted_pipeline,",
  "  count(*) FILTER (WHERE open_at_d AND probability_at_d IS NULL) AS open_without_probability_count",
  "FROM (SELECT b.*, (status = 'open' OR close_date > DATE '2025-06-20') AS open_at_d, CASE WHEN h.stage_at_d IS NOT NULL AND lower(h.stage_at_d) <> lower(b.stage)",
  "      THEN (CASE WHEN lower(h.stage_at_d) = 'prospecting' THEN 10 WHEN lower(h.stage_at_d) = 'proposal' THEN 50 WHEN lower(h.stage_at_d) = 'negotiation' THEN 80 END)",
  "    WHEN status = 'open' THEN COALESCE(b.probability, (CASE WHEN lower(b.stage) = 'prospecting' THEN 10 WHEN lower(b.stage) = 'proposal' THEN 50 WHEN lower(b.stage) = 'negotiation' THEN 80 END)) END AS probability_at_d, COALESCE(h.stage_at_d, b.stage) AS stage_at_d",
  "FROM (SELECT o.*, (a.account_id IS NOT NULL) AS account_found FROM opportunities o LEFT JOIN accounts a ON a.account_id = o.account_id ) b LEFT JOIN (SELECT opportunity_id, (array_agg(stage ORDER BY entered_at DESC NULLS LAST, source_line DESC NULLS LAST))[1] AS stage_at_d FROM stage_history",
  "    WHERE CAST(entered_at AS DATE) <= DATE '2025-06-20' GROUP BY opportunity_id) h ON h.opportunity_id = b.opportunity_id",
  "WHERE b.created_date <= DATE '2025-06-20') scoped",
  "GROUP BY GROUPING SETS (())",
];

const GOLDEN: Record<Dialect["name"], { winrate: string[]; pipeline: string[] }> = {
  duckdb: {
    winrate: WINRATE_DUCKDB,
    pipeline: PIPELINE_DUCKDB,
  },
  postgres: {
    winrate: WINRATE_POSTGRES,
    pipeline: PIPELINE_POSTGRES,
  },
};

// Hand-checked against test/fixtures/README.md: Q1 closes O1 (won, 100, 30 days) and O3 (won,
// expansion, 300, 58 days), O2 (lost, 200) and O11 (lost, 700, account not found).
const WINRATE_ROWS = [
  {
    customer_type: "expansion",
    __is_total: false,
    won: 1,
    lost: 0,
    won_amount: 300,
    lost_amount: 0,
    win_rate: 1,
    accounts_won: 1,
    sales_cycle_days: 58,
  },
  {
    customer_type: "new_business",
    __is_total: false,
    won: 1,
    lost: 2,
    won_amount: 100,
    lost_amount: 900,
    win_rate: 1 / 3,
    accounts_won: 1,
    sales_cycle_days: 30,
  },
  {
    customer_type: null,
    __is_total: true,
    won: 2,
    lost: 2,
    won_amount: 400,
    lost_amount: 900,
    win_rate: 0.5,
    accounts_won: 1,
    sales_cycle_days: 44,
  },
];
// 11 deals created for 15,200; open at D: O5 (2,000 at 50 %), O6 (500 at 90 % from its column), O9 (no amount).
const PIPELINE_ROWS = [
  {
    __is_total: true,
    pipeline_created: 15200,
    pipeline_created_count: 11,
    open_pipeline: 2500,
    open_pipeline_count: 3,
    weighted_pipeline: 1450,
    open_without_probability_count: 0,
  },
];

/** Only the columns a golden row names, rows in segment order with the total last. */
function pick(rows: readonly Row[], like: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const keys = Object.keys(like[0] ?? {});
  const sorted = [...rows].sort(
    (a, b) => Number(a.__is_total) - Number(b.__is_total) || String(a.customer_type).localeCompare(String(b.customer_type)),
  );
  return sorted.map((r) => Object.fromEntries(keys.map((k) => [k, r[k] ?? null])));
}

// The columns the queries see: only whether `type` is on opportunities matters to them.
const COLUMNS = new Map([
  ["opportunities", new Set(["type"])],
  ["accounts", new Set<string>()],
]);

describe("golden SQL", () => {
  let project: TempProject;
  let duck: Workspace;
  beforeAll(async () => {
    project = await writeProject(fixtureFiles());
    await ingestProject(project);
    duck = await openWorkspace(project.configPath);
  });
  afterAll(async () => {
    await duck?.close();
  });

  for (const dialect of [duckdbDialect, postgresDialect]) {
    it(`compiles win rate by one dimension and pipeline for ${dialect.name}`, () => {
      const ctx: BaseContext = { dialect, config: duck.config, columns: COLUMNS };
      expect(winrateSql(ctx).split("\n")).toEqual(GOLDEN[dialect.name].winrate);
      expect(pipelineSql(ctx).split("\n")).toEqual(GOLDEN[dialect.name].pipeline);
    });
  }

  it("runs the DuckDB text and returns the hand-checked rows", async () => {
    expect(pick(await duck.engine.all(GOLDEN.duckdb.winrate.join("\n")), WINRATE_ROWS)).toEqual(WINRATE_ROWS);
    expect(pick(await duck.engine.all(GOLDEN.duckdb.pipeline.join("\n")), PIPELINE_ROWS)).toEqual(PIPELINE_ROWS);
  });
});

describePostgres("golden SQL on PostgreSQL", (pgUrl) => {
  it("runs the PostgreSQL text and returns the same rows", async () => {
    const project = await writeProject(fixtureFiles());
    const { ws: pg, close } = await postgresWorkspace(pgUrl, project.configPath);
    try {
      expect(pick(await pg.engine.all(GOLDEN.postgres.winrate.join("\n")), WINRATE_ROWS)).toEqual(WINRATE_ROWS);
      expect(pick(await pg.engine.all(GOLDEN.postgres.pipeline.join("\n")), PIPELINE_ROWS)).toEqual(PIPELINE_ROWS);
    } finally {
      await close();
    }
  });
});
