// Report flags as a user meets them on both surfaces, property-tested: the CLI (`pipeprism report
// <name> … --format json`) and the HTTP API (`GET /api/report/<name>?…`) accept exactly the flag
// sets a report declares (src/report/request/report-flags.ts), give the same JSON for them and
// refuse any other with the same message. Prototype names (`__proto__`, `constructor`, …) in any
// name position are clean usage errors, and a segment dimension may take any name config allows.
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../src/contract/row.js";
import { FLAG_SPECS, FLAGS, type FlagKey } from "../src/report/request/flags.js";
import { REPORT_FLAGS, REPORT_NAMES, type ReportName } from "../src/report/request/report-flags.js";
import { createServer, type PipeprismServer } from "../src/server/create-server.js";
import { openWorkspace, type Workspace } from "../src/workspace/workspace.js";
import { goldenFixtureFiles } from "./golden/golden-fixture.js";
import { run } from "./helpers/run-cli.js";
import { ingestProject, writeProject, type TempProject } from "./helpers/temp-workspace.js";

/** Valid values for every flag, as CLI/query text; `true` is a switch (`--cohort`, `cohort=true`). */
const VALUES: Readonly<Record<FlagKey, readonly (string | true)[]>> = {
  by: ["size", "size,region", "customer_type"],
  period: ["2025-Q1", "2025", "2025-05"],
  from: ["2025-01-01", "2025-02-15"],
  to: ["2025-06-30", "2025-05-31"],
  asOf: ["2025-06-20", "2025-05-01"],
  cohort: [true],
  model: ["linear", "w_shaped", "first_touch", "markov", "shapley"],
  stage: ["pipeline", "revenue"],
  order: ["1", "2"],
  shapleyValue: ["rate", "subset"],
  seed: ["0", "7"],
  intervals: ["20", true],
  trend: ["month", "quarter"],
  rolling: ["2", "3"],
  snapshots: [true],
  where: ["size=SMB", "size=SMB,Enterprise"],
  channel: ["Paid Search", "Unattributed"],
  limit: ["0", "2"],
  compare: ["previous", "year", "2025-Q1"],
  level: ["channel", "campaign"],
};

const ALL_FLAGS: readonly FlagKey[] = FLAG_SPECS.map((s) => s.key);
const declaredBy = (report: ReportName): readonly FlagKey[] => REPORT_FLAGS.get(report) ?? [];

type FlagSet = Map<FlagKey, string | true>;

/**
 * A set of declared flags made consistent, so planning accepts it: --snapshots takes only one --by,
 * coverage splits only by a dimension the targets have a column for (size),
 * --period excludes --from/--to, --rolling comes with --trend, --order with --model markov,
 * --shapley-value/--seed with --model shapley (when the report takes --model), --intervals with
 * a data-driven model, --compare with a --period and neither --trend nor --snapshots, and coverage's
 * --trend without --model (not combined yet).
 */
function coherent(report: ReportName, flags: FlagSet): FlagSet {
  const out = new Map(flags);
  const takes = (k: FlagKey) => declaredBy(report).includes(k);
  if (out.has("compare")) {
    // compared with a bounded window, and not also repeated per period
    for (const k of ["trend", "rolling", "snapshots", "from", "to"] as const) out.delete(k);
    if (!out.has("period")) out.set("period", "2025-Q1");
  }
  if (out.has("snapshots")) {
    for (const k of out.keys()) if (k !== "snapshots" && k !== "by") out.delete(k);
    if (out.has("by")) out.set("by", "size");
    return out;
  }
  if (report === "coverage" && out.has("by")) out.set("by", "size"); // the only dimension the targets have a column for
  if (out.has("period")) ["from", "to"].forEach((k) => out.delete(k as FlagKey));
  if (out.has("rolling") && !out.has("trend")) out.set("trend", "quarter");
  if (out.has("order")) {
    out.delete("shapleyValue");
    out.delete("seed");
    if (takes("model")) out.set("model", "markov");
  } else if ((out.has("shapleyValue") || out.has("seed")) && takes("model")) out.set("model", "shapley");
  // --intervals: a data-driven model only
  if (out.has("intervals") && !["markov", "shapley"].includes(String(out.get("model")))) out.set("model", "shapley");
  if (out.has("intervals") && out.get("level") === "campaign") out.delete("level"); // intervals are per channel
  if (report === "cost" && out.has("where") && out.get("level") === "campaign") out.delete("level"); // not combined yet
  // coverage over time is per segment, not yet per channel: --trend with --model is refused
  if (report === "coverage" && out.has("trend"))
    for (const k of ["model", "stage", "order", "shapleyValue", "seed"] as const) out.delete(k);
  return out;
}

