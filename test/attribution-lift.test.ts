// The `lift` model against worlds with planted effects: journeys simulated from known channel
// reach and log-odds effects, the true credit computed here from the world's parameters (Shapley
// by brute force over every ordering of each set's channels), and the fit's edge cases (separable
// data, channels everywhere or nowhere, no contrast, more than 16 channels), partial pooling, and
// one report on the demo company.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataDrivenCredits, liftFitter, type SegmentPathRow } from "../src/attribution/data-driven-credits.js";
import { liftShares, runLift } from "../src/attribution/lift-shares.js";
import { fitLift, segmentPrior, type LiftFit } from "../src/attribution/lift.js";
import type { PathRow } from "../src/attribution/paths.js";
import { mulberry32 } from "../src/attribution/prng.js";
import { runPathModel } from "../src/attribution/run-path-model.js";
import type { Row } from "../src/contract/row.js";
import { generateDemo, ingest, loadConfig, openWorkspace, type Workspace } from "../src/index.js";
import { attribution } from "../src/report/library.js";
import { members as membersOf, setPathRows, sigmoid, simulateSets, trueSetShares } from "./helpers/logistic-world.js";

// --- planted-effect worlds ----------------------------------------------------------------------

const CHANNELS = ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"];
/** Presence probability of each channel in a journey: unequal reach. */
const REACH = [0.7, 0.5, 0.35, 0.25, 0.18, 0.12, 0.08, 0.05];
/** Log-odds effects; c3 (35 % reach) has none. */
const EFFECT = [0.2, 0.6, 0, 0.4, 0.9, 0.3, 1.2, 0.5];
const ZERO_LIFT = "c3";
const BASELINE = -3;

/** The world's log-odds of conversion for a channel set given as a bitmask over CHANNELS. */
type World = (mask: number) => number;

const members = (mask: number) => membersOf(mask, CHANNELS.length);
const effectSum = (mask: number) => members(mask).reduce((s, j) => s + (EFFECT[j] ?? 0), 0);

const WORLDS: Record<"additive" | "interaction" | "saturation", World> = {
  additive: (mask) => BASELINE + effectSum(mask),
  // c2 and c4 together add 0.8 log-odds on top of their own effects.
  interaction: (mask) => BASELINE + effectSum(mask) + (mask & 0b10 && mask & 0b1000 ? 0.8 : 0),
  // Diminishing returns: with n channels present each channel's effect is divided by 1 + 0.3 (n − 1).
  saturation: (mask) => {
    const n = members(mask).length;
    return BASELINE + (n === 0 ? 0 : effectSum(mask) / (1 + 0.3 * (n - 1)));
  },
};

const simulate = (world: World, journeys: number, seed: number) => simulateSets(REACH, world, journeys, seed);
const pathRows = (counts: Map<number, [number, number]>) => setPathRows(CHANNELS, counts);

/**
 * The true credit shares: each set's Shapley split of v(T) = σ(η(T)) − σ(η(∅)) (average marginal
 * contribution over every ordering), clipped and normalised, weighted by the set's expected
 * conversions (journeys × true conversion probability).
 */
function trueShares(counts: Map<number, [number, number]>, world: World): number[] {
  const v = (mask: number) => sigmoid(world(mask)) - sigmoid(world(0));
  const total = CHANNELS.map(() => 0);
  let weight = 0;
  for (const [mask, [conversions, nulls]] of counts) {
    const shares = trueSetShares(mask, CHANNELS.length, v);
    const expected = (conversions + nulls) * sigmoid(world(mask));
    shares.forEach((p, j) => (total[j] = (total[j] ?? 0) + expected * p));
    weight += expected;
  }
  return total.map((t) => t / weight);
}

function sharesOf(results: readonly { channel: string; total_conversions: number }[]): number[] {
  const total = results.reduce((s, r) => s + r.total_conversions, 0);
  return CHANNELS.map((c) => (results.find((r) => r.channel === c)?.total_conversions ?? 0) / total);
}

const totalVariation = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, i) => s + Math.abs(x - (b[i] ?? 0)), 0) / 2;
const fmt = (xs: readonly number[]) => xs.map((x) => x.toFixed(3)).join(" ");

// --- recovery of planted effects ----------------------------------------------------------------

