// Seeded fuzzing of ingest: canonical CSVs and CRM exports (test/fixtures/exports) mutated in many
// ways (truncated rows, extra columns, stray quotes, embedded newlines, BOM, CRLF and mixed line
// ends, other delimiters, Windows-1252 and UTF-16 bytes, 1 MB fields, empty and header-only files,
// duplicate ids, odd amounts and impossible dates, blank lines, footers, random bytes), each
// ingested on its own. Every run must: not crash (only a UserError may stop it), account for every
// record (rows read = kept + quarantined, and quarantine holds exactly the quarantined ones), name
// file, line and column in every quarantine row and error, with a line that is a physical line of
// the mutated file where the quarantined record's raw_row starts (canonical files and CRM exports
// alike). A tenth of the runs go
// without --allow-partial, so the "kept too little" refusal runs too: the previous workspace must
// then be left as it was. FUZZ_SEED and FUZZ_INGESTS change the seed and the number of ingests;
// FUZZ_CONCURRENCY the ingests at a time (2); FUZZ_KEEP=DIR keeps each failing case's project there.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { cp, mkdtemp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/attribution/prng.js";
import { ingest } from "../../src/ingest/ingest.js";
import { layoutMismatches } from "../../src/ingest/record-lines.js";
import { loadConfig } from "../../src/model/config.js";
import { NUL_SHOWN } from "../../src/sql/ingest/quarantine-sql.js";
import { UserError } from "../../src/model/diagnostic.js";
import { workspaceFile } from "../../src/workspace/paths.js";
import { openWorkspace } from "../../src/workspace/workspace.js";
import { CANONICAL_SOURCES, EXPORT_FIXTURES, fixtureConfig } from "../helpers/export-fixtures.js";

const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const INGESTS = Number(process.env.FUZZ_INGESTS ?? 2000);
const KEEP = process.env.FUZZ_KEEP;
/** Ingests at a time: two keep both CPUs of a small CI machine busy. */
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 2);

interface Kind {
  readonly name: string;
  readonly config: string;
  /** Folders of test/fixtures/exports the project copies. */
  readonly folders: readonly string[];
  /** Files the fuzzer mutates (relative to the project). */
  readonly targets: readonly string[];
  /** Canonical files: quarantine lines are checked against raw_row. */
  readonly exact: boolean;
}

const KINDS: readonly Kind[] = [
  {
    name: "canonical",
    config: fixtureConfig(CANONICAL_SOURCES),
    folders: ["canonical"],
    targets: [
      "canonical/accounts.csv",
      "canonical/opportunities.csv",
      "canonical/opportunities.csv",
      "canonical/stage_history.csv",
      "canonical/touchpoints.csv",
      "canonical/spend.csv",
    ],
    exact: true,
  },
  {
    name: "salesforce",
    config: fixtureConfig(`sources:
  format: salesforce
  account: salesforce/Account.csv
  opportunity: salesforce/Opportunity.csv
  opportunity_history: salesforce/OpportunityHistory.csv
  contact: salesforce/Contact.csv
  campaign: salesforce/Campaign.csv
  campaign_member: salesforce/CampaignMember.csv
`),
    folders: ["salesforce"],
    targets: ["salesforce/Opportunity.csv", "salesforce/Account.csv", "salesforce/OpportunityHistory.csv", "salesforce/CampaignMember.csv"],
    exact: false,
  },
  {
    name: "salesforce-report",
    config: fixtureConfig(`sources:
  format: salesforce
  date_format: MM/DD/YYYY
  account: salesforce/Account.csv
  opportunity: salesforce-report/Opportunity report.csv
`),
    folders: ["salesforce", "salesforce-report"],
    targets: ["salesforce-report/Opportunity report.csv"],
    exact: false,
  },
  {
    name: "hubspot",
    config: fixtureConfig(`sources:
  format: hubspot
  deals: hubspot/hubspot-crm-exports-all-deals-2025-11-20.csv
  companies: hubspot/hubspot-crm-exports-all-companies-2025-11-20.csv
`),
    folders: ["hubspot"],
    targets: ["hubspot/hubspot-crm-exports-all-deals-2025-11-20.csv", "hubspot/hubspot-crm-exports-all-companies-2025-11-20.csv"],
    exact: false,
  },
  {
    name: "marketo",
    config: fixtureConfig(`sources:
  format: marketo-measure
  account: salesforce/Account.csv
  opportunity: salesforce/Opportunity.csv
  touchpoints: marketo/Buyer Attribution Touchpoints.csv
`),
    folders: ["salesforce", "marketo"],
    targets: ["marketo/Buyer Attribution Touchpoints.csv", "salesforce/Opportunity.csv"],
    exact: false,
  },
];

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const int = (rng: Rng, n: number): number => Math.floor(rng() * n);

