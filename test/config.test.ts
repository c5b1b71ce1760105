// Config validation: every problem is collected and named by its path and expectation.
import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig, parseConfigText } from "../src/model/config.js";
import { formatDiagnostic, UserError } from "../src/model/diagnostic.js";
import { INIT_TEMPLATE } from "../src/cli/init-template.js";
import { DEMO_CONFIG_YAML } from "../src/demo/demo-config.js";

const messages = (yaml: string) => parseConfigText(yaml).diagnostics.map((d) => d.message);

const VALID = `
sources: { accounts: a.csv, opportunities: o.csv }
stages: { order: [Open], won: [Won], lost: [Lost] }
`;

describe("config validation", () => {
  it("accepts a minimal config and fills defaults", () => {
    const { config, diagnostics } = parseConfigText(VALID);
    expect(diagnostics).toEqual([]);
    expect(config?.unknown_label).toBe("Unknown");
    expect(config?.attribution).toEqual({ lookback_days: 180, half_life_days: 7, custom_models: {} });
    expect(config?.fiscal_year_start_month).toBe(1);
    expect(config?.min_sample).toBe(20);
    expect(config?.sources.format).toBe("canonical");
  });

  it("accepts the init template and the demo config", () => {
    expect(parseConfigText(INIT_TEMPLATE).diagnostics).toEqual([]);
    expect(parseConfigText(DEMO_CONFIG_YAML).diagnostics).toEqual([]);
  });

  it("collects every problem with its path", () => {
    expect(
      messages(`
sources: { accounts: a.csv }
stages: { order: [Open], won: [Won], lost: [Lost] }
segments:
  size: { field: employees, bands: [{ name: S, max: 10 }, { name: M, max: 20 }, { name: L, max: "1k" }] }
  Bad: { field: x }
attribution: { lookback_days: "x" }
fiscal_year_start_month: 13
foo: 1
`),
    ).toEqual([
      "sources.opportunities: expected a file path (required for format canonical)",
      'segments.size.bands[2].max: expected a number, got "1k"',
      "segments.Bad: invalid name: expected a lower-case name of letters, digits and _ (e.g. size)",
      'attribution.lookback_days: expected a number, got "x"',
      "fiscal_year_start_month: expected a number at most 12, got 13",
      '(root): unknown key "foo"',
    ]);
  });

  it("checks band order and open bands", () => {
    expect(messages(`${VALID}segments:\n  size: { field: e, bands: [{ name: S }, { name: M, max: 5 }, { name: L, max: 3 }] }\n`)).toEqual([
      "segments.size.bands[0].max: only the last band may be open-ended (no max)",
      "segments.size.bands[2].max: expected a number above the previous band's max (5)",
    ]);
  });

  it("names wrong enum values, types and reserved names, in one pass", () => {
    expect(messages(`${VALID}segments:\n  region: { field: c, preset: continents }\n  channel: { field: x }\nmin_sample: 0\n`)).toEqual([
      'segments.region.preset: expected one of "regions", got "continents"',
      'segments.channel: "channel" is a result column name; rows would carry both under one key. Rename the dimension (e.g. channel_group).',
      "min_sample: expected a number at least 1, got 0",
    ]);
    expect(messages(`${VALID}segments:\n  report: { field: x }\n`)).toEqual([
      'segments.report: "report" is reserved. Rename the dimension (e.g. report_group).',
    ]);
  });

  it("finds a stage listed twice and a broken channel regex", () => {
    expect(
      messages(`sources: { accounts: a.csv, opportunities: o.csv }
stages: { order: [Open, won], won: [Won], lost: [Lost] }
channels:
  - { match: { channel: "(unclosed" }, channel: X }
`),
    ).toEqual([
      'stages.won[0]: stage "Won" is already listed in stages.order',
      'channels[0].match.channel: invalid regular expression "(unclosed": Invalid regular expression: /(unclosed/: Unterminated group',
    ]);
  });

  it("reports YAML syntax errors with line and column", () => {
    const { diagnostics } = parseConfigText("sources:\n  accounts: [a.csv\n", "my.yaml");
    expect(diagnostics[0]?.at).toMatchObject({ file: "my.yaml", line: 3 });
    expect(diagnostics[0]?.message).toMatch(/^YAML syntax: /);
  });
});

