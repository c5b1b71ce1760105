// Finding channel_ranking (`report insights`): adjacent channels in the share ranking under one
// data-driven model, compared on the bootstrap interval of the gap between their shares, taken on
// the same replicates. The pure parts (the paired difference interval, the replicates equal to
// report attribution's, the sentences), then a planted-effect company: one channel with a clearly
// larger effect leads (settled), two channels with the same effect and reach are left unordered,
// the numbers in the sentences are those of `report attribution --intervals` with the same model,
// replicates and seed, and the same seed gives the same findings.
import { rm } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { percentileInterval } from "../src/attribution/bootstrap.js";
import { creditIntervals } from "../src/attribution/credit-intervals.js";
import { liftFitter, markovPathFitter } from "../src/attribution/data-driven-credits.js";
import { mulberry32 } from "../src/attribution/prng.js";
import type { Row } from "../src/contract/row.js";
import { channelRankingFindings } from "../src/insights/channel-ranking.js";
import { fmtPct } from "../src/insights/finding.js";
import { differenceInterval, shareReplicates, type ShareReplicates } from "../src/insights/share-replicates.js";
import { RANKING_REPLICATES } from "../src/report/insights.js";
import { insights } from "../src/report/library.js";
import { flagsFromOptions } from "../src/report/request/parse-request.js";
import { runReport, runReportFlags } from "../src/report/run-report.js";
import type { Workspace } from "../src/workspace/workspace.js";
import { members, simulateSets } from "./helpers/logistic-world.js";
import { sampleGroups } from "./helpers/sample-journey-groups.js";
import { basicConfig, csv, openProject, type TempProject } from "./helpers/temp-workspace.js";

// --- the paired difference interval -----------------------------------------------------------

describe("differenceInterval", () => {
  it("takes the gap replicate by replicate: shares that move together are told apart though their intervals overlap", () => {
    const random = mulberry32(1);
    const noise = Array.from({ length: 200 }, () => (random() - 0.5) * 0.2);
    const a = noise.map((e) => 0.3 + e);
    const b = noise.map((e) => 0.28 + e);
    const [ia, ib] = [percentileInterval(a), percentileInterval(b)];
    expect(ia.low).toBeLessThan(ib.high); // the marginal intervals overlap
    const gap = differenceInterval(a, b);
    expect(gap.low).toBeCloseTo(0.02, 12);
    expect(gap.high).toBeCloseTo(0.02, 12);
  });

  it("is the percentile interval of a − b, and widens when the shares move apart", () => {
    const random = mulberry32(2);
    const noise = Array.from({ length: 101 }, () => random() - 0.5);
    const a = noise.map((e) => 0.3 + 0.1 * e);
    const b = noise.map((e) => 0.25 - 0.1 * e);
    const gap = differenceInterval(a, b);
    expect(gap).toEqual(percentileInterval(a.map((x, i) => x - (b[i] ?? 0))));
    expect(gap.high - gap.low).toBeCloseTo(2 * (percentileInterval(a).high - percentileInterval(a).low), 12);
  });

  it("refuses replicates of different lengths", () => {
    expect(() => differenceInterval([1, 2, 3], [1, 2])).toThrow(/differ in number/);
  });
});

// --- share replicates: the same draws as report attribution --intervals ------------------------

describe("shareReplicates", () => {
  for (const [name, fitter, groups] of [
    ["lift", liftFitter(0), sampleGroups()],
    ["markov on paths", markovPathFitter(1), sampleGroups().map((g) => ({ ...g, channels: [...g.channels].reverse() }))],
  ] as const) {
    it(`${name}: each cell's percentile interval is exactly creditIntervals' (same seed, same replicates)`, () => {
      const options = { fitter, minSample: 30, replicates: 60, seed: 5, unattributed: "Unattributed" };
      const marginal = creditIntervals(groups, options);
      const joint = shareReplicates(groups, options);
      expect(joint.replicates).toBe(60);
      for (const s of ["SMB", "Enterprise"])
        for (const c of ["A", "B", "C", "Unattributed"]) {
          const draws = joint.shares([s], c);
          const expected = marginal.of([s], c)?.share ?? null;
          if (expected === null) expect(draws, `${s} ${c}`).toBeNull();
          else expect(percentileInterval(draws ?? []), `${s} ${c}`).toEqual(expected);
        }
    });
  }

  it("shares of one segment sum to 1 in every replicate; an unknown cell is null", () => {
    const joint = shareReplicates(sampleGroups(), {
      fitter: liftFitter(0),
      minSample: 30,
      replicates: 20,
      seed: 1,
      unattributed: "Unattributed",
    });
    for (let b = 0; b < 20; b++) {
      const total = ["A", "B", "C", "Unattributed"].reduce((s, c) => s + (joint.shares(["SMB"], c)?.[b] ?? 0), 0);
      expect(total).toBeCloseTo(1, 12);
    }
    expect(joint.shares(["Enterprise"], "Unattributed")).toBeNull();
    expect(joint.shares(["Nowhere"], "A")).toBeNull();
  });
});

