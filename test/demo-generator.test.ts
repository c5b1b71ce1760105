// The demo generator: deterministic bytes, referentially sound canonical tables, and the planted
// channel x size pattern present with segmentEffects and absent without. Every expectation is
// recomputed from the written CSVs with DuckDB, never taken from the generator's own summary.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEMO_CONFIG_YAML } from "../src/demo/demo-config.js";
import { generateDemo, type DemoSummary } from "../src/demo/generate.js";
import { configSchema } from "../src/model/config-schema.js";
import { run as runCli } from "./helpers/run-cli.js";

const TABLES = ["accounts", "opportunities", "stage_history", "touchpoints", "spend", "targets"] as const;
const HEADERS: Record<(typeof TABLES)[number], string> = {
  accounts: "account_id,account_name,industry,employees,annual_revenue,country",
  opportunities:
    "opportunity_id,account_id,opportunity_name,amount,stage,created_date,close_date,type,lead_source,motion,owner,loss_reason,probability",
  stage_history: "opportunity_id,stage,entered_at",
  touchpoints: "touchpoint_id,account_id,contact_id,opportunity_id,occurred_at,channel,campaign,is_lead_creation",
  spend: "month,channel,amount",
  targets: "period,size,amount",
};
const AS_OF = "2026-09-30";

let root: string;
const run: Record<"planted" | "replay" | "otherSeed" | "neutral", { dir: string; summary: DemoSummary }> = {} as never;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "pipeprism-demo-"));
  const generate = async (name: keyof typeof run, opts: { seed: number; scale: number; segmentEffects?: boolean }) => {
    const dir = join(root, name);
    run[name] = { dir, summary: await generateDemo({ dir, ...opts }) };
  };
  await generate("planted", { seed: 7, scale: 0.25 });
  await generate("replay", { seed: 7, scale: 0.25 });
  await generate("otherSeed", { seed: 8, scale: 0.25 });
  await generate("neutral", { seed: 7, scale: 0.5, segmentEffects: false });
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A DuckDB connection with the run's CSVs as views and a tier per account from employees. */
async function openRun(dir: string): Promise<DuckDBConnection> {
  const connection = await (await DuckDBInstance.create(":memory:")).connect();
  for (const table of TABLES) {
    const path = join(dir, "data", `${table}.csv`).replaceAll("'", "''");
    await connection.run(`CREATE VIEW ${table} AS SELECT * FROM read_csv('${path}', header = true)`);
  }
  await connection.run(`CREATE VIEW tiered AS SELECT *, CASE WHEN employees <= 199 THEN 'SMB'
    WHEN employees <= 999 THEN 'Mid-Market' ELSE 'Enterprise' END AS tier FROM accounts`);
  return connection;
}

/** First row of a query, with BIGINT counts turned into numbers. */
async function one(connection: DuckDBConnection, sql: string): Promise<Record<string, unknown>> {
  const [row] = (await connection.runAndReadAll(sql)).getRowObjectsJS();
  return Object.fromEntries(Object.entries(row ?? {}).map(([key, value]) => [key, typeof value === "bigint" ? Number(value) : value]));
}

async function fileBytes(dir: string, table: string): Promise<Buffer> {
  return readFile(join(dir, "data", `${table}.csv`));
}

describe("generateDemo determinism", () => {
  it("writes byte-identical files for the same seed and options", async () => {
    for (const table of TABLES) {
      expect((await fileBytes(run.planted.dir, table)).equals(await fileBytes(run.replay.dir, table)), table).toBe(true);
    }
    expect(run.replay.summary).toEqual({ ...run.planted.summary, files: run.replay.summary.files });
  });

  it("writes different data for a different seed", async () => {
    for (const table of ["accounts", "opportunities", "touchpoints"]) {
      expect((await fileBytes(run.planted.dir, table)).equals(await fileBytes(run.otherSeed.dir, table)), table).toBe(false);
    }
  });
});

describe("pipeprism demo --no-segment-effects", () => {
  it("writes the neutral company: the same bytes as generateDemo without segment effects", async () => {
    const dir = join(root, "cli-null");
    const { code } = await runCli(root, "demo", dir, "--seed", "7", "--scale", "0.5", "--no-segment-effects");
    expect(code).toBe(0);
    for (const table of TABLES) expect((await fileBytes(dir, table)).equals(await fileBytes(run.neutral.dir, table)), table).toBe(true);
  }, 120_000);
});

