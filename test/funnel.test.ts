// Stage conversion (SPEC §5) on a hand-made funnel: stages Prospecting → Proposal → Negotiation →
// Closed Won. Every expected count is worked out in the comment beside it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../src/contract/row.js";
import { funnel } from "../src/report/library.js";
import type { Workspace } from "../src/workspace/workspace.js";
import { basicConfig, csv, openProject } from "./helpers/temp-workspace.js";

const ACCOUNTS = csv([
  ["account_id", "employees"],
  ["A1", 50], // SMB
  ["A2", 5000], // Enterprise
]);

// Reach (1 Prospecting, 2 Proposal, 3 Negotiation, W won) as of the data's date, 2025-04-02:
const OPPORTUNITIES = csv([
  ["opportunity_id", "account_id", "amount", "stage", "created_date", "close_date"],
  ["F1", "A1", 100, "closed won", "2025-01-05", "2025-02-01"], // won, no history: 1 2 3 W
  ["F2", "A1", 100, "Closed Lost", "2025-01-06", "2025-02-10"], // lost, no history: 1 only
  ["F3", "A1", 100, "Negotiation", "2025-01-07", "2025-06-30"], // history skips Proposal: 1 2 3
  ["F4", "A2", 100, "proposal", "2025-01-08", "2025-06-30"], // re-opened back to Proposal: 1 2 3
  ["F5", "A2", 100, "Closed Lost", "2025-01-09", "2025-02-01"], // lost after Proposal: 1 2
  ["F6", "A2", 100, "Prospecting", "2025-01-10", "2025-06-30"], // open, no history: 1
  ["F7", "A2", 100, "Closed Won", "2025-01-10", "2025-03-01"], // won via Proposal: 1 2 3 W
  ["F8", "A2", 100, "Negotiation", "2025-04-02", "2025-07-01"], // created in Q2, current stage: 1 2 3
]);

const STAGE_HISTORY = csv([
  ["opportunity_id", "stage", "entered_at"],
  ["F3", "prospecting", "2025-01-07"],
  ["F3", "NEGOTIATION", "2025-01-20"],
  ["F4", "Prospecting", "2025-01-08"],
  ["F4", "Negotiation", "2025-01-15"],
  ["F4", "Proposal", "2025-01-25"],
  ["F5", "Prospecting", "2025-01-09"],
  ["F5", "Proposal", "2025-01-12"],
  ["F5", "Closed Lost", "2025-02-01"],
  ["F7", "Prospecting", "2025-01-10"],
  ["F7", "Proposal", "2025-01-18"],
  ["F7", "Closed Won", "2025-03-01"],
]);

function files(): Record<string, string> {
  return {
    "pipeprism.yaml": basicConfig().replace(
      "  opportunities: opportunities.csv",
      "  opportunities: opportunities.csv\n  stage_history: stage_history.csv",
    ),
    "accounts.csv": ACCOUNTS,
    "opportunities.csv": OPPORTUNITIES,
    "stage_history.csv": STAGE_HISTORY,
  };
}

const pick = (rows: readonly Row[], keys: readonly string[]) => rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])));