describe("lift recovers planted effects (8 channels, 200k journeys)", () => {
  const worlds = Object.fromEntries(
    Object.entries(WORLDS).map(([name, world], i) => {
      const counts = simulate(world, 200_000, 20250 + i);
      return [name, { counts, rows: pathRows(counts), truth: trueShares(counts, world) }];
    }),
  );
  const run = (name: string) => worlds[name] ?? { counts: new Map(), rows: [], truth: [] };

  it("additive world: within 0.05 total variation of the truth; the zero-lift channel gets ≤ 2 %", () => {
    const { rows, truth } = run("additive");
    const lift = sharesOf(runLift(rows));
    const tv = totalVariation(lift, truth);
    const shapleyShares = sharesOf(runPathModel(rows, { model: "shapley" }));
    const linearShares = sharesOf(runPathModel(rows, { model: "linear" }));
    const shapley = totalVariation(shapleyShares, truth);
    const linear = totalVariation(linearShares, truth);
    console.log(
      [
        `additive world (channels ${CHANNELS.join(" ")}; ${ZERO_LIFT} has no effect)`,
        `  truth    ${fmt(truth)}`,
        `  lift     ${fmt(lift)}`,
        `  shapley  ${fmt(shapleyShares)}`,
        `  linear   ${fmt(linearShares)}`,
        `TV from truth: lift ${tv.toFixed(4)}, shapley (rate) ${shapley.toFixed(4)}, linear ${linear.toFixed(4)}`,
      ].join("\n"),
    );
    expect(tv).toBeLessThanOrEqual(0.05);
    expect(lift[CHANNELS.indexOf(ZERO_LIFT)]).toBeLessThanOrEqual(0.02);
    // Reach-based models credit the zero-lift channel for being present: lift must beat them here.
    expect(tv).toBeLessThan(shapley);
    expect(tv).toBeLessThan(linear);
  });

  for (const name of ["interaction", "saturation"]) {
    it(`${name} world: within 0.10 total variation of the truth`, () => {
      const { rows, truth } = run(name);
      const lift = sharesOf(runLift(rows));
      const tv = totalVariation(lift, truth);
      console.log(`${name} world: TV from truth: lift ${tv.toFixed(4)}`);
      expect(tv).toBeLessThanOrEqual(0.1);
    });
  }

  it("admits the planted interaction, and recovers it", () => {
    const fit = fitLift(run("interaction").rows);
    const p = fit.design.pairs.findIndex(([a, b]) => fit.design.channels[a] === "c2" && fit.design.channels[b] === "c4");
    expect(p).toBeGreaterThanOrEqual(0);
    expect(fit.design.pairs.length).toBeLessThanOrEqual(4 * CHANNELS.length);
    expect(fit.coefficients[CHANNELS.length + p]).toBeCloseTo(0.8, 0);
    expect(fit.converged).toBe(true);
  });

  it("is deterministic: the same rows (in any order) give identical fits and credits", () => {
    const { rows } = run("additive");
    expect(runLift(rows)).toEqual(runLift(rows));
    const a = fitLift(rows);
    const b = fitLift([...rows].reverse());
    expect(Array.from(b.coefficients)).toEqual(Array.from(a.coefficients));
    expect(b.intercept).toBe(a.intercept);
  });
});

// --- credits per set ----------------------------------------------------------------------------

