// Hostile strings (issue #13, 5c) in every user-controlled field — ids, account names, industry,
// country, segment values, channel and campaign names, stage names, loss reasons, owners, a file
// name, an extra column's header — and in the config's names (stages, bands, map values, channel
// rule names, the unknown label, segment fields; dimension and model names, which config refuses
// with file:line:column when they are not plain names or are longer than PostgreSQL's 63 bytes).
// Checked: ingest keeps every value byte for byte on DuckDB and PostgreSQL; every report gives
// the same JSON on both engines and returns the names exactly; every output format renders them
// inertly (CSV formula cells neutralised as OWASP recommends, numbers untouched; Markdown escaped;
// terminal controls shown as escapes; HTML escaped); in Chromium the HTML report and the dashboard
// show them as text and run none of the payloads (each sets window.__pwned and calls alert).
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isMap, isScalar, LineCounter, parseDocument } from "yaml";
import type { ReportResult, SqlValue } from "../../src/contract/index.js";
import { loadConfig } from "../../src/model/config.js";
import { UserError } from "../../src/model/diagnostic.js";
import { render, OUTPUT_FORMATS } from "../../src/render/render.js";
import { renderCsv } from "../../src/render/render-csv.js";
import { renderHtml } from "../../src/render/render-html.js";
import { reportNames, runReport } from "../../src/report/run-report.js";
import { startServer, type RunningServer } from "../../src/server/start-server.js";
import { openWorkspace, type Workspace } from "../../src/workspace/workspace.js";
import { describeBrowser, launchChromium } from "../e2e/browser.js";
import { expectSameJson } from "../e2e/same-report.js";
import { compareValues, describePostgres, emptyComparison, freshSchema } from "../helpers/postgres.js";
import { run } from "../helpers/run-cli.js";
import { writeProject, type TempProject } from "../helpers/temp-workspace.js";
import {
  ACCOUNTS_FILE,
  BAD_AMOUNT,
  CHANNEL_RULES,
  csvFile,
  DIMENSIONS,
  HOSTILE,
  HOSTILE_HEADER_FIELD,
  hostileConfig,
  hostileData,
  hostileFiles,
  INDUSTRY_MAP,
  label,
  MISSING_FIELD,
  SIZE_BANDS,
  STAGES,
  UNKNOWN_LABEL,
  type HostileData,
} from "./hostile-project.js";

const DATA: HostileData = hostileData();

// ---------------------------------------------------------------------------------------------
// What the data should come back as.

/** The channel rules as ingest applies them: first match wins, unmatched keep their raw value. */
function ruledChannel(raw: string, campaign: string): string {
  const [cmd, events] = CHANNEL_RULES;
  if (cmd && new RegExp(cmd.match.channel).test(raw)) return cmd.channel;
  if (events && new RegExp(events.match.campaign).test(campaign)) return events.channel;
  return raw;
}

const distinct = <T>(values: Iterable<T>): T[] => [...new Set(values)].sort();
const sizeBand = (employees: number) => (employees <= 10 ? SIZE_BANDS[0] : employees <= 999 ? SIZE_BANDS[1] : SIZE_BANDS[2]);

/** The values a `--by` dimension takes over all opportunities. */
const EXPECTED_SEGMENTS: Readonly<Record<(typeof DIMENSIONS)[number], string[]>> = {
  size: distinct(DATA.accounts.map((a) => sizeBand(a.employees))),
  industry: distinct(DATA.accounts.map((a) => INDUSTRY_MAP[a.industry] ?? a.industry)),
  tier: distinct(DATA.accounts.map((a) => a.tier)),
  country: distinct(DATA.accounts.map((a) => a.country)),
  region: [UNKNOWN_LABEL],
  owner: distinct(DATA.opportunities.map((o) => o.owner)),
  header_tier: distinct(DATA.accounts.map((a) => a.tier)),
  ghost: [UNKNOWN_LABEL],
};