// Files are mutated as "binary strings" (latin1: one character per byte), so any byte can be made.
const utf8 = (s: string): string => Buffer.from(s, "utf8").toString("latin1");

function splitLines(text: string): { lines: string[]; breaks: string[] } {
  const lines: string[] = [];
  const breaks: string[] = [];
  const re = /\r\n|\n|\r/g;
  let from = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push(text.slice(from, m.index));
    breaks.push(m[0]);
    from = m.index + m[0].length;
  }
  lines.push(text.slice(from));
  breaks.push("");
  return { lines, breaks };
}

const joinLines = (lines: readonly string[], breaks: readonly string[]): string => lines.map((l, i) => l + (breaks[i] ?? "\n")).join("");

/** Applies `edit` to one data line (not the header, unless `header`). */
function onLine(text: string, rng: Rng, edit: (line: string) => string, header = false): string {
  const { lines, breaks } = splitLines(text);
  const last = lines[lines.length - 1] === "" ? lines.length - 1 : lines.length;
  const first = header ? 0 : Math.min(1, last - 1);
  if (last <= first) return text;
  const i = first + int(rng, last - first);
  lines[i] = edit(lines[i] ?? "");
  return joinLines(lines, breaks);
}

/** Replaces one field of one line (naively split on the delimiter) with `value(field)`. */
function onField(text: string, rng: Rng, value: (field: string) => string, match?: RegExp): string {
  return onLine(text, rng, (line) => {
    const fields = line.split(",");
    const candidates = fields.map((_, i) => i).filter((i) => !match || match.test(fields[i] ?? ""));
    if (candidates.length === 0) return line;
    const i = pick(rng, candidates);
    fields[i] = value(fields[i] ?? "");
    return fields.join(",");
  });
}

const AMOUNTS = [
  "1e309",
  "NaN",
  "$1,200.50",
  '"$1,200.50"',
  "1.200,50",
  '"1.200,50"',
  "-1",
  "Infinity",
  "1e-400",
  " 12 ",
  "0x10",
  "١٢٣",
  "",
  "--5",
];
const DATES = [
  "2025-02-30",
  "0000-00-00",
  "9999-12-31",
  "2025-13-01",
  "01/02/2025",
  "2024-02-29",
  "1900-02-29",
  "2025-1-1",
  "2025-02-28T25:61:00",
  "",
  "yesterday",
];

type Mutation = (text: string, rng: Rng) => string;

