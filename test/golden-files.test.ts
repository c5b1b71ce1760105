// Golden files (Observable Plot style, see test/golden/README.md): the SQL three reports compile to
// for each engine, one clause per line, and four reports rendered as table, CSV, Markdown and HTML,
// all on the golden fixture at a pinned as-of. A change shows up as a `.changed` file beside the
// golden one to review; UPDATE_GOLDEN=1 accepts it. The SQL also runs (DuckDB always, PostgreSQL
// when PIPEPRISM_TEST_PG is set), and the golden CSVs are checked against numbers worked out by
// hand, so accepting a wrong number fails here too.
import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../src/contract/row.js";
import { compileReport, planReport, type ReportPlan } from "../src/report/plan/report-plan.js";
import type { FlagKey } from "../src/report/request/flags.js";
import { parseReportRequest } from "../src/report/request/parse-request.js";
import type { CompiledQuery } from "../src/sql/compiled-query.js";
import { duckdbDialect, postgresDialect, type Dialect } from "../src/sql/dialect.js";
import { openWorkspace, type Workspace } from "../src/workspace/workspace.js";
import { GOLDEN_AS_OF, goldenFixtureFiles } from "./golden/golden-fixture.js";
import { expectGolden, goldenPath, normaliseHtml } from "./golden/golden-file.js";
import { formatSql, tokenizeSql } from "./helpers/format-sql.js";
import { compareValues, describePostgres, emptyComparison, postgresWorkspace } from "./helpers/postgres.js";
import { run } from "./helpers/run-cli.js";
import { ingestProject, writeProject, type TempProject } from "./helpers/temp-workspace.js";

interface SqlCase {
  readonly report: "attribution" | "funnel" | "coverage" | "deals";
  readonly flags: readonly (readonly [FlagKey, unknown])[];
}

/** attribution: the default model, w_shaped, the position model with every role. */
const SQL_CASES: readonly SqlCase[] = [
  {
    report: "attribution",
    flags: [
      ["by", "size"],
      ["asOf", GOLDEN_AS_OF],
    ],
  },
  {
    report: "funnel",
    flags: [
      ["by", "size"],
      ["asOf", GOLDEN_AS_OF],
    ],
  },
  { report: "coverage", flags: [["asOf", GOLDEN_AS_OF]] },
  {
    report: "deals",
    flags: [
      ["by", "size"],
      ["model", "linear"],
      ["channel", "Paid Search"],
      ["asOf", GOLDEN_AS_OF],
    ],
  },
];

const RENDER_CASES: readonly { readonly report: string; readonly argv: readonly string[] }[] = [
  { report: "winrate", argv: ["--by", "size"] },
  { report: "funnel", argv: ["--by", "size"] },
  { report: "attribution", argv: ["--by", "size", "--model", "linear"] },
  { report: "coverage", argv: [] },
  { report: "deals", argv: ["--by", "size", "--model", "linear", "--channel", "Paid Search"] },
];

const FORMATS = [
  { format: "table", extension: "txt" },
  { format: "csv", extension: "csv" },
  { format: "md", extension: "md" },
  { format: "html", extension: "html" },
] as const;

const DIALECTS: readonly Dialect[] = [duckdbDialect, postgresDialect];

/** A plan compiled for one engine against a workspace's tables. */
const compileFor = (plan: ReportPlan, on: Workspace, dialect: Dialect): CompiledQuery[] =>
  compileReport(plan, { dialect, config: on.config, columns: on.columns });

/** A report's queries as a golden file: each with its label, notes and bound values as comments. */
function sqlFileText(queries: readonly CompiledQuery[]): string {
  const blocks = queries.map((q) => {
    const comments = [`-- ${q.label}`, ...q.notes.map((n) => `-- note: ${n}`), `-- params: ${JSON.stringify(q.params)}`];
    return `${comments.join("\n")}\n${formatSql(q.sql)};\n`;
  });
  return blocks.join("\n");
}

async function planOf(ws: Workspace, c: SqlCase): Promise<ReportPlan> {
  return planReport(ws, parseReportRequest(c.report, c.flags));
}

