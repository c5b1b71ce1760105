// `--intervals`: the Poisson bootstrap over journeys behind the data-driven models' intervals.
// Coverage on planted-effect worlds (the lift share interval holds the world's true share in most
// repetitions), determinism (same seed, any row order, same intervals), and on the demo company:
// the point estimate is untouched, the intervals hold it, the columns reach JSON, the journeys
// the bootstrap resamples are the ones the point fit counted, position models are refused; and
// `pipeprism paths --intervals` on a small path file.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logGamma, percentileInterval, poisson, resampler, type JourneyGroup } from "../src/attribution/bootstrap.js";
import { creditIntervals, groupPipeline } from "../src/attribution/credit-intervals.js";
import { liftFitter, markovPathFitter } from "../src/attribution/data-driven-credits.js";
import { runLift } from "../src/attribution/lift-shares.js";
import { pathShareIntervals } from "../src/attribution/path-intervals.js";
import type { PathRow } from "../src/attribution/paths.js";
import { mulberry32 } from "../src/attribution/prng.js";
import { isResultName } from "../src/contract/result-names.js";
import type { Row } from "../src/contract/row.js";
import type { Workspace } from "../src/index.js";
import { baseContext } from "../src/report/run-query.js";
import { runReport } from "../src/report/run-report.js";
import { compileChannelList, compileSetCounts, type AttributionQuery } from "../src/sql/attribution-sql.js";
import { compileJourneyGroups } from "../src/sql/journey-groups-sql.js";
import { demoWorkspace } from "./helpers/demo-workspace.js";
import { run } from "./helpers/run-cli.js";
import { sampleGroups } from "./helpers/sample-journey-groups.js";
import { members as membersOf, setPathRows, sigmoid, simulateSets, trueSetShares } from "./helpers/logistic-world.js";

// --- the sampler --------------------------------------------------------------------------------

describe("Poisson draws", () => {
  for (const mean of [0.3, 4, 9.5, 10, 37, 2500]) {
    it(`have mean and variance ${mean}`, () => {
      const random = mulberry32(7);
      const n = 40_000;
      const draws = Array.from({ length: n }, () => poisson(mean, random));
      const m = draws.reduce((a, b) => a + b, 0) / n;
      const v = draws.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1);
      // 5 standard errors of the mean; the variance's relative error is about sqrt(2 / n) ≈ 0.7 %
      expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(mean / n));
      expect(Math.abs(v / mean - 1)).toBeLessThan(0.05);
      expect(draws.every((k) => Number.isInteger(k) && k >= 0)).toBe(true);
    });
  }

  it("log Γ is exact enough where PTRS reads it", () => {
    let factorial = 0;
    for (let k = 1; k <= 170; k++) {
      factorial += Math.log(k);
      expect(Math.abs(logGamma(k + 1) - factorial)).toBeLessThan(1e-10 * Math.max(1, factorial));
    }
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
  });
});

// --- planted-effect worlds (as test/attribution-lift.test.ts) -----------------------------------

const CHANNELS = ["c1", "c2", "c3", "c4", "c5", "c6"];
const REACH = [0.6, 0.45, 0.35, 0.25, 0.15, 0.1];
/** Log-odds effects; c3 has none. */
const EFFECT = [0.3, 0.7, 0, 0.5, 1, 0.4];
const BASELINE = -2.5;

const members = (mask: number) => membersOf(mask, CHANNELS.length);
const logOdds = (mask: number) => BASELINE + members(mask).reduce((s, j) => s + (EFFECT[j] ?? 0), 0);

/** Journeys per channel set (every journey has a channel), as path rows. */
const simulate = (journeys: number, seed: number): PathRow[] => setPathRows(CHANNELS, simulateSets(REACH, logOdds, journeys, seed));

/**
 * The world's true shares of conversions: over every set S (its probability among journeys with a
 * channel), the Shapley split of v(T) = σ(η(T)) − σ(η(∅)), weighted by P(S) · P(conversion | S).
 */
function trueShares(): Map<string, number> {
  const v = (mask: number) => sigmoid(logOdds(mask)) - sigmoid(logOdds(0));
  const none = REACH.reduce((p, r) => p * (1 - r), 1);
  const total = CHANNELS.map(() => 0);
  let weight = 0;
  for (let mask = 1; mask < 1 << CHANNELS.length; mask++) {
    const p = REACH.reduce((q, r, j) => q * (mask & (1 << j) ? r : 1 - r), 1) / (1 - none);
    const shares = trueSetShares(mask, CHANNELS.length, v);
    const expected = p * sigmoid(logOdds(mask));
    shares.forEach((x, j) => (total[j] = (total[j] ?? 0) + expected * x));
    weight += expected;
  }
  return new Map(CHANNELS.map((c, j) => [c, (total[j] ?? 0) / weight]));
}