/** Every string the workspace should hold, table by table, in file order. */
const EXPECTED_TABLES: Readonly<Record<string, { columns: string[]; rows: SqlValue[][] }>> = {
  accounts: {
    columns: ["account_id", "account_name", "industry", "country", "tier", HOSTILE_HEADER_FIELD],
    rows: DATA.accounts.map((a) => [a.account_id, a.account_name, a.industry, a.country, a.tier, a.tier]),
  },
  opportunities: {
    columns: ["opportunity_id", "account_id", "opportunity_name", "stage", "lead_source", "product_line", "owner", "loss_reason", "status"],
    rows: DATA.opportunities.map((o) => [
      o.opportunity_id,
      o.account_id,
      o.opportunity_name,
      o.stage,
      o.lead_source,
      o.product_line,
      o.owner,
      o.loss_reason,
      o.stage === STAGES.won[0] ? "won" : o.stage === STAGES.lost[0] ? "lost" : "open",
    ]),
  },
  stage_history: { columns: ["opportunity_id", "stage"], rows: DATA.stageHistory.map((e) => [e.opportunity_id, e.stage]) },
  touchpoints: {
    columns: ["touchpoint_id", "account_id", "contact_id", "opportunity_id", "raw_channel", "channel", "campaign"],
    rows: DATA.touchpoints.map((t) => [
      t.touchpoint_id,
      t.account_id,
      t.contact_id,
      t.opportunity_id,
      t.channel,
      ruledChannel(t.channel, t.campaign),
      t.campaign,
    ]),
  },
  spend: {
    columns: ["channel", "campaign", "tier"],
    rows: DATA.spend.map((s) => [ruledChannel(s.channel, s.campaign), s.campaign, s.tier]),
  },
  targets: { columns: ["tier"], rows: DATA.targets.map((t) => [t.tier]) },
};

/** Touch channels of opportunity journeys (every linked touch falls inside its pipeline window). */
const JOURNEY_CHANNELS = distinct(
  DATA.touchpoints.filter((t) => t.opportunity_id !== null).map((t) => ruledChannel(t.channel, t.campaign)),
);

// ---------------------------------------------------------------------------------------------
// The runs: every report, without and with each dimension, plus model, trend and cohort variants.

type Run = readonly [name: string, options: Readonly<Record<string, unknown>>];

function runs(): Run[] {
  const out: Run[] = [];
  for (const name of reportNames()) {
    out.push([name, {}]);
    const dims = name === "coverage" ? ["tier"] : [...DIMENSIONS, "size,tier"];
    for (const by of dims) out.push([name, { by }]);
  }
  for (const model of ["markov", "shapley", "time_decay", "hostile_custom"]) out.push(["attribution", { model, by: "tier" }]);
  out.push(
    ["attribution", { model: "linear", stage: "revenue", by: "industry" }],
    ["attribution", { trend: "quarter", by: "size" }],
    ["winrate", { trend: "quarter", by: "tier" }],
    ["winrate", { cohort: true, by: "country" }],
    ["funnel", { trend: "quarter" }],
    ["pipeline", { snapshots: true, by: "tier" }],
    ["cost", { model: "shapley", by: "tier" }],
    ["insights", { model: "markov", by: "industry" }],
  );
  return out;
}
const RUNS = runs();
const runLabel = ([name, options]: Run) => `${name} ${JSON.stringify(options)}`;

type Outcome = { ok: true; report: ReportResult } | { ok: false; message: string };

async function outcome(ws: Workspace, [name, options]: Run): Promise<Outcome> {
  try {
    return { ok: true, report: await runReport(ws, name, options) };
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    return { ok: false, message: error.message };
  }
}

/** The hostile names a report must return exactly: its dimension values and channels, stages, reasons. */
function expectNamesExact(report: ReportResult, [name, options]: Run): void {
  const by = typeof options.by === "string" ? options.by.split(",") : [];
  const values = (key: string) => distinct(report.rows.map((r) => r[key]).filter((v): v is string => typeof v === "string"));
  const whole = !options.trend && !options.cohort && !options.snapshots && options.stage !== "revenue";
  for (const dim of by) {
    const expected = EXPECTED_SEGMENTS[dim as keyof typeof EXPECTED_SEGMENTS];
    if (name === "summary" || name === "pipeline") expect(values(dim), `${name} by ${dim}`).toEqual(expected);
    else for (const v of values(dim)) expect(expected, `${name} by ${dim}: ${label(v)}`).toContain(v);
  }
  // Attribution, models, cost, ltv and insights do not pass the segment notes on (yet).
  if (by.includes("ghost") && ["summary", "pipeline", "winrate", "funnel", "velocity", "losses"].includes(name))
    expect(report.notes.join("\n")).toContain(MISSING_FIELD);
  if (name === "attribution" && whole && !options.model && by.length === 0) expect(values("channel")).toEqual(JOURNEY_CHANNELS);
  if (name === "losses" && by.length === 0)
    expect(values("loss_reason")).toEqual(distinct(DATA.opportunities.flatMap((o) => (o.loss_reason ? [o.loss_reason] : []))));
  if (name === "funnel" && whole && by.length === 0)
    expect(report.rows.map((r) => r.to_stage)).toEqual([...STAGES.order.slice(1), STAGES.won[0]]);
}