const MUTATIONS: Readonly<Record<string, Mutation>> = {
  truncate_row: (t, r) => onLine(t, r, (l) => l.slice(0, int(r, l.length + 1))),
  extra_columns: (t, r) => onLine(t, r, (l) => l + pick(r, [",x", ",,", ',"extra, quoted"', ",1,2,3"])),
  unbalanced_quote: (t, r) =>
    onLine(
      t,
      r,
      (l) => {
        const at = int(r, l.length + 1);
        return `${l.slice(0, at)}"${l.slice(at)}`;
      },
      r() < 0.1,
    ),
  quote_after_delimiter: (t, r) => onField(t, r, (f) => `"${f}`),
  embedded_newline: (t, r) =>
    onField(t, r, (f) => {
      const at = int(r, f.replaceAll('"', "").length + 1);
      const v = f.replaceAll('"', "");
      return `"${v.slice(0, at)}${pick(r, ["\n", "\r\n", "\n\n", "\r"])}${v.slice(at)}"`;
    }),
  bom: (t) => (t.startsWith("\xef\xbb\xbf") ? t : `\xef\xbb\xbf${t}`),
  crlf: (t) => t.replace(/\r?\n/g, "\r\n"),
  mixed_newlines: (t, r) => t.replace(/\r\n|\n/g, () => pick(r, ["\n", "\r\n", "\r"])),
  other_delimiter: (t, r) => {
    const d = pick(r, [";", "\t", "|"]);
    return t.replace(/,/g, d);
  },
  latin1_bytes: (t, r) => onField(t, r, (f) => `${f}${pick(r, ["\xe9", "caf\xe9", "\xa3100", "\x96"])}`),
  utf16: (t) => Buffer.from(`\ufeff${Buffer.from(t, "latin1").toString("utf8")}`, "utf16le").toString("latin1"),
  utf8_text: (t, r) => onField(t, r, (f) => `${f}${utf8(pick(r, ["é", "日本", "👍", "\u202e", "\u0000"]))}`),
  huge_field: (t, r) =>
    onField(t, r, () => pick(r, [() => "x".repeat(1_000_000), () => utf8("日本".repeat(2_500)), () => `"${"y\n".repeat(50_000)}"`])()),
  empty_file: () => "",
  header_only: (t) => splitLines(t).lines[0] ?? "",
  header_only_newline: (t) => `${splitLines(t).lines[0] ?? ""}\n`,
  duplicate_row: (t, r) => onLine(t, r, (l) => `${l}\n${l}`),
  bad_amount: (t, r) => onField(t, r, () => pick(r, AMOUNTS), /^"?-?\d+(\.\d+)?"?$/),
  bad_date: (t, r) => onField(t, r, () => pick(r, DATES), /\d{4}-\d\d-\d\d|\d+\/\d+\/\d+/),
  blank_lines: (t, r) => onLine(t, r, (l) => `${l}${pick(r, ["\n", "\n\n", "\n   ", "\n,,,", "\n\t"])}`),
  drop_header_column: (t, r) =>
    onLine(
      t,
      r,
      (l) =>
        l
          .split(",")
          .filter((_, i, a) => i !== int(r, a.length))
          .join(","),
      true,
    ),
  rename_header: (t, r) => onLine(t, r, (l) => l.replace(/[a-z_]+/i, (m) => `${m}${pick(r, ["_x", " ", "?"])}`), true),
  random_bytes: (t, r) => {
    let out = t;
    for (let k = 1 + int(r, 4); k > 0; k--) {
      const at = int(r, out.length + 1);
      out = out.slice(0, at) + pick(r, ["\x00", "\r", '"', ",", "\n", "\xff", ";"]) + out.slice(at);
    }
    return out;
  },
  delete_bytes: (t, r) => {
    const at = int(r, t.length + 1);
    return t.slice(0, at) + t.slice(at + 1 + int(r, 6));
  },
  footer: (t, r) =>
    `${t}${pick(r, ["Grand Totals,,,,\n", "Copyright (c) 2025 Salesforce, Inc. All rights reserved.\n", "\nGenerated By: x\n", "Total (3 records)"])}`,
  no_final_newline: (t) => t.replace(/(\r\n|\n|\r)+$/, ""),
};
const MUTATION_NAMES = Object.keys(MUTATIONS);

/**
 * The text DuckDB reads: UTF-16 after its byte order mark, else UTF-8 unless the first megabyte
 * is not, then Windows-1252 (source-file.ts).
 */
function decodeAsIngest(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  const head = bytes.subarray(0, 1 << 20);
  const cut = bytes.length > 1 << 20 ? head.lastIndexOf(0x0a) : head.length;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, cut > 0 ? cut : head.length));
    return new TextDecoder("utf-8").decode(bytes);
  } catch {
    // Streaming, as the transcoder does: Node 20's one-shot decode of windows-1252 is Latin-1.
    const decoder = new TextDecoder("windows-1252");
    return decoder.decode(bytes, { stream: true }) + decoder.decode();
  }
}

/** Physical lines: LF, CRLF and CR each end one; a BOM is no line; a final break opens none. */
function physicalLines(bytes: Buffer): string[] {
  // Quarantine shows a NUL byte as U+2400, so the file's lines are compared the same way.
  const { lines } = splitLines(
    decodeAsIngest(bytes)
      .replace(/^\uFEFF/, "")
      .replaceAll("\0", NUL_SHOWN),
  );
  // @duckdb/node-api drops a U+FEFF that starts a string value (DuckDB itself keeps it): a line
  // starting with one (a duplicated first line) reads back without it.
  for (let i = 0; i < lines.length; i++) lines[i] = (lines[i] ?? "").replace(/^\uFEFF/, "");
  if (lines.length > 1 && lines[lines.length - 1] === "") lines.pop();
  return lines;
}

