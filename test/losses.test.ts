// Loss reasons (SPEC §5) on a hand-made set of lost deals; expected counts, amounts and shares are
// worked out in the comments.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../src/contract/row.js";
import { losses } from "../src/report/library.js";
import type { Workspace } from "../src/workspace/workspace.js";
import { basicConfig, csv, openProject } from "./helpers/temp-workspace.js";

const ACCOUNTS = csv([
  ["account_id", "employees"],
  ["A1", 50], // SMB
  ["A2", 5000], // Enterprise
]);

const OPPORTUNITIES = csv([
  ["opportunity_id", "account_id", "amount", "stage", "created_date", "close_date", "loss_reason"],
  ["L1", "A1", 100, "Closed Lost", "2025-01-01", "2025-02-01", "Price"],
  ["L2", "A1", 300, "Closed Lost", "2025-01-01", "2025-02-03", null], // Unspecified
  ["L3", "A1", 200, "Closed Lost", "2025-01-01", "2025-02-05", "Price"],
  ["L8", "A1", 50, "Closed Lost", "2025-01-01", "2025-02-20", "   "], // blank → Unspecified
  ["L10", "A1", 50, "Closed Lost", "2025-01-01", "2025-03-01", null], // Unspecified
  ["L4", "A2", 1000, "Closed Lost", "2025-01-01", "2025-02-10", "Timing"],
  ["L5", "A2", 500, "Closed Lost", "2025-01-01", "2025-03-10", "Price"],
  ["L6", "A2", 700, "Closed Lost", "2025-01-01", "2025-05-01", null], // closed in Q2
  ["L7", "A2", 999, "Closed Won", "2025-01-01", "2025-02-01", "Price"], // won: not a loss
  ["L9", "A1", 400, "Proposal", "2025-01-01", "2025-06-30", "Price"], // open: not a loss
]);

const files = () => ({ "pipeprism.yaml": basicConfig(), "accounts.csv": ACCOUNTS, "opportunities.csv": OPPORTUNITIES });
const pick = (rows: readonly Row[], keys: readonly string[]) => rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])));

describe("report losses", () => {
  let ws: Workspace;
  beforeAll(async () => {
    ({ ws } = await openProject(files()));
  });
  afterAll(async () => ws.close());

  it("splits lost deals by segment and reason, largest count first", async () => {
    const r = await losses(ws, { by: ["size"], period: "2025-Q1" });
    // SMB lost in Q1: Unspecified L2 L8 L10 = 3 (400), Price L1 L3 = 2 (300); 5 lost, 700 in all
    // Enterprise lost in Q1: Price L5 (500), Timing L4 (1000): a tie on count, so by reason
    expect(pick(r.rows, ["size", "loss_reason", "lost_count", "lost_amount"])).toEqual([
      { size: "SMB", loss_reason: "Unspecified", lost_count: 3, lost_amount: 400 },
      { size: "SMB", loss_reason: "Price", lost_count: 2, lost_amount: 300 },
      { size: "Enterprise", loss_reason: "Price", lost_count: 1, lost_amount: 500 },
      { size: "Enterprise", loss_reason: "Timing", lost_count: 1, lost_amount: 1000 },
    ]);
    const [unspecified, price, entPrice, entTiming] = r.rows as [Row, Row, Row, Row];
    expect(unspecified.share).toBeCloseTo(3 / 5, 12);
    expect(unspecified.amount_share).toBeCloseTo(400 / 700, 12);
    expect(price.share).toBeCloseTo(2 / 5, 12);
    expect(price.amount_share).toBeCloseTo(300 / 700, 12);
    expect(entPrice.amount_share).toBeCloseTo(1 / 3, 12);
    expect(entTiming.share).toBeCloseTo(1 / 2, 12);
    // Wilson 3/5: centre 0.55655, half-width 0.32583
    expect(unspecified.share_low).toBeCloseTo(0.23072, 4);
    expect(unspecified.share_high).toBeCloseTo(0.88238, 4);
  });

  it("totals each reason over all segments", async () => {
    const r = await losses(ws, { by: ["size"], period: "2025-Q1" });
    // Price L1 L3 L5 = 3 (800), Unspecified 3 (400), Timing 1 (1000); 7 lost, 2200 in all
    expect(pick(r.totals, ["loss_reason", "lost_count", "lost_amount"])).toEqual([
      { loss_reason: "Price", lost_count: 3, lost_amount: 800 },
      { loss_reason: "Unspecified", lost_count: 3, lost_amount: 400 },
      { loss_reason: "Timing", lost_count: 1, lost_amount: 1000 },
    ]);
    expect(r.totals.map((x) => x.share)).toEqual([3 / 7, 3 / 7, 1 / 7]);
    expect(r.totals[2]?.amount_share).toBeCloseTo(1000 / 2200, 12);
    expect(r.totals[0]?.size).toBeNull(); // like every report's total row
  });

  it("without --by reports the per-reason rows, over all data", async () => {
    const r = await losses(ws);
    // adds L6 (Unspecified, 700): Unspecified 4 (1100), Price 3 (800), Timing 1 (1000)
    expect(pick(r.rows, ["loss_reason", "lost_count", "lost_amount"])).toEqual([
      { loss_reason: "Unspecified", lost_count: 4, lost_amount: 1100 },
      { loss_reason: "Price", lost_count: 3, lost_amount: 800 },
      { loss_reason: "Timing", lost_count: 1, lost_amount: 1000 },
    ]);
    expect(r.rows[0]?.share).toBeCloseTo(4 / 8, 12);
  });

  it("counts only deals lost by as-of", async () => {
    const r = await losses(ws, { asOf: "2025-02-06" });
    // lost by 02-06: L1 Price, L2 Unspecified, L3 Price
    expect(pick(r.rows, ["loss_reason", "lost_count"])).toEqual([
      { loss_reason: "Price", lost_count: 2 },
      { loss_reason: "Unspecified", lost_count: 1 },
    ]);
  });

  it("says when nothing was lost", async () => {
    const r = await losses(ws, { period: "2025-Q3" });
    expect(r.rows).toEqual([]);
    expect(r.notes.join(" ")).toContain("no opportunity was lost");
  });
});
