// `--level campaign`: credits per campaign within channel. Worked by hand on the golden fixture with
// campaigns on its touches (and one more Paid Search touch, from another campaign, on O7); a fitted
// model's split checked against the deal's own channel credit from `pipeprism deals`; on the demo,
// for every model, a channel's campaigns add up to its cell of the channel-level matrix; campaign
// cost allocates spend by campaign and says when spend has no campaign.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../src/contract/row.js";
import { attribution, cost, deals } from "../src/report/library.js";
import type { Workspace } from "../src/workspace/workspace.js";
import { GOLDEN_AS_OF, goldenFixtureFiles } from "./golden/golden-fixture.js";
import { demoWorkspace, type DemoWorkspace } from "./helpers/demo-workspace.js";
import { csv, openProject } from "./helpers/temp-workspace.js";

const TOUCHPOINTS = csv([
  ["touchpoint_id", "account_id", "opportunity_id", "occurred_at", "channel", "campaign"],
  ["t1", "A1", "O1", "2025-01-02", "Webinar", "WB-1"],
  ["t2", "A1", "O1", "2025-01-06", "Paid Search", "PS-A"],
  ["t3", "A1", "O3", "2025-01-20", "Paid Search", "PS-A"],
  ["t4", "A2", "O4", "2025-02-15", "Events", ""],
  ["t5", "A2", "O4", "2025-02-20", "Webinar", "WB-1"],
  ["t6", "A2", "O4", "2025-02-25", "Paid Search", "PS-B"],
  ["t7", "A3", "O7", "2025-01-15", "Paid Search", "PS-B"],
  ["t9", "A3", "O7", "2025-01-20", "Paid Search", "PS-A"],
  ["t8", "A3", "O7", "2025-02-01", "Events", "EV-1"],
]);

const SPEND = csv([
  ["month", "channel", "campaign", "amount"],
  ["2025-01", "Paid Search", "PS-A", 1000],
  ["2025-01", "Paid Search", "PS-B", 500],
  ["2025-02", "Events", "", 200],
]);

function files(): Record<string, string> {
  const golden = goldenFixtureFiles();
  return {
    ...golden,
    "pipeprism.yaml": (golden["pipeprism.yaml"] ?? "").replace(
      "  touchpoints: touchpoints.csv",
      "  touchpoints: touchpoints.csv\n  spend: spend.csv",
    ),
    "touchpoints.csv": TOUCHPOINTS,
    "spend.csv": SPEND,
  };
}

const find = (rows: readonly Row[], match: Record<string, string>) => rows.find((r) => Object.entries(match).every(([k, v]) => r[k] === v));