// --- the sentences, on replicates made to order -------------------------------------------------

describe("channelRankingFindings", () => {
  const B = 200;
  const random = mulberry32(4);
  const noise = () => Array.from({ length: B }, () => random() - 0.5);
  const [n1, n2, n3] = [noise(), noise(), noise()];
  // Enterprise: A far ahead of B; B and C within noise of each other. SMB: too few opportunities.
  const draws = new Map<string, Float64Array>([
    ["Enterprise|A", Float64Array.from(n1, (e) => 0.5 + 0.04 * e)],
    ["Enterprise|B", Float64Array.from(n2, (e) => 0.26 + 0.1 * e)],
    ["Enterprise|C", Float64Array.from(n3, (e) => 0.24 + 0.1 * e)],
    ["SMB|A", Float64Array.from(n1, (e) => 0.6 + 0.01 * e)],
    ["SMB|B", Float64Array.from(n2, (e) => 0.4 + 0.01 * e)],
  ]);
  const replicates: ShareReplicates = { replicates: B, shares: (s, c) => draws.get(`${s.join("/")}|${c}`) ?? null };
  const cell = (size: string, channel: string, share: number, opportunities: number, pipeline: number): Row => ({
    size,
    channel,
    share_of_segment: share,
    opportunities,
    pipeline,
  });
  const cells = [
    cell("Enterprise", "A", 0.5, 100, 500_000),
    cell("Enterprise", "Unattributed", 0.6, 1, 600_000), // never ranked, though its share is the largest
    cell("Enterprise", "B", 0.26, 52, 260_000),
    cell("Enterprise", "C", 0.24, 47.5, 240_000),
    cell("SMB", "A", 0.6, 12, 6_000),
    cell("SMB", "B", 0.4, 7, 4_000),
  ];
  const findings = channelRankingFindings({
    dimension: "size",
    cells,
    replicates,
    model: "lift",
    minSample: 20,
    unattributed: "Unattributed",
  });

  it("says the leader's lead is settled and the 2nd and 3rd are not, with numbers, intervals and sample sizes", () => {
    expect(findings.map((f) => [f.segment, f.channel])).toEqual([
      ["Enterprise", "A vs B"],
      ["Enterprise", "B vs C"],
    ]);
    const [lead, open] = findings;
    const gap = differenceInterval(draws.get("Enterprise|A") ?? [], draws.get("Enterprise|B") ?? []);
    const a = percentileInterval(draws.get("Enterprise|A") ?? []);
    const b = percentileInterval(draws.get("Enterprise|B") ?? []);
    expect(lead?.headline).toBe("A leads Enterprise (size) pipeline with 50.0%, clearly ahead of B at 26.0%.");
    expect(lead?.evidence).toBe(
      `Under lift, 95% intervals ${fmtPct(a.low)}–${fmtPct(a.high)} and ${fmtPct(b.low)}–${fmtPct(b.high)}: ` +
        `the lead of 24.0 points (95% interval ${(gap.low * 100).toFixed(1)} to ${(gap.high * 100).toFixed(1)}) excludes zero, so the order is settled ` +
        "(A is credited with 100 and B with 52 of 200.5 opportunities).",
    );
    expect(lead?.sentence).toBe(`${lead?.headline} ${lead?.evidence}`);
    expect(lead?.pipelineAtStake).toBeCloseTo(0.24 * 1_600_000, 6);
    expect(lead?.samples).toEqual([200.5, 100, 52]);
    expect(open?.headline).toBe(
      "B and C are 2nd and 3rd in Enterprise (size) pipeline at 26.0% and 24.0%, but the data do not say which brings more.",
    );
    expect(open?.evidence).toMatch(
      /^Under lift, 95% intervals [\d.]+%–[\d.]+% and [\d.]+%–[\d.]+%: the gap of 2\.0 points \(95% interval -[\d.]+ to [\d.]+\) includes zero \(B is credited with 52 and C with 47\.5 of 200\.5 opportunities\)\.$/,
    );
    expect(open?.sentence).toBe(`${open?.headline} ${open?.evidence}`);
    const bc = differenceInterval(draws.get("Enterprise|B") ?? [], draws.get("Enterprise|C") ?? []);
    expect(open?.pipelineAtStake).toBeCloseTo(Math.max(-bc.low, bc.high) * 1_600_000, 6);
    for (const f of findings) expect([f.type, f.dimension, f.pValue, f.qValue]).toEqual(["channel_ranking", "size", null, null]);
  });

  it("ranks the whole population when there is no dimension", () => {
    const overall = channelRankingFindings({
      dimension: null,
      cells: [
        { channel: "A", share_of_segment: 0.6, opportunities: 30, pipeline: 6 },
        { channel: "B", share_of_segment: 0.4, opportunities: 20, pipeline: 4 },
      ],
      replicates: { replicates: B, shares: (s, c) => (s.length === 0 ? (draws.get(`SMB|${c}`) ?? null) : null) },
      model: "markov (order 2)",
      minSample: 20,
      unattributed: "Unattributed",
    });
    expect(overall).toHaveLength(1);
    expect(overall[0]?.sentence).toMatch(
      /^A leads overall pipeline with 60\.0%, clearly ahead of B at 40\.0%\. Under markov \(order 2\), .* so the order is settled/,
    );
    expect([overall[0]?.dimension, overall[0]?.segment]).toEqual([null, null]);
  });
});