describe("lift share intervals on a planted-effect world (6 channels, 15,000 journeys)", () => {
  // Each channel with an effect: ≥ 85 % of 40 worlds (the nominal 95 % less sampling noise over 40
  // repetitions). The channel without one sits at the boundary: credits are clipped at 0, so its
  // estimate is biased upward and the percentile interval misses the truth from above more often —
  // a limit docs/attribution.md (Intervals) states; held here at ≥ 60 %.
  it("cover the true share in ≥ 85 % of 40 worlds for every channel with an effect", () => {
    const truth = trueShares();
    const covered = new Map(CHANNELS.map((c) => [c, 0]));
    const repetitions = 40;
    for (let r = 0; r < repetitions; r++) {
      const { intervals } = pathShareIntervals(simulate(15_000, 1000 + r), (rows) => runLift(rows), { replicates: 200, seed: r });
      for (const c of CHANNELS) {
        const i = intervals.get(c);
        const t = truth.get(c) ?? NaN;
        if (i && i.low <= t && t <= i.high) covered.set(c, (covered.get(c) ?? 0) + 1);
      }
    }
    const rates = CHANNELS.map((c) => (covered.get(c) ?? 0) / repetitions);
    console.log(
      `lift 95 % share intervals, coverage over ${repetitions} worlds: ${CHANNELS.map((c, j) => `${c} (true ${((truth.get(c) ?? 0) * 100).toFixed(1)} %) ${((rates[j] ?? 0) * 100).toFixed(0)} %`).join(", ")}`,
    );
    for (const [j, rate] of rates.entries()) expect(rate, CHANNELS[j]).toBeGreaterThanOrEqual(EFFECT[j] === 0 ? 0.6 : 0.85);
  }, 120_000);
});

// --- determinism --------------------------------------------------------------------------------

function intervalsOf(groups: readonly JourneyGroup[], seed: number) {
  const result = creditIntervals(groups, { fitter: liftFitter(0), minSample: 30, replicates: 60, seed, unattributed: "Unattributed" });
  return ["SMB", "Enterprise"].flatMap((s) => ["A", "B", "C", "Unattributed"].map((c) => result.of([s], c)));
}

describe("bootstrap determinism", () => {
  it("same seed, same intervals; another seed, other intervals", () => {
    expect(intervalsOf(sampleGroups(), 5)).toEqual(intervalsOf(sampleGroups(), 5));
    expect(intervalsOf(sampleGroups(), 6)).not.toEqual(intervalsOf(sampleGroups(), 5));
  });

  it("rows in any order (and split in two) give identical intervals", () => {
    const groups = sampleGroups();
    const shuffled = [...groups].reverse();
    const random = mulberry32(9);
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j] as JourneyGroup, shuffled[i] as JourneyGroup];
    }
    expect(intervalsOf(shuffled, 5)).toEqual(intervalsOf(groups, 5));
    const rows = simulate(3000, 4);
    const runs = (r: readonly PathRow[]) => pathShareIntervals(r, (x) => runLift(x), { replicates: 40, seed: 2 }).intervals;
    expect(runs([...rows].reverse())).toEqual(runs(rows));
  });

  it("draws each group's counts from its own stream: resampling one group leaves the others' draws alone", () => {
    const groups = sampleGroups();
    // every group of the smaller input draws exactly as it did among all groups
    const all = new Map(resampler(groups, 1)().map((g) => [JSON.stringify([g.segment, g.channels]), [g.conversions, g.nulls]]));
    for (const g of resampler(groups.slice(2), 1)()) {
      const key = JSON.stringify([g.segment, g.channels]);
      if (groups.slice(0, 2).some((h) => JSON.stringify([h.segment, h.channels]) === key)) continue;
      expect([g.conversions, g.nulls], key).toEqual(all.get(key));
    }
  });

  it("percentile intervals interpolate between order statistics", () => {
    const values = Array.from({ length: 41 }, (_, i) => 40 - i);
    const { low, high } = percentileInterval(values);
    expect(low).toBeCloseTo(1, 12);
    expect(high).toBeCloseTo(39, 12);
  });

  it("Markov on paths: intervals hold the groups' own pipeline", () => {
    const groups: JourneyGroup[] = sampleGroups().map((g) => ({ ...g, channels: [...g.channels].reverse() }));
    const options = { fitter: markovPathFitter(1), minSample: 30, unattributed: "Unattributed" };
    const point = groupPipeline(groups, options);
    const bootstrap = creditIntervals(groups, { ...options, replicates: 80, seed: 0 });
    for (const s of ["SMB", "Enterprise"])
      for (const c of ["A", "B", "C"]) {
        const p = point.of([s], c)?.pipeline.low ?? NaN;
        const i = bootstrap.of([s], c)?.pipeline;
        expect(i && i.low <= p && p <= i.high, `${s} ${c}: ${p} in ${JSON.stringify(i)}`).toBe(true);
      }
  });
});