interface Case {
  readonly report: ReportName;
  /** In catalogue order (the order the CLI parses them in whatever order they were typed). */
  readonly flags: readonly (readonly [FlagKey, string | true])[];
  readonly foreign: readonly FlagKey[];
  /** A permutation of the flags, for the CLI's argv. */
  readonly typed: readonly number[];
}

const arbValues = fc.record(
  Object.fromEntries(ALL_FLAGS.map((k) => [k, fc.constantFrom(...VALUES[k])])) as Record<FlagKey, fc.Arbitrary<string | true>>,
);

const arbCase: fc.Arbitrary<Case> = fc.constantFrom(...REPORT_NAMES).chain((report) => {
  const declared = declaredBy(report);
  const foreign = ALL_FLAGS.filter((k) => !declared.includes(k));
  const arbForeign = fc.oneof(fc.constant<FlagKey[]>([]), fc.subarray([...foreign], { minLength: 1, maxLength: 2 }));
  return fc.tuple(fc.subarray([...declared]), arbForeign, arbValues).chain(([chosen, extra, values]) => {
    const set = coherent(report, new Map(chosen.map((k) => [k, values[k]])));
    for (const k of extra) set.set(k, values[k]);
    const flags = ALL_FLAGS.filter((k) => set.has(k)).map((k) => [k, set.get(k) as string | true] as const);
    const indexes = flags.map((_, i) => i);
    return fc
      .shuffledSubarray(indexes, { minLength: indexes.length, maxLength: indexes.length })
      .map((typed) => ({ report, flags, foreign: extra, typed }));
  });
});

function argvOf(c: Case): string[] {
  return c.typed.flatMap((i) => {
    const [key, value] = c.flags[i] as readonly [FlagKey, string | true];
    const cli = FLAGS.get(key)?.cli ?? key;
    return value === true ? [cli] : [cli, value];
  });
}

function queryOf(c: Case): string {
  return new URLSearchParams(
    c.flags.map(([key, value]): [string, string] => [FLAGS.get(key)?.query ?? key, value === true ? "true" : value]),
  ).toString();
}

const describeCase = (c: Case) => `report ${c.report} ${argvOf(c).join(" ")}`;

let project: TempProject;
let ws: Workspace;
let server: PipeprismServer;
let base = "";

async function api(pathAndQuery: string): Promise<{ status: number; text: string }> {
  const res = await fetch(`${base}${pathAndQuery}`);
  return { status: res.status, text: await res.text() };
}

const apiError = (text: string): unknown => (JSON.parse(text) as { error?: unknown }).error;

beforeAll(async () => {
  project = await writeProject(goldenFixtureFiles());
  await ingestProject(project);
  ws = await openWorkspace(project.configPath);
  server = createServer(ws, { log: () => undefined });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  await ws?.close();
});

describe("flags on the CLI and the API", () => {
  it("accept exactly the flags a report declares, with the same JSON, and refuse the rest with the same message", async () => {
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(arbCase, async (c) => {
        const cli = await run(project.dir, "report", c.report, ...argvOf(c), "--format", "json");
        const web = await api(`/api/report/${c.report}?${queryOf(c)}`);
        seen[c.foreign.length === 0 ? "accepted" : "refused"] += 1;
        if (c.foreign.length === 0) {
          expect(cli.code, `${describeCase(c)}: ${cli.err}`).toBe(0);
          expect(web.status, `${describeCase(c)}: ${web.text}`).toBe(200);
          expect(JSON.parse(cli.out), describeCase(c)).toEqual(JSON.parse(web.text));
          return;
        }
        // the first flag the report does not take, in catalogue order, is the one both name
        const first = ALL_FLAGS.find((k) => c.foreign.includes(k)) as FlagKey;
        expect(cli.code, describeCase(c)).not.toBe(0);
        expect(web.status, describeCase(c)).toBe(400);
        const message = apiError(web.text);
        expect(message).toMatch(new RegExp(`^report ${c.report} does not take ${FLAGS.get(first)?.cli} \\(it takes `));
        // `--format json`: the CLI's error is one JSON line too
        expect((JSON.parse(cli.err) as { error: { message: string } }).error.message, describeCase(c)).toBe(message);
      }),
      { numRuns: 40 },
    );
    // both halves of the property ran (each case is foreign-free with probability 1/2)
    expect(seen.accepted).toBeGreaterThanOrEqual(5);
    expect(seen.refused).toBeGreaterThanOrEqual(5);
  });
});

