// Coverage against targets (SPEC §5) on hand-made deals and targets. The data's as-of date is
// 2025-05-01 (C6 closes then), so the default period is 2025-Q2 (calendar fiscal year).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../src/contract/row.js";
import { coverage } from "../src/report/library.js";
import type { Workspace } from "../src/workspace/workspace.js";
import { basicConfig, csv, openProject } from "./helpers/temp-workspace.js";

const ACCOUNTS = csv([
  ["account_id", "employees"],
  ["A1", 50], // SMB
  ["A2", 500], // Mid-Market
  ["A3", 5000], // Enterprise: a target, no deal
  ["A4", null], // Unknown: pipeline, no target
]);

const OPPORTUNITIES = csv([
  ["opportunity_id", "account_id", "amount", "stage", "created_date", "close_date"],
  ["C1", "A1", 1000, "Proposal", "2025-01-05", "2025-05-15"], // open, Q2
  ["C2", "A1", 2000, "Negotiation", "2025-02-01", "2025-08-01"], // open, Q3
  ["C3", "A1", 3000, "Closed Won", "2025-01-10", "2025-04-20"], // won in Q2
  ["C4", "A2", 4000, "Prospecting", "2025-03-01", "2025-06-30"], // open, Q2's last day
  ["C5", "A2", 500, "Closed Won", "2025-01-01", "2025-02-15"], // won in Q1
  ["C6", "A2", 800, "Closed Lost", "2025-01-01", "2025-05-01"], // lost: neither open nor won
  ["C8", "A1", 600, "Proposal", "2025-04-01", null], // open without a close date
  ["C9", "A4", 700, "Proposal", "2025-02-01", "2025-06-01"], // open, Q2, size Unknown
]);

const TARGETS = csv([
  ["period", "size", "amount"],
  ["2025-Q1", "SMB", 1000],
  ["2025-Q2", "smb", 2500], // matched to SMB case-insensitively
  ["2025-Q3", "SMB", 2000],
  ["2025-Q4", "SMB", 1500],
  ["2025-01", "SMB", 400], // inside SMB's Q1 target: not added again
  ["2025-Q1", "Mid-Market", 3000],
  ["2025-04", "Mid-Market", 1000], // months make up Mid-Market's Q2
  ["2025-05", "Mid-Market", 1000],
  ["2025-06", "Mid-Market", 2000],
  ["2025-Q2", "Enterprise", 5000],
  ["2025", "Enterprise", 20000], // a year: beyond a quarter, and holds Enterprise's Q2
  ["2025-Q2", null, 100], // no segment: total only
]);

function files(withTargets = true): Record<string, string> {
  const sources = withTargets ? "  opportunities: opportunities.csv\n  targets: targets.csv" : "  opportunities: opportunities.csv";
  return {
    "pipeprism.yaml": basicConfig().replace("  opportunities: opportunities.csv", sources),
    "accounts.csv": ACCOUNTS,
    "opportunities.csv": OPPORTUNITIES,
    ...(withTargets ? { "targets.csv": TARGETS } : {}),
  };
}

const FIELDS = ["size", "open_pipeline", "open_pipeline_count", "target", "won", "coverage", "remaining_coverage"];
const pick = (rows: readonly Row[]) => rows.map((r) => Object.fromEntries(FIELDS.filter((k) => k in r).map((k) => [k, r[k]])));

