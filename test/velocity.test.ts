// Pipeline velocity (SPEC §5) on the hand-computed metrics fixture (test/fixtures/README.md):
// open count × win rate × average deal size / median sales cycle, each factor worked out by hand.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../src/contract/row.js";
import { velocity } from "../src/report/library.js";
import { velocityOf } from "../src/report/velocity.js";
import type { Workspace } from "../src/workspace/workspace.js";
import { openProject } from "./helpers/temp-workspace.js";
import { fixtureFiles } from "./fixtures/metrics-fixture.js";

describe("report velocity on the metrics fixture", () => {
  let ws: Workspace;
  beforeAll(async () => {
    ({ ws } = await openProject(fixtureFiles()));
  });
  afterAll(async () => ws.close());

  it("multiplies the four factors for the whole population", async () => {
    const row = (await velocity(ws)).rows[0] as Row;
    // open at 2025-06-20: O5 O6 O9; closed: 5 won of 8; won amounts 100 300 1000 0 400 → 360;
    // cycles of won deals (O10 excluded): 30 31 58 120 → median 44.5
    expect(row.open_pipeline_count).toBe(3);
    expect(row.win_rate).toBeCloseTo(5 / 8, 12);
    expect(row.avg_deal_size).toBeCloseTo(360, 9);
    expect(row.sales_cycle_days).toBeCloseTo(44.5, 9);
    expect(row.velocity).toBeCloseTo((3 * 0.625 * 360) / 44.5, 9); // 15.1685 $/day
  });

  it("computes it per segment, null where a factor is unknown", async () => {
    const r = await velocity(ws, { by: ["size"] });
    const s = new Map(r.rows.map((x) => [String(x.size), x]));
    expect([...s.keys()]).toEqual(["SMB", "Mid-Market", "Enterprise", "Unknown"]);
    // SMB (A1): nothing open → 0 × 2/3 × 200 / 44 = 0
    expect(s.get("SMB")?.velocity).toBe(0);
    // Mid-Market (A2): open O5 O6; won O4 of 1 closed; deal 1000; cycle 31 → 2000 / 31
    expect(s.get("Mid-Market")?.velocity).toBeCloseTo(2000 / 31, 9);
    // Enterprise (A3): open O9; 1 won of 2; the win has amount 0 → 0
    expect(s.get("Enterprise")?.velocity).toBe(0);
    // Unknown: O10 won but closes before it was created, so no cycle → null
    expect(s.get("Unknown")?.sales_cycle_days).toBeNull();
    expect(s.get("Unknown")?.velocity).toBeNull();
    expect(r.totals[0]?.velocity).toBeCloseTo((3 * 0.625 * 360) / 44.5, 9);
    expect(r.notes.join(" ")).toContain("1 of 4 segments have no velocity");
  });

  it("follows the window: open at its end, outcomes closed in it", async () => {
    const row = (await velocity(ws, { period: "2025-Q1" })).rows[0] as Row;
    // open at 03-31: O4 O5 O7 O8; closed in Q1: O1 W, O2 L, O3 W, O11 L → 1/2; deal (100 + 300) / 2;
    // cycles 30, 58 → 44 → 4 × 0.5 × 200 / 44
    expect(row.open_pipeline_count).toBe(4);
    expect(row.velocity).toBeCloseTo(400 / 44, 9);
  });

  it("has no velocity for a 0-day cycle or a missing factor", () => {
    expect(velocityOf(3, 0.5, 100, 0)).toBeNull();
    expect(velocityOf(3, null, 100, 10)).toBeNull();
    expect(velocityOf(0, 0.5, 100, 10)).toBe(0);
  });
});