// ---------------------------------------------------------------------------------------------
// Output checks that need no browser.

interface CsvField {
  readonly text: string;
  readonly quoted: boolean;
}

/** RFC 4180 with \n records (what renderCsv writes): quoted fields may hold commas, quotes, CR and LF. */
function parseCsv(text: string): CsvField[][] {
  const records: CsvField[][] = [];
  let record: CsvField[] = [];
  let i = 0;
  while (i < text.length) {
    let value = "";
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i += 1;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) throw new Error(`unterminated quote at ${i}`);
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
    } else {
      const end = text.slice(i).search(/[,\n]/);
      value = end < 0 ? text.slice(i) : text.slice(i, i + end);
      i += value.length;
    }
    record.push({ text: value, quoted });
    if (text[i] === ",") i += 1;
    else if (text[i] === "\n" || i >= text.length) {
      records.push(record);
      record = [];
      i += 1;
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} after a field at ${i}`);
  }
  return records;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** Each CSV cell is the JSON value; text a spreadsheet would run is `'`-prefixed and quoted; numbers plain. */
function expectNeutralCsv(csvText: string, report: ReportResult, what: string): number {
  const records = parseCsv(csvText);
  const keys = report.columns.map((c) => c.key);
  expect(
    records[0]?.map((f) => f.text),
    what,
  ).toEqual(keys);
  expect(records.length, what).toBe(report.rows.length + 1);
  let neutralised = 0;
  report.rows.forEach((row, i) => {
    keys.forEach((key, j) => {
      const field = records[i + 1]?.[j];
      const value = row[key] ?? null;
      const where = `${what} row ${i} ${key}`;
      if (value === null) return expect(field, where).toEqual({ text: "", quoted: false });
      // Money is rounded to the cent in CSV: at most two decimals, within half a cent of the value.
      if (typeof value === "number" && report.columns[j]?.format === "money") {
        expect(field?.quoted, where).toBe(false);
        expect(field?.text, where).toMatch(/^-?\d+(\.\d{1,2})?$/);
        return expect(Math.abs(Number(field?.text) - value), where).toBeLessThanOrEqual(0.005 + Math.abs(value) * 1e-15);
      }
      if (typeof value === "number" || typeof value === "boolean")
        return expect(field, where).toEqual({ text: String(value), quoted: false });
      const text = Array.isArray(value) ? value.join(";") : String(value);
      if (FORMULA_START.test(text)) {
        neutralised += 1;
        return expect(field, where).toEqual({ text: `'${text}`, quoted: true });
      }
      expect(field?.text, where).toBe(text);
    });
  });
  for (const record of records) for (const f of record) if (!f.quoted) expect(f.text, what).not.toMatch(/^(?:[=+@\t\r]|-(?!\d))/);
  return neutralised;
}

/** Payload fragments that must never appear as markup in HTML output. */
const LIVE_MARKUP = ["<script>window", "<img src=x", "<svg onload", "</script><script>", "<!--"];

function expectInertHtml(html: string, what: string): void {
  expect(html.match(/<script\b/gi)?.length, what).toBe(2);
  expect(html.match(/<\/script/gi)?.length, what).toBe(2);
  for (const fragment of LIVE_MARKUP) expect(html.includes(fragment), `${what}: ${fragment}`).toBe(false);
  expect(html.includes("\r"), what).toBe(false);
}

