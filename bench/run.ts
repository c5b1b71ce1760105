// `npm run bench -- [--tiers 10k,100k,1m] [--runs N] [--steps a,b] [--out DIR] [--timeout S] [--clean]`
//
// Generates a seeded demo company per tier (N opportunities, 10 touchpoints each) once, then runs
// every selected step N times, each in its own child process, and writes the medians, ranges,
// peak RSS and pass/fail against the targets to OUT/results.md and OUT/results.json.
// Steps: generate, ingest, winrate, attribution[:model], markov[:1|:3], shapley, paths[:markov1|:linear].
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { describeMachine } from "./machine.js";
import { PATH_STEPS, TIER_STEPS, TIERS, selected, type StepInput, type StepSpec } from "./plan.js";
import { renderMarkdown, summarizeStep, type Results, type StepResult, type TierResult } from "./report.js";
import { runStep, type StepMeasurement } from "./spawn-step.js";
import { OPPORTUNITIES_AT_SCALE_1 } from "./steps.js";

const { values } = parseArgs({
  options: {
    tiers: { type: "string", default: "10k,100k" },
    runs: { type: "string", default: "3" },
    steps: { type: "string" },
    out: { type: "string", default: "bench/out" },
    timeout: { type: "string", default: "1800" },
    clean: { type: "boolean", default: false },
    merge: { type: "boolean", default: false },
    "rss-limit-mb": { type: "string", default: "8192" },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  process.stdout.write(`npm run bench -- [--tiers 10k,100k,1m] [--runs 3] [--steps generate,ingest,winrate,attribution,markov,shapley,paths] [--out bench/out] [--timeout 1800] [--rss-limit-mb 8192] [--merge] [--clean]\n  --merge: keep the tiers and steps of an existing OUT/results.json, replacing only what this run measures\n`);
  process.exit(0);
}

const tiers = values.tiers.split(",").map((t) => t.trim().toLowerCase()).filter(Boolean);
const unknownTier = tiers.find((t) => !(t in TIERS));
if (unknownTier) fail(`--tiers: unknown tier "${unknownTier}" (valid: ${Object.keys(TIERS).join(", ")})`);
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) fail(`--runs: expected a whole number ≥ 1, got "${values.runs}"`);
const timeoutS = Number(values.timeout);
const rssLimitMb = Number(values["rss-limit-mb"]);
const steps = values.steps ? values.steps.split(",").map((s) => s.trim()).filter(Boolean) : null;
const known = new Set([...TIER_STEPS, ...PATH_STEPS].flatMap((s) => [s.id, s.group]));
const unknownStep = steps?.find((s) => !known.has(s));
if (unknownStep) fail(`--steps: unknown step "${unknownStep}" (valid: ${[...known].join(", ")})`);

const out = path.resolve(values.out);
const dataRoot = path.join(out, "data");
const pathFile = path.join(dataRoot, "paths-1m.csv");

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

const log = (text: string) => process.stderr.write(`${text}\n`);

async function measure(spec: StepSpec, at: StepInput, count: number): Promise<StepResult> {
  const measured: StepMeasurement[] = [];
  for (let i = 0; i < count; i++) {
    const m = await runStep(spec.step, spec.args(at), timeoutS, rssLimitMb);
    measured.push(m);
    log(`  ${spec.id.padEnd(24)} run ${i + 1}/${count}: ${m.ok ? `${m.wallS.toFixed(2)} s, ${Math.round(m.peakRssMb)} MB` : `FAILED ${m.error}`}`);
    if (!m.ok) break;
  }
  return summarizeStep(spec, measured);
}

/** Makes sure a step's input exists even when the step producing it was not selected. */
async function prepare(spec: StepSpec, at: StepInput): Promise<Record<string, unknown>> {
  const m = await runStep(spec.step, spec.args(at), timeoutS, rssLimitMb);
  if (!m.ok) throw new Error(`${spec.id} (untimed preparation) failed: ${m.error}`);
  log(`  ${spec.id.padEnd(24)} (prepared, not timed)`);
  return m.info;
}

const machine = await describeMachine();
const results: Results = { machine, command: `npm run bench -- ${process.argv.slice(2).join(" ")}`.trim(), runs, tiers: [] };
const previous: Results | null = values.merge && existsSync(path.join(out, "results.json")) ? (JSON.parse(readFileSync(path.join(out, "results.json"), "utf8")) as Results) : null;

/** With --merge: the previous results with this run's steps replacing theirs, tier by tier. */
function merged(): Results {
  if (!previous) return results;
  const tiersOut = previous.tiers.map((old) => {
    const now = results.tiers.find((t) => t.tier === old.tier);
    if (!now) return old;
    const steps = [...old.steps.filter((s) => !now.steps.some((n) => n.id === s.id)), ...now.steps];
    const order = [...TIER_STEPS, ...PATH_STEPS].map((s) => s.id);
    steps.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    return { ...old, data: { ...old.data, ...now.data }, steps };
  });
  const added = results.tiers.filter((t) => !previous.tiers.some((o) => o.tier === t.tier));
  const order = [...Object.keys(TIERS), "paths"];
  const all = [...tiersOut, ...added].sort((a, b) => order.indexOf(a.tier) - order.indexOf(b.tier));
  return { ...results, command: `${previous.command}; then ${results.command}`, tiers: all };
}

const save = async () => {
  await mkdir(out, { recursive: true });
  const results = merged();
  await writeFile(path.join(out, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(path.join(out, "results.md"), renderMarkdown(results));
};

log(`bench: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}, duckdb ${machine.duckdb}`);
for (const tier of tiers) {
  const opportunities = TIERS[tier] as number;
  const dir = path.join(dataRoot, tier);
  const result: TierResult = { tier, opportunities, data: { scale: opportunities / OPPORTUNITIES_AT_SCALE_1 }, steps: [] };
  results.tiers.push(result);
  const at: StepInput = { dir, pathFile, opportunities };
  log(`tier ${tier}: ${opportunities} opportunities → ${dir}`);
  const [generate, ingest, ...reports] = TIER_STEPS as [StepSpec, StepSpec, ...StepSpec[]];
  if (selected(generate, steps)) {
    await rm(dir, { recursive: true, force: true });
    const r = await measure(generate, at, 1);
    result.steps.push(r);
    Object.assign(result.data, r.info);
  } else if (!existsSync(path.join(dir, "pipeprism.yaml"))) Object.assign(result.data, await prepare(generate, at));
  if (selected(ingest, steps)) result.steps.push(await measure(ingest, at, runs));
  else if (reports.some((s) => selected(s, steps)) && !existsSync(path.join(dir, ".pipeprism", "pipeprism.duckdb"))) await prepare(ingest, at);
  await save();
  for (const spec of reports) {
    if (!selected(spec, steps)) continue;
    result.steps.push(await measure(spec, at, runs));
    await save();
  }
  if (values.clean) await rm(dir, { recursive: true, force: true });
}

if (PATH_STEPS.some((s) => selected(s, steps))) {
  const result: TierResult = { tier: "paths", opportunities: 0, data: {}, steps: [] };
  results.tiers.push(result);
  log(`path file: ${pathFile}`);
  const at: StepInput = { dir: "", pathFile, opportunities: 0 };
  const [write, ...models] = PATH_STEPS as [StepSpec, ...StepSpec[]];
  if (selected(write, steps)) result.steps.push(await measure(write, at, 1));
  else if (!existsSync(pathFile)) await prepare(write, at);
  for (const spec of models) if (selected(spec, steps)) result.steps.push(await measure(spec, at, runs));
  if (values.clean) await rm(pathFile, { force: true });
}

await save();
log(`wrote ${path.join(out, "results.md")} and results.json`);
process.stdout.write(renderMarkdown(merged()));