describe("--level campaign on a hand-computed fixture", () => {
  let ws: Workspace;
  beforeAll(async () => {
    ({ ws } = await openProject(files(), GOLDEN_AS_OF));
  });
  afterAll(async () => ws?.close());

  it("credits each touch's campaign under a position model", async () => {
    const r = await attribution(ws, { model: "linear", level: "campaign" });
    // linear: O1 ½ × 100 (PS-A); O3 1 × 300 (PS-A); O4 ⅓ × 1000 (PS-B); O7 ⅓ × 10,000 each to PS-B and PS-A.
    expect(find(r.rows, { channel: "Paid Search", campaign: "PS-A" })?.pipeline).toBeCloseTo(50 + 300 + 10000 / 3, 6);
    expect(find(r.rows, { channel: "Paid Search", campaign: "PS-B" })?.pipeline).toBeCloseTo(1000 / 3 + 10000 / 3, 6);
    expect(find(r.rows, { channel: "Events", campaign: "(no campaign)" })?.pipeline).toBeCloseTo(1000 / 3, 6);
    expect(find(r.rows, { channel: "Paid Search", campaign: "PS-A" })).toMatchObject({
      journeys: 3,
      opportunities: expect.closeTo(0.5 + 1 + 1 / 3, 9),
    });
    // PS-A: won O1 (½) and O3 (1), lost O7 (⅓)
    const a = find(r.rows, { channel: "Paid Search", campaign: "PS-A" });
    expect([a?.won, a?.lost]).toEqual([expect.closeTo(1.5, 9), expect.closeTo(1 / 3, 9)]);
    expect(a?.share_of_channel).toBeCloseTo((350 + 10000 / 3) / (350 + 10000 / 3 + 1000 / 3 + 10000 / 3), 9);
  });

  it("splits a fitted model's channel credit over the channel's touches", async () => {
    const r = await attribution(ws, { model: "markov", level: "campaign" });
    const channelCredit = await deals(ws, { model: "markov", channel: "Paid Search", limit: 0 });
    const credit = (id: string) => Number(channelCredit.rows.find((x) => x.opportunity_id === id)?.credited_amount ?? 0);
    // O7 has one PS-B and one PS-A touch: half its Paid Search credit each; O1 and O3 are PS-A only, O4 PS-B only.
    expect(find(r.rows, { channel: "Paid Search", campaign: "PS-A" })?.pipeline).toBeCloseTo(
      credit("O1") + credit("O3") + credit("O7") / 2,
      5,
    );
    expect(find(r.rows, { channel: "Paid Search", campaign: "PS-B" })?.pipeline).toBeCloseTo(credit("O4") + credit("O7") / 2, 5);
  });

  it("allocates campaign spend to segments by the campaign's pipeline, and names spend without a campaign", async () => {
    const r = await cost(ws, { by: ["size"], model: "linear", level: "campaign" });
    // PS-A pipeline: SMB 350 (O1, O3), Enterprise 10,000/3 (O7): its 1,000 of spend splits in that proportion.
    const total = 350 + 10000 / 3;
    expect(find(r.rows, { size: "SMB", channel: "Paid Search", campaign: "PS-A" })?.spend).toBeCloseTo((1000 * 350) / total, 6);
    expect(find(r.rows, { size: "Enterprise", channel: "Paid Search", campaign: "PS-A" })?.spend).toBeCloseTo(
      (1000 * 10000) / 3 / total,
      6,
    );
    // SMB's PS-A new-business wins: O1 ½ (O3 is an expansion).
    expect(find(r.rows, { size: "SMB", channel: "Paid Search", campaign: "PS-A" })?.cac).toBeCloseTo((1000 * 350) / total / 0.5, 6);
    expect(r.notes).toContain(
      "spend of 200 on Events names no campaign: it is in no campaign's cost (`report cost` counts it per channel).",
    );
  });

  it("refuses --intervals with --level campaign", async () => {
    await expect(attribution(ws, { model: "markov", level: "campaign", intervals: 20 })).rejects.toThrow(
      /--intervals is not available with --level campaign/,
    );
  });
});

describe("a channel's campaigns add up to its cell (demo, every model)", () => {
  let demo: DemoWorkspace;
  beforeAll(async () => {
    demo = await demoWorkspace({ seed: 9, scale: 0.1 });
  }, 120_000);
  afterAll(async () => demo?.close());

  for (const options of [
    { model: "linear" },
    { model: "w_shaped", stage: "revenue" as const },
    { model: "time_decay" },
    { model: "markov" },
    { model: "shapley" },
    { model: "lift" },
  ]) {
    it(`${options.model}${options.stage ? ` ${options.stage}` : ""}`, async () => {
      const matrix = await attribution(demo.ws, { by: ["size"], ...options });
      const campaigns = await attribution(demo.ws, { by: ["size"], level: "campaign", ...options });
      expect(campaigns.rows.length).toBeGreaterThan(matrix.rows.length);
      for (const cell of matrix.rows.filter((r) => r.channel !== "Unattributed")) {
        const rows = campaigns.rows.filter((r) => r.size === cell.size && r.channel === cell.channel);
        for (const m of ["pipeline", "opportunities", "won", "lost"])
          expect(
            rows.reduce((s, r) => s + Number(r[m]), 0),
            `${String(cell.size)} ${String(cell.channel)} ${m}`,
          ).toBeCloseTo(Number(cell[m]), 3);
      }
      const channels = new Set(
        matrix.rows.filter((r) => r.channel !== "Unattributed").map((r) => `${String(r.size)}|${String(r.channel)}`),
      );
      expect(new Set(campaigns.rows.map((r) => `${String(r.size)}|${String(r.channel)}`))).toEqual(channels);
    });
  }
});
