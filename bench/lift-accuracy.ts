// `npx tsx bench/lift-accuracy.ts [--journeys 200000] [--fit-journeys 1000000] [--demo DIR] [--workspace DIR …] [--runs 3]`
//
// Issue #14's targets for the `lift` model, measured:
//  1. Accuracy on planted-effect worlds: the 8-channel worlds of test/attribution-lift.test.ts
//     (unequal reach, one channel with no effect; additive, interaction, saturation), 200k journeys,
//     against the true shares computed from the world's parameters alone (the Shapley split of the
//     true lift σ(η(T)) − σ(η(∅)) by brute force over every ordering, test/helpers/logistic-world.ts,
//     weighted by expected conversions) — and on validate's worlds (src/validate) with the demo's
//     shape, whose truth is each journey's exact Shapley split of its true lift (src/validate/truth.ts).
//  2. Fit time: fitLift on 1M simulated journeys (in this process, before anything else runs, so
//     the JIT is cold), and on workspaces (the demo, and any --workspace such as the 1m tier) in a
//     fresh child per run (bench/step.ts `lift-fit`: the set-count SQL and the fit timed apart) beside
//     the whole `report attribution --by size --model lift` (bench/step.ts `attribution`).
// Seeded: the same flags give the same journeys, truths and shares; only the times vary.
// Prints markdown tables on stdout as it goes.
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { dataDrivenCredits, liftFitter, type SegmentPathRow, type SetCreditRow } from "../src/attribution/data-driven-credits.js";
import { runLift } from "../src/attribution/lift-shares.js";
import { fitLift } from "../src/attribution/lift.js";
import type { PathRow } from "../src/attribution/paths.js";
import { runPathModel } from "../src/attribution/run-path-model.js";
import type { Row } from "../src/contract/row.js";
import { generateDemo } from "../src/demo/generate.js";
import { ingest } from "../src/ingest/ingest.js";
import { loadConfig } from "../src/model/config.js";
import { creditSource, compileCreditInputs, setDecoder, shapleyRows } from "../src/report/attribution-credits.js";
import { planAttribution } from "../src/report/attribution.js";
import { baseContext, runQuery } from "../src/report/run-query.js";
import { segColumn } from "../src/sql/opportunity-base-sql.js";
import { DEMO_SHAPE } from "../src/validate/demo-shape.js";
import { distance } from "../src/validate/score.js";
import { simulateWorld, toPathRows, worldTruth } from "../src/validate/simulate.js";
import { buildWorlds, drawEffects } from "../src/validate/worlds.js";
import { openWorkspace, type Workspace } from "../src/workspace/workspace.js";
import { members, setPathRows, sigmoid, simulateSets, trueSetShares } from "../test/helpers/logistic-world.js";
import { describeMachine } from "./machine.js";
import { runStep, type StepMeasurement } from "./spawn-step.js";

// --- the lift fit as a report makes it (used by the bench step `lift-fit` too) -------------------

export interface LiftFitTiming {
  /** Planning (channel count) and the two input queries: channels, journeys per (segment, channel set). */
  readonly sqlS: number;
  /** dataDrivenCredits with the lift fitter: the pooled fit, each segment's fit under its prior, every set's shares. */
  readonly fitS: number;
  readonly journeys: number;
  readonly sets: number;
  readonly credits: number;
  readonly result: readonly SetCreditRow[];
}

/**
 * `report attribution --by size --model lift` up to its credits, with the SQL and the fit timed
 * apart: the same queries and the same fit as src/report/attribution-credits.ts `creditSource`
 * (with creditSource's set decoding and row mapping; main() checks the credits equal creditSource's).
 */
