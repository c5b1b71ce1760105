// The checked-in example examples/maven_crm/pipeprism.yaml on the public Maven CRM data set
// (../shared/data/maven_crm, see its README): every figure pipeprism reports is recomputed here by
// plain SQL over the raw CSV files in a separate in-memory DuckDB, with the sector typo, the
// employee bands and the country -> region mapping written out by hand (not via pipeprism's preset).

import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parseDocument } from "yaml";
import {
  audit,
  ingest,
  loadConfig,
  openWorkspace,
  pipeline,
  winrate,
  type IngestResult,
  type ReportResult,
  type Workspace,
} from "../src/index.js";
import { describeShared } from "./helpers/shared-data.js";

const EXAMPLE_DIR = fileURLToPath(new URL("../examples/maven_crm/", import.meta.url));
const EXAMPLE_CONFIG = path.join(EXAMPLE_DIR, "pipeprism.yaml");

const RATE_TOL = 1e-9;
const MONEY_TOL = 1e-6;

type Plain = Record<string, unknown>;

/** Raw DuckDB values (bigint counts, hugeint sums) as plain numbers; null stays null. */
function num(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  return Number(value);
}

async function query(conn: DuckDBConnection, sql: string): Promise<Plain[]> {
  const reader = await conn.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Plain[];
}

/** a equals b within tol, both null allowed; the message names what is compared. */
function expectClose(actual: unknown, expected: number | null, tol: number, what: string): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(typeof actual, `${what} is a number`).toBe("number");
  const diff = Math.abs((actual as number) - expected);
  expect(diff, `${what}: pipeprism ${String(actual)} vs raw SQL ${expected}`).toBeLessThanOrEqual(tol);
}

// Hand-written, independent of src/segments/regions.ts: the 15 countries of accounts.csv.
const REGION_CASE = `CASE a.office_location
    WHEN 'United States' THEN 'NA'
    WHEN 'Brazil' THEN 'LATAM' WHEN 'Panama' THEN 'LATAM'
    WHEN 'Belgium' THEN 'EMEA' WHEN 'Germany' THEN 'EMEA' WHEN 'Italy' THEN 'EMEA' WHEN 'Jordan' THEN 'EMEA'
    WHEN 'Kenya' THEN 'EMEA' WHEN 'Norway' THEN 'EMEA' WHEN 'Poland' THEN 'EMEA' WHEN 'Romania' THEN 'EMEA'
    WHEN 'China' THEN 'APAC' WHEN 'Japan' THEN 'APAC' WHEN 'Korea' THEN 'APAC' WHEN 'Philipines' THEN 'APAC'
  END`;

/** Segment expressions over raw columns; NULL (no account) becomes Unknown in the query. */
const SEGMENT_SQL: Record<string, string> = {
  sector: `CASE WHEN a.sector = 'technolgy' THEN 'technology' ELSE a.sector END`,
  size: `CASE WHEN a.employees <= 999 THEN 'Small' WHEN a.employees <= 4999 THEN 'Mid' WHEN a.employees IS NOT NULL THEN 'Large' END`,
  region: REGION_CASE,
  product: `CASE WHEN o.product = 'GTXPro' THEN 'GTX Pro' ELSE o.product END`,
};

const WINRATE_FIELDS = {
  rates: ["win_rate", "value_win_rate"],
  money: ["avg_deal_size", "won_amount", "lost_amount"],
  days: ["sales_cycle_days", "sales_cycle_days_p25", "sales_cycle_days_p75", "sales_cycle_days_mean"],
} as const;