describe("report coverage", () => {
  let ws: Workspace;
  beforeAll(async () => {
    ({ ws } = await openProject(files()));
  });
  afterAll(async () => ws.close());

  it("defaults to the fiscal quarter holding as-of, per segment", async () => {
    const r = await coverage(ws, { by: ["size"] });
    expect([r.params.period, r.params.from, r.params.to]).toEqual(["2025-Q2", "2025-04-01", "2025-06-30"]);
    expect(pick(r.rows)).toEqual([
      // SMB: open C1 1000; target 2500; won C3 3000 ≥ 2500, so met: remaining null; 1000 / 2500
      { size: "SMB", open_pipeline: 1000, open_pipeline_count: 1, target: 2500, won: 3000, coverage: 0.4, remaining_coverage: null },
      // Mid-Market: open C4 4000; months 1000 + 1000 + 2000 = 4000; nothing won in Q2
      { size: "Mid-Market", open_pipeline: 4000, open_pipeline_count: 1, target: 4000, won: 0, coverage: 1, remaining_coverage: 1 },
      // Enterprise: the Q2 row 5000 (the year 2025 is not inside Q2); no pipeline → 0
      { size: "Enterprise", open_pipeline: 0, open_pipeline_count: 0, target: 5000, won: 0, coverage: 0, remaining_coverage: 0 },
      // Unknown: C9 700 and no target
      { size: "Unknown", open_pipeline: 700, open_pipeline_count: 1, target: null, won: 0, coverage: null, remaining_coverage: null },
    ]);
  });

  it("totals every target inside the period, segmented or not", async () => {
    const r = await coverage(ws, { by: ["size"] });
    const total = r.totals[0] as Row;
    // open C1 + C4 + C9 = 5700; targets 2500 + 4000 + 5000 + 100 = 11600; won C3 3000
    expect([total.open_pipeline, total.open_pipeline_count, total.target, total.won]).toEqual([5700, 3, 11600, 3000]);
    expect(total.coverage).toBeCloseTo(5700 / 11600, 12);
    expect(total.remaining_coverage).toBeCloseTo(5700 / (11600 - 3000), 12);
    const notes = r.notes.join(" ");
    expect(notes).toContain("1 target rows span beyond 2025-Q2"); // the year 2025
    expect(notes).toContain("1 target rows have no value for size");
    expect(notes).toContain("target already met in SMB");
    expect(notes).toContain("1 open opportunities have no close_date"); // C8
  });

  it("sums quarters (and months) for a fiscal year without double counting", async () => {
    const r = await coverage(ws, { by: ["size"], period: "2025" });
    expect(pick(r.rows)).toEqual([
      // SMB: Q1 1000 + Q2 2500 + Q3 2000 + Q4 1500 = 7000 (2025-01 lies in Q1); open C1 + C2 = 3000;
      // won C3 3000 → 3000 / 7000 and 3000 / (7000 − 3000)
      {
        size: "SMB",
        open_pipeline: 3000,
        open_pipeline_count: 2,
        target: 7000,
        won: 3000,
        coverage: 3000 / 7000,
        remaining_coverage: 0.75,
      },
      // Mid-Market: Q1 3000 + months 4000 = 7000; open C4 4000; won C5 500
      {
        size: "Mid-Market",
        open_pipeline: 4000,
        open_pipeline_count: 1,
        target: 7000,
        won: 500,
        coverage: 4000 / 7000,
        remaining_coverage: 4000 / 6500,
      },
      // Enterprise: the year row 20000 holds the Q2 row
      { size: "Enterprise", open_pipeline: 0, open_pipeline_count: 0, target: 20000, won: 0, coverage: 0, remaining_coverage: 0 },
      { size: "Unknown", open_pipeline: 700, open_pipeline_count: 1, target: null, won: 0, coverage: null, remaining_coverage: null },
    ]);
    // 7000 + 7000 + 20000 + 100
    expect(r.totals[0]?.target).toBe(34100);
    expect(r.notes.join(" ")).toContain("2 target rows lie inside a coarser target"); // 2025-01 SMB, Q2 Enterprise
  });

  it("uses total targets without --by", async () => {
    const r = await coverage(ws, { period: "2025-Q1" });
    // Q1: SMB 1000 (its January row is inside it) + Mid-Market 3000; nothing open closes in Q1; won C5 500
    expect(pick(r.rows)).toEqual([
      { open_pipeline: 0, open_pipeline_count: 0, target: 4000, won: 500, coverage: 0, remaining_coverage: 0 },
    ]);
  });

  it("refuses a dimension the targets have no column for", async () => {
    await expect(coverage(ws, { by: ["region"] })).rejects.toThrow(
      '--by: the targets have no column for "region" (coverage supports size)',
    );
  });

  it("says when there are no targets", async () => {
    const { ws: bare } = await openProject(files(false));
    try {
      const r = await coverage(bare, { by: ["region"] });
      // every deal's region is Unknown (no country): C1 + C4 + C9 = 5700
      expect(pick(r.rows)).toEqual([
        { open_pipeline: 5700, open_pipeline_count: 3, target: null, won: 3000, coverage: null, remaining_coverage: null },
      ]);
      expect(r.rows[0]?.region).toBe("Unknown");
      expect(r.notes.join(" ")).toContain("the targets table is empty");
    } finally {
      await bare.close();
    }
  });

  it("without --period, looks at the next quarter once as-of is the last day of the current one, and says so", async () => {
    // As of 2025-06-30 nothing is left of Q2: Q3 is the period. Open then and closing in Q3: C2 (SMB 2000);
    // C4 closes on 06-30, inside Q2. Q3 targets: SMB 2000 only.
    const r = await coverage(ws, { by: ["size"], asOf: "2025-06-30" });
    expect(r.params.period).toBe("2025-Q3");
    expect(r.notes[0]).toBe(
      "no --period: coverage is for 2025-Q3, the next fiscal quarter (as-of 2025-06-30 is the last day of 2025-Q2); pass --period to choose another.",
    );
    expect(pick(r.rows.filter((x) => x.size === "SMB"))).toEqual([
      { size: "SMB", open_pipeline: 2000, open_pipeline_count: 1, target: 2000, won: 0, coverage: 1, remaining_coverage: 1 },
    ]);
    const mid = await coverage(ws, { asOf: "2025-06-29" });
    expect([mid.params.period, mid.notes[0]]).toEqual([
      "2025-Q2",
      "no --period: coverage is for 2025-Q2, the fiscal quarter containing as-of 2025-06-29.",
    ]);
  });

  it("without --period, skips a current quarter that has no target when the next one has", async () => {
    // As of 2025-12-15 (Q4, SMB 1500) the current quarter has a target: it stays. A quarter with none:
    // 2026-Q1 has no target and 2026-Q2 neither, so as of 2026-01-15 it stays too.
    expect((await coverage(ws, { asOf: "2025-12-15" })).params.period).toBe("2025-Q4");
    expect((await coverage(ws, { asOf: "2026-01-15" })).params.period).toBe("2026-Q1");
    // As of 2024-12-10 (2024-Q4, no target) the next quarter, 2025-Q1, has targets.
    const early = await coverage(ws, { asOf: "2024-12-10" });
    expect(early.params.period).toBe("2025-Q1");
    expect(early.notes[0]).toContain("2024-Q4 has no target and 2025-Q1 has");
  });
});

