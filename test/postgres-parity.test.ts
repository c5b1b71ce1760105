// Every report on PostgreSQL must say what it says on DuckDB (SPEC §8). Each data set is ingested
// into a DuckDB workspace and, through `ingest --engine`, into a fresh PostgreSQL schema; every
// report then runs on both, with and without --by, and the results are compared field by field:
// integers (counts, whole amounts) exactly, other numbers to 1e-9 relative. A summary of the
// measured differences is printed at the end (docs/postgres.md quotes it).
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { audit } from "../src/report/audit.js";
import { reportNames, runReport } from "../src/report/run-report.js";
import type { ReportOptions as RunReportOptions } from "../src/report/library.js";
import type { Workspace } from "../src/workspace/workspace.js";
import { EDGE_FILES } from "./fixtures/postgres-edge-fixture.js";
import { fixtureFiles } from "./fixtures/metrics-fixture.js";
import { writeDemo } from "./helpers/demo-workspace.js";
import { compareValues, describePostgres, emptyComparison, openOnBothEngines, type Comparison } from "./helpers/postgres.js";
import { sharedDataDir } from "./helpers/shared-data.js";
import { writeProject } from "./helpers/temp-workspace.js";

const EXAMPLE_DIR = fileURLToPath(new URL("../examples/maven_crm/", import.meta.url));

interface Dataset {
  readonly name: string;
  /** Writes the project; returns its config path. */
  readonly build: () => Promise<string>;
  /** Two dimensions for the --by runs. */
  readonly by: string;
  /** As-of dates of earlier ingests, so snapshots accumulate before the final one. */
  readonly earlierIngests?: readonly string[];
}

async function mavenProject(dataDir: string): Promise<string> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), "pipeprism-pg-maven-"));
  const doc = parseDocument(await readFile(path.join(EXAMPLE_DIR, "pipeprism.yaml"), "utf8"));
  doc.setIn(["sources", "accounts"], path.join(dataDir, "maven_crm", "accounts.csv"));
  doc.setIn(["sources", "opportunities"], path.join(dataDir, "maven_crm", "sales_pipeline.csv"));
  const file = path.join(tmp, "pipeprism.yaml");
  await writeFile(file, doc.toString());
  return file;
}

const shared = sharedDataDir();
const DATASETS: Dataset[] = [
  {
    name: "metrics fixture",
    build: async () => (await writeProject(fixtureFiles())).configPath,
    by: "size,region",
    earlierIngests: ["2025-03-31"],
  },
  {
    name: "edge cases",
    build: async () => (await writeProject(EDGE_FILES)).configPath,
    by: "headcount,region",
    earlierIngests: ["2025-02-28", "2025-04-30"],
  },
  {
    name: "demo (scale 0.1)",
    build: async () => (await writeDemo({ seed: 42, scale: 0.1 })).configPath,
    by: "size,region",
  },
];
if (shared) DATASETS.push({ name: "maven_crm", build: () => mavenProject(shared), by: "sector,region" });
else if (process.env.CI === "true") throw new Error("shared data folder missing: the maven_crm parity run needs ../shared/data");
else console.warn("SKIPPED maven_crm parity: shared data folder not found");