describe("config diagnostics carry the file's line:column", () => {
  const placed = (yaml: string, file?: string) => parseConfigText(yaml, file).diagnostics.map(formatDiagnostic);

  it("points at the value of a wrong type", () => {
    // VALID starts with an empty line, so segments: is line 4 and `max: "1k"` line 11; 8 spaces + `max: ` put the value at column 14.
    const yaml = `${VALID}segments:
  size:
    field: employees
    bands:
      - name: S
        max: 10
      - name: L
        max: "1k"
`;
    expect(placed(yaml, "pipeprism.yaml")).toEqual(['pipeprism.yaml:11:14 segments.size.bands[1].max: expected a number, got "1k"']);
    expect(parseConfigText(yaml).diagnostics[0]).toMatchObject({
      code: "config_invalid",
      at: { file: "pipeprism.yaml", line: 11, column: 14 },
    });
  });

  it("reports schema and semantic problems together, top to bottom", () => {
    expect(
      placed(`sources: { accounts: a.csv, opportunities: o.csv }
stages:
  order: [Open, Won]
  won: [Won]
  lost: [Lost]
min_sample: many
fiscal_year_start_month: 0
`),
    ).toEqual([
      'pipeprism.yaml:4:9 stages.won[0]: stage "Won" is already listed in stages.order',
      'pipeprism.yaml:6:13 min_sample: expected a number, got "many"',
      "pipeprism.yaml:7:26 fiscal_year_start_month: expected a number at least 1, got 0",
    ]);
  });

  it("points a missing key at the mapping that lacks it, an unknown key at itself", () => {
    expect(placed("sources:\n  accounts: a.csv\nstages: { order: [A], won: [W], lost: [L] }\nextra: 1\n")).toEqual([
      "pipeprism.yaml:1:1 sources.opportunities: expected a file path (required for format canonical)",
      'pipeprism.yaml:4:1 (root): unknown key "extra"',
    ]);
  });

  it("gives a YAML syntax error its line and column", () => {
    const [d] = parseConfigText("sources:\n  accounts: a.csv\n  opportunities: o.csv\nstages:\n  order: [Open\n  won: [Won]\n").diagnostics;
    // The unclosed `[Open` of line 5 runs into line 6, where `won:` at column 3 is too little indented.
    expect(d).toMatchObject({ code: "config_yaml", at: { file: "pipeprism.yaml", line: 6, column: 3 } });
    expect(d?.message).toMatch(/^YAML syntax: /);
  });

  // `kind` is not a result name (src/contract/result-names.ts), so it stays a valid dimension.
  it.each(["won", "sample", "channel", "pipeline", "first_touch"])("refuses a segment dimension named %s, pointing at its key", (name) => {
    const { config, diagnostics } = parseConfigText(`${VALID}segments:\n  size: { field: employees }\n  ${name}: { field: x }\n`);
    expect(config).toBeUndefined();
    expect(diagnostics).toEqual([
      {
        code: "reserved_name",
        message: `segments.${name}: "${name}" is a result column name; rows would carry both under one key. Rename the dimension (e.g. ${name}_group).`,
        at: { file: "pipeprism.yaml", line: 6, column: 3 }, // segments: is line 4, size line 5
      },
    ]);
  });

  it("refuses a custom model named like a dimension or a built-in model", () => {
    const { diagnostics } = parseConfigText(`${VALID}segments:
  size: { field: employees }
attribution:
  custom_models:
    size: { roles: { first: 1 } }
    linear: { roles: { last: 1 } }
    mine: { roles: { first: 0.5, last: 0.5 } }
`);
    expect(diagnostics.map(formatDiagnostic)).toEqual([
      // VALID's empty first line: segments: line 4, attribution: 6, custom_models: 7, size 8, linear 9
      'pipeprism.yaml:8:5 attribution.custom_models.size: "size" is also a segment dimension; rows would carry both under one key. Rename the model (e.g. size_custom).',
      'pipeprism.yaml:9:5 attribution.custom_models.linear: "linear" is a built-in model or result column name; rows would carry both under one key. Rename the model (e.g. linear_custom).',
    ]);
    expect(diagnostics.map((d) => d.code)).toEqual(["reserved_name", "reserved_name"]);
  });

  it("throws every problem from loadConfig as one UserError", async () => {
    const configPath = path.join(await mkdtemp(path.join(os.tmpdir(), "pipeprism-config-")), "pipeprism.yaml");
    await writeFile(
      configPath,
      "sources: { accounts: a.csv }\nstages: { order: [A], won: [W], lost: [L] }\nsegments:\n  won: { field: x }\n",
    );
    const error = await loadConfig(configPath).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).diagnostics.map((d) => [d.code, d.at?.line, d.at?.column])).toEqual([
      ["config_invalid", 1, 1],
      ["reserved_name", 4, 3],
    ]);
  });
});