// --- reports on the demo company ----------------------------------------------------------------

let ws: Workspace;
let dir: string;
let close: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  ({ ws, dir, close } = await demoWorkspace({ seed: 11, scale: 0.08 }));
});

afterAll(() => close());

const cellKey = (r: Row) => `${String(r.size ?? "")}|${String(r.channel ?? "")}|${String(r.total_of ?? "")}`;

describe("report attribution --intervals", () => {
  for (const [model, extra] of [
    ["lift", {}],
    ["shapley", {}],
    ["markov", { order: 2 }],
  ] as const) {
    it(`${model}: pipeline unchanged, every interval holds it, the note says how`, async () => {
      const plain = await runReport(ws, "attribution", { by: ["size"], model, ...extra });
      const withIntervals = await runReport(ws, "attribution", { by: ["size"], model, intervals: 60, seed: 3, ...extra });
      const pipeline = (rows: readonly Row[]) => new Map(rows.map((r) => [cellKey(r), r.pipeline]));
      expect(pipeline(withIntervals.rows)).toEqual(pipeline(plain.rows));
      expect(pipeline(withIntervals.totals)).toEqual(pipeline(plain.totals));
      for (const r of [...withIntervals.rows, ...withIntervals.totals]) {
        const p = Number(r.pipeline);
        expect(
          Number(r.pipeline_low) <= p + 0.01 && p <= Number(r.pipeline_high) + 0.01,
          `${cellKey(r)}: ${p} in [${String(r.pipeline_low)}, ${String(r.pipeline_high)}]`,
        ).toBe(true);
      }
      for (const r of withIntervals.rows) {
        const s = Number(r.share_of_segment);
        expect(Number(r.share_of_segment_low) <= s + 1e-6 && s <= Number(r.share_of_segment_high) + 1e-6, cellKey(r)).toBe(true);
      }
      const note = withIntervals.notes.find((n) => n.includes("bootstrap intervals over journeys")) ?? "";
      expect(note).toContain(`${model}`);
      expect(note).toContain("60 replicates");
      expect(note).toContain("seed 3");
      expect(plain.columns.map((c) => c.key)).not.toContain("pipeline_low");
    }, 60_000);
  }

  it("the same seed gives identical intervals", async () => {
    const once = await runReport(ws, "attribution", { by: ["size"], model: "lift", intervals: 40, seed: 8 });
    const again = await runReport(ws, "attribution", { by: ["size"], model: "lift", intervals: 40, seed: 8 });
    expect(again.rows).toEqual(once.rows);
    expect(again.totals).toEqual(once.totals);
  });

  it("recomputes the matrix's pipeline from the journeys it resamples (so the intervals vary around the report's numbers)", async () => {
    const report = await runReport(ws, "attribution", { by: ["size"], model: "lift" });
    const q: AttributionQuery = {
      dimensions: ["size"],
      window: null,
      evaluationDate: ws.dataAsOf,
      stage: "pipeline",
      lookbackDays: ws.config.attribution.lookback_days,
      precomputed: true,
    };
    const ctx = baseContext(ws);
    const names = (await ws.engine.all(compileChannelList(ctx))).map((r) => String(r.channel));
    const decode = (key: string) => names.filter((_, id) => ((BigInt(key) >> BigInt(id)) & 1n) === 1n);
    const rows = await ws.engine.all(compileJourneyGroups(ctx, q, { kind: "set", keying: "mask" }, { withoutJourney: true }));
    const groups: JourneyGroup[] = rows.map((r) => ({
      segment: [r.seg_size === null ? null : String(r.seg_size)],
      channels: r.set_key === null ? [] : decode(String(r.set_key)),
      journeys: Number(r.journeys),
      amount: Number(r.amount),
      conversions: Number(r.conversions),
      value: Number(r.value),
      nulls: Number(r.nulls),
    }));
    const point = groupPipeline(groups, { fitter: liftFitter(0), minSample: ws.config.min_sample, unattributed: "Unattributed" });
    expect(report.rows.length).toBeGreaterThan(10);
    for (const r of report.rows)
      expect(point.of([String(r.size)], String(r.channel))?.pipeline.low ?? NaN, cellKey(r)).toBeCloseTo(Number(r.pipeline), 3);

    // the fit's counts are compileSetCounts' (journeys, conversions, value, nulls per segment and set)
    const text = (rs: readonly Record<string, unknown>[]) =>
      rs
        .filter((r) => r.set_key !== null)
        .map((r) => [r.seg_size, r.set_key, r.journeys, r.conversions, r.nulls, Number(r.value).toFixed(2)].map(String).join("|"))
        .sort();
    for (const stage of ["pipeline", "revenue"] as const) {
      const s = { ...q, stage, precomputed: stage === "pipeline" };
      expect(text(await ws.engine.all(compileJourneyGroups(ctx, s, { kind: "set", keying: "mask" }))), stage).toEqual(
        text(await ws.engine.all(compileSetCounts(ctx, s, "mask"))),
      );
    }
  });
});

