// The CLI's table on a terminal and off it (issue #16): fitted and coloured only when stdout is a
// terminal and NO_COLOR is unset; piped (the in-process CLI's default io), every column and no
// escape code. Thin rows carry a marker beside their rates, on a fixture whose thin segment is
// worked out by hand from min_sample.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/create-cli.js";
import { stdoutTerminalOf, type CliIo, type StdoutTerminal } from "../src/cli/io.js";
import { stripStyles, textWidth } from "../src/render/visible-text.js";
import { basicConfig, csv, writeProject, ingestProject, type TempProject } from "./helpers/temp-workspace.js";
import { run } from "./helpers/run-cli.js";

/** 66 characters: longer than a terminal leaves a name, shorter than the 80 a piped table keeps. */
const LONG_INDUSTRY = "Information Technology, Enterprise Software and Managed Cloud (WW)";

/**
 * min_sample is 3 (basicConfig). SMB (A1, 50 employees): 3 won + 1 lost = 4 closed outcomes ≥ 3,
 * sample ok, win rate 3/4 = 75.0 %. Enterprise (A2, 5000 employees): 1 won + 1 lost = 2 < 3,
 * thin, win rate 1/2 = 50.0 %.
 */
const FILES = {
  "pipeprism.yaml": basicConfig().replace('"IT": Software', `"IT": "${LONG_INDUSTRY}"`),
  "accounts.csv": csv([
    ["account_id", "account_name", "employees", "country", "industry"],
    ["A1", "Alpha", 50, "US", "IT"],
    ["A2", "Gamma", 5000, "Japan", "Retail"],
  ]),
  "opportunities.csv": csv([
    ["opportunity_id", "account_id", "amount", "stage", "created_date", "close_date", "type", "probability"],
    ["O1", "A1", 100, "Closed Won", "2025-01-10", "2025-02-09", "new_business", null],
    ["O2", "A1", 200, "Closed Won", "2025-01-15", "2025-03-01", "new_business", null],
    ["O3", "A1", 300, "Closed Won", "2025-02-01", "2025-03-31", "new_business", null],
    ["O4", "A1", 400, "Closed Lost", "2025-02-05", "2025-04-01", "new_business", null],
    ["O5", "A2", 1000, "Closed Won", "2025-02-10", "2025-05-10", "new_business", null],
    ["O6", "A2", 2000, "Closed Lost", "2025-02-20", "2025-06-20", "new_business", null],
  ]),
};

let project: TempProject;

beforeAll(async () => {
  project = await writeProject(FILES);
  await ingestProject(project);
});

afterAll(() => undefined);

/** The CLI with stdout as a terminal of `columns` (colour as given), stderr collected. */
async function onTerminal(terminal: StdoutTerminal, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: CliIo = { cwd: project.dir, stdout: (t) => void (out += t), stderr: (t) => void (err += t), stdoutTerminal: terminal };
  const code = await runCli(argv, io);
  return { code, out, err };
}

const ESCAPE = "\u001b";
const lines = (text: string) => text.trimEnd().split("\n");
const rowOf = (text: string, start: string) => lines(stripStyles(text)).find((l) => l.startsWith(start)) ?? "";

describe("stdout as a terminal", () => {
  it("is a terminal only when it says so, coloured unless NO_COLOR is set and not empty", () => {
    expect(stdoutTerminalOf({ isTTY: false, columns: 120 }, {})).toBeUndefined();
    expect(stdoutTerminalOf({}, {})).toBeUndefined();
    expect(stdoutTerminalOf({ isTTY: true, columns: 120 }, {})).toEqual({ columns: 120, color: true });
    expect(stdoutTerminalOf({ isTTY: true, columns: 120 }, { NO_COLOR: "1" })).toEqual({ columns: 120, color: false });
    expect(stdoutTerminalOf({ isTTY: true, columns: 120 }, { NO_COLOR: "" })).toEqual({ columns: 120, color: true });
    expect(stdoutTerminalOf({ isTTY: true }, {})).toEqual({ columns: 80, color: true });
  });
});

