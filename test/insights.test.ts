// Insights find the patterns planted in the demo company, and stay silent on a company generated
// with no segment effect (SPEC §7, issue #4).
import { describe, expect, it } from "vitest";
import { insights } from "../src/report/library.js";
import { flagsFromOptions } from "../src/report/request/parse-request.js";
import { runReportFlags } from "../src/report/run-report.js";
import { lastTwoQuarters } from "../src/report/insights.js";
import { demoWorkspace } from "./helpers/demo-workspace.js";

describe("insights", () => {
  it("reports the planted channel x segment patterns with numbers", async () => {
    const { ws, close } = await demoWorkspace({ seed: 42, scale: 0.5, segmentEffects: true });
    try {
      const r = await insights(ws, { by: ["size"] });
      const shares = r.rows.filter((f) => f.type === "segment_share");
      const find = (channel: string, segment: string) => shares.find((f) => f.channel === channel && f.segment === segment);
      expect(String(find("Paid Search", "Enterprise")?.finding)).toMatch(
        /^Paid Search is credited with \d+\.\d% of Enterprise \(size\) opportunities but \d+\.\d% in other segments\. [\d,.]+ of [\d,.]+ opportunities \(.*z = /,
      );
      expect(find("Paid Search", "SMB")).toBeDefined();
      expect(find("Events", "Enterprise")).toBeDefined();
      expect(find("Outbound SDR", "Enterprise")).toBeDefined();
      for (const f of shares) expect(Number(f.q_value)).toBeLessThanOrEqual(0.05);
      // channel_ranking (the insights model, w_shaped, is a position model: ranked under lift): a leader overall and per size
      const ranking = r.rows.filter((f) => f.type === "channel_ranking");
      for (const segment of [null, "SMB", "Mid-Market", "Enterprise"]) {
        const leaders = ranking.filter((f) => f.segment === segment && / (leads|are 1st and 2nd in) /.test(String(f.finding)));
        expect(leaders, String(segment)).toHaveLength(1);
        expect(String(leaders[0]?.finding)).toMatch(/ Under lift, 95% intervals .*\(95% interval .* of [\d,]+ opportunities\)\.$/);
      }
      // Tested findings first, then the descriptions (model rank changes); each part ranked by pipeline at stake.
      const kinds = r.rows.map((f) => f.category);
      const firstDescription = kinds.indexOf("description");
      expect(firstDescription).toBeGreaterThan(0);
      expect(kinds.slice(firstDescription).every((k) => k === "description")).toBe(true);
      for (const part of [r.rows.slice(0, firstDescription), r.rows.slice(firstDescription)]) {
        expect(part.every((f) => (f.category === "description") === (f.type === "model_rank_change"))).toBe(true);
        const stakes = part.map((f) => Number(f.pipeline_at_stake));
        expect(stakes).toEqual([...stakes].sort((a, b) => b - a));
      }
      expect(r.rows.map((f) => f.rank)).toEqual(r.rows.map((_, i) => i + 1));
      expect(r.notes.some((n) => n.includes("are descriptions (category description, listed after the tested findings)"))).toBe(true);
    } finally {
      await close();
    }
  });

  it("finds nothing on data without segment effects for at least 18 of 20 seeds", async () => {
    let silent = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const { ws, close } = await demoWorkspace({ seed, scale: 0.2, segmentEffects: false });
      try {
        // channel_ranking always names a leader, settled or not: it is no segment effect, so it is skipped here
        const r = await runReportFlags(ws, "insights", flagsFromOptions({ by: ["size", "region"] }), {
          skipModels: true,
          skipRanking: true,
        });
        if (r.rows.length === 0) silent++;
      } finally {
        await close();
      }
    }
    expect(silent).toBeGreaterThanOrEqual(18);
  });

  it("compares the last two complete fiscal quarters", () => {
    expect(lastTwoQuarters("2026-09-30", 1)).toEqual(["2026-Q2", "2026-Q3"]);
    expect(lastTwoQuarters("2026-09-29", 1)).toEqual(["2026-Q1", "2026-Q2"]);
    // February fiscal year: as-of 2026-02-15 is inside FY2026 Q1 (Feb–Apr), so FY2025 Q3 and Q4 (Nov–Jan)
    expect(lastTwoQuarters("2026-02-15", 2)).toEqual(["2025-Q3", "2025-Q4"]);
  });
});
