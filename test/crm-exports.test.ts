// CRM exports read as exported: each format maps onto the same canonical tables and report
// numbers as the equivalent canonical fixture (fixtures/exports/README.md), and malformed
// export input is quarantined or reported with file, line, column and reason.
import { readFileSync } from "node:fs";
import { cp, mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../src/contract/row.js";
import { ingest, type IngestResult } from "../src/ingest/ingest.js";
import { loadConfig } from "../src/model/config.js";
import { UserError } from "../src/model/diagnostic.js";
import { audit } from "../src/report/audit.js";
import { runReport } from "../src/report/run-report.js";
import { openWorkspace, type Workspace } from "../src/workspace/workspace.js";
import { CANONICAL_SOURCES, EXPORT_FIXTURES, fixtureConfig } from "./helpers/export-fixtures.js";
import { ingestProject, openProject, writeProject } from "./helpers/temp-workspace.js";

/** The fixtures' config after `sources` (a YAML block ending in a line break), with a segment by deal type and channel rules. */
const withCommon = (sources: string): string =>
  fixtureConfig(sources, {
    segments: "  customer_type: { field: type }\n",
    extra: `channels:
  - { match: { channel: "(?i)^advertisement$" }, channel: Paid Search }
  - { match: { channel: "(?i)conference" }, channel: Events }
  - { match: { channel: "(?i)webinar" }, channel: Webinar }
`,
  });

const CONFIGS: Record<string, string> = {
  canonical: withCommon(CANONICAL_SOURCES),
  salesforce: withCommon(`sources:
  format: salesforce
  account: salesforce/Account.csv
  opportunity: salesforce/Opportunity.csv
  opportunity_history: salesforce/OpportunityHistory.csv
  contact: salesforce/Contact.csv
  lead: salesforce/Lead.csv
  campaign: salesforce/Campaign.csv
  campaign_member: salesforce/CampaignMember.csv
`),
  "salesforce-report": withCommon(`sources:
  format: salesforce
  date_format: MM/DD/YYYY
  account: salesforce/Account.csv
  opportunity: salesforce-report/Opportunity*.csv
  opportunity_history: salesforce/OpportunityHistory.csv
  contact: salesforce/Contact.csv
  campaign: salesforce/Campaign.csv
  campaign_member: salesforce/CampaignMember.csv
`),
  marketo: withCommon(`sources:
  format: marketo-measure
  account: salesforce/Account.csv
  opportunity: salesforce/Opportunity.csv
  opportunity_history: salesforce/OpportunityHistory.csv
  campaign: salesforce/Campaign.csv
  touchpoints: marketo/Buyer Attribution Touchpoints.csv
`),
  hubspot: withCommon(`sources:
  format: hubspot
  deals: hubspot/hubspot-crm-exports-all-deals-*.csv
  companies: hubspot/hubspot-crm-exports-all-companies-*.csv
`),
};

interface Loaded {
  ws: Workspace;
  result: IngestResult;
}

async function load(name: string, config = CONFIGS[name] ?? "", allowPartial = false): Promise<Loaded> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `pipeprism-export-${name}-`));
  await cp(EXPORT_FIXTURES, dir, { recursive: true });
  await writeFile(path.join(dir, "pipeprism.yaml"), config);
  const loaded = await loadConfig(path.join(dir, "pipeprism.yaml"));
  const result = await ingest(loaded, { allowPartial });
  return { ws: await openWorkspace(loaded), result };
}

const TABLE_COLUMNS: Record<string, string> = {
  accounts: "account_id, account_name, industry, employees, annual_revenue, country",
  opportunities:
    "opportunity_id, account_id, opportunity_name, amount, stage, CAST(created_date AS VARCHAR) AS created_date, CAST(close_date AS VARCHAR) AS close_date, status, type",
  stage_history: "opportunity_id, stage, CAST(entered_at AS VARCHAR) AS entered_at",
  touchpoints: "touchpoint_id, account_id, contact_id, opportunity_id, CAST(occurred_at AS VARCHAR) AS occurred_at, channel, campaign",
  spend: "CAST(period_start AS VARCHAR) AS period_start, CAST(period_end AS VARCHAR) AS period_end, channel, campaign, amount",
};

