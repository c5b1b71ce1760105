// Diagnostics as data: every code in src is in the table, each table entry decides the exit code,
// and `--format json` errors leave as one JSON line on stderr.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli/create-cli.js";
import { codeInfo, DIAGNOSTIC_CODES, isDiagnosticCode } from "../src/model/diagnostic-codes.js";
import { diagnosticJson, exitCodeOf, UserError } from "../src/model/diagnostic.js";
import { run } from "./helpers/run-cli.js";
import { basicConfig, writeProject } from "./helpers/temp-workspace.js";

const SRC = path.join(import.meta.dirname, "..", "src");

/** Codes written in src: the last string argument of `UserError(...)`, `code: "..."` literals, path-file codes. */
function codesUsedInSrc(): Map<string, string> {
  const found = new Map<string, string>();
  const files = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
  for (const file of files) {
    const text = readFileSync(path.join(SRC, file), "utf8");
    for (const call of text.split("UserError(").slice(1)) {
      const statement = call.slice(0, call.search(/;\s*\n|$/));
      const code = /,\s*"([a-z][a-z0-9_.]*)",?\s*\)/.exec(statement)?.[1];
      if (code) found.set(code, file);
    }
    for (const line of text.split("\n")) {
      if (line.includes("addIssue")) continue; // zod's own issue codes
      // zod's "custom" issue code, in addIssue calls written over several lines, is not ours.
      for (const m of line.matchAll(/\bcode: "([a-z][a-z0-9_.]*)"/g)) if (m[1] !== "custom") found.set(m[1] as string, file);
      for (const m of line.matchAll(/"(path_file\.[a-z_]+)"/g)) found.set(m[1] as string, file);
    }
  }
  return found;
}

