// `pipeprism validate`: the truth by hand on tiny games and worlds, the worlds' fast tables against
// their definitions, the simulation against the shape it copies, the scores recomputed from their
// shares, the SQL shape against the attribution SQL's own counts (and the recorded demo shape), the
// persisted scores and their staleness, and the CLI end to end. Expected values are computed here,
// never copied from output.
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemo } from "../src/demo/generate.js";
import { ingest } from "../src/ingest/ingest.js";
import { ingestToPostgres } from "../src/ingest/postgres-transfer.js";
import { loadConfig } from "../src/model/config.js";
import { render } from "../src/render/render.js";
import { validateResult } from "../src/report/validate.js";
import { baseContext } from "../src/report/run-query.js";
import { compileSetCounts } from "../src/sql/attribution-sql.js";
import { DEMO_SHAPE, DEMO_SHAPE_SOURCE } from "../src/validate/demo-shape.js";
import { runValidation } from "../src/validate/run-validate.js";
import { lookupValidateScores, readValidateScores, scoresPath } from "../src/validate/scores-file.js";
import type { ValidateScores } from "../src/validate/scores.js";
import { overallReach, type DataShape } from "../src/validate/shape.js";
import { journeyView, presenceScale, simulateWorld, solveBaseline, worldTruth } from "../src/validate/simulate.js";
import { clippedShares, EXACT_PLAYERS, shapleyValues, trueShares } from "../src/validate/truth.js";
import { readShape } from "../src/validate/workspace-shape.js";
import { buildWorlds, drawEffects, reachOrder, WORLD_NAMES } from "../src/validate/worlds.js";
import { hasPrecomputedJourneys, openWorkspace, type Workspace } from "../src/workspace/workspace.js";
import { describePostgres, freshSchema } from "./helpers/postgres.js";
import { run } from "./helpers/run-cli.js";

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** The demo-shape scores at 20,000 journeys, seed 1 (the CLI's --demo --journeys 20000), computed once. */
let demoScores: ValidateScores | undefined;
function scoresAt20k(): ValidateScores {
  demoScores ??= runValidation(DEMO_SHAPE, { seed: 1, journeys: 20000, config: null, source: "demo", dataAsOf: null, fingerprint: null });
  return demoScores;
}

describe("validate truth, by hand", () => {
  it("Shapley of a 2-player game: half of each marginal contribution", () => {
    // v(A) = .2, v(B) = .1, v(AB) = .5: φA = ½·.2 + ½·(.5 − .1) = .3, φB = ½·.1 + ½·(.5 − .2) = .2
    const v = [0, 0.2, 0.1, 0.5];
    const [a, b] = shapleyValues(2, (m) => v[m] ?? 0);
    expect(a).toBeCloseTo(0.3, 12);
    expect(b).toBeCloseTo(0.2, 12);
  });

  it("Shapley of a 3-player game: weights 1/3, 1/6, 1/6, 1/3", () => {
    // masks: A = 1, B = 2, C = 4
    const v: Record<number, number> = { 0: 0, 1: 0.1, 2: 0.2, 4: 0, 3: 0.4, 5: 0.1, 6: 0.3, 7: 0.6 };
    const phi = shapleyValues(3, (m) => v[m] ?? 0);
    const third = 1 / 3;
    const sixth = 1 / 6;
    const phiA = third * 0.1 + sixth * (0.4 - 0.2) + sixth * (0.1 - 0) + third * (0.6 - 0.3);
    const phiB = third * 0.2 + sixth * (0.4 - 0.1) + sixth * (0.3 - 0) + third * (0.6 - 0.1);
    const phiC = third * 0 + sixth * (0.1 - 0.1) + sixth * (0.3 - 0.2) + third * (0.6 - 0.4);
    expect(phi[0]).toBeCloseTo(phiA, 12); // 0.18333…
    expect(phi[1]).toBeCloseTo(phiB, 12); // 0.33333…
    expect(phi[2]).toBeCloseTo(phiC, 12); // 0.08333…
    expect(phiA + phiB + phiC).toBeCloseTo(0.6, 12); // efficiency: the values add up to v(ABC)
  });

  it("negative values are clipped before normalising; no lift at all is no split", () => {
    const shares = clippedShares([0.3, -0.1, 0.1]) ?? [];
    [0.75, 0, 0.25].forEach((x, i) => expect(shares[i]).toBeCloseTo(x, 12));
    expect(clippedShares([0, -0.2])).toBeNull();
  });

  it("true shares over two converting journeys of a logistic world", () => {
    // b0 = 0 (P(no touch) = ½), βA = βC = ln 3, βB = 0.
    const beta = [Math.log(3), 0, Math.log(3)];
    const journey = (channels: number[]) => ({
      channels,
      probability: (mask: number) => sigmoid(channels.reduce((s, c, i) => s + (mask & (1 << i) ? (beta[c] ?? 0) : 0), 0)),
    });
    // Journey {A, B}: v(A) = .75 − .5 = .25, v(B) = 0, v(AB) = .25 → A gets all of it.
    // Journey {A, C}: v(A) = v(C) = .25, v(AC) = σ(ln 9) − .5 = .4 → ½ each.
    // Journey {B}: no lift, not counted. Totals A 1.5, B 0, C .5 → .75, 0, .25.
    const shares = trueShares(3, [journey([0, 1]), journey([0, 2]), journey([1])]);
    expect(shares[0]).toBeCloseTo(0.75, 12);
    expect(shares[1]).toBe(0);
    expect(shares[2]).toBeCloseTo(0.25, 12);
  });

  it("above the exact limit, sampled orderings are exact on an additive game", () => {
    const k = EXACT_PLAYERS + 2;
    const w = Array.from({ length: k }, (_, i) => (i + 1) / 100);
    const phi = shapleyValues(k, (m) => w.reduce((s, x, i) => s + (m & (1 << i) ? x : 0), 0), 7);
    phi.forEach((p, i) => expect(p).toBeCloseTo(w[i] ?? 0, 12));
  });
});

const TINY: DataShape = {
  dimension: null,
  channels: ["A", "B", "C"],
  segments: [{ name: "all", journeys: 1000, conversions: 300, reach: [800, 500, 400] }],
  lengths: [
    { distinct: 1, touches: 2, journeys: 10 },
    { distinct: 2, touches: 3, journeys: 10 },
    { distinct: 3, touches: 5, journeys: 10 },
  ],
};

describe("validate worlds", () => {
  const effects = drawEffects(TINY, 3);
  const worlds = buildWorlds(TINY, effects);

  it("the most-reached channel has no effect; the others do", () => {
    expect(effects.noLift).toBe(0); // A reaches 80%
    expect(effects.beta[0]).toBe(0);
    expect(effects.beta[1]).toBeGreaterThan(0);
    expect(effects.beta[2]).toBeGreaterThan(0);
    expect(reachOrder(TINY)).toEqual([0, 1, 2]);
    expect(worlds.map((w) => w.name)).toEqual([...WORLD_NAMES]);
  });

  it("each world's table of every mask equals its definition mask by mask", () => {
    for (const latent of [0, 1]) {
      const j = journeyView([2, 0, 2, 1, 0], latent); // distinct C, A, B in order of first touch
      expect(j.distinct).toEqual([2, 0, 1]);
      expect(j.counts).toEqual([2, 2, 1]);
      for (const world of worlds) {
        const table = world.liftTable(j);
        for (let m = 0; m < 8; m++) expect(table[m]).toBeCloseTo(world.lift(j, m), 12);
      }
    }
  });

  it("the additive world's truth of one journey is Shapley by hand", () => {
    const [, bB, bC] = effects.beta;
    const b0 = -1;
    const j = journeyView([1, 2], 0);
    const additive = worlds[0];
    if (!additive || bB === undefined || bC === undefined) throw new Error("no additive world");
    const p = (x: number) => sigmoid(b0 + x);
    const vB = p(bB) - p(0);
    const vC = p(bC) - p(0);
    const vBC = p(bB + bC) - p(0);
    const phiB = vB / 2 + (vBC - vC) / 2;
    const phiC = vC / 2 + (vBC - vB) / 2;
    const shares = trueShares(3, [{ channels: j.distinct, probability: (m) => p(additive.lift(j, m)) }]);
    expect(shares[1]).toBeCloseTo(phiB / (phiB + phiC), 12);
    expect(shares[2]).toBeCloseTo(phiC / (phiB + phiC), 12);
  });

  it("presence probabilities keep every channel's reach", () => {
    const r = [0.8, 0.5, 0.4];
    const l = presenceScale(r);
    const none = r.reduce((p, x) => p * (1 - l * x), 1);
    r.forEach((x) => expect(l * x + (none * x) / (0.8 + 0.5 + 0.4)).toBeCloseTo(x, 9));
  });

  it("the baseline makes the segment convert at its rate", () => {
    const lifts = [0, 0.5, 2, -1];
    const b = solveBaseline(lifts, 0.3);
    expect(lifts.reduce((s, x) => s + sigmoid(b + x), 0) / lifts.length).toBeCloseTo(0.3, 10);
  });

  it("simulated journeys have the shape's reach and rate; the targeted channel's truth is 0", () => {
    const additive = simulateWorld(DEMO_SHAPE, buildWorlds(DEMO_SHAPE, drawEffects(DEMO_SHAPE, 1))[0]!, 20000, 1);
    const reach = overallReach(DEMO_SHAPE);
    DEMO_SHAPE.channels.forEach((_, c) => {
      const seen = additive.journeys.filter((j) => j.distinct.includes(c)).length / additive.journeys.length;
      expect(Math.abs(seen - (reach[c] ?? 0))).toBeLessThan(0.02);
    });
    const rate = DEMO_SHAPE.segments.reduce((s, g) => s + g.conversions, 0) / DEMO_SHAPE.segments.reduce((s, g) => s + g.journeys, 0);
    expect(Math.abs(additive.journeys.filter((j) => j.converted).length / 20000 - rate)).toBeLessThan(0.01);
    const confoundedWorld = buildWorlds(DEMO_SHAPE, drawEffects(DEMO_SHAPE, 1))[4]!;
    const targeted = confoundedWorld.targeted ?? -1;
    const sim = simulateWorld(DEMO_SHAPE, confoundedWorld, 5000, 1);
    expect(worldTruth(sim, DEMO_SHAPE.channels.length)[targeted]).toBe(0);
    // ...and it is present far more often in accounts in market.
    const share = (latent: number) => {
      const group = sim.journeys.filter((j) => j.latent === latent);
      return group.filter((j) => j.distinct.includes(targeted)).length / group.length;
    };
    expect(share(1)).toBeGreaterThan(share(0) + 0.3);
  });
});

describe("validate scores on the demo shape", () => {
  let scores: ValidateScores;
  beforeAll(() => {
    scores = scoresAt20k();
  });

  it("TV distance, max error, ranks and the recommendation follow from the shares and the truth", () => {
    for (const world of scores.worlds) {
      const ranked = scores.scores.filter((s) => s.world === world.world);
      expect(ranked.length).toBeGreaterThanOrEqual(12);
      for (const s of ranked) {
        const errors = Object.entries(world.truth).map(([c, t]) => Math.abs((s.shares[c] ?? 0) - t));
        expect(s.tv_distance).toBeCloseTo(errors.reduce((a, b) => a + b, 0) / 2, 4);
        expect(s.max_channel_error).toBeCloseTo(Math.max(...errors), 4);
      }
      expect(ranked.map((s) => s.rank)).toEqual(ranked.map((_, i) => i + 1));
      expect(ranked.map((s) => s.best)).toEqual(ranked.map((_, i) => i === 0));
      expect([...ranked].sort((a, b) => a.tv_distance - b.tv_distance).map((s) => s.tv_distance)).toEqual(ranked.map((s) => s.tv_distance));
    }
    const means = new Map<string, number[]>();
    for (const s of scores.scores) if (s.world !== "confounded") means.set(s.model, [...(means.get(s.model) ?? []), s.tv_distance]);
    const best = [...means].map(([m, v]) => [m, v.reduce((a, b) => a + b, 0) / v.length] as const).sort((a, b) => a[1] - b[1])[0];
    expect(scores.recommendation.model).toBe(best?.[0]);
    expect(scores.recommendation.mean_tv).toBeCloseTo(best?.[1] ?? -1, 5);
  });

  it("every registry model is scored, markov at orders 1 and 3", () => {
    const models = new Set(scores.scores.map((s) => s.model));
    for (const m of ["first_touch", "last_touch", "linear", "time_decay", "u_shaped", "w_shaped", "markov", "markov_order3", "shapley"])
      expect(models.has(m)).toBe(true);
  });

  it("additive world: linear credits reach and is further from the truth than the best model", () => {
    const additive = scores.worlds.find((w) => w.world === "additive");
    const ranked = scores.scores.filter((s) => s.world === "additive");
    const linear = ranked.find((s) => s.model === "linear");
    const best = ranked[0];
    if (!additive || !linear || !best) throw new Error("missing additive scores");
    expect(best.model).not.toBe("linear");
    expect(linear.tv_distance).toBeGreaterThan(best.tv_distance + 0.05);
    // The most-reached channel has no lift: truth 0, linear gives it about its share of touches.
    expect(additive.truth[additive.no_lift]).toBe(0);
    expect(linear.shares[additive.no_lift]).toBeGreaterThan(0.05);
  });

  it("confounded world: the targeted channel's truth is 0, every model credits it, the note names an experiment", () => {
    const confounded = scores.worlds.find((w) => w.world === "confounded");
    const targeted = confounded?.targeted;
    if (!confounded || !targeted) throw new Error("no targeted channel");
    expect(confounded.truth[targeted]).toBe(0);
    for (const s of scores.scores.filter((x) => x.world === "confounded")) expect(s.shares[targeted]).toBeGreaterThan(0.01);
    const note = validateResult(scores).notes.find((n) => n.startsWith("confounded:"));
    expect(note).toMatch(/no model on observational data recovers lift/);
    expect(note).toMatch(/account-level holdout/);
    expect(note).toMatch(/geo split/);
    expect(note).toMatch(/randomised campaign/);
    expect(note).toContain(targeted);
  });

  it("one note per world, a recommendation naming the lowest mean TV", () => {
    const notes = validateResult(scores).notes;
    for (const w of WORLD_NAMES) expect(notes.filter((n) => n.startsWith(`${w}:`))).toHaveLength(1);
    expect(notes.find((n) => n.startsWith("recommendation:"))).toContain(`${scores.recommendation.model} —`);
  });

  it("same seed, same JSON; another seed, other numbers", () => {
    const again = (seed: number) =>
      runValidation(DEMO_SHAPE, { seed, journeys: 3000, config: null, source: "demo", dataAsOf: null, fingerprint: null });
    expect(JSON.stringify(again(5))).toBe(JSON.stringify(again(5)));
    expect(JSON.stringify(again(6).scores)).not.toBe(JSON.stringify(again(5).scores));
  });
});

describe("pipeprism validate --demo", () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await mkdtemp(path.join(os.tmpdir(), "pipeprism-validate-"));
  });
  afterAll(async () => {
    await rm(cwd, { recursive: true, force: true });
  });

  it("prints every world, its notes, and the same JSON as the library", async () => {
    const table = await run(cwd, "validate", "--demo", "--journeys", "20000");
    expect(table.code).toBe(0);
    expect(table.out.split("\n")[0]).toMatch(/^world\s+model\s+TV distance\s+max channel error/);
    for (const w of WORLD_NAMES) {
      expect(table.out).toMatch(new RegExp(`^${w}\\s`, "m"));
      expect(table.err).toContain(`note: ${w}:`);
    }
    expect(table.err).toContain("note: recommendation:");

    const json = await run(cwd, "validate", "--demo", "--journeys", "20000", "--format", "json");
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.out);
    expect(parsed.report).toBe("validate");
    expect(parsed.params).toMatchObject({ source: "demo", seed: 1, journeys: 20000, dimension: "size" });
    expect(json.out).toBe(render(validateResult(scoresAt20k()), "json"));
    expect(new Set(parsed.rows.map((r: { world: string }) => r.world))).toEqual(new Set(WORLD_NAMES));
  });

  it("renders md and csv", async () => {
    const md = await run(cwd, "validate", "--demo", "--journeys", "1000", "--format", "md");
    expect(md.code).toBe(0);
    const lines = md.out.split("\n");
    expect(lines[0]).toBe("| world | model | TV distance | max channel error | worst channel | rank | best |");
    expect(md.out).toMatch(/^- confounded: no model on observational data recovers lift/m);
    const csv = await run(cwd, "validate", "--demo", "--journeys", "1000", "--format", "csv");
    expect(csv.code).toBe(0);
    const rows = csv.out.trim().split("\n");
    expect(rows[0]).toBe("world,model,tv_distance,max_channel_error,worst_channel,rank,best");
    const first = rows[1]?.split(",") ?? [];
    expect(first[5]).toBe("1");
    expect(first[6]).toBe("true");
    expect(rows.filter((r) => r.startsWith("confounded,")).length).toBeGreaterThanOrEqual(12);
  });

  it("refuses bad flags with exit 2", async () => {
    expect((await run(cwd, "validate", "--demo", "--journeys", "10")).code).toBe(2);
    expect((await run(cwd, "validate", "--demo", "--seed", "x")).code).toBe(2);
    expect((await run(cwd, "validate", "--demo", "--by", "region")).err).toContain("the built-in demo shape is by size");
    expect((await run(cwd, "validate", "--demo", "--config", "x.yaml")).code).toBe(2);
    const help = await run(cwd, "validate", "--help");
    expect(help.out).toContain("--journeys <n>");
    expect(help.out).toContain("confounded");
  });
});