// --- a planted-effect company -----------------------------------------------------------------

/**
 * Accounts whose conversion (an opportunity of 1,000) follows a logistic model of the channels
 * that touched them, the same world in two size segments. Events has the largest effect; Paid
 * Search and Webinar have the same effect and reach; Email none. Accounts that do not convert
 * keep their touches: they are the null journeys lift is fitted against.
 */
const CHANNELS = ["Events", "Paid Search", "Webinar", "Email"];
const REACH = [0.45, 0.45, 0.45, 0.45];
const EFFECT = [1.6, 0.6, 0.6, 0];
const BASELINE = -2.4;
const ACCOUNTS_PER_SEGMENT = 3000;
const SEED = 7;

const logOdds = (mask: number) => BASELINE + members(mask, CHANNELS.length).reduce((s, j) => s + (EFFECT[j] ?? 0), 0);
const isoDay = (day: number) => new Date(Date.UTC(2025, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);

function plantedFiles(): Record<string, string> {
  const accounts: (string | number)[][] = [["account_id", "employees"]];
  const opps: (string | number)[][] = [["opportunity_id", "account_id", "amount", "stage", "created_date", "close_date"]];
  const touches: (string | number)[][] = [["touchpoint_id", "account_id", "opportunity_id", "occurred_at", "channel"]];
  let n = 0;
  for (const [s, employees] of [
    [0, 50],
    [1, 5000],
  ] as const) {
    const counts = simulateSets(REACH, logOdds, ACCOUNTS_PER_SEGMENT, 100 + s);
    for (const [mask, [conversions, nulls]] of [...counts].sort(([a], [b]) => a - b))
      for (let k = 0; k < conversions + nulls; k++) {
        const account = `a${++n}`;
        const start = n % 200;
        accounts.push([account, employees]);
        members(mask, CHANNELS.length).forEach((j, i) => touches.push([`t${n}-${j}`, account, "", isoDay(start + i), CHANNELS[j] ?? ""]));
        if (k < conversions)
          opps.push([`o${n}`, account, 1000, n % 2 ? "Closed Won" : "Closed Lost", isoDay(start + 6), isoDay(start + 40)]);
      }
  }
  return {
    "pipeprism.yaml": basicConfig("attribution: { lookback_days: 30 }")
      .replace("  opportunities: opportunities.csv", "  opportunities: opportunities.csv\n  touchpoints: touchpoints.csv")
      .replace("min_sample: 3", "min_sample: 30"),
    "accounts.csv": csv(accounts),
    "opportunities.csv": csv(opps),
    "touchpoints.csv": csv(touches),
  };
}

let ws: Workspace;
let project: TempProject;

beforeAll(async () => {
  ({ ws, project } = await openProject(plantedFiles(), "2025-12-31"));
});

afterAll(async () => {
  await ws?.close();
  if (project) await rm(project.dir, { recursive: true, force: true });
});

const ranking = (rows: readonly Row[]) => rows.filter((r) => r.type === "channel_ranking");
const percents = (sentence: string) => [...sentence.matchAll(/(\d+\.\d)%/g)].map((m) => `${m[1]}%`);

describe("channel_ranking on a planted-effect company", () => {
  it("Events leads, settled; Paid Search and Webinar (equal effect) are not ordered; numbers as report attribution --intervals", async () => {
    const r = await insights(ws, { by: ["size"], seed: SEED, skipModels: true });
    const found = ranking(r.rows);
    const where = (segment: string | null) => found.filter((f) => f.segment === segment);
    const bySize = await runReport(ws, "attribution", { by: ["size"], model: "lift", intervals: RANKING_REPLICATES, seed: SEED });
    const overall = await runReport(ws, "attribution", { model: "lift", intervals: RANKING_REPLICATES, seed: SEED });
    for (const segment of [null, "SMB", "Enterprise"]) {
      const cells = segment === null ? overall.rows : bySize.rows.filter((c) => c.size === segment);
      const of = (channel: string) => cells.find((c) => c.channel === channel) ?? {};
      const label = segment ?? "overall";
      const [lead, ...rest] = where(segment);
      expect(lead?.channel, label).toMatch(/^Events vs (Paid Search|Webinar)$/);
      expect(lead?.finding, label).toMatch(/excludes zero, so the order is settled/);
      // the sentence's shares and intervals are the report's, with the same model, replicates and seed
      const runnerUp = String(lead?.channel).split(" vs ")[1] ?? "";
      // headline: the two shares; evidence: each one's interval
      const pct = (c: string, k: string) => fmtPct(Number(of(c)[k]));
      const expected = [
        ...["Events", runnerUp].map((c) => pct(c, "share_of_segment")),
        ...["Events", runnerUp].flatMap((c) => ["share_of_segment_low", "share_of_segment_high"].map((k) => pct(c, k))),
      ];
      expect(percents(String(lead?.finding)), label).toEqual(expected);
      // the two channels with the same effect: their order is left open
      const pair = rest.find((f) => f.channel === "Paid Search vs Webinar" || f.channel === "Webinar vs Paid Search");
      expect(pair?.finding, label).toMatch(
        /^(Paid Search and Webinar|Webinar and Paid Search) are 2nd and 3rd .*, but the data do not say which brings more\. Under lift, .* includes zero/,
      );
      expect(rest, label).toHaveLength(1);
    }
    expect(r.notes.some((n) => n.startsWith("channel_ranking: ") && n.includes(`${RANKING_REPLICATES} replicates, seed ${SEED}`))).toBe(
      true,
    );
    console.log(found.map((f) => String(f.finding)).join("\n"));
  });

  it("the same seed gives the same findings; another seed, other intervals", async () => {
    const once = await insights(ws, { by: ["size"], seed: SEED, skipModels: true });
    const again = await insights(ws, { by: ["size"], seed: SEED, skipModels: true });
    expect(again.rows).toEqual(once.rows);
    const other = await insights(ws, { by: ["size"], seed: SEED + 1, skipModels: true });
    expect(ranking(other.rows).map((f) => f.finding)).not.toEqual(ranking(once.rows).map((f) => f.finding));
  });

  it("ranks under the insights model when it is data-driven, else under lift; skipRanking leaves it out", async () => {
    const shapley = await insights(ws, { by: ["size"], model: "shapley", skipModels: true });
    expect(ranking(shapley.rows).length).toBeGreaterThan(0);
    for (const f of ranking(shapley.rows)) expect(String(f.finding)).toContain(" Under shapley, ");
    const position = await insights(ws, { by: ["size"], model: "linear", skipModels: true });
    for (const f of ranking(position.rows)) expect(String(f.finding)).toContain(" Under lift, ");
    const skipped = await runReportFlags(ws, "insights", flagsFromOptions({ by: ["size"] }), { skipModels: true, skipRanking: true });
    expect(ranking(skipped.rows)).toEqual([]);
    expect(skipped.notes.some((n) => n.startsWith("channel_ranking"))).toBe(false);
  });
});