const NAMES = ["A", "B", "C", "D", "E"];
const randomRows = fc.array(
  fc.record({
    channels: fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 6 }),
    conversions: fc.integer({ min: 0, max: 60 }),
    value: fc.constant(0),
    nulls: fc.integer({ min: 0, max: 60 }),
  }),
  { minLength: 1, maxLength: 30 },
);
const sumOf = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe("lift credits", () => {
  it("of every set are ≥ 0 and sum to 1 (random rows, sets with channels never seen)", () => {
    fc.assert(
      fc.property(randomRows, fc.array(fc.constantFrom(...NAMES, "Z"), { minLength: 1, maxLength: 7 }), (rows, set) => {
        const { channels, shares } = liftShares(fitLift(rows))(set);
        expect(channels).toEqual([...new Set(set)].sort());
        expect(shares).not.toBeNull();
        for (const s of shares ?? []) expect(s).toBeGreaterThanOrEqual(0);
        expect(sumOf(shares ?? [])).toBeCloseTo(1, 12);
      }),
      { numRuns: 200, seed: 14 },
    );
  });

  it("of every (segment, set) sum to 1 through dataDrivenCredits, thin segments included", () => {
    fc.assert(
      fc.property(randomRows, fc.array(fc.constantFrom("x", "y"), { minLength: 30, maxLength: 30 }), (rows, segments) => {
        const segmented: SegmentPathRow[] = rows.map((r, i) => ({ ...r, segment: [segments[i] ?? "x"] }));
        const keys = new Set(segmented.map((r) => JSON.stringify([r.segment[0], [...new Set(r.channels)].sort().join("|")])));
        const sets = [...keys].map((k) => JSON.parse(k) as [string, string]).map(([segment, set]) => ({ segment: [segment], set }));
        const { credits } = dataDrivenCredits(segmented, sets, (s) => s.split("|"), liftFitter(0), 20);
        const bySet = new Map<string, number>();
        for (const c of credits) bySet.set(`${c.segment.join()}#${c.set}`, (bySet.get(`${c.segment.join()}#${c.set}`) ?? 0) + c.credit);
        for (const total of bySet.values()) expect(total).toBeCloseTo(1, 12);
      }),
      { numRuns: 100, seed: 15 },
    );
  });

  const row = (path: string, conversions: number, nulls: number): PathRow => ({
    channels: path.split(" > "),
    conversions,
    value: 0,
    nulls,
  });

  it("stay finite when a channel separates conversions from nulls", () => {
    const rows = [row("A", 40, 400), row("A > B", 30, 300), row("B", 20, 500), row("A > X", 25, 0), row("X", 10, 0)];
    const fit = fitLift(rows);
    expect(fit.converged).toBe(true);
    for (const c of fit.coefficients) expect(Number.isFinite(c)).toBe(true);
    const x = fit.coefficients[fit.design.channels.indexOf("X")] ?? 0;
    expect(x).toBeGreaterThan(2); // large — X always converts — but bounded by the prior
    const { shares } = liftShares(fit)(["A", "X"]);
    expect(sumOf(shares ?? [])).toBeCloseTo(1, 12);
    expect(shares?.[1]).toBeGreaterThan(0.5);
  });

  it("handle a channel present in every journey and a channel never seen", () => {
    const rows = [row("E > A", 50, 950), row("E > A > B", 60, 440), row("E > B", 10, 490), row("E", 5, 995)];
    const fit = fitLift(rows);
    expect(fit.converged).toBe(true);
    for (const c of fit.coefficients) expect(Number.isFinite(c)).toBe(true);
    const { channels, shares } = liftShares(fit)(["A", "E", "New"]);
    expect(channels).toEqual(["A", "E", "New"]);
    expect(shares?.[2]).toBe(0);
    expect(sumOf(shares ?? [])).toBeCloseTo(1, 12);
  });

  it("split equally when nothing can be contrasted (no non-converting journey)", () => {
    const fit = fitLift([row("A > B", 10, 0), row("B", 5, 0)]);
    expect(fit.contrast).toBe(false);
    expect(liftShares(fit)(["A", "B"]).shares).toEqual([0.5, 0.5]);
    // A set whose lift is negative everywhere is split equally too.
    const negative = fitLift([row("A", 10, 990), row("B", 100, 900), row("A > B", 5, 995)]);
    const shares = liftShares(negative)(["A"]).shares ?? [];
    expect(shares).toEqual([1]);
  });

  it("above 16 channels: seeded Monte-Carlo, reproducible, summing to 1", () => {
    const many = Array.from({ length: 18 }, (_, i) => `m${String(i).padStart(2, "0")}`);
    const random = mulberry32(3);
    const rows = Array.from({ length: 300 }, () => {
      const channels = many.filter(() => random() < 0.5);
      return {
        channels: channels.length ? channels : ["m00"],
        conversions: Math.floor(random() * 20),
        value: 1,
        nulls: Math.floor(random() * 200),
      };
    });
    rows.push({ channels: many, conversions: 30, value: 1, nulls: 100 });
    const fit = fitLift(rows);
    const a = liftShares(fit, { seed: 7, samples: 256 })(many);
    const b = liftShares(fit, { seed: 7, samples: 256 })(many);
    expect(a).toEqual(b);
    expect(sumOf(a.shares ?? [])).toBeCloseTo(1, 12);
    expect(Math.max(...a.stdErrors)).toBeGreaterThan(0);
    const results = runLift(rows, { seed: 7, samples: 64 });
    expect(sumOf(results.map((r) => r.total_conversions))).toBeCloseTo(sumOf(rows.map((r) => r.conversions)), 6);
  });
});

// --- partial pooling ----------------------------------------------------------------------------