async function table(ws: Workspace, name: string): Promise<Row[]> {
  return ws.engine.all(`SELECT ${TABLE_COLUMNS[name]} FROM ${name} ORDER BY ALL`);
}

async function reportNumbers(ws: Workspace): Promise<unknown[]> {
  const reports = [
    await runReport(ws, "winrate", { by: "size,region" }),
    await runReport(ws, "pipeline", { by: "customer_type", asOf: "2025-03-15" }),
    await runReport(ws, "funnel", { by: "size" }),
    await runReport(ws, "attribution", { by: "size", model: "linear" }),
    await runReport(ws, "cost", { by: "size", model: "first_touch" }),
  ];
  return reports.map((r) => ({ report: r.report, rows: r.rows, totals: r.totals }));
}

describe("export formats map onto the canonical tables", () => {
  const loaded: Record<string, Loaded> = {};
  beforeAll(async () => {
    for (const name of Object.keys(CONFIGS)) loaded[name] = await load(name);
  });
  afterAll(async () => {
    for (const l of Object.values(loaded)) await l.ws.close();
  });

  for (const name of ["salesforce", "salesforce-report", "marketo"]) {
    it(`${name}: same canonical tables and report numbers as the canonical files`, async () => {
      const canonical = loaded.canonical?.ws as Workspace;
      const other = loaded[name]?.ws as Workspace;
      const tables =
        name === "salesforce"
          ? ["accounts", "opportunities", "stage_history", "touchpoints", "spend"]
          : name === "marketo"
            ? ["accounts", "opportunities", "touchpoints"]
            : ["opportunities"];
      for (const t of tables) expect({ t, rows: await table(other, t) }).toEqual({ t, rows: await table(canonical, t) });
      if (name !== "salesforce-report") expect(await reportNumbers(other)).toEqual(await reportNumbers(canonical));
    });
  }

  it("salesforce: responded members only; an unconverted lead's touch is quarantined with its line", async () => {
    const a = await audit(loaded.salesforce?.ws as Workspace);
    expect(a.quarantine.map((q) => [q.file, q.line, q.reason])).toEqual([
      ["salesforce/CampaignMember.csv", 7, "account_id: missing (a touchpoint needs account_id or opportunity_id)"],
    ]);
    const stats = loaded.salesforce?.result.tables.find((t) => t.table === "touchpoints");
    // 6 members, 1 not responded (filtered by design), 5 read: 4 kept + 1 quarantined
    expect([stats?.rowsRead, stats?.rowsKept, stats?.rowsQuarantined]).toEqual([5, 4, 1]);
  });

  it("salesforce report export: title lines skipped, $ amounts, M/D/YYYY dates, Windows-1252, footers named", async () => {
    const ws = loaded["salesforce-report"]?.ws as Workspace;
    const owners = await ws.engine.all("SELECT DISTINCT owner FROM opportunities ORDER BY 1");
    expect(owners.map((o) => o.owner)).toEqual(["José Núñez", "Zoë Müller"]);
    const a = await audit(ws);
    const footer = a.quarantine.filter((q) => q.file === "salesforce-report/Opportunity report.csv").map((q) => [q.line, q.reason]);
    expect(footer).toEqual([
      [9, "empty line"],
      [10, "report footer line (not data)"],
      [11, "empty line"],
      [12, "report footer line (not data)"],
      [13, "report footer line (not data)"],
      [14, "report footer line (not data)"],
      [15, "malformed row: Expected Number of Columns: 10 Found: 1"],
    ]);
    const codes = await ws.engine.all(
      "SELECT line, code FROM quarantine WHERE file = 'salesforce-report/Opportunity report.csv' ORDER BY line",
    );
    expect(codes.map((q) => q.code)).toEqual([
      "empty_line",
      "report_footer",
      "empty_line",
      "report_footer",
      "report_footer",
      "report_footer",
      "unparseable_record",
    ]);
    const stats = loaded["salesforce-report"]?.result.tables.find((t) => t.table === "opportunities");
    expect([stats?.rowsRead, stats?.rowsKept, stats?.rowsQuarantined]).toEqual([11, 4, 7]);
  });

  it("hubspot: deals, companies and stage history from Date entered columns", async () => {
    const canonical = loaded.canonical?.ws as Workspace;
    const ws = loaded.hubspot?.ws as Workspace;
    expect(await table(ws, "accounts")).toEqual(await table(canonical, "accounts"));
    const opps = await ws.engine.all(
      "SELECT opportunity_id, account_id, amount, stage, status, type, lead_source FROM opportunities ORDER BY 1",
    );
    expect(opps).toEqual([
      {
        opportunity_id: "O1",
        account_id: "A1",
        amount: 1000,
        stage: "Closed Won",
        status: "won",
        type: "new_business",
        lead_source: "Paid Search",
      },
      {
        opportunity_id: "O2",
        account_id: "A1",
        amount: 2000,
        stage: "Closed Lost",
        status: "lost",
        type: "new_business",
        lead_source: "Events",
      },
      {
        opportunity_id: "O3",
        account_id: "A2",
        amount: 5000,
        stage: "Closed Won",
        status: "won",
        type: "expansion",
        lead_source: "Events",
      },
      {
        opportunity_id: "O4",
        account_id: "A2",
        amount: 8000,
        stage: "Proposal",
        status: "open",
        type: "new_business",
        lead_source: "WEBINAR",
      },
    ]);
    expect(await table(ws, "stage_history")).toEqual(await table(canonical, "stage_history"));
    const canonicalWin = await runReport(canonical, "winrate", { by: "size,region" });
    expect((await runReport(ws, "winrate", { by: "size,region" })).rows).toEqual(canonicalWin.rows);
    const touches = await ws.engine.all("SELECT opportunity_id, channel, CAST(occurred_at AS VARCHAR) AS at FROM touchpoints ORDER BY 1");
    expect(touches[0]).toEqual({ opportunity_id: "O1", channel: "Paid Search", at: "2025-01-10 09:30:00" });
  });
});

