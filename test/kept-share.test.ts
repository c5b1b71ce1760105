// An ingest that keeps (almost) nothing fails instead of replacing the workspace with an empty one
// (issue #13): the message names the file, the commonest reasons with an example line and the fix.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { likelyFix } from "../src/ingest/kept-share.js";
import { loadConfig } from "../src/model/config.js";
import { openWorkspace } from "../src/workspace/workspace.js";
import { run } from "./helpers/run-cli.js";
import { basicConfig, csv, ingestProject, writeProject } from "./helpers/temp-workspace.js";

const ACCOUNTS = csv([
  ["account_id", "employees", "country"],
  ["A1", 50, "US"],
  ["A2", 5000, "FR"],
]);
const HEADER = ["opportunity_id", "account_id", "amount", "stage", "created_date", "close_date"];
const opportunities = (dates: readonly [string, string][]) =>
  csv([HEADER, ...dates.map(([created, closed], i) => [`O${i + 1}`, i % 2 ? "A2" : "A1", 1000, "Closed Won", created, closed])]);
const US_DATES: [string, string][] = [
  ["01/15/2025", "03/20/2025"],
  ["02/01/2025", "04/30/2025"],
  ["02/11/2025", "05/02/2025"],
];
const ISO_DATES: [string, string][] = [
  ["2025-01-15", "2025-03-20"],
  ["2025-02-01", "2025-04-30"],
];

describe("ingest refuses to succeed with nothing", () => {
  it("fails on MM/DD/YYYY dates, suggests date_format, and keeps the previous workspace", async () => {
    const project = await writeProject({
      "pipeprism.yaml": basicConfig(),
      "accounts.csv": ACCOUNTS,
      "opportunities.csv": opportunities(ISO_DATES),
    });
    await ingestProject(project);
    await writeFile(path.join(project.dir, "opportunities.csv"), opportunities(US_DATES));
    const cli = await run(project.dir, "ingest");
    expect(cli.code).toBe(1);
    expect(cli.err).toContain("opportunities.csv opportunities: kept 0 of 3 records (none)");
    expect(cli.err).toMatch(/3 × bad_date created_date, e\.g\. line 2: created_date: "01\/15\/2025" is not a date/);
    expect(cli.err).toContain("likely fix: dates look like MM/DD/YYYY or DD/MM/YYYY: set `sources.date_format`");
    expect(cli.err).toContain("the previous workspace is unchanged");
    const ws = await openWorkspace(project.configPath);
    try {
      const [row] = await ws.engine.all("SELECT count(*) AS n FROM opportunities");
      expect(Number(row?.n)).toBe(2);
    } finally {
      await ws.close();
    }
  });

  it("--allow-partial ingests what it can and warns", async () => {
    const project = await writeProject({
      "pipeprism.yaml": basicConfig(),
      "accounts.csv": ACCOUNTS,
      "opportunities.csv": opportunities(US_DATES),
    });
    const cli = await run(project.dir, "ingest", "--allow-partial");
    expect(cli.code).toBe(0);
    expect(cli.out).toContain("opportunities  3 read, 0 kept, 3 quarantined");
    expect(cli.err).toMatch(/^warning: opportunities\.csv: opportunities: kept 0 of 3 records/);
  });

  it("passes when at least sources.min_kept_share of the records are kept", async () => {
    const mixed = csv([
      HEADER,
      ["O1", "A1", 1000, "Closed Won", "2025-01-15", "2025-03-20"],
      ["O2", "A1", 1000, "Closed Won", "01/15/2025", "2025-03-20"],
    ]);
    const half = await writeProject({ "pipeprism.yaml": basicConfig(), "accounts.csv": ACCOUNTS, "opportunities.csv": mixed });
    expect((await ingestProject(half)).warnings).toEqual([]);
    const strict = await writeProject({
      "pipeprism.yaml": basicConfig().replace(
        "  opportunities: opportunities.csv",
        "  opportunities: opportunities.csv\n  min_kept_share: 0.9",
      ),
      "accounts.csv": ACCOUNTS,
      "opportunities.csv": mixed,
    });
    await expect(ingestProject(strict)).rejects.toThrow("kept 1 of 2 records (under 90%)");
  });

  it("warns when a configured optional table keeps nothing", async () => {
    const project = await writeProject({
      "pipeprism.yaml": basicConfig().replace(
        "  opportunities: opportunities.csv",
        "  opportunities: opportunities.csv\n  touchpoints: touchpoints.csv",
      ),
      "accounts.csv": ACCOUNTS,
      "opportunities.csv": opportunities(ISO_DATES),
      "touchpoints.csv": "touchpoint_id,account_id,occurred_at,channel\n",
    });
    const result = await ingestProject(project);
    expect(result.warnings).toEqual(["touchpoints.csv: touchpoints: the file has no data rows"]);
    expect((await loadConfig(project.configPath)).config.sources.min_kept_share).toBe(0.5);
  });

  it("says where the lines are when a file holds only empty lines and a report footer", async () => {
    const project = await writeProject({
      "pipeprism.yaml": basicConfig(),
      "accounts.csv": ACCOUNTS,
      // Line 1 header, line 2 empty (skipped, never a record), lines 3–4 a Salesforce-style report footer.
      "opportunities.csv": `${opportunities(ISO_DATES).split("\n")[0]}\n\n"Confidential Information - Do Not Distribute"\n"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n`,
    });
    await expect(ingestProject(project)).rejects.toThrow(
      "opportunities: the file has no data rows (lines 3–4 are empty or a report footer)",
    );
  });

  it("names the likely fix from what the commonest reason's example looks like", async () => {
    const { config } = await loadConfig((await writeProject({ "pipeprism.yaml": basicConfig() })).configPath);
    expect(likelyFix(config, { code: "bad_number", example_row: "O1,A1,1.200,50" })).toContain("decimal_separator");
    expect(likelyFix(config, { code: "bad_date", example_row: "O1,A1,2025.01.15" })).toBe(
      "dates must be YYYY-MM-DD, or as `sources.date_format` says",
    );
    expect(likelyFix(config, { code: "missing_required", example_row: "" })).toContain("columns:");
    expect(likelyFix(config, { code: "nul_byte", example_row: "" })).toContain("UTF-8");
    expect(likelyFix(config, { code: "duplicate_id", example_row: "" })).toBeNull();
  });
});
