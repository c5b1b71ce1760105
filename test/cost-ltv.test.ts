// Cost, CAC, ROI and LTV on a hand-computed fixture: spend with and without segment columns,
// a segment with renewals and one without.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../src/contract/row.js";
import { cost } from "../src/report/library.js";
import { ltv } from "../src/report/library.js";
import type { Workspace } from "../src/workspace/workspace.js";
import { basicConfig, csv, openProject } from "./helpers/temp-workspace.js";

const FILES = {
  "pipeprism.yaml": basicConfig().replace(
    "  opportunities: opportunities.csv",
    "  opportunities: opportunities.csv\n  touchpoints: touchpoints.csv\n  spend: spend.csv",
  ),
  "accounts.csv": csv([
    ["account_id", "employees", "country"],
    ["A1", 50, "US"], // SMB
    ["A2", 5000, "US"], // Enterprise
  ]),
  "opportunities.csv": csv([
    ["opportunity_id", "account_id", "amount", "stage", "created_date", "close_date", "type"],
    ["O1", "A1", 1000, "Closed Won", "2025-01-10", "2025-02-10", "new_business"],
    ["O2", "A1", 3000, "Closed Lost", "2025-01-20", "2025-03-01", "new_business"],
    ["O3", "A2", 6000, "Closed Won", "2025-02-01", "2025-04-01", "new_business"],
    ["O4", "A2", 4000, "Proposal", "2025-02-15", null, "new_business"],
    ["O5", "A1", 2000, "Closed Won", "2025-03-01", "2025-03-10", "renewal"], // no touches: Unattributed
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
    ["2025-01", "Paid Search", 500, null], // allocated 1000:4000 → SMB 100, Enterprise 400
    ["2025-02", "Paid Search", 300, "Enterprise"], // direct
    ["2025-01", "Events", 900, null], // allocated 3000:6000 → SMB 300, Enterprise 600
    ["2025-01", "Radio", 50, null], // no attributed pipeline: unallocated
  ]),
};

const cell = (rows: readonly Row[], size: string, channel: string) => rows.find((r) => r.size === size && r.channel === channel);

describe("cost and ltv", () => {
  let ws: Workspace;
  beforeAll(async () => {
    ({ ws } = await openProject(FILES));
  });
  afterAll(async () => ws.close());

  it("allocates spend to segments and computes cost per opportunity, CAC and ROI", async () => {
    const r = await cost(ws, { by: ["size"], model: "first_touch" });
    expect(cell(r.rows, "SMB", "Paid Search")).toMatchObject({
      spend: 100,
      opportunities: 1,
      cost_per_opportunity: 100,
      cac: 100,
      roi: 9, // (1000 − 100) / 100
      return_on_spend: 10,
    });
    expect(cell(r.rows, "SMB", "Events")).toMatchObject({ spend: 300, cost_per_opportunity: 300, cac: null, roi: -1, return_on_spend: 0 });
    expect(cell(r.rows, "Enterprise", "Events")).toMatchObject({ spend: 600, cac: 600, roi: 9, return_on_spend: 10 });
    expect(cell(r.rows, "Enterprise", "Paid Search")).toMatchObject({ spend: 700, cost_per_opportunity: 700, cac: null, roi: -1 });
    expect(cell(r.rows, "SMB", "Unattributed")).toMatchObject({ spend: 0, pipeline: 2500, cost_per_opportunity: null });
    const totals = new Map(r.totals.map((t) => [String(t.size ?? "all"), t]));
    expect(totals.get("SMB")).toMatchObject({ spend: 400, won_new_business: 1, cac: 400 });
    expect(totals.get("Enterprise")).toMatchObject({ spend: 1300, won_new_business: 1, cac: 1300 });
    expect(totals.get("all")).toMatchObject({ spend: 1700, won_new_business: 2, cac: 850 });
    expect(r.notes.join(" ")).toContain('spend of 50 on "Radio" has no attributed pipeline');
  });

  it("pro-rates spend periods cut by the window", async () => {
    // 2025-01-16..2025-02-15: January rows count 16/31 of their amount, February 15/28.
    // Created in the window: O2 (Events), O3 (Events), O4 (Paid Search), so both channels allocate.
    const r = await cost(ws, { model: "first_touch", from: "2025-01-16", to: "2025-02-15" });
    const total = r.totals.find((t) => t.total_of === "all");
    // Each cell is rounded to the cent before the total adds them: Events 900 × 16/31 = 464.516… → 464.52,
    // Paid Search 500 × 16/31 + 300 × 15/28 = 418.778… → 418.78.
    expect(total?.spend).toBe(883.3);
    // Two cells, each within half a cent of the exact pro-rated amount.
    expect(Math.abs(Number(total?.spend) - (((500 + 900) * 16) / 31 + (300 * 15) / 28))).toBeLessThanOrEqual(0.01);
    // Paid Search's only pipeline in the window is Enterprise (O4): all of it lands there.
    const narrow = await cost(ws, { by: ["size"], model: "first_touch", from: "2025-01-16", to: "2025-02-15" });
    expect(cell(narrow.rows, "Enterprise", "Paid Search")?.spend).toBe(418.78);
  });

  it("computes ARPA, renewal churn, LTV and LTV:CAC, and says why a segment has none", async () => {
    const r = await ltv(ws, { by: ["size"], model: "first_touch" });
    const smb = r.rows.find((x) => x.size === "SMB");
    // ARPA = 1000 (O1); churn = 1 − 2000 / 2500 = 0.2; LTV = 1000 × 0.8 / 0.2 = 4000; CAC 400
    expect(smb?.arpa).toBe(1000);
    expect(smb?.churn).toBeCloseTo(0.2, 12);
    expect(smb?.ltv).toBeCloseTo(4000, 9);
    expect(smb?.ltv_to_cac).toBeCloseTo(10, 9);
    const ent = r.rows.find((x) => x.size === "Enterprise");
    expect(ent?.ltv).toBeNull();
    expect(r.notes).toContain("Enterprise: no renewal closed in the window, so churn and LTV are undefined.");
    // all segments: ARPA (1000 + 6000) / 2 = 3500; LTV = 3500 × 0.8 / 0.2 = 14000; CAC 1700 / 2 = 850
    expect(r.totals[0]?.ltv).toBeCloseTo(14000, 9);
    expect(r.totals[0]?.ltv_to_cac).toBeCloseTo(14000 / 850, 9);
  });
});
