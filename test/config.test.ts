// Config validation: every problem is collected and named by its path and expectation.
import { describe, expect, it } from "vitest";
import { parseConfigText } from "../src/model/config.js";
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

  it("names wrong enum values, types and reserved names", () => {
    expect(messages(`${VALID}segments:\n  region: { field: c, preset: continents }\n  channel: { field: x }\nmin_sample: 0\n`)).toEqual([
      'segments.region.preset: expected one of "regions", got "continents"',
      "min_sample: expected a number at least 1, got 0",
    ]);
    expect(messages(`${VALID}segments:\n  channel: { field: x }\n`)).toEqual(['segments.channel: "channel" is reserved; choose another dimension name']);
  });

  it("finds a stage listed twice and a broken channel regex", () => {
    expect(messages(`sources: { accounts: a.csv, opportunities: o.csv }
stages: { order: [Open, won], won: [Won], lost: [Lost] }
channels:
  - { match: { channel: "(unclosed" }, channel: X }
`)).toEqual([
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