function expectInertMarkdown(md: string, report: ReportResult, what: string): void {
  const lines = md.split("\n");
  // The report's headlines may come first, as a blockquote; the table starts at its header row.
  const header = lines.findIndex((l) => l.startsWith("| "));
  const rows = lines.slice(header + 2, header + 2 + report.rows.length);
  for (const line of rows) {
    const pipes = line.replace(/\\\\/g, "").match(/(?<!\\)\|/g)?.length ?? 0;
    expect(pipes, `${what}: ${line.slice(0, 60)}`).toBe(report.columns.length + 1);
  }
  // Only pipeprism's own blockquote markers may start a line with ">".
  expect(
    md
      .replace(/<br>/g, "")
      .replace(/^>( |$)/gm, "")
      .match(/(?<!\\)[<>]/g),
    what,
  ).toBeNull();
}

function expectInertTable(table: string, report: ReportResult, what: string): void {
  // eslint-disable-next-line no-control-regex -- looking for raw control characters is the point
  expect(table.replace(/\n/g, "").match(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g), what).toBeNull();
  expect(table.split("\n").length, what).toBeGreaterThanOrEqual(report.rows.length + 3);
}

// ---------------------------------------------------------------------------------------------

let project: TempProject;
let duck: Workspace;

beforeAll(async () => {
  project = await writeProject(hostileFiles(DATA));
  const ingested = await run(project.dir, "ingest");
  expect(ingested.err, "ingest").not.toMatch(/error/i);
  expect(ingested.code).toBe(0);
  duck = await openWorkspace(project.configPath);
});

afterAll(async () => {
  await duck?.close();
  if (project) await rm(project.dir, { recursive: true, force: true });
});

describe("hostile names in the config", () => {
  const position = (text: string, line: number, column: number) => {
    const counter = new LineCounter();
    parseDocument(text, { lineCounter: counter });
    return (counter.lineStarts[line - 1] ?? NaN) + column - 1;
  };

  /** Where the key `name` under the mapping at `at` starts in the file. */
  const keyOffset = (text: string, at: readonly string[], name: string) => {
    const doc = parseDocument(text);
    const map = doc.getIn(at, true);
    if (!isMap(map)) throw new Error(`no mapping at ${at.join(".")}`);
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === name);
    return isScalar(pair?.key) ? pair.key.range?.[0] : undefined;
  };

  it(`refuses each of ${HOSTILE.length} hostile strings as a dimension name and as a custom model name, at the key's line:column`, async () => {
    for (const name of HOSTILE) {
      const config = hostileConfig({
        segments: { [name]: { field: "tier" } },
        attribution: { custom_models: { [`m ${name}`]: { roles: { first: 1 } } } },
      });
      const dir = await writeProject({ "pipeprism.yaml": config });
      const error = await loadConfig(dir.configPath).catch((e: unknown) => e);
      await rm(dir.dir, { recursive: true, force: true });
      expect(error, label(name)).toBeInstanceOf(UserError);
      const diagnostics = (error as UserError).diagnostics;
      expect(diagnostics.map((d) => d.code)).toEqual(["config_invalid", "config_invalid"]);
      for (const [d, at] of [
        [diagnostics[0], ["segments"]],
        [diagnostics[1], ["attribution", "custom_models"]],
      ] as const) {
        const key = at[0] === "segments" ? name : `m ${name}`;
        expect(d?.message, label(name)).toMatch(/invalid name: expected (a lower-case name|at most 63 characters)/);
        expect(d?.message.length, label(name)).toBeLessThan(300);
        expect(position(config, d?.at?.line ?? 0, d?.at?.column ?? 0), `${label(name)} ${d?.message}`).toBe(keyOffset(config, at, key));
      }
    }
  });

  it("takes a 63-character dimension or model name and refuses 64, naming the limit", async () => {
    const ok = `a${"b".repeat(62)}`;
    const long = `a${"b".repeat(63)}`;
    const tenK = `a${"b".repeat(9_999)}`;
    for (const [name, accepted] of [
      [ok, true],
      [long, false],
      [tenK, false],
    ] as const) {
      const config = hostileConfig({
        segments: { [name]: { field: "tier" } },
        attribution: { custom_models: { [`m${name.slice(1)}`]: { roles: { first: 1 } } } },
      });
      const dir = await writeProject({ "pipeprism.yaml": config });
      const error = await loadConfig(dir.configPath).then(
        () => null,
        (e: unknown) => e,
      );
      await rm(dir.dir, { recursive: true, force: true });
      if (accepted) {
        expect(error).toBeNull();
        continue;
      }
      const messages = (error as UserError).diagnostics.map((d) => d.message);
      expect(messages).toHaveLength(2);
      for (const m of messages) expect(m).toMatch(/expected at most 63 characters/);
      if (name === tenK) for (const m of messages) expect(m).toContain("…(10000 characters)");
    }
  });
});