export async function timeLiftFit(ws: Workspace): Promise<LiftFitTiming> {
  const started = performance.now();
  const plan = (await planAttribution(ws, { by: ["size"], model: "lift" })).credits;
  const [channelQuery, setQuery] = compileCreditInputs(plan, baseContext(ws));
  if (!channelQuery || !setQuery) throw new Error("lift compiles its input queries");
  const channels = await runQuery(ws, channelQuery);
  const setRows = await runQuery(ws, setQuery);
  const sqlS = (performance.now() - started) / 1000;

  const fitStarted = performance.now();
  const decode = setDecoder(plan.journeys.keying, channels);
  const dims = plan.query.dimensions;
  const segmentOf = (r: Row) => dims.map((d) => (r[segColumn(d)] === null ? null : String(r[segColumn(d)])));
  const sets = setRows
    .filter((r) => Number(r.journeys) > 0)
    .map((r) => ({ segment: segmentOf(r).map((v) => v ?? ""), set: String(r.set_key) }));
  const rows: SegmentPathRow[] = shapleyRows(setRows, segmentOf, decode);
  const { credits } = dataDrivenCredits(rows, sets, decode, liftFitter(plan.settings.seed), plan.minSample);
  const fitS = (performance.now() - fitStarted) / 1000;
  const journeys = rows.reduce((s, r) => s + r.conversions + r.nulls, 0);
  return { sqlS, fitS, journeys, sets: sets.length, credits: credits.length, result: credits };
}

// --- planted-effect worlds (test/attribution-lift.test.ts) ----------------------------------------

const CHANNELS = ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"];
/** Presence probability of each channel in a journey: unequal reach. */
const REACH = [0.7, 0.5, 0.35, 0.25, 0.18, 0.12, 0.08, 0.05];
/** Log-odds effects; c3 (35 % reach) has none. */
const EFFECT = [0.2, 0.6, 0, 0.4, 0.9, 0.3, 1.2, 0.5];
const ZERO_LIFT = CHANNELS.indexOf("c3");
const BASELINE = -3;
/** The test's seeds: world i is simulated with 20250 + i, so these numbers are the test's. */
const SEED = 20250;

type LogOdds = (mask: number) => number;
const effectSum = (mask: number) => members(mask, CHANNELS.length).reduce((s, j) => s + (EFFECT[j] ?? 0), 0);
const PLANTED: readonly { name: string; world: LogOdds; description: string }[] = [
  { name: "additive", world: (mask) => BASELINE + effectSum(mask), description: "log-odds add one effect per channel" },
  {
    name: "interaction",
    world: (mask) => BASELINE + effectSum(mask) + (mask & 0b10 && mask & 0b1000 ? 0.8 : 0),
    description: "additive + 0.8 when c2 and c4 are both present",
  },
  {
    name: "saturation",
    world: (mask) => {
      const n = members(mask, CHANNELS.length).length;
      return BASELINE + (n === 0 ? 0 : effectSum(mask) / (1 + 0.3 * (n - 1)));
    },
    description: "effects divided by 1 + 0.3 (n − 1) with n channels present",
  },
];

/** Each set's brute-force Shapley split of the true lift, weighted by the set's expected conversions. */
function plantedTruth(counts: ReadonlyMap<number, [number, number]>, world: LogOdds): number[] {
  const v = (mask: number) => sigmoid(world(mask)) - sigmoid(world(0));
  const total = CHANNELS.map(() => 0);
  let weight = 0;
  for (const [mask, [conversions, nulls]] of counts) {
    const expected = (conversions + nulls) * sigmoid(world(mask));
    trueSetShares(mask, CHANNELS.length, v).forEach((p, j) => (total[j] = (total[j] ?? 0) + expected * p));
    weight += expected;
  }
  return total.map((t) => t / weight);
}

function sharesOf(results: readonly { channel: string; total_conversions: number }[], channels: readonly string[]): number[] {
  const byChannel = new Map(results.map((r) => [r.channel, Math.max(0, r.total_conversions)]));
  const credited = channels.map((c) => byChannel.get(c) ?? 0);
  const total = credited.reduce((s, x) => s + x, 0);
  return credited.map((x) => (total > 0 ? x / total : 0));
}

function timed<T>(work: () => T): [T, number] {
  const started = performance.now();
  const value = work();
  return [value, (performance.now() - started) / 1000];
}

// --- the script -----------------------------------------------------------------------------------

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const f3 = (x: number) => x.toFixed(3);
const f4 = (x: number) => x.toFixed(4);
const secs = (x: number) => x.toFixed(3);
const verdict = (ok: boolean) => (ok ? "met" : "**not met**");

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? NaN) + (s[mid] ?? NaN)) / 2;
}

