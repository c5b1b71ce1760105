// `npm run bench -- [--tiers demo,10k,100k,1m] [--engines duckdb,postgres] [--pg URL] [--runs N] [--steps a,b] [--out DIR] [--timeout S] [--clean]`
//
// Generates a seeded demo company per tier (N opportunities, 10 touchpoints each; the demo tier is
// `pipeprism demo` itself) once, then runs every selected step N times, each in its own child
// process, and writes the medians, ranges, peak RSS and pass/fail against the targets to
// OUT/results.md and OUT/results.json.
// Steps: generate, ingest, winrate, attribution[:model] (position models and lift), lift-fit, markov[:1|:3], shapley,
// intervals[:lift|:markov|:shapley], validate, insights, unattributed, audit, paths[:markov1|:linear].
// With --engines …,postgres every tier is also ingested into a PostgreSQL schema (pipeprism_bench_<tier>)
// and the same report steps run there; results.md then compares each step with DuckDB's (target ≤ 5×).
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { describeMachine } from "./machine.js";
import { PATH_STEPS, TIER_STEPS, TIERS, selected, touchesFor, type StepInput, type StepSpec } from "./plan.js";
import { renderMarkdown, summarizeStep, type Results, type StepResult, type TierResult } from "./report.js";
import { runStep, type StepMeasurement } from "./spawn-step.js";
import { OPPORTUNITIES_AT_SCALE_1 } from "./steps.js";