interface Totals {
  ingests: number;
  files: number;
  read: number;
  kept: number;
  quarantined: number;
  refusals: number;
  exportRowsWithoutColumn: number;
  exportDuckDbRejectTextCrashes: number;
  /** Export files whose quotes do not pair up the way DuckDB reads them: quarantine lines approximate, said in reason and warning. */
  approximateFiles: number;
  /** A few of the export cases behind the two counters above, for the assertion's message. */
  exportExamples: string[];
  refusalsWithoutLine: number;
  errors: Map<string, number>;
}

describe("fuzzed ingests", () => {
  it(`survives ${INGESTS} mutated ingests (seed ${SEED})`, async () => {
    const started = Date.now();
    const rng = mulberry32(SEED);
    const root = await mkdtemp(path.join(os.tmpdir(), "pipeprism-fuzz-"));
    const seeds = new Map<string, Buffer>();
    for (const folder of readdirSync(EXPORT_FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const name of readdirSync(path.join(EXPORT_FIXTURES, folder.name))) {
        seeds.set(`${folder.name}/${name}`, readFileSync(path.join(EXPORT_FIXTURES, folder.name, name)));
      }
    }
    const totals: Totals = {
      ingests: 0,
      files: 0,
      read: 0,
      kept: 0,
      quarantined: 0,
      refusals: 0,
      exportRowsWithoutColumn: 0,
      exportDuckDbRejectTextCrashes: 0,
      approximateFiles: 0,
      exportExamples: [],
      refusalsWithoutLine: 0,
      errors: new Map(),
    };
    const failures: string[] = [];
    const mismatchesBefore = layoutMismatches.count;
    /** One case from the seeded generator: called in order, without awaiting, so runs are reproducible. */
    const makeCase = (run: number) => {
      const kind = pick(rng, KINDS);
      const files = new Map<string, Buffer>();
      for (const [name, bytes] of seeds) if (kind.folders.some((f) => name.startsWith(`${f}/`))) files.set(name, bytes);
      const mutated = new Map<string, string[]>();
      for (let n = 1 + (rng() < 0.25 ? 1 : 0); n > 0; n--) {
        const target = pick(rng, kind.targets);
        const applied = mutated.get(target) ?? [];
        let text = (files.get(target) ?? Buffer.alloc(0)).toString("latin1");
        for (let m = 1 + int(rng, 3); m > 0; m--) {
          const name = pick(rng, MUTATION_NAMES);
          text = (MUTATIONS[name] as Mutation)(text, rng);
          applied.push(name);
        }
        files.set(target, Buffer.from(text, "latin1"));
        mutated.set(target, applied);
      }
      return { run, kind, files, mutated, refusal: run % 10 === 9 };
    };

    const runCase = async ({ run, kind, files, mutated, refusal }: ReturnType<typeof makeCase>): Promise<void> => {
      const dir = path.join(root, `run-${run}`);
      const describeCase = `run ${run} (seed ${SEED}) ${kind.name} ${[...mutated].map(([f, m]) => `${f}: ${m.join("+")}`).join("; ")}${refusal ? " without --allow-partial" : ""}`;
      const keep = async () => {
        if (KEEP) await cp(dir, path.join(KEEP, `run-${run}`), { recursive: true });
      };
      const configPath = path.join(dir, "pipeprism.yaml");
      await mkdir(dir, { recursive: true });
      await writeFile(configPath, kind.config);
      if (refusal) {
        // A good workspace first: a refused ingest must leave it exactly as it was.
        for (const name of files.keys()) {
          await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
          await writeFile(path.join(dir, name), seeds.get(name) ?? Buffer.alloc(0));
        }
        await ingest(await loadConfig(configPath), { allowPartial: true });
        totals.ingests++;
      }
      for (const [name, bytes] of files) {
        await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
        await writeFile(path.join(dir, name), bytes);
      }
      totals.files += mutated.size;
      const loaded = await loadConfig(configPath);
      const workspace = workspaceFile(loaded);
      const before = refusal ? await digest(workspace) : null;
      totals.ingests++;
      let warnings: readonly string[];
      try {
        ({ warnings } = await ingest(loaded, { allowPartial: !refusal }));
      } catch (error) {
        if (!(error instanceof UserError)) {
          // DuckDB's 10,000-byte reject text bug must reach people as a UserError naming file and
          // line (readCsvOrExplain), for export objects as for canonical files; counted and asserted.
          if (!kind.exact && /Invalid unicode \(byte sequence mismatch\) detected in segment statistics/.test(String(error))) {
            totals.exportDuckDbRejectTextCrashes++;
            if (totals.exportExamples.length < 10) totals.exportExamples.push(`${describeCase}: DuckDB's reject text error`);
            await keep();
            return;
          }
          failures.push(
            `${describeCase}: crashed: ${error instanceof Error ? (error.stack ?? error.message).split("\n").slice(0, 4).join(" | ") : String(error)}`,
          );
          await keep();
          return;
        }
        for (const d of error.diagnostics) totals.errors.set(d.code, (totals.errors.get(d.code) ?? 0) + 1);
        if (error.diagnostics.some((d) => d.code === "ingest_incomplete")) totals.refusals++;
        // kept-share.ts (owned elsewhere) gives no example line when every quarantined record was
        // an empty or footer line: counted, not failed.
        if (error.diagnostics.some((d) => d.code === "ingest_incomplete" && /kept 0 of \d+ records \(none\)$/.test(d.message))) {
          totals.refusalsWithoutLine++;
        }
        const problem = checkError(error, [...files.keys()]);
        if (problem) failures.push(`${describeCase}: ${problem}`);
        if (before !== null && (await digest(workspace)) !== before)
          failures.push(`${describeCase}: a refused ingest changed the previous workspace`);
        if (problem) await keep();
        return;
      }
      const problems = await checkWorkspace(configPath, files, kind, totals, { describeCase, warnings });
      failures.push(...problems.map((p) => `${describeCase}: ${p}`));
      if (problems.length) await keep();
    };

    let planned = 0;
    let nextRun = 0;
    const worker = async () => {
      while (planned < INGESTS) {
        const c = makeCase(nextRun++);
        planned += c.refusal ? 2 : 1;
        await runCase(c);
        await rm(path.join(root, `run-${c.run}`), { recursive: true, force: true });
      }
    };
    try {
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    } finally {
      await rm(root, { recursive: true, force: true });
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const errors = [...totals.errors]
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `${code} ${n}`)
      .join(", ");
    console.log(
      `fuzz-ingest summary: seed ${SEED}, ${totals.ingests} ingests, ${totals.files} mutated files, records read ${totals.read} = kept ${totals.kept} + quarantined ${totals.quarantined}, ${totals.refusals} kept-too-little refusals (${totals.refusalsWithoutLine} naming no line), ${totals.exportRowsWithoutColumn} export quarantine rows without a column, ${totals.exportDuckDbRejectTextCrashes} export reads failing on DuckDB's reject text, ${totals.approximateFiles} export files with unpaired quotes quarantined on approximate lines (warned; ${layoutMismatches.count - mismatchesBefore} layout mismatches in all), errors by code: ${errors || "none"}, ${failures.length} failures, ${seconds} s`,
    );
    expect(failures.slice(0, 20)).toEqual([]);
    expect({
      exportRowsWithoutColumn: totals.exportRowsWithoutColumn,
      exportDuckDbRejectTextCrashes: totals.exportDuckDbRejectTextCrashes,
      examples: totals.exportExamples,
    }).toEqual({ exportRowsWithoutColumn: 0, exportDuckDbRejectTextCrashes: 0, examples: [] });
  });
});

