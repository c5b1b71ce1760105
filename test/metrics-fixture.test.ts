// Hand-computed metrics on a small fixture (test/fixtures/README.md, "metrics fixture"). Every
// expected number below is worked out in the comment beside it, not taken from pipeprism's output.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../src/contract/row.js";
import { pipeline } from "../src/report/library.js";
import { summary } from "../src/report/library.js";
import { attribution, cost, insights, ltv, models, velocity, winrate } from "../src/report/library.js";
import { wilsonInterval } from "../src/stats/index.js";
import type { Workspace } from "../src/workspace/workspace.js";
import { basicConfig, csv, openProject } from "./helpers/temp-workspace.js";
import { fixtureFiles } from "./fixtures/metrics-fixture.js";

const bySegment = (rows: readonly Row[], dim: string) => new Map(rows.map((r) => [String(r[dim]), r]));

describe("metrics on the hand-computed fixture", () => {
  let ws: Workspace;
  beforeAll(async () => {
    ({ ws } = await openProject(fixtureFiles()));
  });
  afterAll(async () => ws.close());

  it("takes the latest event date as today", () => {
    // max(created 2025-05-01, closed deals' close 2025-06-20, history 2025-05-10) = 2025-06-20
    expect(ws.dataAsOf).toBe("2025-06-20");
  });

  it("computes overall win rate, deal size, cycle and account win rate", async () => {
    const r = await winrate(ws);
    expect(r.rows).toHaveLength(1);
    const row = r.rows[0] as Row;
    // closed: won O1 O3 O4 O8 O10, lost O2 O7 O11
    expect(row.won).toBe(5);
    expect(row.lost).toBe(3);
    expect(row.win_rate).toBeCloseTo(5 / 8, 12);
    // won 100+300+1000+0+400 = 1800; lost 200+10000+700 = 10900
    expect(row.won_amount).toBe(1800);
    expect(row.value_win_rate).toBeCloseTo(1800 / 12700, 12);
    expect(row.avg_deal_size).toBeCloseTo(360, 9);
    // created amounts 15200 over 10 non-missing amounts (O9 has none)
    expect(row.avg_pipeline_deal_size).toBeCloseTo(1520, 9);
    // accounts with a win: A1 A2 A3 A4 (4); with a closed deal: those and A9 (5)
    expect(row.account_win_rate).toBeCloseTo(0.8, 12);
    // cycles of won deals, O10 excluded: 30, 31, 58, 120
    expect(row.sales_cycle_days).toBeCloseTo(44.5, 9);
    expect(row.sales_cycle_days_p25).toBeCloseTo(30.75, 9); // 30 + 0.75 × (31 − 30)
    expect(row.sales_cycle_days_p75).toBeCloseTo(73.5, 9); // 58 + 0.25 × (120 − 58)
    expect(row.sales_cycle_days_mean).toBeCloseTo(59.75, 9);
    // Wilson 5/8 by hand: centre 0.58445, half-width 0.27871
    expect(row.win_rate_low).toBeCloseTo(0.30574, 4);
    expect(row.win_rate_high).toBeCloseTo(0.86316, 4);
    expect(row.sample).toBe("ok");
  });

  it("splits by size band with Unknown for missing employees and missing accounts", async () => {
    const r = await winrate(ws, { by: ["size"] });
    expect(r.rows.map((x) => x.size)).toEqual(["SMB", "Mid-Market", "Enterprise", "Unknown"]);
    const s = bySegment(r.rows, "size");
    expect([s.get("SMB")?.won, s.get("SMB")?.lost]).toEqual([2, 1]);
    expect(s.get("SMB")?.avg_deal_size).toBeCloseTo(200, 9);
    expect(s.get("SMB")?.sales_cycle_days).toBeCloseTo(44, 9); // median of 30, 58
    expect([s.get("Mid-Market")?.won, s.get("Mid-Market")?.lost]).toEqual([1, 0]);
    expect([s.get("Enterprise")?.won, s.get("Enterprise")?.lost]).toEqual([1, 1]);
    expect(s.get("Enterprise")?.avg_deal_size).toBe(0); // the only win has amount 0
    expect([s.get("Unknown")?.won, s.get("Unknown")?.lost]).toEqual([1, 1]); // O10 (A4), O11 (A9)
    expect(s.get("Unknown")?.sales_cycle_days).toBeNull(); // O10 closes before it was created
    // min_sample 3: Mid-Market (1 outcome) and Enterprise/Unknown (2) are thin, SMB (3) is not
    expect(r.rows.map((x) => x.sample)).toEqual(["ok", "thin", "thin", "thin"]);
    expect(r.totals[0]?.won).toBe(5);
  });

  it("maps values and countries (alpha-3 DEU, name Japan) into segments", async () => {
    const ind = bySegment((await winrate(ws, { by: ["industry"] })).rows, "industry");
    // Software = A1 (O1 W, O2 L, O3 W) + A2 (O4 W)
    expect([ind.get("Software")?.won, ind.get("Software")?.lost]).toEqual([3, 1]);
    expect([ind.get("Retail")?.won, ind.get("Retail")?.lost]).toEqual([1, 1]);
    const reg = bySegment((await winrate(ws, { by: ["region"] })).rows, "region");
    expect([...reg.keys()]).toEqual(["APAC", "EMEA", "NA", "Unknown"]);
    expect(reg.get("EMEA")?.won).toBe(1);
  });

  it("counts a deal closing on a quarter's last day in that quarter, not the next", async () => {
    const q1 = (await winrate(ws, { period: "2025-Q1" })).rows[0] as Row;
    // closed Jan–Mar: O1 W, O2 L, O3 W (03-31), O11 L
    expect([q1.won, q1.lost]).toEqual([2, 2]);
    const q2 = (await winrate(ws, { period: "2025-Q2" })).rows[0] as Row;
    // closed Apr–Jun: O4 W (04-01), O10 W, O8 W, O7 L
    expect([q2.won, q2.lost]).toEqual([3, 1]);
    const march = (await winrate(ws, { period: "2025-03" })).rows[0] as Row;
    expect([march.won, march.lost]).toEqual([1, 2]); // O3 W; O2, O11 L
    const range = (await winrate(ws, { from: "2025-03-31", to: "2025-04-01" })).rows[0] as Row;
    expect([range.won, range.lost]).toEqual([2, 0]); // O3, O4: both ends inclusive
  });

  it("follows a cohort to as-of, reporting open deals apart", async () => {
    const now = (await winrate(ws, { period: "2025-Q1", cohort: true })).rows[0] as Row;
    // created Jan–Mar: O1 W, O2 L, O3 W, O4 W, O5 open, O7 L, O8 W, O11 L
    expect([now.won, now.lost, now.open]).toEqual([4, 3, 1]);
    const past = (await winrate(ws, { period: "2025-Q1", cohort: true, asOf: "2025-05-01" })).rows[0] as Row;
    // at 2025-05-01 O7 (05-10) and O8 (06-20) are still open
    expect([past.won, past.lost, past.open]).toEqual([3, 2, 3]);
  });

  it("says a window before the data is empty instead of printing zeros silently", async () => {
    const r = await pipeline(ws, { period: "2010" });
    expect(r.rows[0]?.pipeline_created_count).toBe(0);
    expect(r.notes).toContain(
      "no opportunity was created or closed in the window 2010 (2010-01-01..2010-12-31) (opportunities were created from 2025-01-10 to 2025-05-01): every figure is empty.",
    );
    expect((await pipeline(ws, { period: "2025" })).notes.join(" ")).not.toContain("no opportunity was created");
  });

  it("marks a cohort with more than 30 % still open immature, and says so", async () => {
    const now = await winrate(ws, { period: "2025-Q1", cohort: true });
    expect([now.rows[0]?.open_share, now.rows[0]?.maturity]).toEqual([1 / 8, "mature"]); // 1 open of 8
    const past = await winrate(ws, { period: "2025-Q1", cohort: true, asOf: "2025-05-01" });
    expect([past.rows[0]?.open_share, past.rows[0]?.maturity]).toEqual([3 / 8, "immature"]); // 3 open of 8
    expect(past.notes.join(" ")).toContain(
      "1 of 1 segments are immature: more than 30 % of the opportunities created in the window are still open",
    );
    expect(past.columns.map((c) => c.key)).toContain("maturity");
    const snapshot = await winrate(ws, { period: "2025-Q1" });
    expect(snapshot.columns.map((c) => c.key)).not.toContain("maturity");
    expect(snapshot.rows[0]).not.toHaveProperty("maturity");
  });

  it("computes pipeline created, open and weighted as of the data's date", async () => {
    const row = (await pipeline(ws)).rows[0] as Row;
    expect(row.pipeline_created).toBe(15200);
    expect(row.pipeline_created_count).toBe(11);
    // open: O5 2000, O6 500, O9 (no amount)
    expect(row.open_pipeline).toBe(2500);
    expect(row.open_pipeline_count).toBe(3);
    // 2000 × 50 % (stage) + 500 × 90 % (column)
    expect(row.weighted_pipeline).toBeCloseTo(1450, 9);
  });

  it("rewinds pipeline with --as-of in the past, using the stage held then", async () => {
    const r = await pipeline(ws, { asOf: "2025-03-31" });
    const row = r.rows[0] as Row;
    // created by 03-31: O1 O2 O3 O4 O5 O7 O8 O11 = 14300
    expect(row.pipeline_created).toBe(14300);
    expect(row.pipeline_created_count).toBe(8);
    // open at 03-31: O4 (closes 04-01), O5, O7 (05-10), O8 (06-20)
    expect(row.open_pipeline).toBe(13000);
    expect(row.open_pipeline_count).toBe(4);
    // O4 in Negotiation (80 %) → 800, O7 in Proposal (50 %) → 5000, O5 Proposal → 1000, O8 no history → 0
    expect(row.weighted_pipeline).toBeCloseTo(6800, 9);
    expect(r.notes.join(" ")).toContain("1 open opportunities have no probability");
  });

  it("reports pipeline per segment that sums to the total", async () => {
    const r = await pipeline(ws, { by: ["size"], period: "2025-Q1" });
    const s = bySegment(r.rows, "size");
    // created in Q1: SMB O1 O2 O3 = 600; MM O4 O5 = 3000; Ent O7 O8 = 10000; Unknown O11 = 700
    expect(s.get("SMB")?.pipeline_created).toBe(600);
    expect(s.get("Mid-Market")?.pipeline_created).toBe(3000);
    expect(s.get("Enterprise")?.pipeline_created).toBe(10000);
    expect(s.get("Unknown")?.pipeline_created).toBe(700);
    expect(r.totals[0]?.pipeline_created).toBe(14300);
    // open at the quarter's end (03-31): MM O4 + O5 = 3000, Ent O7 + O8 = 10000
    expect(s.get("Mid-Market")?.open_pipeline).toBe(3000);
    expect(s.get("Enterprise")?.open_pipeline).toBe(10000);
  });

  it("puts both in one summary row per segment", async () => {
    const r = await summary(ws, { by: ["customer_type"] });
    const s = bySegment(r.rows, "customer_type");
    expect([...s.keys()]).toEqual(["expansion", "new_business", "renewal"]);
    // new_business closed: O1 W, O2 L, O4 W, O7 L, O8 W, O11 L
    expect([s.get("new_business")?.won, s.get("new_business")?.lost]).toEqual([3, 3]);
    expect(s.get("new_business")?.pipeline_created).toBe(100 + 200 + 1000 + 2000 + 10000 + 0 + 700);
    const interval = wilsonInterval(3, 6);
    expect(s.get("new_business")?.win_rate_low).toBeCloseTo(interval?.low ?? -1, 12);
  });
});