const { values } = parseArgs({
  options: {
    tiers: { type: "string", default: "10k,100k" },
    engines: { type: "string", default: "duckdb" },
    pg: { type: "string", default: process.env.PIPEPRISM_BENCH_PG ?? process.env.PIPEPRISM_TEST_PG ?? "" },
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
  process.stdout
    .write(`npm run bench -- [--tiers demo,10k,100k,1m] [--engines duckdb,postgres] [--pg postgres://…] [--runs 3] [--steps generate,ingest,winrate,attribution,lift,markov,shapley,intervals,validate,insights,explain,paths] [--out bench/out] [--timeout 1800] [--rss-limit-mb 8192] [--merge] [--clean]
  --tiers: demo is \`pipeprism demo\` (seed 42, scale 1, 7.5 touchpoints per opportunity); 10k, 100k and 1m have 10 per opportunity
  --engines: duckdb (default) and/or postgres; postgres needs --pg or PIPEPRISM_BENCH_PG (each tier goes into schema pipeprism_bench_<tier>)
  --merge: keep the tiers and steps of an existing OUT/results.json, replacing only what this run measures\n`);
  process.exit(0);
}

const tiers = values.tiers
  .split(",")
  .map((t) => t.trim().toLowerCase())
  .filter(Boolean);
const unknownTier = tiers.find((t) => !(t in TIERS));
if (unknownTier) fail(`--tiers: unknown tier "${unknownTier}" (valid: ${Object.keys(TIERS).join(", ")})`);
const engines = values.engines
  .split(",")
  .map((e) => e.trim().toLowerCase())
  .filter(Boolean);
const unknownEngine = engines.find((e) => e !== "duckdb" && e !== "postgres");
if (unknownEngine) fail(`--engines: unknown engine "${unknownEngine}" (valid: duckdb, postgres)`);
if (engines.includes("postgres") && !values.pg.startsWith("postgres"))
  fail("--engines postgres needs --pg postgres://… (or PIPEPRISM_BENCH_PG)");
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) fail(`--runs: expected a whole number ≥ 1, got "${values.runs}"`);
const timeoutS = Number(values.timeout);
const rssLimitMb = Number(values["rss-limit-mb"]);
const steps = values.steps
  ? values.steps
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
  : null;
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
    log(
      `  ${spec.id.padEnd(24)} run ${i + 1}/${count}: ${m.ok ? `${m.wallS.toFixed(2)} s, ${Math.round(m.peakRssMb)} MB` : `FAILED ${m.error}`}`,
    );
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
const previous: Results | null =
  values.merge && existsSync(path.join(out, "results.json"))
    ? (JSON.parse(readFileSync(path.join(out, "results.json"), "utf8")) as Results)
    : null;

/** With --merge: the previous results with this run's steps replacing theirs, tier by tier. */
function merged(): Results {
  if (!previous) return results;
  const same = (a: TierResult, b: TierResult) => a.tier === b.tier && (a.engine ?? "duckdb") === (b.engine ?? "duckdb");
  const tiersOut = previous.tiers.map((old) => {
    const now = results.tiers.find((t) => same(t, old));
    if (!now) return old;
    const steps = [...old.steps.filter((s) => !now.steps.some((n) => n.id === s.id)), ...now.steps];
    const order = [...TIER_STEPS, ...PATH_STEPS].map((s) => s.id);
    steps.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
    return { ...old, data: { ...old.data, ...now.data }, steps };
  });
  const added = results.tiers.filter((t) => !previous.tiers.some((o) => same(o, t)));
  const order = [...Object.keys(TIERS), "paths"];
  const rank = (t: TierResult) => order.indexOf(t.tier) * 2 + ((t.engine ?? "duckdb") === "duckdb" ? 0 : 1);
  const all = [...tiersOut, ...added].sort((a, b) => rank(a) - rank(b));
  return { ...results, command: `${previous.command}; then ${results.command}`, tiers: all };
}

const save = async () => {
  await mkdir(out, { recursive: true });
  const results = merged();
  await writeFile(path.join(out, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(path.join(out, "results.md"), renderMarkdown(results));
};

log(`bench: ${machine.cpu}, ${machine.cores} cores, node ${machine.node}, duckdb ${machine.duckdb}`);
/** The engine argument steps get: "duckdb", or the PostgreSQL URL with this tier's schema. */
function engineFor(engine: string, tier: string): string {
  if (engine === "duckdb") return "duckdb";
  return `${values.pg}${values.pg.includes("?") ? "&" : "?"}schema=pipeprism_bench_${tier}`;
}

for (const tier of tiers) {
  const opportunities = TIERS[tier] as number;
  const dir = path.join(dataRoot, tier);
  const [generate, ingest, ...reports] = TIER_STEPS as [StepSpec, StepSpec, ...StepSpec[]];
  const data: Record<string, unknown> = { scale: opportunities / OPPORTUNITIES_AT_SCALE_1 };
  log(`tier ${tier}: ${opportunities} opportunities → ${dir}`);
  for (const engine of engines) {
    const result: TierResult = { tier, engine, opportunities, data, steps: [] };
    results.tiers.push(result);
    const at: StepInput = { dir, engine: engineFor(engine, tier), pathFile, opportunities, touches: touchesFor(tier) };
    log(`  engine ${engine}`);
    if (engine === engines[0]) {
      if (selected(generate, steps)) {
        await rm(dir, { recursive: true, force: true });
        const r = await measure(generate, at, 1);
        result.steps.push(r);
        Object.assign(data, r.info);
      } else if (!existsSync(path.join(dir, "pipeprism.yaml"))) Object.assign(data, await prepare(generate, at));
    }
    const needsIngest =
      reports.some((s) => selected(s, steps)) && (engine !== "duckdb" || !existsSync(path.join(dir, ".pipeprism", "pipeprism.duckdb")));
    if (selected(ingest, steps)) result.steps.push(await measure(ingest, at, runs));
    else if (needsIngest) await prepare(ingest, at);
    await save();
    for (const spec of reports) {
      if (!selected(spec, steps)) continue;
      result.steps.push(await measure(spec, at, runs));
      await save();
    }
  }
  if (values.clean) await rm(dir, { recursive: true, force: true });
}

if (PATH_STEPS.some((s) => selected(s, steps))) {
  const result: TierResult = { tier: "paths", opportunities: 0, data: {}, steps: [] };
  results.tiers.push(result);
  log(`path file: ${pathFile}`);
  const at: StepInput = { dir: "", engine: "duckdb", pathFile, opportunities: 0, touches: 0 };
  const [write, ...models] = PATH_STEPS as [StepSpec, ...StepSpec[]];
  if (selected(write, steps)) result.steps.push(await measure(write, at, 1));
  else if (!existsSync(pathFile)) await prepare(write, at);
  for (const spec of models) if (selected(spec, steps)) result.steps.push(await measure(spec, at, runs));
  if (values.clean) await rm(pathFile, { force: true });
}

await save();
log(`wrote ${path.join(out, "results.md")} and results.json`);
process.stdout.write(renderMarkdown(merged()));