describe("canonical files beside an export", () => {
  /** The salesforce fixture plus canonical files the export does not hold, written into its folder. */
  async function loadBeside(sources: string, files: Record<string, string>): Promise<Loaded> {
    const dir = await mkdtemp(path.join(os.tmpdir(), "pipeprism-beside-"));
    await cp(EXPORT_FIXTURES, dir, { recursive: true });
    for (const [name, text] of Object.entries(files)) await writeFile(path.join(dir, name), text);
    await writeFile(path.join(dir, "pipeprism.yaml"), (CONFIGS.salesforce ?? "").replace("sources:\n", `sources:\n${sources}`));
    const loaded = await loadConfig(path.join(dir, "pipeprism.yaml"));
    const result = await ingest(loaded);
    return { ws: await openWorkspace(loaded), result };
  }

  it("targets, lead history and a spend file load beside a Salesforce export; the spend file replaces Campaign.ActualCost", async () => {
    const { ws, result } = await loadBeside("  targets: targets.csv\n  lead_history: leads.csv\n  spend: spend-extra.csv\n", {
      "targets.csv": "period,size,amount\n2025-Q1,SMB,50000\n2025-Q1,Enterprise,200000\n",
      "leads.csv": "lead_id,account_id,status,entered_at\nL1,A1,Lead,2025-01-05\nL1,A1,MQL,2025-01-20\nL2,A1,Lead,2025-02-01\n",
      "spend-extra.csv": "period_start,period_end,channel,campaign,amount\n2025-01-01,2025-03-31,Events,Summit,1234\n",
    });
    try {
      expect(result.tables.map((t) => [t.table, t.file, t.rowsKept])).toEqual(
        expect.arrayContaining([
          ["targets", "targets.csv", 2],
          ["lead_history", "leads.csv", 3],
          ["spend", "spend-extra.csv", 1],
        ]),
      );
      expect(await ws.engine.all("SELECT channel, CAST(amount AS DOUBLE) AS amount FROM spend")).toEqual([
        { channel: "Events", amount: 1234 },
      ]);
      const coverage = await runReport(ws, "coverage", { by: "size", period: "2025-Q1" });
      expect(Object.fromEntries(coverage.rows.map((r) => [r.size, r.target]))).toEqual({ SMB: 50000, Enterprise: 200000 });
      const leads = await runReport(ws, "leads", {});
      // Two leads entered Lead, one of them MQL (counted by hand above).
      expect(leads.rows.filter((r) => r.step === 1).map((r) => [r.from_stage, r.reached_from, r.reached_to])).toEqual([["Lead", 2, 1]]);
    } finally {
      await ws.close();
    }
  });

  it("refuses a canonical opportunities file beside an export, naming the files that may sit beside it", async () => {
    await expect(loadBeside("  opportunities: opportunities.csv\n", { "opportunities.csv": "x\n1\n" })).rejects.toThrow(
      'sources: "opportunities" is not an object of format salesforce (valid: account, opportunity, opportunity_history, contact, lead, campaign, campaign_member, opportunity_contact_role; canonical files beside the export: spend, targets, lead_history)',
    );
  });
});