describe("report coverage --trend: each period entering it, beside what it won", () => {
  let ws: Workspace;
  beforeAll(async () => {
    ({ ws } = await openProject(files()));
  });
  afterAll(async () => ws.close());

  const TREND_FIELDS = [
    "period",
    "size",
    "open_pipeline",
    "open_pipeline_count",
    "target",
    "coverage",
    "coverage_as_of",
    "won_in_period",
    "attainment",
  ];
  const pickTrend = (rows: readonly Row[]) => rows.map((r) => Object.fromEntries(TREND_FIELDS.filter((k) => k in r).map((k) => [k, r[k]])));

  it("measures 2025-Q2 on 2025-03-31, by hand", async () => {
    const r = await coverage(ws, { by: ["size"], trend: "quarter" });
    // The first targeted quarter after the first opportunity (2025-01-01) is Q2; as-of 2025-05-01 is inside it.
    expect(r.params.periods).toEqual(["2025-Q2"]);
    expect(pickTrend(r.rows)).toEqual([
      // Open on 03-31 and closing in Q2: C1 1000 and C3 3000 (won 04-20, so still open then); C3 won since
      {
        period: "2025-Q2",
        size: "SMB",
        open_pipeline: 4000,
        open_pipeline_count: 2,
        target: 2500,
        coverage: 1.6,
        coverage_as_of: "2025-03-31",
        won_in_period: 3000,
        attainment: 1.2,
      },
      // C4 4000 and C6 800 (lost 05-01, open on 03-31); nothing won
      {
        period: "2025-Q2",
        size: "Mid-Market",
        open_pipeline: 4800,
        open_pipeline_count: 2,
        target: 4000,
        coverage: 1.2,
        coverage_as_of: "2025-03-31",
        won_in_period: 0,
        attainment: 0,
      },
      {
        period: "2025-Q2",
        size: "Enterprise",
        open_pipeline: 0,
        open_pipeline_count: 0,
        target: 5000,
        coverage: 0,
        coverage_as_of: "2025-03-31",
        won_in_period: 0,
        attainment: 0,
      },
      // C9 700; C8 was created after 03-31
      {
        period: "2025-Q2",
        size: "Unknown",
        open_pipeline: 700,
        open_pipeline_count: 1,
        target: null,
        coverage: null,
        coverage_as_of: "2025-03-31",
        won_in_period: 0,
        attainment: null,
      },
    ]);
    const total = r.totals[0] as Row;
    expect([total.open_pipeline, total.target, total.won_in_period]).toEqual([9500, 11600, 3000]);
    expect(total.attainment).toBeCloseTo(3000 / 11600, 12);
    expect(r.notes).toContain("2025-Q2 is in progress: its won_in_period and attainment are to as-of 2025-05-01.");
    expect(r.columns.map((c) => c.key)).not.toContain("remaining_coverage");
  });

  it("equals coverage --period P --as-of the day before P, and P's won at its end (second method)", async () => {
    const r = await coverage(ws, { by: ["size"], trend: "quarter", from: "2025-01-01", asOf: "2025-08-01" });
    expect(r.params.periods).toEqual(["2025-Q1", "2025-Q2", "2025-Q3"]);
    const entering: Record<string, string> = { "2025-Q1": "2024-12-31", "2025-Q2": "2025-03-31", "2025-Q3": "2025-06-30" };
    const end: Record<string, string> = { "2025-Q1": "2025-03-31", "2025-Q2": "2025-06-30", "2025-Q3": "2025-08-01" };
    for (const row of r.rows) {
      const period = String(row.period);
      const alone = await coverage(ws, { by: ["size"], period, asOf: entering[period] });
      const closed = await coverage(ws, { by: ["size"], period, asOf: end[period] });
      const same = alone.rows.find((x) => x.size === row.size);
      expect([row.open_pipeline, row.open_pipeline_count, row.target, row.coverage], `${period} ${String(row.size)}`).toEqual([
        same?.open_pipeline ?? 0,
        same?.open_pipeline_count ?? 0,
        same?.target ?? null,
        same?.coverage ?? null,
      ]);
      expect(row.won_in_period, `${period} ${String(row.size)}`).toBe(closed.rows.find((x) => x.size === row.size)?.won ?? 0);
    }
    // Q1 entered before any opportunity existed: 0 open in its two targeted segments, by hand
    expect(r.rows.filter((x) => x.period === "2025-Q1").map((x) => [x.size, x.open_pipeline])).toEqual([
      ["SMB", 0],
      ["Mid-Market", 0],
    ]);
  });

  it("takes the quarter entered the day after as-of, with nothing won yet", async () => {
    const r = await coverage(ws, { trend: "quarter", asOf: "2025-06-30" });
    expect(r.params.periods).toEqual(["2025-Q2", "2025-Q3"]);
    const q3 = r.rows.find((x) => x.period === "2025-Q3");
    // Open on 06-30 closing in Q3: C2 2000; Q3 target SMB 2000
    expect([q3?.open_pipeline, q3?.target, q3?.won_in_period, q3?.attainment]).toEqual([2000, 2000, null, null]);
    expect(r.notes.join(" ")).toContain("2025-Q3 starts after as-of 2025-06-30");
  });

  it("refuses --model with --trend", async () => {
    await expect(coverage(ws, { trend: "quarter", model: "linear" })).rejects.toThrow("--trend cannot be combined with --model");
  });
});