/** The runs compared on every data set: every report, with and without --by, plus variants. */
function runsFor(by: string): [string, string, RunReportOptions][] {
  const runs: [string, string, RunReportOptions][] = [];
  for (const name of reportNames()) {
    runs.push([name, "", {}], [name, `--by ${by}`, { by }]);
  }
  for (const variant of <RunReportOptions[]>[
    { model: "markov" },
    { model: "markov", order: 3 },
    { model: "shapley" },
    { model: "linear", stage: "revenue" },
    { model: "time_decay" },
  ]) {
    const label = Object.entries(variant)
      .map(([k, v]) => `--${k} ${v}`)
      .join(" ");
    runs.push(["attribution", label, variant], ["attribution", `${label} --by ${by}`, { ...variant, by }]);
  }
  runs.push(["cost", "--model shapley --by " + by, { model: "shapley", by }]);
  runs.push(
    ["attribution", `--level campaign --by ${by}`, { level: "campaign", by }],
    ["cost", `--level campaign --by ${by}`, { level: "campaign", by }],
    ["deals", `--by ${by} --limit 0`, { by, limit: 0 }],
    ["winrate", `--period 2025 --compare previous --by ${by}`, { period: "2025", compare: "previous", by }],
  );
  runs.push(["winrate", "--trend quarter", { trend: "quarter" }], ["winrate", `--trend quarter --by ${by}`, { trend: "quarter", by }]);
  runs.push(["winrate", "--cohort --by " + by, { cohort: true, by }]);
  runs.push(["coverage", "--trend quarter", { trend: "quarter" }]);
  runs.push(
    ["pipeline", "--snapshots", { snapshots: true }],
    ["pipeline", `--snapshots --by ${by.split(",")[0]}`, { snapshots: true, by: by.split(",")[0] }],
  );
  return runs;
}

type Outcome = { ok: true; value: unknown } | { ok: false; message: string };

async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

const SUMMARY: { dataset: string; runs: number; comparison: Comparison }[] = [];

describePostgres("every report on PostgreSQL equals DuckDB's", (pgUrl) => {
  afterAll(() => {
    const lines = SUMMARY.map(
      (s) =>
        `${s.dataset.padEnd(18)} ${String(s.runs).padStart(3)} runs  ${String(s.comparison.numbers).padStart(6)} numbers  ${String(s.comparison.identical).padStart(6)} bit-identical  max abs ${s.comparison.maxAbsolute.toExponential(2)}  max rel ${s.comparison.maxRelative.toExponential(2)}`,
    );
    const inexact = SUMMARY.flatMap((s) =>
      [...s.comparison.inexact].map(([field, rel]) => `  ${s.dataset}: ${field} (max rel ${rel.toExponential(1)})`),
    );
    console.info(`PostgreSQL parity:\n${lines.join("\n")}\nnot bit-identical:\n${inexact.join("\n")}`);
  });

  for (const dataset of DATASETS) {
    describe(dataset.name, () => {
      let duck: Workspace;
      let pg: Workspace;
      let close: () => Promise<void> = async () => undefined;
      const total = emptyComparison();
      let runs = 0;

      beforeAll(async () => {
        ({ duck, pg, close } = await openOnBothEngines(pgUrl, await dataset.build(), dataset.earlierIngests));
      });

      afterAll(async () => {
        await close();
        SUMMARY.push({ dataset: dataset.name, runs, comparison: total });
      });

      for (const [name, label, options] of runsFor(dataset.by)) {
        it(`report ${name} ${label}`.trim(), async () => {
          const a = await outcome(() => runReport(duck, name, options));
          const b = await outcome(() => runReport(pg, name, options));
          runs += 1;
          if (!a.ok) {
            expect(b, `DuckDB failed with "${a.message}"`).toEqual(a);
            return;
          }
          expect(b.ok ? "ok" : (b as { message: string }).message).toBe("ok");
          const c = compareValues(a.value, (b as { value: unknown }).value, name, emptyComparison());
          accumulate(total, c);
          expect(c.differences).toEqual([]);
        });
      }

      it("audit", async () => {
        const c = compareValues(await audit(duck), await audit(pg), "audit", emptyComparison());
        accumulate(total, c);
        runs += 1;
        expect(c.differences).toEqual([]);
      });
    });
  }
});

function accumulate(total: Comparison, c: Comparison): void {
  total.numbers += c.numbers;
  total.identical += c.identical;
  total.maxAbsolute = Math.max(total.maxAbsolute, c.maxAbsolute);
  total.maxRelative = Math.max(total.maxRelative, c.maxRelative);
  for (const [field, rel] of c.inexact) total.inexact.set(field, Math.max(total.inexact.get(field) ?? 0, rel));
}