describe("report table on a terminal", () => {
  it("piped (no terminal) prints every column, the long name whole, and no escape code", async () => {
    const got = await run(project.dir, "report", "winrate", "--by", "size,industry");
    expect(got.code, got.err).toBe(0);
    expect(got.out).not.toContain(ESCAPE);
    expect(got.out).toContain(LONG_INDUSTRY);
    expect(got.out).not.toContain("left out");
    expect(lines(got.out)[0]).toMatch(/size\s+industry\s+won\s+lost\s+win rate\s+low\s+high\s+shrunk/);
  });

  for (const columns of [80, 100]) {
    it(`at ${columns} columns with NO_COLOR fits, cuts the long name and has no escape code`, async () => {
      const got = await onTerminal({ columns, color: false }, "report", "winrate", "--by", "size,industry");
      expect(got.code, got.err).toBe(0);
      expect(got.out).not.toContain(ESCAPE);
      for (const line of lines(got.out)) expect(textWidth(line), line).toBeLessThanOrEqual(columns);
      expect(got.out).not.toContain(LONG_INDUSTRY);
      expect(got.out).toContain("Information Techn");
      expect(got.out).toMatch(/names ending in … are cut; --wide shows all/);
      expect(lines(got.out)[0]).toMatch(/^size\s+industry\s/);
    });
  }

  it("with colour has escape codes, and its visible width still fits", async () => {
    const got = await onTerminal({ columns: 80, color: true }, "report", "winrate", "--by", "size,industry");
    expect(got.code, got.err).toBe(0);
    expect(got.out).toContain(`${ESCAPE}[4msize${ESCAPE}[24m`);
    for (const line of lines(got.out)) expect(textWidth(line)).toBeLessThanOrEqual(80);
    // The total row is bold, the thin row's rates dim.
    expect(got.out).toContain(`${ESCAPE}[1mTotal${ESCAPE}[22m`);
    expect(got.out).toContain(`${ESCAPE}[2m50.0%*${ESCAPE}[22m`);
  });

  it("--wide on a terminal prints every column, however wide", async () => {
    const wide = await onTerminal({ columns: 80, color: false }, "report", "winrate", "--by", "size,industry", "--wide");
    const piped = await run(project.dir, "report", "winrate", "--by", "size,industry");
    expect(wide.out).toBe(piped.out);
    expect(Math.max(...lines(wide.out).map(textWidth))).toBeGreaterThan(80);
  });

  it("--out writes every column and no escape code even from a terminal", async () => {
    const file = path.join(project.dir, "w.txt");
    const got = await onTerminal({ columns: 40, color: true }, "report", "winrate", "--by", "size", "--out", file);
    expect(got.code, got.err).toBe(0);
    const text = await readFile(file, "utf8");
    expect(text).not.toContain(ESCAPE);
    expect(text).not.toContain("left out");
  });
});

describe("thin marker", () => {
  it("follows the rates of the thin segment (2 closed outcomes, min_sample 3), not those of the ok one", async () => {
    const got = await run(project.dir, "report", "winrate", "--by", "size");
    expect(got.code, got.err).toBe(0);
    const enterprise = rowOf(got.out, "Enterprise");
    const smb = rowOf(got.out, "SMB");
    expect(enterprise).toMatch(/\b1\s+1\s+50\.0%\*/);
    expect(enterprise).toMatch(/\bthin$/);
    expect(smb).toMatch(/\b3\s+1\s+75\.0% /);
    expect(smb).not.toContain("*");
    expect(got.out).toContain("* thin sample (under min_sample): the rate is directional");
  });

  it("keeps the sample column at 80 columns", async () => {
    const got = await onTerminal({ columns: 80, color: false }, "report", "winrate", "--by", "size");
    expect(lines(got.out)[0]).toContain("sample");
    expect(rowOf(got.out, "Enterprise")).toMatch(/50\.0%\*.*thin$/);
  });
});

describe("other tables", () => {
  it("deals and validate take --wide and fit the terminal", async () => {
    for (const argv of [
      ["deals", "--by", "size"],
      ["validate", "--demo", "--journeys", "2000"],
    ]) {
      const got = await onTerminal({ columns: 80, color: false }, ...argv);
      expect(got.code, got.err).toBe(0);
      for (const line of lines(got.out)) expect(textWidth(line), line).toBeLessThanOrEqual(80);
      const wide = await onTerminal({ columns: 80, color: false }, ...argv, "--wide");
      expect(wide.code, wide.err).toBe(0);
    }
  });

  it("audit takes --wide", async () => {
    const got = await onTerminal({ columns: 80, color: false }, "audit", "--wide");
    expect(got.code, got.err).toBe(0);
  });
});