/** Rows in a fixed order, so two engines' (or two texts') results compare whatever order they come in. */
const sorted = (rows: readonly Row[]): Row[] => [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

async function renderOf(
  dir: string,
  report: string,
  argv: readonly string[],
  format: string,
  engine: readonly string[] = [],
): Promise<string> {
  const got = await run(dir, "report", report, ...argv, "--as-of", GOLDEN_AS_OF, "--format", format, ...engine);
  expect(got.code, got.err).toBe(0);
  return format === "html" ? normaliseHtml(got.out) : got.out;
}

let project: TempProject;
let ws: Workspace;
const plans = new Map<string, ReportPlan>();
const compiled = (report: string, dialect: Dialect): CompiledQuery[] => compileFor(plans.get(report) as ReportPlan, ws, dialect);

beforeAll(async () => {
  project = await writeProject(goldenFixtureFiles());
  await ingestProject(project);
  ws = await openWorkspace(project.configPath);
  for (const c of SQL_CASES) plans.set(c.report, await planOf(ws, c));
});

afterAll(async () => {
  await ws?.close();
});

describe("golden SQL", () => {
  for (const c of SQL_CASES) {
    for (const dialect of DIALECTS) {
      it(`${c.report} compiles to sql/${c.report}.${dialect.name}.sql`, async () => {
        await expectGolden(`sql/${c.report}.${dialect.name}.sql`, sqlFileText(compiled(c.report, dialect)));
      });
    }

    it(`${c.report}: formatting changes only whitespace and is stable`, () => {
      const words = (sql: string) =>
        tokenizeSql(sql)
          .filter((t) => t.kind !== "space")
          .map((t) => t.text);
      for (const dialect of DIALECTS) {
        for (const q of compiled(c.report, dialect)) {
          const formatted = formatSql(q.sql);
          expect(words(formatted), q.label).toEqual(words(q.sql));
          expect(formatSql(formatted), q.label).toBe(formatted);
        }
      }
    });

    it(`${c.report}: the formatted DuckDB SQL runs on the fixture and returns what the compiled text returns`, async () => {
      for (const q of compiled(c.report, duckdbDialect)) {
        const formatted = await ws.engine.all(formatSql(q.sql), q.params);
        expect(formatted.length, q.label).toBeGreaterThan(0);
        expect(sorted(formatted), q.label).toEqual(sorted(await ws.engine.all(q.sql, q.params)));
      }
    });
  }

  it("the w_shaped matrix credits each size band exactly its pipeline (hand-computed, test/golden/README.md)", async () => {
    const [matrix] = compiled("attribution", duckdbDialect);
    const rows = await ws.engine.all(formatSql(matrix?.sql ?? ""), matrix?.params ?? []);
    const credited = new Map<string, number>();
    for (const r of rows.filter((x) => Number(x.__grouping) === 0))
      credited.set(String(r.size), (credited.get(String(r.size)) ?? 0) + Number(r.pipeline));
    const segments = new Map(rows.filter((x) => Number(x.__grouping) === 1).map((r) => [String(r.size), Number(r.pipeline)]));
    // pipeline created by size (metrics fixture): SMB O1+O2+O3, MM O4+O5+O6, Ent O7+O8(0)+O9(none), Unknown O10+O11
    const expected = { SMB: 600, "Mid-Market": 3500, Enterprise: 10000, Unknown: 1100 };
    expect(Object.fromEntries(segments)).toEqual(expected);
    // each cell is rounded to 6 places (a third of O4 is 333.333333), so cells sum to within 1e-5
    for (const [size, pipeline] of Object.entries(expected)) expect(credited.get(size), size).toBeCloseTo(pipeline, 5);
  });
});

describe("golden renders", () => {
  for (const c of RENDER_CASES) {
    for (const { format, extension } of FORMATS) {
      it(`report ${c.report} ${c.argv.join(" ")} --format ${format} is render/${c.report}.${extension}`, async () => {
        await expectGolden(`render/${c.report}.${extension}`, await renderOf(project.dir, c.report, c.argv, format));
      });
    }
  }
});

/** Parses a golden CSV (no quoted commas in these files) into rows keyed by the header. */
async function goldenCsv(name: string): Promise<Record<string, string>[]> {
  const [header, ...lines] = (await readFile(goldenPath(`render/${name}.csv`), "utf8")).trimEnd().split("\n");
  const keys = (header ?? "").split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((v, i) => [keys[i] ?? "", v])));
}

const num = (v: string | undefined) => Number(v);