describe("pipeprism validate on a workspace", () => {
  let dir: string;
  let ws: Workspace;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "pipeprism-validate-ws-"));
    await generateDemo({ dir, seed: DEMO_SHAPE_SOURCE.seed, scale: DEMO_SHAPE_SOURCE.scale });
    await ingest(await loadConfig(path.join(dir, "pipeprism.yaml")));
    ws = await openWorkspace(path.join(dir, "pipeprism.yaml"));
  });
  afterAll(async () => {
    await ws?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("the SQL shape agrees with the journeys per channel set the attribution SQL counts", async () => {
    const shape = await readShape(ws, "size");
    const q = {
      dimensions: ["size"],
      window: null,
      evaluationDate: ws.dataAsOf,
      stage: "pipeline" as const,
      lookbackDays: ws.config.attribution.lookback_days,
      precomputed: hasPrecomputedJourneys(ws),
    };
    const channels = (await ws.engine.all("SELECT channel, channel_id FROM journey_channels ORDER BY channel_id")).map((r) =>
      String(r.channel),
    );
    const sets = await ws.engine.all(compileSetCounts(baseContext(ws), q, "mask"));
    for (const segment of shape.segments) {
      const rows = sets.filter((r) => r.seg_size === segment.name);
      const conversions = rows.reduce((s, r) => s + Number(r.conversions), 0);
      const nulls = rows.reduce((s, r) => s + Number(r.nulls), 0);
      expect(segment.conversions).toBe(conversions);
      expect(segment.journeys).toBe(conversions + nulls);
      shape.channels.forEach((channel, i) => {
        const id = BigInt(channels.indexOf(channel));
        const reach = rows
          .filter((r) => (BigInt(String(r.set_key)) >> id) & 1n)
          .reduce((s, r) => s + Number(r.conversions) + Number(r.nulls), 0);
        expect(segment.reach[i]).toBe(reach);
      });
    }
    expect(shape.lengths.reduce((s, l) => s + l.journeys, 0)).toBe(shape.segments.reduce((s, g) => s + g.journeys, 0));
    for (const l of shape.lengths) expect(l.touches).toBeGreaterThanOrEqual(Math.min(l.distinct, 20));
  });

  it("without a dimension, one segment holding every journey", async () => {
    const all = await readShape(ws, null);
    expect(all.segments.map((g) => g.name)).toEqual(["all"]);
    const sum = (f: (g: DataShape["segments"][number]) => number) => DEMO_SHAPE.segments.reduce((s, g) => s + f(g), 0);
    expect(all.segments[0]?.journeys).toBe(sum((g) => g.journeys));
    expect(all.segments[0]?.conversions).toBe(sum((g) => g.conversions));
    expect(all.lengths).toEqual(DEMO_SHAPE.lengths);
  });

  it("the recorded demo shape is still what the demo gives (re-record src/validate/demo-shape.ts if not)", async () => {
    expect(await readShape(ws, "size")).toEqual(DEMO_SHAPE);
  });

  it("writes validate.json; report models shows each model's score and the recommendation until the workspace changes", async () => {
    const file = scoresPath(ws);
    expect((await lookupValidateScores(ws)).status).toBe("absent");
    const before = await run(dir, "report", "models", "--format", "json");
    expect(JSON.parse(before.out).params.validate).toEqual({ status: "absent", file });
    expect(before.err).toContain("note: no validate scores yet: run `pipeprism validate`");

    const result = await run(dir, "validate", "--journeys", "1000", "--seed", "3", "--format", "json");
    expect(result.code).toBe(0);
    expect(result.err).toContain(`scores saved to ${file}`);
    const parsed = JSON.parse(result.out);
    expect(parsed.params).toMatchObject({ source: "workspace", seed: 3, journeys: 1000, dimension: "size", data_as_of: ws.dataAsOf });
    const saved = await readValidateScores(ws);
    expect(saved).toMatchObject({ seed: 3, journeys: 1000, data_as_of: ws.dataAsOf, source: "workspace" });
    expect(saved?.scores.map((s) => [s.world, s.model, s.tv_distance])).toEqual(
      parsed.rows.map((r: { world: string; model: string; tv_distance: number }) => [r.world, r.model, r.tv_distance]),
    );
    expect(JSON.parse(await readFile(file, "utf8")).fingerprint).toMatch(/^[0-9a-f]{16}$/);

    // Each model's score, recomputed from validate's own rows: the mean TV over the worlds but confounded.
    const rows: { world: string; model: string; tv_distance: number }[] = parsed.rows;
    const expected = new Map<string, number[]>();
    for (const r of rows) if (r.world !== "confounded") expected.set(r.model, [...(expected.get(r.model) ?? []), r.tv_distance]);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const best = [...expected].sort((a, b) => mean(a[1]) - mean(b[1]))[0]?.[0];
    const models = await run(dir, "report", "models", "--format", "json");
    expect(models.code).toBe(0);
    const shown = JSON.parse(models.out).params.validate;
    expect(shown).toMatchObject({ status: "current", file, seed: 3, journeys: 1000, recommended: best });
    expect(Object.keys(shown.mean_tv).sort()).toEqual([...expected.keys()].sort());
    for (const [model, tvs] of expected) expect(shown.mean_tv[model]).toBeCloseTo(mean(tvs), 5);
    for (const model of JSON.parse(models.out).params.models) expect(models.err).toMatch(new RegExp(`[:·] ${model} \\d\\.\\d{3}`));
    expect(models.err).toContain(`note: pipeprism recommends ${best}: `);

    // A re-ingest replaces the workspace file: the scores are then stale, and report models says so.
    const workspace = path.join(dir, ".pipeprism", "pipeprism.duckdb");
    const { mtime } = await stat(workspace);
    await utimes(workspace, mtime, new Date(mtime.getTime() + 60_000));
    expect(await readValidateScores(ws)).toBeNull();
    expect((await lookupValidateScores(ws)).status).toBe("stale");
    const stale = await run(dir, "report", "models", "--format", "json");
    expect(JSON.parse(stale.out).params.validate).toMatchObject({ status: "stale", file });
    expect(stale.err).toContain("validate scores not shown:");
    expect(stale.err).not.toContain("pipeprism recommends");
    await writeFile(file, "{ half");
    expect(await lookupValidateScores(ws)).toMatchObject({ status: "unreadable" });
    expect((await run(dir, "validate", "--by", "planet")).err).toContain('--by: unknown dimension "planet"');
  });
});

describePostgres("validate shape on PostgreSQL", (url) => {
  it("reads the same shape as DuckDB", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "pipeprism-validate-pg-"));
    const pg = await freshSchema(url, "pp_validate");
    try {
      await generateDemo({ dir, seed: 5, scale: 0.2 });
      const loaded = await loadConfig(path.join(dir, "pipeprism.yaml"));
      await ingest(loaded);
      await ingestToPostgres(loaded, pg.url);
      for (const by of ["size", "motion"]) {
        const duck = await openWorkspace(loaded);
        const post = await openWorkspace(loaded, { engine: pg.url });
        try {
          expect(await readShape(post, by)).toEqual(await readShape(duck, by));
        } finally {
          await duck.close();
          await post.close();
        }
      }
    } finally {
      await pg.drop();
      await rm(dir, { recursive: true, force: true });
    }
  });
});