describe("generateDemo canonical tables", () => {
  it("writes exactly the canonical columns, and row counts that match the summary", async () => {
    const c = await openRun(run.planted.dir);
    const { summary } = run.planted;
    const expected = [summary.accounts, summary.opportunities, summary.stageHistory, summary.touchpoints, summary.spend, summary.targets];
    for (const [i, table] of TABLES.entries()) {
      const text = (await fileBytes(run.planted.dir, table)).toString("utf8");
      expect(text.slice(0, text.indexOf("\n")), table).toBe(HEADERS[table]);
      expect((await one(c, `SELECT count(*) AS n FROM ${table}`)).n, table).toBe(expected[i]);
    }
    expect(summary.asOf).toBe(AS_OF);
  });

  it("scales counts with the scale option", async () => {
    const small = run.planted.summary;
    const large = run.neutral.summary; // scale 0.5 vs 0.25
    expect(small.accounts).toBe(750);
    expect(large.accounts).toBe(1500);
    expect(small.opportunities / small.accounts).toBeGreaterThan(2.2);
    expect(small.opportunities / small.accounts).toBeLessThan(3.2);
    expect(small.touchpoints / small.opportunities).toBeGreaterThan(6);
    expect(small.touchpoints / small.opportunities).toBeLessThan(9);
    expect(large.opportunities / small.opportunities).toBeGreaterThan(1.7);
    expect(large.opportunities / small.opportunities).toBeLessThan(2.3);
    expect(small.targets).toBe(27); // 8 quarters of data plus next quarter's plan, x 3 sizes
  });

  it("keeps every reference and date consistent", async () => {
    const c = await openRun(run.planted.dir);
    const checks = await one(
      c,
      `SELECT
      (SELECT count(*) FROM opportunities o ANTI JOIN accounts a USING (account_id)) AS orphan_opportunities,
      (SELECT count(*) FROM touchpoints t ANTI JOIN accounts a USING (account_id)) AS orphan_touches,
      (SELECT count(*) FROM touchpoints t JOIN opportunities o USING (opportunity_id) WHERE o.account_id <> t.account_id) AS touches_on_foreign_deals,
      (SELECT count(*) FROM touchpoints t WHERE t.opportunity_id IS NOT NULL AND t.opportunity_id NOT IN (SELECT opportunity_id FROM opportunities)) AS touches_on_missing_deals,
      (SELECT count(*) FROM touchpoints WHERE occurred_at > DATE '${AS_OF}') AS future_touches,
      (SELECT count(*) FROM opportunities WHERE stage IN ('Closed Won', 'Closed Lost')
         AND (close_date < created_date OR close_date > DATE '${AS_OF}')) AS bad_closed_dates,
      (SELECT count(*) FROM opportunities WHERE created_date NOT BETWEEN DATE '2024-10-01' AND DATE '${AS_OF}') AS created_outside,
      (SELECT count(*) FROM opportunities WHERE (loss_reason IS NOT NULL) AND stage <> 'Closed Lost') AS stray_loss_reasons,
      (SELECT count(*) FROM opportunities WHERE probability IS NOT NULL) AS probabilities`,
    );
    expect(
      Object.values(checks).every((n) => n === 0),
      JSON.stringify(checks),
    ).toBe(true);
  });

  it("uses the configured vocabularies", async () => {
    const c = await openRun(run.planted.dir);
    const stray = await one(
      c,
      `SELECT
      (SELECT count(*) FROM opportunities WHERE stage NOT IN ('Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Closed Won', 'Closed Lost')) AS stages,
      (SELECT count(*) FROM opportunities WHERE type NOT IN ('new_business', 'expansion', 'renewal')) AS types,
      (SELECT count(*) FROM opportunities WHERE motion NOT IN ('inbound', 'outbound', 'partner')) AS motions,
      (SELECT count(*) FROM targets WHERE size NOT IN ('SMB', 'Mid-Market', 'Enterprise') OR NOT regexp_full_match(period, '\\d{4}-Q[1-4]')) AS targets,
      (SELECT count(*) FROM spend WHERE NOT regexp_full_match(month::VARCHAR, '\\d{4}-\\d{2}')) AS months`,
    );
    expect(stray).toEqual({ stages: 0, types: 0, motions: 0, targets: 0, months: 0 });
    const open = await one(c, `SELECT avg((stage NOT LIKE 'Closed%')::INT) AS share FROM opportunities`);
    expect(open.share).toBeGreaterThan(0.15);
    expect(open.share).toBeLessThan(0.35);
    const quoted = await one(c, `SELECT count(*) AS n FROM accounts WHERE account_name LIKE '%,%'`);
    expect(quoted.n).toBeGreaterThan(0); // names with commas survive the round trip through quoting
  });

  it("writes stage histories in funnel order that end where the opportunity is", async () => {
    const c = await openRun(run.planted.dir);
    const result = await one(
      c,
      `WITH ranked AS (
        SELECT *, CASE stage WHEN 'Prospecting' THEN 1 WHEN 'Qualification' THEN 2 WHEN 'Proposal' THEN 3
          WHEN 'Negotiation' THEN 4 ELSE 5 END AS funnel_rank FROM stage_history),
      ordered AS (
        SELECT *, lag(entered_at) OVER (PARTITION BY opportunity_id ORDER BY funnel_rank) AS previous,
               row_number() OVER (PARTITION BY opportunity_id ORDER BY funnel_rank DESC) AS from_end,
               row_number() OVER (PARTITION BY opportunity_id ORDER BY funnel_rank) AS from_start FROM ranked)
      SELECT
        count(*) FILTER (WHERE entered_at < previous) AS backwards,
        count(*) FILTER (WHERE from_start = 1 AND entered_at <> o.created_date) AS late_start,
        count(*) FILTER (WHERE from_end = 1 AND (ordered.stage <> o.stage OR entered_at > DATE '${AS_OF}')) AS wrong_end,
        count(*) FILTER (WHERE from_end = 1 AND o.stage LIKE 'Closed%' AND entered_at <> o.close_date) AS wrong_close,
        count(*) FILTER (WHERE from_end = 1 AND o.stage = 'Closed Won' AND funnel_rank = 5
          AND NOT EXISTS (SELECT 1 FROM stage_history n WHERE n.opportunity_id = o.opportunity_id AND n.stage = 'Negotiation')) AS won_without_negotiation,
        (SELECT count(*) FROM (SELECT opportunity_id FROM stage_history GROUP BY ALL HAVING count(*) <> count(DISTINCT stage))) AS repeated_stages,
        (SELECT count(*) FROM opportunities ANTI JOIN stage_history USING (opportunity_id)) AS without_history
      FROM ordered JOIN opportunities o USING (opportunity_id)`,
    );
    expect(result).toEqual({
      backwards: 0,
      late_start: 0,
      wrong_end: 0,
      wrong_close: 0,
      won_without_negotiation: 0,
      repeated_stages: 0,
      without_history: 0,
    });
  });
});