// The checks below read the golden files themselves: every expected number is worked out in a
// comment (see test/metrics-fixture.test.ts and test/golden/README.md), none is read off the output.
describe("the golden CSVs hold the hand-computed numbers", () => {
  it("winrate by size", async () => {
    const rows = new Map((await goldenCsv("winrate")).map((r) => [r.size, r]));
    expect([...rows.keys()]).toEqual(["SMB", "Mid-Market", "Enterprise", "Unknown"]);
    // SMB O1 W O2 L O3 W; Mid-Market O4 W; Enterprise O8 W O7 L; Unknown O10 W (A4) O11 L (A9)
    expect(["SMB", "Mid-Market", "Enterprise", "Unknown"].map((s) => [num(rows.get(s)?.won), num(rows.get(s)?.lost)])).toEqual([
      [2, 1],
      [1, 0],
      [1, 1],
      [1, 1],
    ]);
    expect(num(rows.get("SMB")?.win_rate)).toBeCloseTo(2 / 3, 12);
    expect(num(rows.get("SMB")?.avg_deal_size)).toBe(200); // (100 + 300) / 2
    expect(num(rows.get("SMB")?.sales_cycle_days)).toBe(44); // median of 30, 58
    expect(num(rows.get("Enterprise")?.avg_deal_size)).toBe(0); // its only win has amount 0
    expect(rows.get("Unknown")?.sales_cycle_days).toBe(""); // O10 closes before it was created
    expect([...rows.values()].map((r) => r.sample)).toEqual(["ok", "thin", "thin", "thin"]); // min_sample 3
  });

  it("funnel by size: every deal starts, reach only falls", async () => {
    const total = await readFile(goldenPath("render/funnel.txt"), "utf8");
    // all 11 deals start; 8 reach Proposal (not O9 open in Prospecting, O2 and O11 lost without
    // history); 6 reach Negotiation (the 5 wins and O6; O5 is in Proposal, O7 was lost from it); 5 are won
    expect(total).toMatch(/^Total\s+1\s+Prospecting\s+Proposal\s+11\s+8\s+72\.7%/m);
    expect(total).toMatch(/^Total\s+2\s+Proposal\s+Negotiation\s+8\s+6\s+75\.0%/m);
    expect(total).toMatch(/^Total\s+3\s+Negotiation\s+Closed Won\s+6\s+5\s+83\.3%/m);
  });

  it("linear attribution by size", async () => {
    const cells = new Map((await goldenCsv("attribution")).map((r) => [`${r.size}/${r.channel}`, r]));
    const pipeline = (key: string) => num(cells.get(key)?.pipeline);
    // O1 (100): Webinar, Paid Search → 50 each; O3 (300): Paid Search; O2 (200) has no touch
    expect([pipeline("SMB/Paid Search"), pipeline("SMB/Webinar"), pipeline("SMB/Unattributed")]).toEqual([350, 50, 200]);
    expect(num(cells.get("SMB/Paid Search")?.won)).toBe(1.5); // half of O1, all of O3
    // O4 (1000): Events, Webinar, Paid Search → a third each; O5 (2000) and O6 (500) have no touch
    // (CSV gives money to the cent: a third of 1000 is 333.33)
    for (const channel of ["Events", "Paid Search", "Webinar"]) expect(pipeline(`Mid-Market/${channel}`)).toBe(333.33);
    expect(pipeline("Mid-Market/Unattributed")).toBe(2500);
    // O7 (10000, lost): Paid Search, Events → 5000 each, half a loss each; O8 (0) and O9 (none) untouched
    expect([pipeline("Enterprise/Paid Search"), pipeline("Enterprise/Events"), pipeline("Enterprise/Unattributed")]).toEqual([
      5000, 5000, 0,
    ]);
    expect(num(cells.get("Enterprise/Events")?.lost)).toBe(0.5);
    expect(pipeline("Unknown/Unattributed")).toBe(1100); // O10 400 + O11 700
    // sourced = the first touch's channel gets the whole deal: O1 → Webinar, O3 → Paid Search
    expect([num(cells.get("SMB/Webinar")?.sourced_pipeline), num(cells.get("SMB/Paid Search")?.sourced_pipeline)]).toEqual([100, 300]);
  });

  it("coverage of 2025-Q2 at 2025-06-20", async () => {
    const [row] = await goldenCsv("coverage");
    // open and closing in Q2: O5 (2000; O6 closes in July, O9 has no close date); won in Q2: O4 1000 + O10 400 + O8 0;
    // target: the 2025-Q2 row (the 2025 row spans beyond the quarter)
    expect([num(row?.open_pipeline), num(row?.open_pipeline_count), num(row?.target), num(row?.won)]).toEqual([2000, 1, 4000, 1400]);
    expect(num(row?.coverage)).toBe(0.5);
    expect(num(row?.remaining_coverage)).toBeCloseTo(2000 / 2600, 12);
  });
});

describePostgres("golden files on PostgreSQL", (pgUrl) => {
  let pg: Workspace;
  let schemaUrl = "";
  let close: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    ({ ws: pg, url: schemaUrl, close } = await postgresWorkspace(pgUrl, project.configPath));
  });
  afterAll(() => close());

  for (const c of SQL_CASES) {
    it(`${c.report}: planned on PostgreSQL, compiles to sql/${c.report}.postgres.sql, runs and agrees with DuckDB`, async () => {
      const plan = await planOf(pg, c);
      const pgQueries = compileFor(plan, pg, postgresDialect);
      expect(sqlFileText(pgQueries)).toBe(await readFile(goldenPath(`sql/${c.report}.postgres.sql`), "utf8"));
      const duckQueries = compiled(c.report, duckdbDialect);
      for (const [i, q] of pgQueries.entries()) {
        const rows = await pg.engine.all(formatSql(q.sql), q.params);
        expect(rows.length, q.label).toBeGreaterThan(0);
        const duck = await ws.engine.all(duckQueries[i]?.sql ?? "", duckQueries[i]?.params ?? []);
        const comparison = compareValues(sorted(duck), sorted(rows), c.report, emptyComparison());
        expect(comparison.differences, q.label).toEqual([]);
      }
    });
  }

  for (const c of RENDER_CASES) {
    it(`report ${c.report} --engine <postgres> renders the same golden files`, async () => {
      for (const { format, extension } of FORMATS) {
        const got = await renderOf(project.dir, c.report, c.argv, format, ["--engine", schemaUrl]);
        expect(got, `render/${c.report}.${extension}`).toBe(await readFile(goldenPath(`render/${c.report}.${extension}`), "utf8"));
      }
    });
  }
});