async function digest(file: string): Promise<string> {
  try {
    return createHash("sha256")
      .update(await readFile(file))
      .digest("hex");
  } catch {
    return "absent";
  }
}

const LOCATED = /:(\d+)(:\d+)?: /;

/** An error names a file of the project, and a line where one applies. */
function checkError(error: UserError, files: readonly string[]): string | null {
  for (const d of error.diagnostics) {
    const text = `${d.at?.file ?? ""} ${d.message}`;
    if (["config_invalid", "config_yaml", "format_unsupported"].includes(d.code)) continue;
    if (!files.some((f) => text.includes(f)) && !/\b(accounts|opportunities|stage_history|touchpoints|spend|targets)\b/.test(text))
      return `error names no file: ${d.code} ${d.message}`;
    if (
      ["missing_column", "wrong_delimiter", "malformed_header"].includes(d.code) &&
      !LOCATED.test(d.message) &&
      !/\bno column for\b/.test(d.message)
    )
      return `error names no line: ${d.code} ${d.message}`;
    if (d.code === "ingest_incomplete" && !/line \d+|no data rows|kept 0 of \d+ records \(none\)$/.test(d.message))
      return `refusal names no line: ${d.message}`;
  }
  return null;
}

async function checkWorkspace(
  configPath: string,
  files: ReadonlyMap<string, Buffer>,
  kind: Kind,
  totals: Totals,
  run: { readonly describeCase: string; readonly warnings: readonly string[] },
): Promise<string[]> {
  const { describeCase, warnings } = run;
  const problems: string[] = [];
  const ws = await openWorkspace(configPath);
  try {
    const counts = await ws.engine.all("SELECT table_name, file, rows_read, rows_kept, rows_quarantined FROM ingest_files");
    const byTable = new Map<string, number>();
    for (const c of counts) {
      const [read, kept, quarantined] = [Number(c.rows_read), Number(c.rows_kept), Number(c.rows_quarantined)];
      totals.read += read;
      totals.kept += kept;
      totals.quarantined += quarantined;
      if (read !== kept + quarantined) problems.push(`${String(c.file)}: read ${read} ≠ kept ${kept} + quarantined ${quarantined}`);
      byTable.set(String(c.table_name), (byTable.get(String(c.table_name)) ?? 0) + quarantined);
    }
    const held = await ws.engine.all("SELECT table_name, count(*) AS n FROM quarantine GROUP BY table_name");
    for (const h of held) {
      const expected = byTable.get(String(h.table_name)) ?? 0;
      if (Number(h.n) !== expected)
        problems.push(`${String(h.table_name)}: quarantine holds ${Number(h.n)} rows, ingest_files says ${expected}`);
    }
    const lines = new Map([...files].map(([name, bytes]) => [name, physicalLines(bytes)]));
    const rows = await ws.engine.all("SELECT table_name, file, line, column_number, column_name, code, reason, raw_row FROM quarantine");
    const approximate = new Set(rows.filter((q) => String(q.reason).includes("(line approximate:")).map((q) => String(q.file)));
    for (const file of approximate) {
      if (kind.exact) problems.push(`canonical file with approximate quarantine lines: ${file}`);
      if (!warnings.some((w) => w.startsWith(`${file}: quotes do not pair up`)))
        problems.push(`approximate lines without a warning: ${file}`);
    }
    totals.approximateFiles += approximate.size;
    for (const q of rows) {
      const where = `${String(q.file)}:${String(q.line)} ${String(q.code)}`;
      const fileLines = lines.get(String(q.file));
      if (!fileLines) {
        problems.push(`quarantine names a file that is not a source: ${where}`);
        continue;
      }
      const line = Number(q.line);
      if (!Number.isInteger(line) || line < 1 || line > fileLines.length) {
        problems.push(`quarantine line outside the file (${fileLines.length} lines): ${where}`);
        continue;
      }
      const needsColumn = !["unparseable_record", "empty_line", "report_footer"].includes(String(q.code));
      if (needsColumn && !(Number(q.column_number) >= 1)) {
        // Export rows are counted apart (the summary line says how many), then asserted to be none.
        if (kind.exact) problems.push(`quarantine row without a column: ${where}`);
        else {
          totals.exportRowsWithoutColumn++;
          if (totals.exportExamples.length < 10)
            totals.exportExamples.push(`${describeCase}: no column: ${where} ${String(q.table_name)}.${String(q.column_name)}`);
        }
      }
      if (q.raw_row !== null && !approximate.has(String(q.file))) {
        const first = splitLines(String(q.raw_row)).lines[0] ?? "";
        if (first !== fileLines[line - 1]) {
          problems.push(
            `raw_row does not start on its line: ${where}: ${JSON.stringify(first.slice(0, 80))} vs ${JSON.stringify((fileLines[line - 1] ?? "").slice(0, 80))}`,
          );
        }
      }
    }
    if (kind.exact) {
      for (const table of ["accounts", "opportunities", "touchpoints", "spend", "stage_history"]) {
        const file = `canonical/${table}.csv`;
        const fileLines = lines.get(file);
        if (!fileLines) continue;
        const [r] = await ws.engine.all(`SELECT min(source_line) AS lo, max(source_line) AS hi FROM ${table}`);
        if (r?.lo !== null && r?.lo !== undefined && (Number(r.lo) < 2 || Number(r.hi) > fileLines.length)) {
          problems.push(`${file}: kept rows on lines ${String(r.lo)}–${String(r.hi)} of ${fileLines.length}`);
        }
      }
    }
  } finally {
    await ws.close();
  }
  return problems;
}
