// Every finding leads with a plain headline (no test statistics) and follows with its evidence (the
// statistics); its sentence is the two joined. On small hand-built inputs whose numbers are worked
// out here by hand: the shares, counts, z, p, q, intervals and amounts of the sentences are those.
import { describe, expect, it } from "vitest";
import type { Row } from "../src/contract/row.js";
import { keepSignificant } from "../src/insights/adjust.js";
import type { Finding } from "../src/insights/finding.js";
import { modelRankFindings } from "../src/insights/model-rank.js";
import { segmentShareCandidates } from "../src/insights/segment-share.js";
import { simpsonCandidates } from "../src/insights/simpson.js";
import { winRateMoveCandidates } from "../src/insights/win-rate-move.js";

/** Test statistics and intervals: allowed in the evidence, never in the headline. */
const STATISTICS = /\b[pqz] (=|<)|95%|interval|\bCI\b/;

function expectWellFormed(f: Finding, statistical: boolean): void {
  expect(f.headline, f.headline).not.toMatch(STATISTICS);
  expect(f.headline).toMatch(/^[A-Z].*\.$/);
  expect(f.sentence).toBe(`${f.headline} ${f.evidence}`);
  if (statistical) for (const stat of ["z = ", "p ", "q "]) expect(f.evidence).toContain(stat);
  expect(f.evidence).not.toContain("{q}");
}

/** Wilson 95 % interval, written out: (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n). */
function wilson(x: number, n: number): [number, number] {
  const z = 1.959963984540054;
  const p = x / n;
  const centre = p + (z * z) / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return [(centre - half) / (1 + (z * z) / n), (centre + half) / (1 + (z * z) / n)];
}
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

describe("finding wording: headline first, then evidence", () => {
  it("segment_share: the two shares in plain words; counts, interval and test after", () => {
    // Enterprise: A 30, B 10 of 40 opportunities; SMB the mirror image. A in Enterprise: 30/40 = 75 %
    // against 10/40 = 25 % elsewhere; pooled 0.5, se = √(0.25·(1/40 + 1/40)) = 0.1118, z = 4.47.
    const cell = (size: string, channel: string, opportunities: number): Row => ({
      size,
      channel,
      opportunities,
      pipeline: opportunities * 10,
    });
    const cells = [cell("Enterprise", "A", 30), cell("Enterprise", "B", 10), cell("SMB", "A", 10), cell("SMB", "B", 30)];
    const found = keepSignificant(segmentShareCandidates({ dimension: "size", cells, minSample: 5 }), 0.05);
    expect(found).toHaveLength(4);
    const f = found.find((x) => x.segment === "Enterprise" && x.channel === "A");
    expect(f?.headline).toBe("A is credited with 75.0% of Enterprise (size) opportunities but 25.0% in other segments.");
    const [low, high] = wilson(30, 40);
    expect(f?.evidence).toBe(
      `30 of 40 opportunities (3.0× other segments; 95% CI ${pct(low)}–${pct(high)}; ` +
        "z = 4.5, p < 0.001, q < 0.001); 75.0% of Enterprise pipeline, 300.",
    );
    for (const x of found) expectWellFormed(x, true);
  });

  it("win_rate_move: the move in plain words; closed counts and test after", () => {
    // 10 of 40 won, then 30 of 40: z = 4.47 as above, rose.
    const rows = (won: number, lost: number): Row[] => [{ size: "SMB", won, lost, won_amount: 600, lost_amount: 400 }];
    const [c] = winRateMoveCandidates("size", { label: "2026-Q1", rows: rows(10, 30) }, { label: "2026-Q2", rows: rows(30, 10) }, 5);
    const [f] = keepSignificant(c ? [c] : [], 0.05);
    expect(f?.headline).toBe("SMB (size) win rate rose from 25.0% in 2026-Q1 to 75.0% in 2026-Q2.");
    expect(f?.evidence).toBe(
      "10 of 40 closed won in 2026-Q1, 30 of 40 in 2026-Q2; z = 4.5, p < 0.001, q < 0.001. 1,000 closed in 2026-Q2.",
    );
    if (f) expectWellFormed(f, true);
  });

  it("simpson_reversal: the reversal in plain words; rates, test and segments after", () => {
    // Overall A 60/100 vs B 40/100: pooled 0.5, se = √(0.25·0.02) = 0.0707, z = 2.83, p = 2·Φ(−2.83) = 0.0047.
    const agg: Row[] = [
      { channel: "A", won: 60, lost: 40, pipeline: 200 },
      { channel: "B", won: 40, lost: 60, pipeline: 100 },
    ];
    const cells: Row[] = [
      { size: "S1", channel: "A", won: 50, lost: 20 },
      { size: "S1", channel: "B", won: 8, lost: 2 },
      { size: "S2", channel: "A", won: 10, lost: 20 },
      { size: "S2", channel: "B", won: 32, lost: 58 },
    ];
    const [f] = keepSignificant(simpsonCandidates("size", agg, cells, 5), 0.05);
    expect(f?.headline).toBe(
      "A wins more often than B overall but less often in every size segment with enough data: the overall figure reflects where A sells, not how well.",
    );
    expect(f?.evidence).toBe(
      "Overall 60.0% of 100 closed vs 40.0% of 100 (z = 2.8, p = 0.005, q = 0.005); by size: S1 71.4% vs 80.0%, S2 33.3% vs 35.6%. 300 of pipeline is judged on it.",
    );
    if (f) expectWellFormed(f, true);
  });

  it("model_rank_change: the two ranks in plain words; shares and amount after", () => {
    const rows: Row[] = [
      { channel: "X", m1: 0.5, m2: 0.1 },
      { channel: "Y", m1: 0.3, m2: 0.5 },
      { channel: "Z", m1: 0.2, m2: 0.4 },
      { channel: "Unattributed", m1: 0.9, m2: 0.9 },
    ];
    const found = modelRankFindings({ rows, models: ["m1", "m2"], totalPipeline: 1000, minShareGap: 0.02 });
    expect(found).toHaveLength(1);
    const [f] = found;
    expect(f?.headline).toBe("X ranks 1st under m1 but 3rd under m2: the choice of attribution model, not the data, decides its place.");
    expect(f?.evidence).toBe("Share of pipeline 50.0% under m1, 10.0% under m2: 400 of pipeline moves with the choice of model.");
    if (f) expectWellFormed(f, false);
  });
});