/** The demo (`pipeprism demo`: seed 42, scale 1), generated and ingested into `dir` when it is not there yet. */
async function ensureDemo(dir: string): Promise<void> {
  if (existsSync(path.join(dir, ".pipeprism", "pipeprism.duckdb"))) return;
  process.stderr.write(`lift-accuracy: generating and ingesting the demo into ${dir}\n`);
  const demo = await generateDemo({ dir });
  await ingest(await loadConfig(String(demo.files.config)));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      journeys: { type: "string", default: "200000" },
      "fit-journeys": { type: "string", default: "1000000" },
      demo: { type: "string", default: "bench/out/data/demo" },
      workspace: { type: "string", multiple: true, default: [] },
      runs: { type: "string", default: "3" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      "npx tsx bench/lift-accuracy.ts [--journeys 200000] [--fit-journeys 1000000] [--demo bench/out/data/demo] [--workspace DIR …] [--runs 3]\n" +
        "  --workspace: an ingested tier (e.g. bench/out/data/1m from `npm run bench -- --tiers 1m --steps ingest`) to time the fit on\n",
    );
    return;
  }
  const journeys = Number(values.journeys);
  const fitJourneys = Number(values["fit-journeys"]);
  const runs = Number(values.runs);
  const machine = await describeMachine();
  const log = (line = "") => process.stdout.write(`${line}\n`);

  // Fit time on simulated journeys first, while the JIT is cold.
  const fitCounts = simulateSets(REACH, PLANTED[0]?.world ?? (() => 0), fitJourneys, SEED + 100);
  const fitRows = setPathRows(CHANNELS, fitCounts);
  const [, coldFitS] = timed(() => fitLift(fitRows));
  const [, coldRunS] = timed(() => runLift(fitRows));
  const additiveWorld = buildWorlds(DEMO_SHAPE, drawEffects(DEMO_SHAPE, 1)).find((w) => w.name === "additive");
  if (!additiveWorld) throw new Error("validate has an additive world");
  const validatePaths = toPathRows(simulateWorld(DEMO_SHAPE, additiveWorld, fitJourneys, 1), DEMO_SHAPE.channels);
  const [, pathFitS] = timed(() => fitLift(validatePaths));
  const [, pathRunS] = timed(() => runLift(validatePaths));

  log("## Machine");
  log();
  log(`- CPU: ${machine.cpu}, ${machine.cores} cores; memory ${machine.memoryGiB} GiB`);
  log(`- Node ${machine.node}, DuckDB ${machine.duckdb}, ${machine.os}`);
  log(`- Date ${machine.date}; git ${machine.commit}`);
  log(`- Load average at start (1/5/15 min): ${machine.loadAverage}`);
  log();

  // 1. Accuracy on the planted 8-channel worlds.
  log(`## Accuracy: planted 8-channel worlds, ${journeys.toLocaleString("en-US")} journeys each`);
  log();
  log(
    `Reach ${REACH.join(", ")}; effects (log-odds) ${EFFECT.join(", ")}; baseline ${BASELINE}; c3 has no effect. Seeds ${SEED} + world index.`,
  );
  log();
  log(
    "| world | truth c1…c8 | lift c1…c8 | lift TV | shapley TV | linear TV | markov TV | c3 lift share (truth) | fit s | fit + shares s |",
  );
  log("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
  const planted: Record<string, { tv: number; zero: number }> = {};
  PLANTED.forEach(({ name, world }, i) => {
    const counts = simulateSets(REACH, world, journeys, SEED + i);
    const rows: PathRow[] = setPathRows(CHANNELS, counts);
    const truth = plantedTruth(counts, world);
    const [, fitS] = timed(() => fitLift(rows));
    const [results, runS] = timed(() => runLift(rows));
    const lift = sharesOf(results, CHANNELS);
    const tvOf = (model: string) => distance(sharesOf(runPathModel(rows, { model }), CHANNELS), truth).tv;
    const tv = distance(lift, truth).tv;
    planted[name] = { tv, zero: lift[ZERO_LIFT] ?? NaN };
    log(
      `| ${name} | ${truth.map(f3).join(" ")} | ${lift.map(f3).join(" ")} | ${f4(tv)} | ${f4(tvOf("shapley"))} | ${f4(tvOf("linear"))} | ${f4(tvOf("markov"))} | ${pct(lift[ZERO_LIFT] ?? NaN)} (${pct(truth[ZERO_LIFT] ?? NaN)}) | ${secs(fitS)} | ${secs(runS)} |`,
    );
  });
  log();

  // 2. Accuracy on validate's worlds, demo shape.
  const effects = drawEffects(DEMO_SHAPE, 1);
  const noLift = DEMO_SHAPE.channels[effects.noLift] ?? "";
  log(
    `## Accuracy: validate's worlds on the demo's shape (${DEMO_SHAPE.channels.length} channels), ${journeys.toLocaleString("en-US")} journeys, seed 1`,
  );
  log();
  log(
    `No-lift channel: ${noLift} (the most reached). Truth: each converting journey's exact Shapley split of its true lift (src/validate/truth.ts).`,
  );
  log();
  log(`| world | lift TV | shapley TV | linear TV | markov TV | ${noLift} lift share (truth) | distinct paths |`);
  log("|---|---:|---:|---:|---:|---:|---:|");
  const validateTv: Record<string, number> = {};
  for (const world of buildWorlds(DEMO_SHAPE, effects)) {
    const sim = simulateWorld(DEMO_SHAPE, world, journeys, 1);
    const truth = worldTruth(sim, DEMO_SHAPE.channels.length);
    const rows = toPathRows(sim, DEMO_SHAPE.channels);
    const lift = sharesOf(runLift(rows), DEMO_SHAPE.channels);
    const tvOf = (model: string) => distance(sharesOf(runPathModel(rows, { model }), DEMO_SHAPE.channels), truth).tv;
    const tv = distance(lift, truth).tv;
    validateTv[world.name] = tv;
    log(
      `| ${world.name} | ${f4(tv)} | ${f4(tvOf("shapley"))} | ${f4(tvOf("linear"))} | ${f4(tvOf("markov"))} | ${pct(lift[effects.noLift] ?? NaN)} (${pct(truth[effects.noLift] ?? NaN)}) | ${rows.length.toLocaleString("en-US")} |`,
    );
  }
  log();

  // 3. Fit time.
  log("## Fit time");
  log();
  log("| input | journeys | distinct sets / paths | SQL s | fit s | fit + shares s | whole report s | peak RSS MB |");
  log("|---|---:|---:|---:|---:|---:|---:|---:|");
  log(
    `| planted additive world, simulated (in process, cold) | ${fitJourneys.toLocaleString("en-US")} | ${fitRows.length} sets | — | ${secs(coldFitS)} | ${secs(coldRunS)} | — | — |`,
  );
  log(
    `| validate's additive world, demo shape, path rows (in process) | ${fitJourneys.toLocaleString("en-US")} | ${validatePaths.length.toLocaleString("en-US")} paths | — | ${secs(pathFitS)} | ${secs(pathRunS)} | — | — |`,
  );
  const demoDir = path.resolve(values.demo);
  await ensureDemo(demoDir);
  const workspaces = [
    { label: "demo (`pipeprism demo`)", dir: demoDir },
    ...values.workspace.map((d) => ({ label: path.basename(d), dir: path.resolve(d) })),
  ];
  const fitTimes: Record<string, { fitS: number; reportS: number; journeys: number }> = {};
  for (const { label, dir } of workspaces) {
    // The bench's credits are the report's: checked once per workspace, in this process.
    const ws = await openWorkspace(path.join(dir, "pipeprism.yaml"));
    try {
      const mine = await timeLiftFit(ws);
      const plan = await planAttribution(ws, { by: ["size"], model: "lift" });
      const theirs = await creditSource(ws, plan.credits);
      if (theirs.source.kind !== "set_credits" || JSON.stringify(theirs.source.credits) !== JSON.stringify(mine.result))
        throw new Error(`${dir}: the bench's lift credits differ from the report's`);
    } finally {
      await ws.close();
    }
    const fits: StepMeasurement[] = [];
    const reports: StepMeasurement[] = [];
    for (let i = 0; i < runs; i++) {
      fits.push(await runStep("lift-fit", [dir, "duckdb"], 1800));
      reports.push(await runStep("attribution", [dir, "duckdb", "lift"], 1800));
    }
    const failed = [...fits, ...reports].find((m) => !m.ok);
    if (failed) throw new Error(`${dir}: ${failed.error ?? "a step failed"}`);
    const info = (m: StepMeasurement, key: string) => Number(m.info[key]);
    const fitS = median(fits.map((m) => info(m, "fit_s")));
    const reportS = median(reports.map((m) => m.wallS));
    const n = info(fits[0] as StepMeasurement, "journeys");
    fitTimes[label] = { fitS, reportS, journeys: n };
    const range = (xs: readonly number[]) => (xs.length > 1 ? ` (${secs(Math.min(...xs))}–${secs(Math.max(...xs))})` : "");
    const fitList = fits.map((m) => info(m, "fit_s"));
    const reportList = reports.map((m) => m.wallS);
    log(
      `| ${label}, --by size, median of ${runs} children | ${n.toLocaleString("en-US")} | ${info(fits[0] as StepMeasurement, "sets").toLocaleString("en-US")} sets | ${secs(median(fits.map((m) => info(m, "sql_s"))))} | ${secs(fitS)}${range(fitList)} | — | ${secs(reportS)}${range(reportList)} | ${Math.round(Math.max(...reports.map((m) => m.peakRssMb)))} |`,
    );
  }
  log();
  log(
    "Fit s on a workspace: dataDrivenCredits (the pooled fit, each size segment's fit under its prior, every set's shares), after the set-count SQL; whole report: `report attribution --by size --model lift` in a fresh child (bench/step.ts), SQL and matrix included.",
  );
  log();

  // 4. Against the targets: the planted worlds are the issue's; validate's worlds are a second family, judged apart.
  const additive = planted.additive ?? { tv: NaN, zero: NaN };
  const n = journeys.toLocaleString("en-US");
  const both = (a: number, b: number) => `${f4(a)}, ${f4(b)}`;
  const demo = fitTimes[workspaces[0]?.label ?? ""];
  log("## Against issue #14's targets");
  log();
  log("| target | measured | verdict |");
  log("|---|---|---|");
  log(`| planted additive world, ${n} journeys: lift TV ≤ 0.05 | ${f4(additive.tv)} | ${verdict(additive.tv <= 0.05)} |`);
  log(`| planted additive world: zero-lift c3 ≤ 2 % of credit | ${pct(additive.zero)} | ${verdict(additive.zero <= 0.02)} |`);
  const pi = planted.interaction?.tv ?? NaN;
  const ps = planted.saturation?.tv ?? NaN;
  log(`| planted interaction, saturation worlds: TV ≤ 0.10 | ${both(pi, ps)} | ${verdict(Math.max(pi, ps) <= 0.1)} |`);
  const va = validateTv.additive ?? NaN;
  const vi = validateTv.interaction ?? NaN;
  const vs = validateTv.saturation ?? NaN;
  log(`| (second family) validate's additive world, demo shape: TV ≤ 0.05 | ${f4(va)} | ${verdict(va <= 0.05)} |`);
  log(`| (second family) validate's interaction, saturation worlds: TV ≤ 0.10 | ${both(vi, vs)} | ${verdict(Math.max(vi, vs) <= 0.1)} |`);
  const m = fitJourneys.toLocaleString("en-US");
  log(
    `| fit on ${m} simulated journeys ≤ 5 s | ${secs(coldFitS)} s fit, ${secs(coldRunS)} s with shares (${fitRows.length} sets) | ${verdict(coldRunS <= 5)} |`,
  );
  log(
    `| fit on ${m} simulated journeys as paths ≤ 5 s | ${secs(pathFitS)} s fit, ${secs(pathRunS)} s with shares | ${verdict(pathRunS <= 5)} |`,
  );
  for (const [label, t] of Object.entries(fitTimes).slice(1))
    log(
      `| fit on ${label} (${t.journeys.toLocaleString("en-US")} journeys) ≤ 5 s | fit ${secs(t.fitS)} s; whole report ${secs(t.reportS)} s | ${verdict(t.fitS <= 5)} |`,
    );
  if (demo) log(`| fit on the demo ≤ 1 s | fit ${secs(demo.fitS)} s; whole report ${secs(demo.reportS)} s | ${verdict(demo.fitS <= 1)} |`);
  log();
  log(
    `Load average at the end (1/5/15 min): ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" / ")}`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
