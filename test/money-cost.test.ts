// ROI net of spend, return on spend, sales cost and fully loaded CAC on a hand-computed fixture
// (the one of cost-ltv.test.ts): first touch, by size.
//   SMB:        Paid Search spend 100, won 1000 (O1, new business); Events spend 300, won 0;
//               Unattributed spend 0, won 2000 (O5, a renewal without touches). 1 new-business win.
//   Enterprise: Events spend 600, won 6000 (O3, new business); Paid Search spend 700, won 0. 1 win.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inCurrency } from "../src/contract/report-result.js";
import type { Row } from "../src/contract/row.js";
import type { SalesCostEntry } from "../src/model/config-schema.js";
import { cost, ltv } from "../src/report/library.js";
import type { Workspace } from "../src/workspace/workspace.js";
import { basicConfig, csv, openProject } from "./helpers/temp-workspace.js";

const FILES = {
  "pipeprism.yaml": basicConfig().replace(
    "  opportunities: opportunities.csv",
    "  opportunities: opportunities.csv\n  touchpoints: touchpoints.csv\n  spend: spend.csv",
  ),
  "accounts.csv": csv([
    ["account_id", "employees", "country"],
    ["A1", 50, "US"],
    ["A2", 5000, "US"],
  ]),
  "opportunities.csv": csv([
    ["opportunity_id", "account_id", "amount", "stage", "created_date", "close_date", "type"],
    ["O1", "A1", 1000, "Closed Won", "2025-01-10", "2025-02-10", "new_business"],
    ["O2", "A1", 3000, "Closed Lost", "2025-01-20", "2025-03-01", "new_business"],
    ["O3", "A2", 6000, "Closed Won", "2025-02-01", "2025-04-01", "new_business"],
    ["O4", "A2", 4000, "Proposal", "2025-02-15", null, "new_business"],
    ["O5", "A1", 2000, "Closed Won", "2025-03-01", "2025-03-10", "renewal"],
    ["O6", "A1", 500, "Closed Lost", "2025-03-02", "2025-03-15", "renewal"],
  ]),
  "touchpoints.csv": csv([
    ["touchpoint_id", "account_id", "opportunity_id", "occurred_at", "channel"],
    ["T1", "A1", "O1", "2025-01-05", "Paid Search"],
    ["T2", "A1", "O2", "2025-01-15", "Events"],
    ["T3", "A2", "O3", "2025-01-25", "Events"],
    ["T4", "A2", "O4", "2025-02-10", "Paid Search"],
  ]),
  "spend.csv": csv([
    ["month", "channel", "amount", "size"],
    ["2025-01", "Paid Search", 500, null],
    ["2025-02", "Paid Search", 300, "Enterprise"],
    ["2025-01", "Events", 900, null],
  ]),
};

const SALES_COST: SalesCostEntry[] = [
  { period: "2025-Q1", amount: 900, segments: {} }, // no filter: split 1:1 by new-business wins → 450 each
  { period: "2025", amount: 1200, segments: { size: ["Enterprise"] } }, // all Enterprise
];

const totalOf = (totals: readonly Row[], size: string | null) =>
  totals.find((t) => (size === null ? t.total_of === "all" : t.size === size && t.total_of === "segment"));
const cell = (rows: readonly Row[], size: string, channel: string) => rows.find((r) => r.size === size && r.channel === channel);