describe("--intervals on the CLI", () => {
  it("report attribution: JSON carries the interval columns and values", async () => {
    const got = await run(dir, "report", "attribution", "--by", "size", "--model", "lift", "--intervals", "20", "--format", "json");
    expect(got.code, got.err).toBe(0);
    const json = JSON.parse(got.out) as { columns: { key: string }[]; rows: Row[]; notes: string[] };
    const keys = json.columns.map((c) => c.key);
    for (const k of ["pipeline_low", "pipeline_high", "share_of_segment_low", "share_of_segment_high"]) expect(keys).toContain(k);
    expect(keys.indexOf("pipeline_low")).toBe(keys.indexOf("pipeline") + 1);
    expect(json.rows.every((r) => typeof r.pipeline_low === "number" && typeof r.share_of_segment_high === "number")).toBe(true);
    // every key is a reserved result name (config refuses a dimension named like one) or the dimension
    for (const r of json.rows) for (const k of Object.keys(r)) expect(k === "size" || isResultName(k), k).toBe(true);
    expect(json.notes.some((n) => n.startsWith("lift: ") && n.includes("20 replicates, seed 0"))).toBe(true);
  });

  it("report attribution: a position model is a usage error", async () => {
    for (const model of [[], ["--model", "linear"]]) {
      const got = await run(dir, "report", "attribution", ...model, "--intervals");
      expect(got.code).toBe(2);
      expect(got.err).toMatch(/^error: --model (w_shaped|linear) does not use --intervals \(markov, shapley, lift only/);
    }
    const bad = await run(dir, "report", "attribution", "--model", "lift", "--intervals", "5");
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--intervals: expected a whole number from 20 to 10000/);
  });

  it("paths: each channel's share with its interval, the same for the same seed", async () => {
    const file = path.join(dir, "tiny-paths.csv");
    await writeFile(
      file,
      [
        "path;total_conversions;total_conversion_value;total_null",
        "A > B;30;3000;70",
        "A;10;1000;190",
        "B > C;25;2500;75",
        "C;5;500;95",
        "A > C > B;12;1200;38",
      ].join("\n"),
    );
    for (const model of ["lift", "shapley", "markov"]) {
      const once = await run(dir, "paths", file, "--model", model, "--intervals", "--seed", "4", "--format", "json");
      expect(once.code, once.err).toBe(0);
      const json = JSON.parse(once.out) as { rows: Row[]; columns: { key: string }[]; params: Record<string, unknown>; notes: string[] };
      expect(json.columns.map((c) => c.key).slice(-3)).toEqual(["share", "share_low", "share_high"]);
      expect(json.params).toMatchObject({ model, intervals: 200, seed: 4 });
      expect(json.notes[0]).toMatch(new RegExp(`^${model}.*95 % bootstrap intervals over journeys.*200 replicates, seed 4`));
      const shares = json.rows.map((r) => Number(r.share));
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
      for (const r of json.rows)
        expect(Number(r.share_low) <= Number(r.share) && Number(r.share) <= Number(r.share_high), `${model} ${String(r.channel)}`).toBe(
          true,
        );
      const again = await run(dir, "paths", file, "--model", model, "--intervals", "--seed", "4", "--format", "json");
      expect(again.out).toBe(once.out);
    }
    const refused = await run(dir, "paths", file, "--model", "first_touch", "--intervals", "50");
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--model first_touch does not use --intervals/);
  });
});