describe("fiscal years that start in February", () => {
  it("shifts quarters and years", async () => {
    const { ws } = await openProject(fixtureFiles("fiscal_year_start_month: 2"));
    try {
      const q1 = (await winrate(ws, { period: "2025-Q1" })).rows[0] as Row;
      // FY2025 Q1 = Feb–Apr 2025: O1 W (02-09), O2 L, O3 W, O4 W (04-01), O10 W (04-05), O11 L
      expect([q1.won, q1.lost]).toEqual([4, 2]);
      expect(q1).toBeDefined();
      const fy = await winrate(ws, { period: "2024" });
      // FY2024 = Feb 2024 – Jan 2025: nothing closed in January 2025
      expect([fy.rows[0]?.won, fy.rows[0]?.lost]).toEqual([0, 0]);
      expect(fy.params.from).toBe("2024-02-01");
      expect(fy.params.to).toBe("2025-01-31");
    } finally {
      await ws.close();
    }
  });
});

describe("edge cases", () => {
  it("gives a segment with no closed outcome no shrunk rate (the overall rate would read as its own)", async () => {
    const { ws } = await openProject(fixtureFiles());
    try {
      // Closed in 2025-Q1: O1 won, O2 lost, O3 won (SMB); O11 lost (Unknown). Nothing of Mid-Market or Enterprise.
      const rows = (await winrate(ws, { by: ["size"], period: "2025-Q1" })).rows;
      const shrunk = Object.fromEntries(rows.map((r) => [r.size, r.win_rate_shrunk]));
      expect(shrunk["Mid-Market"]).toBeNull();
      expect(shrunk.Enterprise).toBeNull();
      expect(typeof shrunk.SMB).toBe("number");
    } finally {
      await ws.close();
    }
  });

  it("gives an attribution cell with no closed outcome no quality index, and expects its bookings at the segment's rate", async () => {
    const { ws } = await openProject({
      "pipeprism.yaml": basicConfig().replace(
        "  opportunities: opportunities.csv",
        "  opportunities: opportunities.csv\n  touchpoints: touchpoints.csv",
      ),
      "accounts.csv": csv([
        ["account_id", "employees"],
        ["A1", 50],
      ]),
      "opportunities.csv": csv([
        ["opportunity_id", "account_id", "amount", "stage", "created_date", "close_date"],
        ["O1", "A1", 100, "Closed Won", "2025-01-10", "2025-02-01"],
        ["O2", "A1", 300, "Closed Lost", "2025-01-12", "2025-02-10"],
        ["O3", "A1", 500, "Proposal", "2025-01-15", "2025-06-01"],
      ]),
      "touchpoints.csv": csv([
        ["touchpoint_id", "account_id", "opportunity_id", "occurred_at", "channel"],
        ["T1", "A1", "O1", "2025-01-05", "Events"],
        ["T2", "A1", "O2", "2025-01-06", "Events"],
        ["T3", "A1", "O3", "2025-01-07", "Paid Search"],
      ]),
    });
    try {
      const rows = (await attribution(ws, { by: ["size"], model: "first_touch" })).rows;
      const paid = rows.find((r) => r.channel === "Paid Search") as Row;
      // Paid Search's only deal is open: no rate of its own. The segment closed 1 of 2.
      expect([paid.won, paid.lost, paid.win_rate_shrunk, paid.quality_index]).toEqual([0, 0, null, null]);
      expect(paid.expected_bookings).toBeCloseTo(500 * 0.5, 9);
      const events = rows.find((r) => r.channel === "Events") as Row;
      expect(events.quality_index).toBeCloseTo(100, 9);
      // avg deal is the mean won deal, as in winrate and summary; avg created the mean created one.
      expect([events.avg_deal_size, events.avg_pipeline_deal_size]).toEqual([100, 200]);
      expect([paid.avg_deal_size, paid.avg_pipeline_deal_size]).toEqual([null, 500]);
    } finally {
      await ws.close();
    }
  });

  it("reports null rates and thin samples when nothing closed", async () => {
    const opps = csv([
      ["opportunity_id", "account_id", "amount", "stage", "created_date", "close_date"],
      ["X1", "A1", 10, "Prospecting", "2025-01-01", null],
      ["X2", "A1", 20, "Proposal", "2025-01-02", null],
    ]);
    const { ws } = await openProject({
      ...fixtureFiles(),
      "opportunities.csv": opps,
      "stage_history.csv": "opportunity_id,stage,entered_at\n",
    });
    try {
      const row = (await winrate(ws)).rows[0] as Row;
      expect([row.won, row.lost]).toEqual([0, 0]);
      expect(row.win_rate).toBeNull();
      expect(row.win_rate_low).toBeNull();
      expect(row.avg_deal_size).toBeNull();
      expect(row.sales_cycle_days).toBeNull();
      expect(row.sample).toBe("thin");
      expect(ws.dataAsOf).toBe("2025-01-02");
      const p = (await pipeline(ws)).rows[0] as Row;
      expect(p.open_pipeline).toBe(30);
      expect(p.weighted_pipeline).toBeCloseTo(10 * 0.1 + 20 * 0.5, 9);
    } finally {
      await ws.close();
    }
  });

  it("puts everything in Unknown when the segment field is absent, and says so", async () => {
    const files = fixtureFiles();
    files["pipeprism.yaml"] = files["pipeprism.yaml"]!.replace(
      "region: { field: country, preset: regions }",
      "region: { field: hq_country, preset: regions }",
    );
    const { ws } = await openProject(files);
    try {
      const r = await winrate(ws, { by: ["region"] });
      expect(r.rows.map((x) => x.region)).toEqual(["Unknown"]);
      expect([r.rows[0]?.won, r.rows[0]?.lost]).toEqual([5, 3]);
      const missing = 'segment region: field "hq_country" is in neither opportunities nor accounts; every value is Unknown';
      expect(r.notes).toContain(missing);
      // Every report that takes --by says it once, whichever queries it ran.
      for (const run of [attribution, cost, ltv, models, velocity, insights]) {
        const notes = (await run(ws, { by: ["region"] })).notes;
        expect(notes.filter((n) => n === missing)).toHaveLength(1);
      }
    } finally {
      await ws.close();
    }
  });
});