describe("partial pooling per segment", () => {
  const reach = [0.5, 0.35, 0.25];
  const names = ["A", "B", "C"];
  function segmentRows(effects: readonly number[], journeys: number, seed: number, segment: string): SegmentPathRow[] {
    const random = mulberry32(seed);
    const counts = new Map<string, SegmentPathRow & { conversions: number; nulls: number }>();
    for (let i = 0; i < journeys; i++) {
      let present: number[] = [];
      while (present.length === 0) present = reach.flatMap((p, j) => (random() < p ? [j] : []));
      const eta = -2 + present.reduce((s, j) => s + (effects[j] ?? 0), 0);
      const key = present.join();
      const r = counts.get(key) ?? { segment: [segment], channels: present.map((j) => names[j] ?? ""), conversions: 0, value: 0, nulls: 0 };
      if (random() < sigmoid(eta)) r.conversions++;
      else r.nulls++;
      counts.set(key, r);
    }
    return [...counts.values()];
  }
  const big = segmentRows([0.3, 0.8, 0.5], 20_000, 1, "big");
  const thin = segmentRows([1.5, -0.5, 0], 60, 2, "thin");
  const thinConversions = thin.reduce((s, r) => s + r.conversions, 0);

  it("puts a thin segment's coefficients between its own unpooled fit and the pooled fit", () => {
    expect(thinConversions).toBeGreaterThan(0);
    expect(thinConversions).toBeLessThan(20);
    // Main effects only, so that every coefficient has a single own/pooled pair to lie between
    // (with interactions the coefficients move jointly and one may overshoot). The intercept is
    // free in both fits, not pooled: it adapts to the shrunk effects and is not compared.
    const design = { channels: names, pairs: [] };
    for (const seed of [2, 3, 4, 5, 6, 7, 8, 9]) {
      const segment = seed === 2 ? thin : segmentRows([1.5, -0.5, 0], 60, seed, "thin");
      const pooled = fitLift([...big, ...segment], { design });
      const own = fitLift(segment, { design });
      const shrunk: LiftFit = fitLift(segment, { design, prior: segmentPrior(pooled, 20) });
      expect(shrunk.converged).toBe(true);
      const all = (f: LiftFit) => [...f.coefficients];
      const [p, o, s] = [all(pooled), all(own), all(shrunk)];
      p.forEach((pj, j) => {
        const oj = o[j] ?? NaN;
        const sj = s[j] ?? NaN;
        expect(sj, `seed ${seed}, coefficient ${j}`).toBeGreaterThanOrEqual(Math.min(oj, pj) - 1e-9);
        expect(sj, `seed ${seed}, coefficient ${j}`).toBeLessThanOrEqual(Math.max(oj, pj) + 1e-9);
      });
    }
  });

  it("fits a thin segment with the prior instead of the pooled fit outright, and says so", () => {
    const rows = [...big, ...thin];
    const sets = rows.map((r) => ({ segment: r.segment.map(String), set: r.channels.join("|") })); // one row per (segment, set)
    const { credits, notes } = dataDrivenCredits(rows, sets, (s) => s.split("|"), liftFitter(0), 20);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^lift: 1 segment\(s\) with fewer than 20 conversions are fitted with partial pooling .*: thin\.$/);
    const creditOf = (segment: string, set: string, channel: string) =>
      credits.find((c) => c.segment[0] === segment && c.set === set && c.channel === channel)?.credit ?? NaN;
    // Shrunk, not equal to the pooled fit: the thin segment leans further towards A than the pool.
    const pooled = liftShares(fitLift(rows))(["A", "B"]).shares ?? [];
    expect(creditOf("thin", "A|B", "A")).toBeGreaterThan((pooled[0] ?? 0) + 1e-6);
    expect(creditOf("thin", "A|B", "A") + creditOf("thin", "A|B", "B")).toBeCloseTo(1, 12);
  });
});

// --- a report on the demo company ---------------------------------------------------------------

describe("report attribution --model lift on the demo company", () => {
  let ws: Workspace;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "pipeprism-lift-"));
    const demo = await generateDemo({ dir, scale: 0.15 });
    await ingest(await loadConfig(demo.files.config as string));
    ws = await openWorkspace(demo.files.config as string);
  });
  afterAll(async () => {
    await ws?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps every segment's pipeline equal to linear's (credits sum to 1 per opportunity)", async () => {
    const lift = await attribution(ws, { by: ["size"], model: "lift" });
    const linear = await attribution(ws, { by: ["size"], model: "linear" });
    expect(lift.params.model).toBe("lift");
    const bySize = (rows: readonly Row[]) => {
      const out = new Map<string, number>();
      for (const r of rows) out.set(String(r.size), (out.get(String(r.size)) ?? 0) + Number(r.pipeline ?? 0));
      return out;
    };
    const ours = bySize(lift.rows);
    const theirs = bySize(linear.rows);
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    expect(theirs.size).toBeGreaterThan(1);
    for (const [size, pipeline] of theirs) expect(Math.abs((ours.get(size) ?? 0) - pipeline), size).toBeLessThanOrEqual(1e-6 * pipeline);
    expect(lift.rows.every((r) => Number(r.pipeline ?? 0) >= 0)).toBe(true);
  });
});
