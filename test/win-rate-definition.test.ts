// Config `win_rate`: exclusions by loss reason and stage, and win rate from an entry stage, on the
// hand-computed metrics fixture (test/fixtures/metrics-fixture.ts) with loss reasons added. Closed
// deals: won O1, O3, O4, O8, O10; lost O2, O7, O11 — 5/8 with no definition.
import { describe, expect, it } from "vitest";
import { attribution, losses, winrate } from "../src/report/library.js";
import { parseConfigText } from "../src/model/config.js";
import { fixtureFiles } from "./fixtures/metrics-fixture.js";
import { GOLDEN_AS_OF, goldenFixtureFiles } from "./golden/golden-fixture.js";
import { openProject } from "./helpers/temp-workspace.js";

const REASONS: Readonly<Record<string, string>> = { O2: "No Decision", O7: "Price", O11: " no decision" };

/** The fixture's opportunities with a loss_reason column (O2 and O11 "No Decision" in two spellings, O7 "Price"). */
function withReasons(files: Record<string, string>, overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  const reasons = { ...REASONS, ...overrides };
  const [header, ...lines] = (files["opportunities.csv"] ?? "").trimEnd().split("\n");
  const rows = lines.map((line) => `${line},${reasons[line.split(",")[0] ?? ""] ?? ""}`);
  return { ...files, "opportunities.csv": `${header},loss_reason\n${rows.join("\n")}\n` };
}

const total = (r: { totals: readonly Record<string, unknown>[] }) =>
  r.totals.find((t) => t.total_of === undefined || Object.keys(t).length > 0);

async function open(config: string, base = fixtureFiles, overrides: Readonly<Record<string, string>> = {}) {
  return (await openProject(withReasons(base(config), overrides), GOLDEN_AS_OF)).ws;
}

describe("config win_rate", () => {
  it("leaves lost deals with an excluded loss reason out of win rates, and says how many", async () => {
    const ws = await open("win_rate: { exclude_loss_reasons: [No Decision] }");
    try {
      const r = await winrate(ws, { by: ["size"] });
      expect(total(r)).toMatchObject({ won: 5, lost: 1, win_rate: 5 / 6 });
      // SMB: O1 and O3 won, O2 (No Decision) out; Unknown: O10 won, O11 (" no decision") out.
      expect(r.rows.find((x) => x.size === "SMB")).toMatchObject({ won: 2, lost: 0, win_rate: 1 });
      expect(r.rows.find((x) => x.size === "Unknown")).toMatchObject({ won: 1, lost: 0 });
      expect(r.notes).toContain(
        "win rates follow config win_rate: of 8 closed deals, 2 are left out of every won/lost count (2 lost with loss reason No Decision). They stay in pipeline and deal counts, and in `report losses`.",
      );
      // losses still shows every lost deal and its reason
      const lost = await losses(ws, {});
      expect(lost.totals.reduce((s, t) => s + Number(t.lost_count ?? 0), 0)).toBe(3);
    } finally {
      await ws.close();
    }
  });

  it("counts only deals that reached the entry stage (history, current stage or a win)", async () => {
    // O7 reached Proposal (history) but not Negotiation; O2 and O11 have no history and a closed stage.
    const ws = await open("win_rate: { from_stage: Negotiation }");
    try {
      expect(total(await winrate(ws, {}))).toMatchObject({ won: 5, lost: 0, win_rate: 1 });
      expect(
        (await winrate(ws, {})).notes.some((n) => n.includes("3 are left out of every won/lost count (3 never reached Negotiation)")),
      ).toBe(true);
    } finally {
      await ws.close();
    }
    const proposal = await open("win_rate: { from_stage: Proposal }");
    try {
      expect(total(await winrate(proposal, {}))).toMatchObject({ won: 5, lost: 1 }); // O7 counts
    } finally {
      await proposal.close();
    }
  });

  it("leaves deals in an excluded stage out, open ones from the cohort's open count too", async () => {
    const ws = await open("win_rate: { exclude_stages: [Negotiation] }");
    try {
      // Cohort 2025-Q2: O6 (Negotiation, open), O9 (open), O10 (won). O6 is out.
      const r = await winrate(ws, { period: "2025-Q2", cohort: true });
      expect(total(r)).toMatchObject({ won: 1, lost: 0, open: 1 });
    } finally {
      await ws.close();
    }
  });

  it("applies to attribution's credit-weighted outcomes, not to its pipeline", async () => {
    const plain = await open("", goldenFixtureFiles);
    const excluded = await open("win_rate: { exclude_loss_reasons: [Price] }", goldenFixtureFiles);
    try {
      const a = await attribution(plain, { model: "linear" });
      const b = await attribution(excluded, { model: "linear" });
      const sum = (r: typeof a, k: string) => r.rows.reduce((s, x) => s + Number(x[k] ?? 0), 0);
      // O7 (10,000, lost for Price) is touched by Paid Search and Events: its one lost credit leaves.
      expect(sum(b, "lost")).toBeCloseTo(sum(a, "lost") - 1, 9);
      expect(sum(b, "won")).toBeCloseTo(sum(a, "won"), 9);
      expect(sum(b, "pipeline")).toBeCloseTo(sum(a, "pipeline"), 6);
      expect(b.rows.find((x) => x.channel === "Events")?.lost).toBeCloseTo(
        Number(a.rows.find((x) => x.channel === "Events")?.lost) - 0.5,
        9,
      );
    } finally {
      await plain.close();
      await excluded.close();
    }
  });

  it("refuses stages the config does not list", () => {
    const base = fixtureFiles("win_rate: { from_stage: Propsal, exclude_stages: [Disqualified] }")["pipeprism.yaml"] ?? "";
    const messages = parseConfigText(base).diagnostics.map((d) => d.message);
    expect(messages).toContain('win_rate.from_stage: "Propsal" is not an open stage of stages.order (Prospecting, Proposal, Negotiation)');
    expect(messages).toContain('win_rate.exclude_stages[0]: "Disqualified" is not a stage of stages.order, won or lost');
  });
});