describe("money of the cost report", () => {
  let ws: Workspace;
  const withSales = (entries: SalesCostEntry[]): Workspace => ({ ...ws, config: { ...ws.config, sales_cost: entries } });
  beforeAll(async () => {
    ({ ws } = await openProject(FILES));
  });
  afterAll(async () => ws.close());

  it("roi is (won − spend) / spend and return_on_spend won / spend, in rows and totals", async () => {
    const r = await cost(ws, { by: ["size"], model: "first_touch" });
    expect(cell(r.rows, "SMB", "Paid Search")).toMatchObject({ roi: 9, return_on_spend: 10 }); // 1000 on 100
    expect(cell(r.rows, "SMB", "Events")).toMatchObject({ roi: -1, return_on_spend: 0 }); // nothing won on 300
    expect(cell(r.rows, "SMB", "Unattributed")).toMatchObject({ roi: null, return_on_spend: null }); // no spend
    expect(cell(r.rows, "Enterprise", "Events")).toMatchObject({ roi: 9, return_on_spend: 10 }); // 6000 on 600
    const smb = totalOf(r.totals, "SMB"); // won 3000 on 400
    expect(smb?.roi).toBeCloseTo(2600 / 400, 12);
    expect(smb?.return_on_spend).toBeCloseTo(3000 / 400, 12);
    const ent = totalOf(r.totals, "Enterprise"); // won 6000 on 1300
    expect(ent?.roi).toBeCloseTo(4700 / 1300, 12);
    expect(ent?.return_on_spend).toBeCloseTo(6000 / 1300, 12);
    const all = totalOf(r.totals, null); // won 9000 on 1700
    expect(all).toMatchObject({ spend: 1700, won_amount: 9000 });
    expect(all?.roi).toBeCloseTo(7300 / 1700, 12);
    expect(all?.return_on_spend).toBeCloseTo(9000 / 1700, 12);
  });

  it("without sales cost, fully loaded CAC is empty and a note says what to add", async () => {
    const r = await cost(ws, { by: ["size"], model: "first_touch" });
    for (const t of r.totals) expect(t).toMatchObject({ sales_cost: null, cac_fully_loaded: null });
    for (const row of r.rows) expect(row).toMatchObject({ sales_cost: null, cac_fully_loaded: null });
    expect(
      r.notes.some((n) => n.includes("no sales cost is configured") && n.includes("sales_cost: [{ period: 2026-Q1, amount: 250000 }]")),
    ).toBe(true);
    const l = await ltv(ws, { by: ["size"], model: "first_touch" });
    expect(l.rows.every((row) => row.cac_fully_loaded === null && row.ltv_to_cac_fully_loaded === null)).toBe(true);
    expect(l.notes.some((n) => n.includes("no sales cost is configured"))).toBe(true);
  });

  it("fully loaded CAC adds sales cost: unfiltered by new-business wins, filtered to its segment", async () => {
    const r = await cost(withSales(SALES_COST), { by: ["size"], model: "first_touch" });
    // SMB: 450 of the unfiltered 900; (400 + 450) / 1 win
    expect(totalOf(r.totals, "SMB")).toMatchObject({ cac: 400, sales_cost: 450, cac_fully_loaded: 850 });
    // Enterprise: 450 + 1200; (1300 + 1650) / 1 win
    expect(totalOf(r.totals, "Enterprise")).toMatchObject({ cac: 1300, sales_cost: 1650, cac_fully_loaded: 2950 });
    // all: 2100; (1700 + 2100) / 2 wins
    expect(totalOf(r.totals, null)).toMatchObject({ cac: 850, sales_cost: 2100, cac_fully_loaded: 1900 });
    // not per channel
    for (const row of r.rows) expect(row).toMatchObject({ sales_cost: null, cac_fully_loaded: null });
    expect(r.notes.some((n) => n.includes("split across segments in proportion to their new-business wins"))).toBe(true);
  });

  it("an entry for a segment the report is not split by counts in the total only, and says so", async () => {
    const r = await cost(withSales(SALES_COST), { by: ["region"], model: "first_touch" });
    expect(totalOf(r.totals, null)).toMatchObject({ sales_cost: 2100, cac_fully_loaded: 1900 });
    for (const t of r.totals.filter((x) => x.total_of === "segment")) expect(t).toMatchObject({ sales_cost: null, cac_fully_loaded: null });
    expect(r.notes).toContain(
      "fully loaded CAC: sales_cost[1] (2025, size=Enterprise) is for size segments: add --by size to see fully loaded CAC per segment (the total includes them).",
    );
    const none = await cost(withSales(SALES_COST), { model: "first_touch" });
    expect(none.totals).toHaveLength(1);
    expect(none.totals[0]).toMatchObject({ sales_cost: 2100, cac_fully_loaded: 1900 });
  });

  it("pro-rates an entry by the days its period overlaps the window", async () => {
    const r = await cost(withSales(SALES_COST), { model: "first_touch", from: "2025-01-01", to: "2025-01-31" });
    // 900 × 31/90 (Q1 has 90 days) + 1200 × 31/365 = 310 + 101.917… → 411.92
    expect(totalOf(r.totals, null)?.sales_cost).toBe(411.92);
    const later = await cost(withSales(SALES_COST), { model: "first_touch", from: "2026-01-01", to: "2026-01-31" });
    expect(later.notes.some((n) => n.includes("no sales_cost entry overlaps the window"))).toBe(true);
  });

  it("with --where, the kept segments' sales cost only", async () => {
    const r = await cost(withSales(SALES_COST), { model: "first_touch", where: { size: ["Enterprise"] } });
    expect(totalOf(r.totals, null)).toMatchObject({ spend: 1300, sales_cost: 1650, cac_fully_loaded: 2950 });
    // An entry for a region cannot be told apart within Enterprise: no fully loaded CAC, and a note.
    const byRegion = withSales([...SALES_COST, { period: "2025", amount: 50, segments: { region: ["NA"] } }]);
    const unplaced = await cost(byRegion, { model: "first_touch", where: { size: ["Enterprise"] } });
    expect(totalOf(unplaced.totals, null)).toMatchObject({ sales_cost: null, cac_fully_loaded: null });
    expect(unplaced.notes.some((n) => n.startsWith("fully loaded CAC: with --where"))).toBe(true);
  });

  it("ltv shows LTV:CAC on program and on fully loaded CAC", async () => {
    const l = await ltv(withSales(SALES_COST), { by: ["size"], model: "first_touch" });
    const smb = l.rows.find((x) => x.size === "SMB");
    // LTV 4000 (cost-ltv.test.ts); CAC 400, fully loaded 850
    expect(smb).toMatchObject({ cac: 400, cac_fully_loaded: 850 });
    expect(smb?.ltv_to_cac).toBeCloseTo(10, 9);
    expect(smb?.ltv_to_cac_fully_loaded).toBeCloseTo(4000 / 850, 9);
    // all segments: LTV 14000, fully loaded CAC 1900
    expect(l.totals[0]?.cac_fully_loaded).toBe(1900);
    expect(l.totals[0]?.ltv_to_cac_fully_loaded).toBeCloseTo(14000 / 1900, 9);
  });

  it("without spend, no cost ratio anywhere (rows and totals alike), and no type says why ARPA and CAC are empty", async () => {
    const files = {
      ...FILES,
      "pipeprism.yaml": FILES["pipeprism.yaml"].replace("\n  spend: spend.csv", ""),
      // the same deals with no type column: no win counts as new business
      "opportunities.csv": FILES["opportunities.csv"].replace(",type\n", "\n").replace(/,(new_business|renewal)\n/g, "\n"),
    };
    const { ws: bare } = await openProject(files);
    try {
      const r = await cost(bare, { by: ["size"], model: "first_touch" });
      for (const row of [...r.rows, ...r.totals]) expect([row.cost_per_opportunity, row.cac, row.roi]).toEqual([null, null, null]);
      expect(r.notes).toContain("the spend table is empty: every cost figure is null (add sources.spend).");
      const l = await ltv(bare, { by: ["size"], model: "first_touch" });
      // O1, O3 and O5 were won; none has a type.
      expect(l.notes.some((n) => n.includes("3 of 3 won opportunities have no type"))).toBe(true);
    } finally {
      await bare.close();
    }
  });

  it("every report result carries the reporting currency and shows it on money labels", async () => {
    const r = await cost({ ...ws, config: { ...ws.config, currency: "EUR" } }, { by: ["size"], model: "first_touch" });
    expect(r.currency).toBe("EUR");
    const label = (key: string) => r.columns.find((c) => c.key === key)?.label;
    expect([label("spend"), label("cac_fully_loaded"), label("roi"), label("return_on_spend"), label("opportunities")]).toEqual([
      "spend (EUR)",
      "CAC loaded (EUR)",
      "ROI",
      "won/spend",
      "opps (credit)",
    ]);
    const l = await ltv(ws, { model: "first_touch" });
    expect(l.currency).toBe("USD");
    expect(l.columns.find((c) => c.key === "ltv")?.label).toBe("LTV (USD)");
    expect(inCurrency(l, "EUR")).toBe(l); // once only
  });
});