describe("report funnel", () => {
  let ws: Workspace;
  beforeAll(async () => {
    ({ ws } = await openProject(files()));
  });
  afterAll(async () => ws.close());

  it("counts reach from history, current stage and wins across all data", async () => {
    const r = await funnel(ws);
    // reached 1: all 8; 2: F1 F3 F4 F5 F7 F8 = 6; 3: F1 F3 F4 F7 F8 = 5; won: F1 F7 = 2
    expect(pick(r.rows, ["step", "from_stage", "to_stage", "reached_from", "reached_to"])).toEqual([
      { step: 1, from_stage: "Prospecting", to_stage: "Proposal", reached_from: 8, reached_to: 6 },
      { step: 2, from_stage: "Proposal", to_stage: "Negotiation", reached_from: 6, reached_to: 5 },
      { step: 3, from_stage: "Negotiation", to_stage: "Closed Won", reached_from: 5, reached_to: 2 },
    ]);
    const [s1, s2, s3] = r.rows as [Row, Row, Row];
    expect(s1.conversion).toBeCloseTo(0.75, 12);
    expect(s2.conversion).toBeCloseTo(5 / 6, 12);
    expect(s3.conversion).toBeCloseTo(0.4, 12);
    // cumulative = reached_to / 8
    expect([s1.cumulative, s2.cumulative, s3.cumulative]).toEqual([6 / 8, 5 / 8, 2 / 8]);
    // Wilson 6/8: centre (0.75 + z²/16) / (1 + z²/8) = 0.66890, half-width 0.25962
    expect(s1.conversion_low).toBeCloseTo(0.40928, 4);
    expect(s1.conversion_high).toBeCloseTo(0.92852, 4);
    // Wilson 5/6: centre 0.70322, half-width 0.26672
    expect(s2.conversion_low).toBeCloseTo(0.4365, 4);
    expect(s2.conversion_high).toBeCloseTo(0.96995, 4);
    expect(r.totals).toEqual(r.rows);
  });

  it("takes the cohort created in the window", async () => {
    const r = await funnel(ws, { period: "2025-Q1" });
    // F8 (created 2025-04-02) leaves: 7 → 5 → 4 → 2
    expect(r.rows.map((x) => [x.reached_from, x.reached_to])).toEqual([
      [7, 5],
      [5, 4],
      [4, 2],
    ]);
    expect(r.params.mode).toBe("cohort");
  });

  it("splits by a dimension, dimension rows first then step order", async () => {
    const r = await funnel(ws, { by: ["size"] });
    // SMB = F1 F2 F3: 3 → 2 (F1 F3) → 2 → 1 (F1)
    // Enterprise = F4..F8: 5 → 4 (F4 F5 F7 F8) → 3 (F4 F7 F8) → 1 (F7)
    expect(pick(r.rows, ["size", "step", "reached_from", "reached_to", "sample"])).toEqual([
      { size: "SMB", step: 1, reached_from: 3, reached_to: 2, sample: "ok" },
      { size: "SMB", step: 2, reached_from: 2, reached_to: 2, sample: "thin" }, // min_sample 3
      { size: "SMB", step: 3, reached_from: 2, reached_to: 1, sample: "thin" },
      { size: "Enterprise", step: 1, reached_from: 5, reached_to: 4, sample: "ok" },
      { size: "Enterprise", step: 2, reached_from: 4, reached_to: 3, sample: "ok" },
      { size: "Enterprise", step: 3, reached_from: 3, reached_to: 1, sample: "ok" },
    ]);
    expect(r.rows[5]?.cumulative).toBeCloseTo(1 / 5, 12);
    expect(r.totals.map((x) => x.reached_to)).toEqual([6, 5, 2]);
    expect(r.notes.join(" ")).toContain("2 of 6 steps start from fewer than 3");
  });

  it("judges reach at an earlier as-of from what was known then", async () => {
    const r = await funnel(ws, { asOf: "2025-01-20" });
    // created by 01-20: F1..F7. F1, F2, F5 close after 01-20 and F4, F7 move after it, so their
    // current stage is not yet known: F1 1, F2 1, F3 3 (NEGOTIATION on 01-20), F4 3 (history to
    // 01-15), F5 2, F6 1, F7 2 (Proposal 01-18, won 03-01). 7 → 4 → 2 → 0
    expect(r.rows.map((x) => [x.reached_from, x.reached_to])).toEqual([
      [7, 4],
      [4, 2],
      [2, 0],
    ]);
  });

  it("says when there is no stage history", async () => {
    const { ws: bare } = await openProject({ ...files(), "stage_history.csv": "opportunity_id,stage,entered_at\n" });
    try {
      const r = await funnel(bare);
      // current stages only: 1 all 8; 2: F1 F3 F4 F7 F8 = 5 (F5 now lost); 3: F1 F3 F7 F8 = 4; won 2
      expect(r.rows.map((x) => x.reached_to)).toEqual([5, 4, 2]);
      expect(r.notes.join(" ")).toContain("no stage history");
    } finally {
      await bare.close();
    }
  });
});