describe("the diagnostic code table", () => {
  it("holds every code used in src", () => {
    const used = codesUsedInSrc();
    expect(used.size).toBeGreaterThan(30); // the scan itself works
    expect([...used.keys()]).toEqual(expect.arrayContaining(["bad_dimension", "config_missing", "file_missing", "path_file.width"]));
    // Ingest's rule tables name quarantine codes bare; the shared table holds them as quarantine.<code>.
    const known = (code: string) => isDiagnosticCode(code) || isDiagnosticCode(`quarantine.${code}`);
    const missing = [...used].filter(([code]) => !known(code)).map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it("classifies the command line as usage and files as input", () => {
    const usage = ["unknown_flag", "bad_flag_value", "bad_report", "bad_format", "unknown_model", "bad_dimension"];
    for (const code of usage) expect(codeInfo(code)).toMatchObject({ kind: "usage", severity: "error" });
    for (const code of ["reserved_name", "config_invalid", "config_yaml", "file_missing", "missing_column"])
      expect(codeInfo(code)?.kind).toBe("input");
    expect([...DIAGNOSTIC_CODES.values()].every((c) => c.summary.length > 0)).toBe(true);
    expect(codeInfo("quarantine.bad_number")).toMatchObject({ kind: "input", severity: "warning" });
  });

  it("looks codes up by own key only", () => {
    expect(isDiagnosticCode("toString")).toBe(false);
    expect(isDiagnosticCode("__proto__")).toBe(false);
    expect(codeInfo("constructor")).toBeUndefined();
  });
});

describe("exit codes and the JSON shape", () => {
  it("gives 2 when every diagnostic is a usage error, else 1", () => {
    expect(exitCodeOf(new UserError("--by: unknown dimension", "bad_dimension"))).toBe(2);
    expect(exitCodeOf(new UserError("x.csv: file not found", "file_missing"))).toBe(1);
    expect(exitCodeOf(new UserError("no code"))).toBe(1);
    const mixed = new UserError([
      { code: "bad_flag_value", message: "a" },
      { code: "config_invalid", message: "b" },
    ]);
    expect(exitCodeOf(mixed)).toBe(1);
    expect(exitCodeOf(new Error("bug"))).toBe(1);
  });

  it("puts the place in `at`, not in the message", () => {
    const d = {
      code: "config_invalid",
      message: "min_sample: expected a number",
      at: { file: "p.yaml", line: 3, column: 13 },
      hint: "e.g. 20",
    } as const;
    expect(diagnosticJson(d)).toEqual({
      error: { code: "config_invalid", message: "min_sample: expected a number (e.g. 20)", at: { file: "p.yaml", line: 3, column: 13 } },
    });
    expect(diagnosticJson({ code: "bad_report", message: "unknown report" })).toEqual({
      error: { code: "bad_report", message: "unknown report", at: null },
    });
  });
});

describe("CLI errors", () => {
  it("writes one JSON line to stderr with --format json, exit 2 for usage", async () => {
    const { dir } = await writeProject({ "pipeprism.yaml": basicConfig() });
    const badReport = await run(dir, "report", "nope", "--format", "json");
    expect(badReport.code).toBe(2);
    expect(badReport.out).toBe("");
    expect(badReport.err.endsWith("}\n") && badReport.err.split("\n").length).toBe(2);
    expect(JSON.parse(badReport.err)).toEqual({
      error: { code: "bad_report", message: expect.stringMatching(/^unknown report "nope" \(valid: summary, /), at: null },
    });

    const unknownOption = await run(dir, "report", "winrate", "--format=json", "--frobnicate");
    expect(unknownOption.code).toBe(2);
    expect(JSON.parse(unknownOption.err).error).toMatchObject({
      code: "unknown_flag",
      message: expect.stringContaining("unknown option '--frobnicate'"),
      at: null,
    });
    expect(JSON.parse((await run(dir, "frobnicate", "--format", "json")).err).error.code).toBe("unknown_command");
  });

  it("lists every config problem with its line and column, exit 1", async () => {
    // basicConfig: min_sample is on line 14; the extra key goes on line 15.
    const { dir } = await writeProject({ "pipeprism.yaml": basicConfig("won_rate: 1\n").replace("min_sample: 3", "min_sample: x") });
    const json = await run(dir, "report", "winrate", "--format", "json");
    expect(json.code).toBe(1);
    const file = path.join(dir, "pipeprism.yaml");
    const first = { code: "config_invalid", message: 'min_sample: expected a number, got "x"', at: { file, line: 14, column: 13 } };
    expect(JSON.parse(json.err)).toEqual({
      error: first,
      errors: [first, { code: "config_invalid", message: '(root): unknown key "won_rate"', at: { file, line: 15, column: 1 } }],
    });

    const text = await run(dir, "report", "winrate");
    expect(text).toMatchObject({ code: 1, out: "" });
    expect(text.err).toBe(`error: ${file}:14:13 min_sample: expected a number, got "x"\n${file}:15:1 (root): unknown key "won_rate"\n`);
  });

  it("keeps text errors and usage exit codes without --format json", async () => {
    const { dir } = await writeProject({ "pipeprism.yaml": basicConfig() });
    expect(await run(dir, "report", "nope")).toMatchObject({ code: 2, err: expect.stringMatching(/^error: unknown report "nope"/) });
    expect((await run(dir, "report", "winrate", "--frobnicate")).code).toBe(2);
    expect(await run(dir, "ingest", "--config", "missing.yaml")).toMatchObject({
      code: 1,
      err: expect.stringMatching(/^error: \S*missing\.yaml: config file not found/),
    });
  });

  it("turns an unexpected exception into one line and exit 1, with the trace only under --debug", async () => {
    let err = "";
    const io = {
      cwd: process.cwd(),
      stdout: () => {
        throw new Error("disk on fire");
      },
      stderr: (t: string) => void (err += t),
    };
    expect(await runCli(["--version"], io)).toBe(1);
    expect(err).toBe("error: disk on fire (run with --debug for the trace)\n");

    err = "";
    expect(await runCli(["--version", "--debug"], io)).toBe(1);
    expect(err.split("\n")[0]).toBe("error: disk on fire (run with --debug for the trace)");
    expect(err).toContain("Error: disk on fire\n    at ");
  });
});
