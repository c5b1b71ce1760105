// Every export sample in ../shared/data/crm_exports ingests with its config under examples/,
// unmodified, and nothing is lost: rows read equal the file's records (counted here by DuckDB's
// own sniffing reader) and equal kept + quarantined.
import { DuckDBInstance } from "@duckdb/node-api";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { ingest } from "../src/ingest/ingest.js";
import { loadConfig } from "../src/model/config.js";
import { run } from "./helpers/run-cli.js";
import { describeShared } from "./helpers/shared-data.js";

const EXAMPLES = fileURLToPath(new URL("../examples/", import.meta.url));

/** Real exports may keep too few rows with the shortest config: these tests count, so they allow it. */
async function ingestExample(name: string, dataDir: string, allowPartial = true) {
  const dir = await ingestedDir(name, dataDir);
  return ingest(await loadConfig(path.join(dir, "pipeprism.yaml")), { allowPartial });
}

/** The example's config in a temp folder, its data paths pointing at `dataDir`. */
async function ingestedDir(name: string, dataDir: string, edit: (text: string) => string = (t) => t): Promise<string> {
  const text = await readFile(path.join(EXAMPLES, name, "pipeprism.yaml"), "utf8");
  const dir = await mkdtemp(path.join(os.tmpdir(), `pipeprism-sample-${name}-`));
  await writeFile(path.join(dir, "pipeprism.yaml"), edit(text.replaceAll("../../../shared/data/", dataDir)));
  return dir;
}

async function records(file: string): Promise<number> {
  const connection = await (await DuckDBInstance.create(":memory:")).connect();
  const reader = await connection.runAndReadAll(
    `SELECT count(*) AS n FROM read_csv('${file.replaceAll("'", "''")}', header = true, all_varchar = true)`,
  );
  connection.closeSync();
  return Number(reader.getRowObjectsJS()[0]?.n);
}

describeShared("CRM export samples ingest as exported", (dataDir) => {
  const exports = path.join(dataDir, "crm_exports");
  const cases: [string, Record<string, string>][] = [
    [
      "salesforce_demo_org",
      { accounts: "salesforce_demo_org_export/Account.csv", opportunities: "salesforce_demo_org_export/Opportunity.csv" },
    ],
    [
      "salesforce_devorg",
      {
        accounts: "salesforce_devorg_export/Account.csv",
        opportunities: "salesforce_devorg_export/Opportunity.csv",
        stage_history: "salesforce_devorg_export/OpportunityHistory.csv",
      },
    ],
    [
      "salesforce_fivetran",
      {
        accounts: "salesforce_fivetran_fixtures/sf_account_data.csv",
        opportunities: "salesforce_fivetran_fixtures/sf_opportunity_data.csv",
      },
    ],
    ["salesforce_org_headers", { opportunities: "salesforce_org_headers/Opportunity.header.csv" }],
    [
      "hubspot_fivetran",
      {
        accounts: "hubspot_fivetran_fixtures/company_data.csv",
        opportunities: "hubspot_fivetran_fixtures/deal_data.csv",
        stage_history: "hubspot_fivetran_fixtures/deal_stage_data.csv",
      },
    ],
  ];
  for (const [name, files] of cases) {
    it(`${name}: rows read = records in the file = kept + quarantined`, async () => {
      const result = await ingestExample(name, dataDir);
      for (const t of result.tables) expect(t.rowsRead, t.table).toBe(t.rowsKept + t.rowsQuarantined);
      for (const [table, file] of Object.entries(files)) {
        const stats = result.tables.find((t) => t.table === table);
        expect(stats?.rowsRead, `${name} ${table}`).toBe(await records(path.join(exports, file)));
      }
    });
  }

  it("hubspot_fivetran: with the shortest config no deal has a stage, so the ingest refuses and says why", async () => {
    // The deals export carries stages only as deal-stage history; every deal lacks `dealstage`.
    await expect(ingestExample("hubspot_fivetran", dataDir, false)).rejects.toThrow(
      /opportunities: kept 0 of \d+ records[\s\S]*missing_required stage[\s\S]*likely fix: the deals' stage column \(Deal Stage/,
    );
  });

  it("salesforce_demo_org: campaign members all skipped by responded_only are named, with their status", async () => {
    // CampaignMember.csv: 68 members, every one Status "Sent" with HasResponded empty (counted with Python's csv module).
    const dir = await ingestedDir("salesforce_demo_org", dataDir, (t) => t.replace("responded_only: false", "responded_only: true"));
    const { code, err } = await run(dir, "ingest");
    expect(code).toBe(0);
    expect(err).toMatch(/touchpoints: all 68 campaign members \(status Sent: 68\) did not respond[^\n]*responded_only: false/);
    expect(err).toMatch(/spend: all 8 campaigns have no ActualCost/);
    // With no touch kept, the report points back at the source rather than only at each deal.
    const report = await run(dir, "report", "attribution", "--format", "json");
    const notes = (JSON.parse(report.out) as { notes: string[] }).notes.join("\n");
    expect(notes).toMatch(/50 opportunities: 50 \([\d,]+\) with no touch at all[^.]*\. The workspace holds no touchpoint at all/);
  });

  it("salesforce_demo_org: attribution says why all pipeline is Unattributed", async () => {
    // The 9 members with an account were added on 2024-01-23 (the org's load, CreatedDate); their 9
    // accounts hold 25 of the 50 opportunities, all created by 2024-01-22. The other 25 have no touch.
    const dir = await ingestedDir("salesforce_demo_org", dataDir);
    expect((await run(dir, "ingest")).code).toBe(0);
    const { code, out } = await run(dir, "report", "attribution", "--format", "json");
    expect(code).toBe(0);
    const notes = (JSON.parse(out) as { notes: string[] }).notes.join("\n");
    expect(notes).toMatch(
      /Unattributed: [\d,]+ pipeline \(100\.0 % of [\d,]+\), 50 opportunities: 25 \([\d,]+\) with no touch at all[^;]*; 25 \([\d,]+\) with touches only after the opportunity was created/,
    );
  });

  it("salesforce_devorg: custom date columns replace the load dates; deals without them are quarantined", async () => {
    const result = await ingestExample("salesforce_devorg", dataDir);
    const opps = result.tables.find((t) => t.table === "opportunities");
    expect([opps?.rowsRead, opps?.rowsKept, opps?.rowsQuarantined]).toEqual([36, 31, 5]);
  });
});