/** Share of touches on SMB vs Enterprise accounts that fall on the given channels. */
async function channelShareRatio(dir: string, channels: readonly string[]): Promise<number> {
  const c = await openRun(dir);
  const list = channels.map((name) => `'${name}'`).join(", ");
  const row = await one(
    c,
    `SELECT
      avg((channel IN (${list}))::INT) FILTER (WHERE tier = 'SMB') AS smb,
      avg((channel IN (${list}))::INT) FILTER (WHERE tier = 'Enterprise') AS enterprise
    FROM touchpoints JOIN tiered USING (account_id)`,
  );
  return (row.smb as number) / (row.enterprise as number);
}

describe("generateDemo planted patterns", () => {
  it("concentrates paid channels in SMB and events, outbound and partner in Enterprise", async () => {
    expect(await channelShareRatio(run.planted.dir, ["Paid Search", "Paid Social"])).toBeGreaterThan(3);
    expect(await channelShareRatio(run.planted.dir, ["Events", "Outbound SDR", "Partner"])).toBeLessThan(1 / 3);
  });

  it("makes deals bigger and win rates lower as companies grow", async () => {
    const c = await openRun(run.planted.dir);
    const rows = (
      await c.runAndReadAll(`SELECT tier, median(amount) AS deal,
        avg((stage = 'Closed Won')::INT) FILTER (WHERE stage LIKE 'Closed%') AS win_rate
      FROM opportunities JOIN tiered USING (account_id) WHERE type = 'new_business' GROUP BY tier`)
    ).getRowObjectsJS();
    const by = Object.fromEntries(rows.map((row) => [row.tier, row as { deal: number; win_rate: number }]));
    expect(by.SMB!.deal).toBeLessThan(15_000);
    expect(by["Mid-Market"]!.deal).toBeGreaterThan(20_000);
    expect(by.Enterprise!.deal).toBeGreaterThan(100_000);
    expect(by.SMB!.win_rate).toBeGreaterThan(by.Enterprise!.win_rate + 0.1);
  });

  it("plants no channel x size association without segment effects", async () => {
    for (const channels of [["Paid Search", "Paid Social"], ["Events", "Outbound SDR", "Partner"], ["Content"]]) {
      const ratio = await channelShareRatio(run.neutral.dir, channels);
      expect(ratio, channels.join("+")).toBeGreaterThan(0.75);
      expect(ratio, channels.join("+")).toBeLessThan(1.33);
    }
  });
});

describe("demo config", () => {
  it("is a valid pipeprism.yaml whose sources are the written files", async () => {
    const config = configSchema.parse(parse(DEMO_CONFIG_YAML));
    expect(config.sources.accounts).toBe("data/accounts.csv");
    expect(Object.keys(config.segments)).toEqual(["size", "industry", "region", "motion", "customer_type", "icp_tier"]);
    expect(config.attribution.lookback_days).toBe(180);
    expect(await readFile(join(run.planted.dir, "pipeprism.yaml"), "utf8")).toBe(DEMO_CONFIG_YAML);
    for (const table of TABLES) expect(run.planted.summary.files[table]).toBe(join(run.planted.dir, "data", `${table}.csv`));
  });
});