describe(`${HOSTILE.length} hostile strings through ingest, ${RUNS.length} report runs and ${OUTPUT_FORMATS.length} output formats`, () => {
  const reports = new Map<string, ReportResult>();

  beforeAll(async () => {
    for (const r of RUNS) {
      const got = await outcome(duck, r);
      if (got.ok) reports.set(runLabel(r), got.report);
    }
  });

  it("ingest keeps every value exactly, drops no table, and quarantines only the two bad records, naming their values", async () => {
    await expectQuarantine(duck);
    await expectTables(duck);
  });

  it("the audit prints hostile values and file names with control characters escaped", async () => {
    const audit = await run(project.dir, "audit");
    expect(audit.code, audit.err).toBe(0);
    // eslint-disable-next-line no-control-regex -- looking for raw control characters is the point
    expect(audit.out.replace(/\n/g, "").match(/[\u0000-\u001f\u007f\u202a-\u202e]/g)).toBeNull();
    // The line is the record's place in the file (quoted fields here span several lines).
    expect(audit.out).toMatch(/opportunities\.csv:\d+:4 \[bad_number\] amount: "=1\+1\\r\\n<script>/);
    expect(audit.out).toContain(ACCOUNTS_FILE);
    expect(audit.out).toContain("\\u202egnp.exe (RTL override)");
  });

  it("every report runs and returns the hostile names exactly", () => {
    const failed = RUNS.filter((r) => !reports.has(runLabel(r))).map(runLabel);
    expect(failed).toEqual([]);
    for (const r of RUNS) expectNamesExact(reports.get(runLabel(r)) as ReportResult, r);
  });

  it("every report renders in every format: CSV neutralised, Markdown and terminal escaped, HTML inert, JSON exact", () => {
    let neutralised = 0;
    for (const [what, report] of reports) {
      const csvText = render(report, "csv");
      neutralised += expectNeutralCsv(csvText, report, what);
      expect(JSON.parse(render(report, "json")), what).toEqual(JSON.parse(JSON.stringify(report)));
      expectInertMarkdown(render(report, "md"), report, what);
      expectInertTable(render(report, "table"), report, what);
      expectInertHtml(render(report, "html"), what);
    }
    expect(neutralised).toBeGreaterThan(100);
  });

  it("CSV neutralises text formula cells only: a negative number stays a plain number", () => {
    const report: ReportResult = {
      report: "summary",
      params: {},
      columns: [
        { key: "name", label: "name", format: "text", type: "string", role: "dimension" },
        { key: "amount", label: "amount", format: "money", type: "number" },
      ],
      rows: [
        { name: "=1+1", amount: -5 },
        { name: "-5", amount: -0.25 },
        { name: "+SUM(A1)", amount: 5 },
        { name: "@x", amount: null },
        { name: "\tTab", amount: 0 },
        { name: "\rCR", amount: 1e-7 },
        { name: 'Mid-Market, "big"', amount: 1 },
        { name: "plain", amount: 2 },
      ],
      totals: [],
      notes: [],
    };
    expect(renderCsv(report)).toBe(
      [
        "name,amount",
        `"'=1+1",-5`,
        `"'-5",-0.25`,
        `"'+SUM(A1)",5`,
        `"'@x",`,
        `"'\tTab",0`,
        `"'\rCR",0`, // money, to the cent
        `"Mid-Market, ""big""",1`,
        "plain,2",
        "",
      ].join("\n"),
    );
  });

  it("the CLI prints every report in every format (exit 0), the HTML and CSV as checked above", async () => {
    for (const name of reportNames()) {
      const by = name === "coverage" ? "tier" : "industry";
      for (const format of OUTPUT_FORMATS) {
        const got = await run(project.dir, "report", name, "--by", by, "--format", format);
        expect(got.code, `${name} ${format}: ${got.err}`).toBe(0);
        const report = await runReport(duck, name, { by });
        if (format === "csv") expectNeutralCsv(got.out, report, `${name} csv`);
        if (format === "html") expectInertHtml(got.out, `${name} html`);
      }
    }
  });

  it("a segment field named by a 10,000-character header: DuckDB keeps it; PostgreSQL refuses it by name, never truncates", async () => {
    const header = `Long${"h".repeat(9_996)}`;
    const files = hostileFiles(DATA);
    const accountsFile = Object.keys(files).find((f) => f.includes("accounts")) ?? "";
    files[accountsFile] = csvFile([["account_id", "employees", header], ...DATA.accounts.map((a) => [a.account_id, a.employees, a.tier])]);
    const long = await writeProject(files);
    try {
      expect((await run(long.dir, "ingest")).code).toBe(0);
      const ws = await openWorkspace(long.configPath);
      try {
        expect(ws.columns.get("accounts")?.has(header.toLowerCase())).toBe(true);
      } finally {
        await ws.close();
      }
      const url = process.env.PIPEPRISM_TEST_PG;
      if (!url) return;
      const schema = await freshSchema(url, "pp_hostile");
      try {
        const got = await run(long.dir, "ingest", "--engine", schema.url);
        if (got.code === 0) {
          // Once ingest keeps such a column under a short name, both engines must agree on it.
          const pg = await openWorkspace(long.configPath, { engine: schema.url });
          const dw = await openWorkspace(long.configPath);
          try {
            const c = compareValues(
              await runReport(dw, "summary", { by: "tier" }),
              await runReport(pg, "summary", { by: "tier" }),
              "summary",
              emptyComparison(),
            );
            expect(c.differences).toEqual([]);
            expect([...(pg.columns.get("accounts") ?? [])].sort()).toEqual([...(dw.columns.get("accounts") ?? [])].sort());
          } finally {
            await pg.close();
            await dw.close();
          }
        } else {
          expect(got.err).toContain(`column "long${"h".repeat(36)}…" has a 10000-byte name`);
          expect(got.err).toContain("PostgreSQL keeps only 63 bytes");
        }
      } finally {
        await schema.drop();
      }
    } finally {
      await rm(long.dir, { recursive: true, force: true });
    }
  });
});

/** The formula amount and the repeated hostile id, each with its value in the reason. */
async function expectQuarantine(ws: Workspace): Promise<void> {
  const rows = await ws.engine.all("SELECT file, column_number, column_name, code, reason FROM quarantine ORDER BY line");
  expect(rows).toEqual([
    {
      file: "opportunities.csv",
      column_number: 4,
      column_name: "amount",
      code: "bad_number",
      reason: `amount: ${JSON.stringify(BAD_AMOUNT).replace(/\\r\\n/, "\r\n")} is not an amount (e.g. 1200.50)`,
    },
    {
      file: "opportunities.csv",
      column_number: 1,
      column_name: "opportunity_id",
      code: "duplicate_id",
      reason: expect.stringContaining(`opportunity_id: duplicate "${HOSTILE[1]}"`) as string,
    },
  ]);
}

async function expectTables(ws: Workspace): Promise<number> {
  let checked = 0;
  for (const [table, { columns, rows }] of Object.entries(EXPECTED_TABLES)) {
    const select = columns.map((c) => ws.engine.dialect.quoteIdent(c)).join(", ");
    const got = await ws.engine.all(`SELECT ${select} FROM ${table} ORDER BY source_line`);
    expect(got.length, `${ws.engine.dialect.name} ${table}`).toBe(rows.length);
    got.forEach((row, i) => {
      columns.forEach((c, j) => {
        const want = rows[i]?.[j] ?? null;
        if (row[c] !== want) expect(row[c], `${ws.engine.dialect.name} ${table} line ${i + 2} ${c}`).toBe(want);
        checked += typeof want === "string" ? 1 : 0;
      });
    });
  }
  expect(checked).toBeGreaterThan(2000);
  return checked;
}

describePostgres("hostile strings on PostgreSQL", (url) => {
  let pg: Workspace;
  let drop: () => Promise<void> = async () => undefined;
  let pgUrl = "";

  beforeAll(async () => {
    const schema = await freshSchema(url, "pp_hostile");
    drop = schema.drop;
    pgUrl = schema.url;
    const got = await run(project.dir, "ingest", "--engine", pgUrl);
    expect(got.code, got.err).toBe(0);
    pg = await openWorkspace(project.configPath, { engine: pgUrl });
  });

  afterAll(async () => {
    await pg?.close();
    await drop();
  });

  it("ingest into PostgreSQL keeps every value exactly, like DuckDB", async () => {
    await expectQuarantine(pg);
    await expectTables(pg);
  });

  it(`every one of ${RUNS.length} report runs gives the same JSON as on DuckDB`, async () => {
    const mismatches: string[] = [];
    for (const r of RUNS) {
      const a = await outcome(duck, r);
      const b = await outcome(pg, r);
      if (!a.ok || !b.ok) {
        mismatches.push(`${runLabel(r)}: duckdb ${a.ok ? "ok" : a.message} / postgres ${b.ok ? "ok" : b.message}`);
        continue;
      }
      const c = compareValues(a.report, b.report, runLabel(r), emptyComparison());
      if (c.differences.length) mismatches.push(`${runLabel(r)}: ${JSON.stringify(c.differences.slice(0, 3)).slice(0, 500)}`);
      expectNamesExact(b.report, r);
    }
    expect(mismatches).toEqual([]);
  });

  it("the CLI with --engine prints the same JSON and CSV as on DuckDB, and the audit matches", async () => {
    for (const name of reportNames()) {
      const by = name === "coverage" ? "tier" : "tier,size";
      for (const format of ["json", "csv"]) {
        const a = await run(project.dir, "report", name, "--by", by, "--format", format);
        const b = await run(project.dir, "report", name, "--by", by, "--format", format, "--engine", pgUrl);
        expect([a.code, b.code], `${name} ${format}: ${a.err} ${b.err}`).toEqual([0, 0]);
        if (format === "json") expectSameJson(b.out, a.out, name);
        else expect(parseCsv(b.out).length, name).toBe(parseCsv(a.out).length);
      }
    }
    const audit = async (engine?: string) =>
      JSON.parse((await run(project.dir, "audit", "--format", "json", ...(engine ? ["--engine", engine] : []))).out) as unknown;
    const c = compareValues(await audit(), await audit(pgUrl), "audit", emptyComparison());
    expect(c.differences).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Chromium: the HTML report from disk and the dashboard.

describeBrowser("hostile strings in Chromium", () => {
  let browser: Browser;
  let context: BrowserContext;
  let running: RunningServer;
  const dialogs: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    running = await startServer({ configPath: project.configPath, port: 0, log: () => undefined });
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  async function watched(p: Page): Promise<Page> {
    p.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    p.on("pageerror", (e) => errors.push(e.message));
    return p;
  }

  /** Nothing injected ran or was built: no flag, no dialog, no element a payload brings. */
  async function expectNothingRan(p: Page, what: string): Promise<void> {
    const state = {
      pwned: await p.evaluate("window.__pwned ?? null"),
      injected: await p.locator("img, iframe, object, embed, [onload], [onerror]").count(),
      scripts: await p.locator("script").count(),
    };
    expect(state.pwned, what).toBeNull();
    expect(state.injected, what).toBe(0);
    expect(state.scripts, what).toBeLessThanOrEqual(2);
    expect(dialogs, what).toEqual([]);
  }

  /** Each text cell shows its raw value as text; returns how many hostile strings were shown. */
  async function expectCellsAsText(p: Page, table: string, what: string): Promise<number> {
    const cells = await p.$$eval(`${table} td[data-key]`, (tds) =>
      // A finding cell is its bold headline then its evidence; any other cell's text is its first node (badges follow it).
      tds.map((td) => ({
        key: td.getAttribute("data-key"),
        value: td.getAttribute("data-value"),
        text: (td.firstChild?.nodeName === "STRONG" ? td.textContent : td.firstChild?.textContent) ?? "",
      })),
    );
    let hostile = 0;
    for (const cell of cells) {
      const value = JSON.parse(cell.value ?? "null") as unknown;
      if (typeof value !== "string" || cell.key === "sample") continue;
      expect(cell.text, `${what} ${cell.key}`).toBe(value);
      if (HOSTILE.includes(value)) hostile += 1;
    }
    return hostile;
  }

  it("the HTML report shows every hostile name as text and runs none of them", async () => {
    const offline = await browser.newContext({ viewport: { width: 1280, height: 900 }, offline: true });
    let shown = 0;
    try {
      for (const [i, [name, options]] of (
        [
          ["summary", { by: "tier" }],
          ["attribution", { by: "size,tier" }],
          ["losses", { by: "industry" }],
          ["funnel", {}],
          ["coverage", { by: "tier" }],
          ["winrate", { by: "country", trend: "quarter" }],
          ["models", {}],
          ["cost", { by: "owner" }],
          ["insights", { by: "tier" }],
          ["summary", { by: "ghost" }],
        ] as const
      ).entries()) {
        const what = `${name} ${JSON.stringify(options)}`;
        const report = await runReport(duck, name, options);
        const file = path.join(project.dir, `report-${i}-${name}.html`);
        await writeFile(file, renderHtml(report));
        const p = await watched(await offline.newPage());
        await p.goto(pathToFileURL(file).href);
        await p.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
        await expectNothingRan(p, what);
        shown += await expectCellsAsText(p, "#report-table", what);
        const notes = await p.$$eval(".notes li", (lis) => lis.map((li) => li.textContent ?? ""));
        expect(notes, what).toEqual(report.notes);
        expect(await p.title()).toContain(name);
        await p.close();
      }
    } finally {
      await offline.close();
    }
    expect(shown).toBeGreaterThan(50);
    const page = await watched(await context.newPage());
    await page.goto(pathToFileURL(path.join(project.dir, "report-0-summary.html")).href);
    await page.waitForSelector('body[data-ready="true"]');
    const script = page.locator("#report-table td", { hasText: HOSTILE[5] ?? "" }).first();
    expect(await script.isVisible()).toBe(true);
    await page.close();
    expect(errors).toEqual([]);
  });

  it("the dashboard shows hostile segment, channel and stage names as text in every view and runs none", async () => {
    const page = await watched(await context.newPage());
    let shown = 0;
    const views = [
      "?view=overview&by=tier",
      "?view=overview&by=industry",
      "?view=channels&by=tier",
      "?view=channels&by=size&metric=win_rate",
      "?view=winrate&by=country",
      "?view=models&by=tier",
      "?view=funnel&by=size",
      "?view=coverage&by=tier",
      "?view=trends&by=owner",
      "?view=cost&by=tier",
      "?view=findings&by=tier",
      "?view=report&report=losses&by=industry",
      "?view=overview&by=ghost",
      `?view=channels&by=tier&seg=${encodeURIComponent(`tier:${HOSTILE[6]}`)}&hl=${encodeURIComponent(HOSTILE[7] ?? "")}`,
    ];
    for (const query of views) {
      await page.goto(`${running.url}${query}`);
      await page.waitForSelector('.view-body[data-ready="true"]', { timeout: 60_000 });
      expect(await page.locator(".problem").count(), query).toBe(0);
      await expectNothingRan(page, query);
      if ((await page.locator("#view-table").count()) > 0) shown += await expectCellsAsText(page, "#view-table", query);
      if (!query.includes("findings")) expect(await page.locator("figure.chart svg").count(), query).toBeGreaterThan(0);
      if (query.includes("seg=")) expect(await page.textContent("body"), query).toContain(`tier = ${HOSTILE[6]}`);
    }
    expect(shown).toBeGreaterThan(50);

    await page.goto(`${running.url}?view=channels&by=tier`);
    await page.waitForSelector('.view-body[data-ready="true"]');
    const chartText = (
      await page.$$eval("figure.chart svg text, figure.chart svg title", (els) => els.map((e) => e.textContent ?? ""))
    ).join("\n");
    expect(chartText).toContain("<script>window.__pwned='script';alert(1)</script>");
    const link = page.locator('a.dl.csv[data-report="attribution"]');
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    const downloaded = await readFile(await download.path(), "utf8");
    // A download starts with a UTF-8 byte order mark (for spreadsheets); the records follow it.
    expect(downloaded.charCodeAt(0)).toBe(0xfeff);
    const csvText = downloaded.slice(1);
    // The CSV is the same report as the API's JSON for the link's query, formula cells neutralised.
    const jsonUrl = new URL(String(await link.getAttribute("href")), running.url);
    jsonUrl.pathname = jsonUrl.pathname.replace(/\.csv$/, "");
    const report = (await (await fetch(jsonUrl)).json()) as ReportResult;
    expect(expectNeutralCsv(csvText, report, "dashboard CSV")).toBeGreaterThan(10);
    await expectNothingRan(page, "after download");
    await page.close();
    expect(errors).toEqual([]);
  });
});
