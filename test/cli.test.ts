// The CLI end to end, in-process: exit codes, output formats and the JSON contract of SPEC §8.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stderrLine, type CliIo } from "../src/cli/io.js";
import { run } from "./helpers/run-cli.js";
import { fixtureFiles } from "./fixtures/metrics-fixture.js";
import { writeProject } from "./helpers/temp-workspace.js";

describe("pipeprism CLI", () => {
  it("ingests, reports in every format, audits", async () => {
    const { dir } = await writeProject(fixtureFiles());
    const ingest = await run(dir, "ingest");
    expect(ingest.code).toBe(0);
    expect(ingest.out).toContain("opportunities  11 read, 11 kept, 0 quarantined");

    const json = JSON.parse((await run(dir, "report", "winrate", "--by", "size", "--format", "json")).out);
    expect(Object.keys(json)).toEqual(["report", "currency", "params", "columns", "rows", "totals", "notes"]);
    expect(json.report).toBe("winrate");
    expect(json.params).toMatchObject({ by: ["size"], as_of: "2025-06-20", mode: "snapshot" });
    expect(json.rows[0]).toMatchObject({ size: "SMB", won: 2, lost: 1 });
    expect(json.totals[0]).toMatchObject({ won: 5, lost: 3 });

    const csvOut = (await run(dir, "report", "winrate", "--by", "size", "--format", "csv")).out.split("\n");
    expect(csvOut[0]?.startsWith("size,won,lost,win_rate,")).toBe(true);
    expect(csvOut[1]?.startsWith("SMB,2,1,0.6666666666666666,")).toBe(true);

    const md = (await run(dir, "report", "pipeline", "--format", "md")).out;
    expect(md.split("\n")[0]).toBe("| created (USD) | # created | open (USD) | # open | weighted (USD) |");
    expect(md.split("\n")[2]).toBe("| 15,200 | 11 | 2,500 | 3 | 1,450 |");

    const table = (await run(dir, "report", "summary", "--by", "region")).out;
    expect(table).toMatch(/^region\s+created/);
    expect(table).toMatch(/\nTotal\s+15,200\s+11\s/);

    const outFile = path.join(dir, "w.json");
    const written = await run(dir, "report", "winrate", "--format", "json", "--out", outFile);
    expect(written.out).toBe("");
    expect(JSON.parse(await readFile(outFile, "utf8")).rows[0].won).toBe(5);

    const audit = await run(dir, "audit");
    expect(audit.out).toContain("opportunities.account_not_found: 1 rows (e.g. O11)");
  });

  it("fails with exit 1 and a message for bad input, 2 for usage", async () => {
    const { dir } = await writeProject(fixtureFiles());
    expect((await run(dir, "report", "winrate")).err).toMatch(/no workspace at .*run `pipeprism ingest` first/);
    await run(dir, "ingest");
    const badDim = await run(dir, "report", "winrate", "--by", "size,planet");
    expect(badDim).toMatchObject({
      code: 2,
      err: 'error: --by: unknown dimension "planet" (valid: size, region, industry, customer_type)\n',
    });
    const badReport = await run(dir, "report", "nope");
    expect(badReport.code).toBe(2);
    expect(badReport.err).toContain('unknown report "nope" (valid: summary, pipeline, winrate');
    expect((await run(dir, "report", "winrate", "--format", "xml")).err).toContain(
      '--format: "xml" is not a format (valid: table, json, csv, md, html)',
    );
    expect((await run(dir, "report", "winrate", "--period", "Q3")).code).toBe(2);
    expect((await run(dir, "frobnicate")).code).toBe(2);
    const future = await run(dir, "report", "winrate", "--period", "2030");
    expect(future.code).toBe(0);
    expect(future.err).toContain("note: the window 2030 (2030-01-01..2030-12-31) starts after as-of 2025-06-20");
    expect((await run(dir, "report", "winrate", "--period", "2025-Q1")).err).not.toContain("starts after as-of");
    const missingFolder = path.join(dir, "no-such-folder", "out.csv");
    expect(await run(dir, "report", "winrate", "--out", missingFolder)).toMatchObject({
      code: 1,
      err: `error: --out ${missingFolder}: the folder does not exist (create it first)\n`,
    });
    expect((await run(dir, "ingest", "--config", "missing.yaml")).err).toContain("missing.yaml: config file not found");
  });

  it("writes a template with init that validates, and refuses to overwrite", async () => {
    const { dir } = await writeProject({});
    expect((await run(dir, "init")).code).toBe(0);
    const again = await run(dir, "init");
    expect(again.code).toBe(1);
    expect(again.err).toContain("pipeprism.yaml already exists");
  });
});

describe("stderr lines", () => {
  it("show control characters from CRM values as escapes, line by line", () => {
    const seen: string[] = [];
    const io = { stdout: () => undefined, stderr: (t: string) => void seen.push(t), isTerminal: false };
    stderrLine(io as unknown as CliIo, "warning", "status \u001b[2JSent\u202e: 68\n  e.g. line 3:\tx");
    expect(seen).toEqual(["warning: status \\u001b[2JSent\\u202e: 68\n  e.g. line 3:\\tx\n"]);
  });
});