describe("channel rules", () => {
  it("audit lists raw channel values no rule matched, with their counts", async () => {
    const config = (CONFIGS.salesforce ?? "").replace('  - { match: { channel: "(?i)webinar" }, channel: Webinar }\n', "");
    const { ws } = await load("salesforce", config);
    try {
      expect((await audit(ws)).unmatched_channels).toEqual([{ raw_channel: "Webinar", touches: 1 }]);
    } finally {
      await ws.close();
    }
  });
});

describe("malformed export input", () => {
  it("quarantines a date in the wrong day/month order, naming the expected format", async () => {
    const config = CONFIGS["salesforce-report"]?.replace("date_format: MM/DD/YYYY", "date_format: DD/MM/YYYY") ?? "";
    // Most dates fail in the wrong order: the ingest refuses, names the reason and the setting to check.
    await expect(load("salesforce-report", config)).rejects.toThrow(
      /kept \d+ of \d+ records[\s\S]*bad_date[\s\S]*sources\.date_format is DD\/MM\/YYYY/,
    );
    const { ws } = await load("salesforce-report", config, true);
    try {
      const reasons = (await audit(ws)).quarantine
        .filter((q) => q.column_name === "close_date" || q.column_name === "created_date")
        .map((q) => `${q.line}:${q.column_number} ${q.reason}`);
      // 2/10/2025 reads as 2 October in DD/MM, but 6/30/2025 and 3/1/2025 4:00 PM… only impossible dates fail
      expect(reasons).toContain('8:7 close_date: "6/30/2025" is not a date (expected DD/MM/YYYY or YYYY-MM-DD)');
    } finally {
      await ws.close();
    }
  });

  it("quarantines amounts in a second currency without rates, and converts them with rates", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "pipeprism-fx-"));
    await cp(EXPORT_FIXTURES, dir, { recursive: true });
    const file = path.join(dir, "salesforce/Opportunity.csv");
    const text = (await import("node:fs"))
      .readFileSync(file, "utf8")
      .replace(
        '"8000.00","50","2025-06-30","New Customer","","false","false","USD"',
        '"8000.00","50","2025-06-30","New Customer","","false","false","EUR"',
      );
    await writeFile(file, text);
    await writeFile(path.join(dir, "pipeprism.yaml"), CONFIGS.salesforce ?? "");
    let loaded = await loadConfig(path.join(dir, "pipeprism.yaml"));
    await ingest(loaded, { allowPartial: true });
    let ws = await openWorkspace(loaded);
    const q = (await audit(ws)).quarantine.find((x) => x.table_name === "opportunities");
    expect([q?.line, q?.column_number, q?.reason]).toEqual([
      5,
      13,
      "currency: EUR differs from the file's main currency USD and no currencies.rates are configured",
    ]);
    await ws.close();
    await writeFile(path.join(dir, "pipeprism.yaml"), `${CONFIGS.salesforce}\ncurrencies: { reporting: USD, rates: { EUR: 1.1 } }\n`);
    loaded = await loadConfig(path.join(dir, "pipeprism.yaml"));
    await ingest(loaded, { allowPartial: true });
    ws = await openWorkspace(loaded);
    const [o4] = await ws.engine.all("SELECT amount, currency FROM opportunities WHERE opportunity_id = 'O4'");
    expect(o4).toEqual({ amount: 8800, currency: "EUR" });
    await ws.close();
  });

  it("names a missing id column with the aliases it looked for", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "pipeprism-noid-"));
    await writeFile(path.join(dir, "Account.csv"), '"Name","Industry"\n"Alpha","Software"\n');
    await writeFile(path.join(dir, "Opportunity.csv"), '"Id","StageName","CreatedDate"\n"O1","Prospecting","2025-01-01"\n');
    await writeFile(
      path.join(dir, "pipeprism.yaml"),
      withCommon("sources:\n  format: salesforce\n  account: Account.csv\n  opportunity: Opportunity.csv\n"),
    );
    await expect(ingest(await loadConfig(path.join(dir, "pipeprism.yaml")))).rejects.toThrow(
      'Account.csv: no column for the account id (looked for "Id", "Account ID", "AccountId"); the header has "Name", "Industry"',
    );
  });

  it("quarantines a stray and an unterminated quote with their lines, losing no text", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "pipeprism-quote-"));
    const deals = [
      '"Record ID","Deal Stage","Create Date","Amount"',
      '"D1","Proposal","2025-01-01","10"',
      '"D2","Proposal,"2025-01-02","20"',
      '"D3","Proposal","2025-01-03","30"',
      '"D4","Proposal","2025-01-03","30',
      '"D5","Proposal","2025-01-03","30"',
    ];
    await writeFile(path.join(dir, "deals.csv"), `${deals.join("\n")}\n`);
    await writeFile(path.join(dir, "pipeprism.yaml"), withCommon("sources:\n  format: hubspot\n  deals: deals.csv\n"));
    const loaded = await loadConfig(path.join(dir, "pipeprism.yaml"));
    const result = await ingest(loaded, { allowPartial: true });
    const ws = await openWorkspace(loaded);
    try {
      const q = (await audit(ws)).quarantine;
      expect(q.map((x) => [x.line, x.reason])).toEqual([
        [3, "malformed row: Expected Number of Columns: 4 Found: 3"],
        // D4's quote never closes, so D5 is inside it: one bad record, its text kept whole
        [5, "malformed row: Expected Number of Columns: 4 Found: 5"],
      ]);
      expect(String(q[1]?.raw_row)).toContain('"D5"');
      const kept = await ws.engine.all("SELECT opportunity_id FROM opportunities ORDER BY 1");
      expect(kept.map((k) => k.opportunity_id)).toEqual(["D1", "D3"]);
      const stats = result.tables.find((t) => t.table === "opportunities");
      expect([stats?.rowsRead, stats?.rowsKept, stats?.rowsQuarantined]).toEqual([4, 2, 2]);
    } finally {
      await ws.close();
    }
  });

  it("salesforce: a quoted line break moves the records after it; quarantine cites physical lines, columns and quoted text", async () => {
    const opportunity = [
      '"Id","AccountId","Name","StageName","Amount","CloseDate","CreatedDate","Description"',
      '"O1","A1","Alpha - New","Proposal","1000.00","2025-02-10","2025-01-10","Two lines:', // record 1: lines 2-3
      'the second one"',
      '"O2","A1","Alpha - Second","Proposal","2000.00","2025-03-01","2025-01-20","plain"', // line 4
      '"O3","A1","Alpha - Third","Proposal","abc","2025-03-01","2025-01-21","says ""hi"""', // line 5: bad amount (column 5)
      '"O4","A1","Alpha - Fourth","Proposal"', // line 6: too few fields
      '"O2","A1","Alpha - Again","Proposal","10.00","2025-03-01","2025-01-22","repeat"', // line 7: O2 again (column 1)
      '"O5","A1","Alpha - Fifth","Proposal","500.00","2025-03-01","2025-01-23","x"', // line 8
    ];
    const { ws } = await openProject(
      {
        "Account.csv": readFileSync(path.join(EXPORT_FIXTURES, "salesforce/Account.csv"), "utf8"),
        "Opportunity.csv": `${opportunity.join("\n")}\n`,
        "pipeprism.yaml": withCommon("sources:\n  format: salesforce\n  account: Account.csv\n  opportunity: Opportunity.csv\n"),
      },
      undefined,
      true,
    );
    try {
      const q = await ws.engine.all(
        "SELECT line, column_number, column_name, code, reason, raw_row FROM quarantine WHERE file = 'Opportunity.csv' ORDER BY line",
      );
      expect(q.map((r) => [r.line, r.column_number, r.column_name, r.code])).toEqual([
        [5, 5, "amount", "bad_number"],
        [6, 5, "Amount", "unparseable_record"],
        [7, 1, "opportunity_id", "duplicate_id"],
      ]);
      // The text as in the file, quotes and all; the duplicate names the line of the first O2.
      expect(q.map((r) => r.raw_row)).toEqual([opportunity[4], opportunity[5], opportunity[6]]);
      expect(q[2]?.reason).toBe('opportunity_id: duplicate "O2" (first on line 4)');
      const kept = await ws.engine.all("SELECT opportunity_id, source_line FROM opportunities ORDER BY source_line");
      expect(kept.map((k) => [k.opportunity_id, k.source_line])).toEqual([
        ["O1", 2],
        ["O2", 4],
        ["O5", 8],
      ]);
    } finally {
      await ws.close();
    }
  });

  it("hubspot: a repeated Record ID is cited at that column, a bad Date entered value at its own column", async () => {
    const deals = [
      '"Deal Name","Record ID","Deal Stage","Create Date","Amount","Original Source","Date entered ""Prospecting (Sales Pipeline)""","Date entered ""Proposal (Sales Pipeline)"""',
      '"Alpha","D1","Proposal","2025-01-01","10","Paid Search","2025-01-01","2025-01-05"',
      '"Beta","D2","Proposal","2025-01-02","20","Paid Search","2025-01-02","someday"',
      '"Alpha again","D1","Proposal","2025-01-03","30","Paid Search","2025-01-03",""',
    ];
    const { ws } = await openProject(
      { "deals.csv": `${deals.join("\n")}\n`, "pipeprism.yaml": withCommon("sources:\n  format: hubspot\n  deals: deals.csv\n") },
      undefined,
      true,
    );
    try {
      const q = await ws.engine.all("SELECT table_name, line, column_number, column_name, code, raw_row FROM quarantine ORDER BY ALL");
      expect(q.map((r) => [r.table_name, r.line, r.column_number, r.column_name, r.code])).toEqual([
        ["opportunities", 4, 2, "opportunity_id", "duplicate_id"],
        ["stage_history", 3, 8, "entered_at", "bad_date"],
        ["touchpoints", 4, 2, "touchpoint_id", "duplicate_id"],
      ]);
      expect(q.map((r) => r.raw_row)).toEqual([deals[3], deals[2], deals[3]]);
    } finally {
      await ws.close();
    }
  });

  it("a malformed record DuckDB cannot quarantine (over 10,000 bytes of non-ASCII) stops the ingest naming file and line", async () => {
    // Line 3's 10,000th byte falls inside a 3-byte character, and text after a closing quote makes
    // the record malformed: DuckDB's reader then fails on the whole file instead of rejecting it.
    const deals = [
      '"Record ID","Deal Stage","Create Date","Amount"',
      '"D1","Proposal","2025-01-01","10"',
      `"D2","Proposal","2025-01-02","${"日本".repeat(2_500)}"x,"20"`,
      '"D3","Proposal","2025-01-03","30"',
    ];
    const project = await writeProject({
      "deals.csv": `${deals.join("\n")}\n`,
      "pipeprism.yaml": withCommon("sources:\n  format: hubspot\n  deals: deals.csv\n"),
    });
    const failure = await ingestProject(project, undefined, true).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(UserError);
    const error = failure as UserError;
    expect(error.diagnostics.map((d) => d.code)).toEqual(["unreadable_file"]);
    expect(error.message).toMatch(
      /^deals\.csv:3: DuckDB's CSV reader could not read the file \(.*\); line 3 holds a record over 10,000 bytes/,
    );
  });
});