const PROTOTYPE_NAMES = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf"] as const;

/** Exit non-zero with one `error: …` line naming nothing internal (no stack, no "--debug for the trace"). */
function expectCleanCliError(got: { code: number; out: string; err: string }, label: string): void {
  expect(got.code, label).not.toBe(0);
  expect(got.out, label).toBe("");
  const lines = got.err.trimEnd().split("\n");
  expect(lines, label).toHaveLength(1);
  expect(lines[0], label).toMatch(/^error: /);
  expect(got.err, label).not.toMatch(/\bat .+:\d+:\d+|--debug|internal/);
}

describe("prototype names", () => {
  for (const name of PROTOTYPE_NAMES) {
    it(`"${name}" as report name, --format, --model, --by, --stage and --trend is a clean CLI error`, async () => {
      const cases: string[][] = [
        ["report", name],
        ["report", "winrate", "--format", name],
        ["report", "attribution", "--model", name],
        ["report", "winrate", "--by", name],
        ["report", "attribution", "--stage", name],
        ["report", "winrate", "--trend", name],
        ["report", "attribution", "--model", "shapley", "--shapley-value", name],
      ];
      for (const argv of cases) {
        const got = await run(project.dir, ...argv);
        expectCleanCliError(got, argv.join(" "));
        expect(got.err, argv.join(" ")).toContain(name);
      }
    });

    it(`"${name}" as report path, extension, query key or value is a 400 from the API`, async () => {
      const paths = [
        `/api/report/${name}`,
        `/api/report/winrate.${name}`,
        `/api/report/winrate?${name}=1`,
        `/api/report/attribution?model=${name}`,
        `/api/report/winrate?by=${name}`,
        `/api/report/attribution?stage=${name}`,
        `/api/report/winrate?trend=${name}`,
        `/api/meta?${name}=1`,
      ];
      for (const p of paths) {
        const got = await api(p);
        expect(got.status, `${p}: ${got.text}`).toBe(400);
        expect(typeof apiError(got.text), p).toBe("string");
      }
    });
  }
});

/** The golden fixture with the `size` dimension renamed. */
function filesWithSizeNamed(name: string): Record<string, string> {
  const files = goldenFixtureFiles();
  return { ...files, "pipeprism.yaml": (files["pipeprism.yaml"] ?? "").replace("\n  size: {", `\n  ${name}: {`) };
}

const renameKey = (rows: readonly Row[], from: string, to: string): Row[] =>
  rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k === from ? to : k, v])));

/** `report <name> --by <dimension>` in a project, as JSON rows and totals. */
async function rowsBy(dir: string, report: string, dimension: string): Promise<{ rows: Row[]; totals: Row[] }> {
  const got = await run(dir, "report", report, "--by", dimension, "--as-of", "2025-06-20", "--format", "json");
  expect(got.code, got.err).toBe(0);
  return JSON.parse(got.out) as { rows: Row[]; totals: Row[] };
}

async function ingestedWithSizeNamed(name: string): Promise<string> {
  const p = await writeProject(filesWithSizeNamed(name));
  await ingestProject(p);
  return p.dir;
}

describe("segment dimension names", () => {
  // `kind` once tagged attribution's total rows; `constructor` is a prototype name config allows
  for (const name of ["kind", "constructor"]) {
    it(`a dimension named \`${name}\` gives the same attribution and win rate numbers as one named \`neutral\``, async () => {
      const [named, neutral] = [await ingestedWithSizeNamed(name), await ingestedWithSizeNamed("neutral")];
      for (const report of ["attribution", "winrate"]) {
        const [a, b] = [await rowsBy(named, report, name), await rowsBy(neutral, report, "neutral")];
        expect(b.rows.length, report).toBeGreaterThan(0);
        expect(renameKey(a.rows, name, "neutral"), report).toEqual(b.rows);
        expect(renameKey(a.totals, name, "neutral"), report).toEqual(b.totals);
      }
    });
  }

  for (const name of ["won", "sample", "channel", "pipeline"]) {
    it(`a dimension named \`${name}\` is refused when the config is loaded`, async () => {
      const p = await writeProject(filesWithSizeNamed(name));
      const got = await run(p.dir, "ingest");
      expect(got.code, got.err).not.toBe(0);
      expect(got.err).toMatch(new RegExp(`"${name}"|segments\\.${name}\\b`));
      expect(got.err).not.toMatch(/--debug/);
    });
  }
});