describeShared("Maven CRM example (examples/maven_crm)", (data) => {
  const rawDir = path.join(data, "maven_crm");
  const accountsCsv = path.join(rawDir, "accounts.csv");
  const pipelineCsv = path.join(rawDir, "sales_pipeline.csv");

  let tmp = "";
  let ingested: IngestResult;
  let ws: Workspace;
  let rawDb: DuckDBInstance;
  let raw: DuckDBConnection;

  beforeAll(async () => {
    // A temporary copy of the example: same settings, sources made absolute, workspace in tmp,
    // so the test never writes into the repository.
    tmp = await mkdtemp(path.join(os.tmpdir(), "pipeprism-maven-"));
    const doc = parseDocument(await readFile(EXAMPLE_CONFIG, "utf8"));
    for (const key of ["accounts", "opportunities"]) {
      doc.setIn(["sources", key], path.resolve(EXAMPLE_DIR, String(doc.getIn(["sources", key]))));
    }
    doc.set("workspace", path.join(tmp, "ws", "pipeprism.duckdb"));
    const configCopy = path.join(tmp, "pipeprism.yaml");
    await writeFile(configCopy, doc.toString());
    const loaded = await loadConfig(configCopy);
    ingested = await ingest(loaded);
    ws = await openWorkspace(loaded);

    rawDb = await DuckDBInstance.create(":memory:");
    raw = await rawDb.connect();
    await raw.run(`CREATE TABLE acc AS SELECT * FROM read_csv_auto('${accountsCsv}')`);
    await raw.run(`CREATE TABLE opp AS SELECT * FROM read_csv_auto('${pipelineCsv}')`);
    // The deals pipeprism keeps: every row with an engage_date (created_date is required).
    const segs = Object.entries(SEGMENT_SQL).map(([dim, expr]) => `COALESCE(${expr}, 'Unknown') AS seg_${dim}`);
    await raw.run(`CREATE TABLE deals AS SELECT o.*, ${segs.join(", ")}, o.close_date - o.engage_date AS cycle
      FROM opp o LEFT JOIN acc a ON a.account = o.account WHERE o.engage_date IS NOT NULL`);
  });

  afterAll(async () => {
    await ws?.close();
    raw?.closeSync();
    rawDb?.closeSync();
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  /** Win-rate metrics from the raw deals, per segment of `dim` (or one row overall). */
  async function rawWinrate(dim: string | null): Promise<Map<string, Plain>> {
    const won = `deal_stage = 'Won'`;
    const closed = `deal_stage IN ('Won', 'Lost')`;
    const seg = dim ? `seg_${dim}` : `'all'`;
    const rows = await query(
      raw,
      `SELECT ${seg} AS seg,
        count(*) FILTER (WHERE ${won}) AS won,
        count(*) FILTER (WHERE deal_stage = 'Lost') AS lost,
        CAST(count(*) FILTER (WHERE ${won}) AS DOUBLE) / NULLIF(count(*) FILTER (WHERE ${closed}), 0) AS win_rate,
        CAST(sum(close_value) FILTER (WHERE ${won}) AS DOUBLE) / NULLIF(CAST(sum(close_value) FILTER (WHERE ${closed}) AS DOUBLE), 0) AS value_win_rate,
        COALESCE(sum(close_value) FILTER (WHERE ${won}), 0) AS won_amount,
        COALESCE(sum(close_value) FILTER (WHERE deal_stage = 'Lost'), 0) AS lost_amount,
        avg(close_value) FILTER (WHERE ${won}) AS avg_deal_size,
        quantile_cont(cycle, 0.5) FILTER (WHERE ${won} AND cycle >= 0) AS sales_cycle_days,
        quantile_cont(cycle, 0.25) FILTER (WHERE ${won} AND cycle >= 0) AS sales_cycle_days_p25,
        quantile_cont(cycle, 0.75) FILTER (WHERE ${won} AND cycle >= 0) AS sales_cycle_days_p75,
        avg(cycle) FILTER (WHERE ${won} AND cycle >= 0) AS sales_cycle_days_mean
      FROM deals GROUP BY 1 ORDER BY 1`,
    );
    return new Map(rows.map((r) => [String(r.seg), r]));
  }

  function compareWinrateRow(actual: Plain, expected: Plain, label: string): void {
    expect(actual.won, `${label} won`).toBe(num(expected.won));
    expect(actual.lost, `${label} lost`).toBe(num(expected.lost));
    for (const f of WINRATE_FIELDS.rates) expectClose(actual[f], num(expected[f]), RATE_TOL, `${label} ${f}`);
    for (const f of WINRATE_FIELDS.money) expectClose(actual[f], num(expected[f]), MONEY_TOL, `${label} ${f}`);
    for (const f of WINRATE_FIELDS.days) expectClose(actual[f], num(expected[f]), RATE_TOL, `${label} ${f}`);
  }

  async function checkWinrateBy(dim: string): Promise<ReportResult> {
    const r = await winrate(ws, { by: [dim] });
    const expected = await rawWinrate(dim);
    const overall = (await rawWinrate(null)).get("all") as Plain;
    // Exactly the segment values the raw data has, Unknown included.
    expect(r.rows.map((row) => String(row[dim])).sort()).toEqual([...expected.keys()].sort());
    for (const row of r.rows) compareWinrateRow(row, expected.get(String(row[dim])) as Plain, `${dim}=${String(row[dim])}`);
    expect(r.totals).toHaveLength(1);
    compareWinrateRow(r.totals[0] as Plain, overall, `${dim} totals`);
    return r;
  }

  it("the checked-in config points at the shared data in place and keeps its workspace beside it", async () => {
    const loaded = await loadConfig(EXAMPLE_CONFIG);
    expect(path.resolve(EXAMPLE_DIR, loaded.config.sources.accounts ?? "")).toBe(path.resolve(accountsCsv));
    expect(path.resolve(EXAMPLE_DIR, loaded.config.sources.opportunities ?? "")).toBe(path.resolve(pipelineCsv));
    expect(loaded.config.workspace).toBeUndefined();
    expect(Object.keys(loaded.config.segments).sort()).toEqual(["product", "region", "sector", "size"]);
  });

  it("rows read = kept + quarantined = the file's data rows; the quarantine is exactly the rows without engage_date", async () => {
    const [counts] = await query(
      raw,
      `SELECT count(*) AS n, count(*) FILTER (WHERE engage_date IS NULL) AS no_engage,
        count(*) FILTER (WHERE deal_stage = 'Prospecting') AS prospecting,
        count(*) FILTER (WHERE engage_date IS NULL AND deal_stage <> 'Prospecting') AS no_engage_not_prospecting
      FROM opp`,
    );
    // Data rows counted a second way, from the text itself (header excluded, CRLF line ends).
    const lines = readFileSync(pipelineCsv, "utf8")
      .split(/\r?\n/)
      .filter((l) => l !== "");
    const header = (lines[0] ?? "").split(",");
    const dataRows = lines.slice(1);
    expect(dataRows.length).toBe(8_800);
    expect(num(counts?.n)).toBe(8_800);
    const noEngage = num(counts?.no_engage) ?? -1;
    expect(noEngage).toBe(num(counts?.prospecting)); // only Prospecting rows lack an engage_date
    expect(num(counts?.no_engage_not_prospecting)).toBe(0);

    const opps = ingested.tables.find((t) => t.table === "opportunities");
    expect(opps?.rowsRead).toBe(8_800);
    expect(opps?.rowsQuarantined).toBe(noEngage);
    expect(opps?.rowsKept).toBe(8_800 - noEngage);
    expect((opps?.rowsKept ?? 0) + (opps?.rowsQuarantined ?? 0)).toBe(dataRows.length);
    const accounts = ingested.tables.find((t) => t.table === "accounts");
    expect(accounts).toMatchObject({ rowsRead: 85, rowsKept: 85, rowsQuarantined: 0 });

    const a = await audit(ws);
    expect(a.quarantine).toHaveLength(noEngage);
    const engageCol = header.indexOf("engage_date");
    for (const q of a.quarantine) {
      expect(q).toMatchObject({
        table_name: "opportunities",
        column_name: "created_date",
        column_number: engageCol + 1,
        reason: "created_date: missing required value",
      });
    }
    // Lines as a text editor numbers them (header = line 1).
    const expectedLines = dataRows.flatMap((l, i) => (l.split(",")[engageCol] === "" ? [i + 2] : []));
    expect(a.quarantine.map((q) => q.line).sort((x, y) => Number(x) - Number(y))).toEqual(expectedLines);
    expect(a.files).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table_name: "opportunities", rows_read: 8_800, rows_kept: 8_800 - noEngage, rows_quarantined: noEngage }),
        expect.objectContaining({ table_name: "accounts", rows_read: 85, rows_kept: 85, rows_quarantined: 0 }),
      ]),
    );
  });

  it("keeps open deals with a blank account: audit flags them and every account segment reads Unknown", async () => {
    const [c] = await query(
      raw,
      `SELECT count(*) FILTER (WHERE account IS NULL) AS no_account,
        count(*) FILTER (WHERE account IS NULL AND deal_stage IN ('Won', 'Lost')) AS closed_no_account,
        count(*) FILTER (WHERE close_value IS NULL) AS no_value, count(*) AS kept
      FROM deals`,
    );
    const noAccount = num(c?.no_account);
    expect(noAccount).toBeGreaterThan(0);
    expect(num(c?.closed_no_account)).toBe(0);
    const a = await audit(ws);
    expect(a.flags).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ table: "opportunities", flag: "missing_account", rows: noAccount }),
        expect.objectContaining({ table: "opportunities", flag: "missing_amount", rows: num(c?.no_value) }),
      ]),
    );
    const unknown = new Map(a.unknown.map((u) => [u.dimension, u]));
    for (const dim of ["sector", "size", "region"]) {
      expect(unknown.get(dim)).toMatchObject({ unknown: noAccount, opportunities: num(c?.kept) });
    }
    expect(unknown.get("product")).toMatchObject({ unknown: 0 });
    // In win rate they form an Unknown row with no closed outcome (never dropped).
    const r = await winrate(ws, { by: ["sector"] });
    expect(r.rows.find((row) => row.sector === "Unknown")).toMatchObject({ won: 0, lost: 0, win_rate: null, avg_deal_size: null });
  });

  it("overall win rate equals the README's sanity figures and the raw SQL", async () => {
    const r = await winrate(ws);
    expect(r.rows).toHaveLength(1);
    const row = r.rows[0] as Plain;
    expect(row.won).toBe(4_238);
    expect(row.lost).toBe(2_473);
    expectClose(row.win_rate, 4_238 / (4_238 + 2_473), RATE_TOL, "win_rate");
    expect(Number(row.win_rate).toFixed(4)).toBe("0.6315");
    expectClose(row.won_amount, 10_005_534, MONEY_TOL, "won value");
    compareWinrateRow(row, (await rawWinrate(null)).get("all") as Plain, "overall");
    expect(r.params.as_of).toBe("2017-12-31");
  });

  it("win rate by sector (technolgy -> technology) equals the raw SQL", async () => {
    const r = await checkWinrateBy("sector");
    expect(r.rows.map((row) => row.sector)).not.toContain("technolgy");
    expect(r.rows.find((row) => row.sector === "technology")?.won).toBeGreaterThan(0);
  });

  it("win rate by size (Small <= 999 < Mid <= 4,999 < Large) equals the raw SQL", async () => {
    const r = await checkWinrateBy("size");
    expect(r.rows.map((row) => row.size)).toEqual(["Small", "Mid", "Large", "Unknown"]);
  });

  it("win rate by region (hand-written country map, Philipines -> APAC) equals the raw SQL", async () => {
    const [unmapped] = await query(raw, `SELECT count(*) AS n FROM acc a WHERE (${REGION_CASE}) IS NULL`);
    expect(num(unmapped?.n)).toBe(0); // the hand-written CASE covers every country in accounts.csv
    const r = await checkWinrateBy("region");
    expect(r.rows.map((row) => row.region)).toEqual(["APAC", "EMEA", "LATAM", "NA", "Unknown"]);
  });

  it("win rate by product (GTXPro -> GTX Pro) equals the raw SQL", async () => {
    const r = await checkWinrateBy("product");
    expect(r.rows.map((row) => row.product)).toContain("GTX Pro");
    expect(r.rows.map((row) => row.product)).not.toContain("GTXPro");
  });

  it("pipeline by sector: created count and value, open count equal the raw SQL", async () => {
    const r = await pipeline(ws, { by: ["sector"] });
    const rows = await query(
      raw,
      `SELECT seg_sector AS seg, count(*) AS created, COALESCE(sum(close_value), 0) AS created_value,
        count(*) FILTER (WHERE deal_stage NOT IN ('Won', 'Lost')) AS open
      FROM deals GROUP BY 1`,
    );
    const expected = new Map(rows.map((x) => [String(x.seg), x]));
    expect(r.rows.map((row) => String(row.sector)).sort()).toEqual([...expected.keys()].sort());
    for (const row of r.rows) {
      const e = expected.get(String(row.sector));
      expect(row.pipeline_created_count, `${String(row.sector)} created count`).toBe(num(e?.created));
      expectClose(row.pipeline_created, num(e?.created_value), MONEY_TOL, `${String(row.sector)} pipeline_created`);
      expect(row.open_pipeline_count, `${String(row.sector)} open count`).toBe(num(e?.open));
    }
    const [all] = await query(raw, `SELECT count(*) AS n FROM opp WHERE engage_date IS NOT NULL`);
    expect(r.totals[0]?.pipeline_created_count).toBe(num(all?.n));
  });
});
