// --trend and --rolling on the hand-computed metrics fixture (see fixtures/metrics-fixture.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runReport } from "../src/report/run-report.js";
import type { Workspace } from "../src/workspace/workspace.js";
import { fixtureFiles } from "./fixtures/metrics-fixture.js";
import { openProject } from "./helpers/temp-workspace.js";

describe("trends", () => {
  let ws: Workspace;
  beforeAll(async () => {
    ({ ws } = await openProject(fixtureFiles()));
  });
  afterAll(async () => ws.close());

  it("repeats win rate per quarter with the change and its test", async () => {
    const r = await runReport(ws, "winrate", { trend: "quarter", rolling: 2 });
    expect(r.params.periods).toEqual(["2025-Q1", "2025-Q2"]); // first created 2025-01-10, as-of 2025-06-20
    const [q1, q2] = r.rows;
    expect([q1?.period, q1?.won, q1?.lost]).toEqual(["2025-Q1", 2, 2]);
    expect([q2?.period, q2?.won, q2?.lost]).toEqual(["2025-Q2", 3, 1]);
    expect(q1?.win_rate_change).toBeNull();
    expect(q2?.win_rate_change).toBeCloseTo(0.25, 12);
    // pooled 5/8, SE = sqrt(5/8 · 3/8 · (1/4 + 1/4)) = 0.342327, z = 0.7303, p = 2Φ(−0.7303) = 0.4652
    expect(q2?.win_rate_change_p_value).toBeCloseTo(0.4652, 3);
    expect(q2?.win_rate_change_significant).toBe(false);
    // rolling over Q1 and Q2: (2 + 3) / (4 + 4)
    expect(q2?.win_rate_rolling).toBeCloseTo(0.625, 12);
  });

  it("repeats pipeline per month by segment", async () => {
    const r = await runReport(ws, "pipeline", { trend: "month", by: "size" });
    const march = r.rows.filter((x) => x.period === "2025-03");
    // created in March: SMB none, Mid-Market O4 1000 + O5 2000, Unknown O11 700
    expect(march.find((x) => x.size === "Mid-Market")?.pipeline_created).toBe(3000);
    expect(march.find((x) => x.size === "Unknown")?.pipeline_created).toBe(700);
    const feb = r.rows.find((x) => x.period === "2025-02" && x.size === "Mid-Market");
    expect(march.find((x) => x.size === "Mid-Market")?.pipeline_created_change).toBe(3000 - Number(feb?.pipeline_created ?? 0));
  });

  it("rejects trends where they make no sense", async () => {
    await expect(runReport(ws, "summary", { trend: "quarter" })).rejects.toThrow("report summary does not take --trend");
    await expect(runReport(ws, "winrate", { trend: "week" })).rejects.toThrow('--trend: "week" is not valid (valid: month, quarter)');
    await expect(runReport(ws, "winrate", { rolling: 3 })).rejects.toThrow("--rolling needs --trend month|quarter");
  });
});
