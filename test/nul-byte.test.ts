// A NUL byte (0x00) is no text: PostgreSQL refuses it (COPY used to fail the whole transfer) and
// DuckDB kept it silently. Ingest quarantines a row with one in any value it would keep (required,
// optional or extra column), at the physical line and column of the first such field, on both
// engines alike; rows read = kept + quarantined still holds.
import { describe, expect, it } from "vitest";
import type { Row } from "../src/contract/row.js";
import { openPostgres } from "../src/db/postgres.js";
import type { IngestResult } from "../src/ingest/ingest.js";
import { ingestToPostgres } from "../src/ingest/postgres-transfer.js";
import { loadConfig } from "../src/model/config.js";
import { QUARANTINE_CODES } from "../src/model/quarantine-codes.js";
import { openWorkspace } from "../src/workspace/workspace.js";
import { describePostgres, freshSchema } from "./helpers/postgres.js";
import { ingestProject, writeProject } from "./helpers/temp-workspace.js";

const NUL = "\u0000";
/** How reasons (and PostgreSQL's copy of a quarantined record's text) show a NUL byte. */
const SHOWN = "\u2400";

const CONFIG = `sources:
  accounts: accounts.csv
  opportunities: opportunities.csv
  touchpoints: touchpoints.csv
stages:
  order: [Prospecting, Proposal, Negotiation]
  won: [Closed Won]
  lost: [Closed Lost]
segments:
  size: { field: employees, bands: [{ name: SMB, max: 199 }, { name: Enterprise }] }
min_sample: 3
`;

// Physical lines, counted by hand (line 1 is the header). `tier` and `source` are extra columns.
const ACCOUNTS = [
  "account_id,account_name,employees,country,tier", //   1
  "A1,Acme,50,US,gold", //                                2 kept
  `A2,Bad${NUL}Name,5000,FR,silver`, //                   3 optional account_name, column 2
  `A3,Third,10,DE,br${NUL}onze`, //                       4 extra tier, column 5
  'A4,"Multi\nline",20,US,gold', //                       5-6 kept (one record, two lines)
  `A5,Fine,1${NUL}0,US,g${NUL}old`, //                    7 numeric employees (3) before extra tier (5): column 3
  `A6,"Quoted${NUL},comma",30,US,gold`, //                8 quoted account_name, column 2
  `A${NUL}8,Nul Id,5,US,gold`, //                         9 required account_id, column 1
  "A7,Last,40,US,gold", //                               10 kept
].join("\n");

const OPPORTUNITIES = [
  "opportunity_id,account_id,amount,stage,created_date,close_date", // 1
  "O1,A1,100,Closed Won,2025-01-01,2025-01-20", //                    2 kept
  "O2,A7,50,Proposal,2025-01-02,", //                                 3 kept
  `O3,A1,ab${NUL}c,Proposal,2025-01-03,`, //                          4 required amount, column 3 (not bad_number)
  `O4,A1,10,Proposal,2025-01-04,,ex${NUL}tra`, //                     5 too many fields: unparseable, NUL in its text
  "O5,A4,70,Proposal,2025-01-05,", //                                 6 kept
].join("\n");

const TOUCHPOINTS = [
  "touchpoint_id,source,account_id,occurred_at,channel", // 1
  "T1,web,A1,2024-12-01,Web", //                            2 kept
  `T2,ads,A1,2024-12-02,Pa${NUL}id`, //                     3 required channel, column 5
  `T3,ne${NUL}ws,A1,2024-12-03,Em${NUL}ail`, //             4 extra source (2) before channel (5): column 2
  "T4,ads,A7,2024-12-04,Email", //                          5 kept
].join("\n");

const FILES = {
  "pipeprism.yaml": CONFIG,
  "accounts.csv": `${ACCOUNTS}\n`,
  "opportunities.csv": `${OPPORTUNITIES}\n`,
  "touchpoints.csv": `${TOUCHPOINTS}\n`,
};

const reason = (column: string, value: string) =>
  `${column}: "${value.replaceAll(NUL, SHOWN)}" contains a NUL byte (0x00, shown as ${SHOWN}), which text cannot hold (PostgreSQL refuses it)`;

/** file:line:column column code, and the reason, in file and line order. */
const EXPECTED: readonly (readonly [string, string])[] = [
  ["accounts.csv:3:2 account_name nul_byte", reason("account_name", `Bad${NUL}Name`)],
  ["accounts.csv:4:5 tier nul_byte", reason("tier", `br${NUL}onze`)],
  ["accounts.csv:7:3 employees nul_byte", reason("employees", `1${NUL}0`)],
  ["accounts.csv:8:2 account_name nul_byte", reason("account_name", `Quoted${NUL},comma`)],
  ["accounts.csv:9:1 account_id nul_byte", reason("account_id", `A${NUL}8`)],
  ["opportunities.csv:4:3 amount nul_byte", reason("amount", `ab${NUL}c`)],
  ["opportunities.csv:5:7 - unparseable_record", "malformed row: Expected Number of Columns: 6 Found: 7"],
  ["touchpoints.csv:3:5 channel nul_byte", reason("channel", `Pa${NUL}id`)],
  ["touchpoints.csv:4:2 source nul_byte", reason("source", `ne${NUL}ws`)],
];

/** read, kept, quarantined per table. */
const COUNTS = { accounts: [8, 3, 5], opportunities: [5, 3, 2], touchpoints: [4, 2, 2] };

const QUARANTINE = "SELECT file, line, column_number, column_name, code, reason, raw_row FROM quarantine ORDER BY file, line";

function placed(rows: readonly Row[]): (readonly [string, string])[] {
  return rows.map((r) => [`${r.file}:${r.line}:${r.column_number} ${r.column_name ?? "-"} ${r.code}`, String(r.reason)] as const);
}

function countsOf(result: IngestResult): Record<string, number[]> {
  const tables = result.tables.filter((t) => t.table in COUNTS);
  return Object.fromEntries(tables.map((t) => [t.table, [t.rowsRead, t.rowsKept, t.rowsQuarantined]]));
}

/** Every text value of the kept tables, to find a NUL byte (or its stand-in) that got through. */
const hasNul = (text: unknown) => String(text).includes(NUL) || String(text).includes(SHOWN);
const KEPT_TEXT = [
  "SELECT account_id || account_name || coalesce(tier, '') AS text FROM accounts",
  "SELECT opportunity_id || account_id || stage AS text FROM opportunities",
  "SELECT touchpoint_id || source || channel || raw_channel AS text FROM touchpoints",
];

describe("a NUL byte in a value", () => {
  it("is a quarantine code of its own", () => {
    expect(Object.keys(QUARANTINE_CODES)).toContain("nul_byte");
  });

  it("quarantines the row on DuckDB with the line and column of the first such field", async () => {
    const project = await writeProject(FILES);
    const result = await ingestProject(project, undefined, true);
    expect(countsOf(result)).toEqual(COUNTS);
    const ws = await openWorkspace(project.configPath);
    try {
      const rows = await ws.engine.all(QUARANTINE);
      expect(placed(rows)).toEqual(EXPECTED);
      // The record's text is kept as read, its NUL byte shown as U+2400 (as PostgreSQL must have it).
      expect(rows.find((r) => r.line === 3 && r.file === "accounts.csv")?.raw_row).toBe(`A2,Bad${SHOWN}Name,5000,FR,silver`);
      const accounts = await ws.engine.all("SELECT account_id, account_name, tier FROM accounts ORDER BY account_id");
      expect(accounts).toEqual([
        { account_id: "A1", account_name: "Acme", tier: "gold" },
        { account_id: "A4", account_name: "Multi\nline", tier: "gold" },
        { account_id: "A7", account_name: "Last", tier: "gold" },
      ]);
      const touchpoints = await ws.engine.all("SELECT touchpoint_id, source, channel FROM touchpoints ORDER BY touchpoint_id");
      expect(touchpoints.map((r) => `${r.touchpoint_id} ${r.source} ${r.channel}`)).toEqual(["T1 web Web", "T4 ads Email"]);
      for (const sql of KEPT_TEXT) {
        for (const r of await ws.engine.all(sql)) expect(hasNul(r.text)).toBe(false);
      }
    } finally {
      await ws.close();
    }
  });

  it("is placed in an export format's file too, extra columns included", async () => {
    const project = await writeProject({
      "pipeprism.yaml": `sources:
  format: salesforce
  account: Account.csv
  opportunity: Opportunity.csv
stages:
  order: [Prospecting, Proposal]
  won: [Closed Won]
  lost: [Closed Lost]
`,
      "Account.csv": [
        '"Id","IsDeleted","Name","Type","Industry","AnnualRevenue","NumberOfEmployees","BillingCity","BillingCountry"',
        `"A1","false","Alpha","Customer","Software","2000000","50","Aus${NUL}tin","US"`, // BillingCity: an extra, column 8
        `"A2","false","Be${NUL}ta","Customer","Retail","900","5000","Berlin","Germany"`, // Name: account_name, column 3
        '"A3","false","Gamma","Customer","Retail","900","5000","Berlin","Germany"',
      ].join("\n"),
      "Opportunity.csv": [
        '"Id","AccountId","Name","StageName","Amount","CloseDate","CreatedDate"',
        '"O1","A3","Gamma - New","Closed Won","1000.00","2025-02-10","2025-01-10"',
      ].join("\n"),
    });
    await ingestProject(project, undefined, true);
    const ws = await openWorkspace(project.configPath);
    try {
      expect(placed(await ws.engine.all(QUARANTINE))).toEqual([
        ["Account.csv:2:8 billingcity nul_byte", reason("billingcity", `Aus${NUL}tin`)],
        ["Account.csv:3:3 account_name nul_byte", reason("account_name", `Be${NUL}ta`)],
      ]);
    } finally {
      await ws.close();
    }
  });

  describePostgres("on PostgreSQL", (url) => {
    it("is quarantined the same way, and the transfer no longer fails", async () => {
      const project = await writeProject(FILES);
      const duck = await ingestProject(project, undefined, true);
      const ws = await openWorkspace(project.configPath);
      let duckRows: readonly Row[];
      try {
        duckRows = await ws.engine.all(QUARANTINE);
      } finally {
        await ws.close();
      }
      const target = await freshSchema(url, "pp_nul_byte");
      try {
        const result = await ingestToPostgres(await loadConfig(project.configPath), target.url, { allowPartial: true });
        expect(countsOf(result)).toEqual(countsOf(duck));
        expect(countsOf(result)).toEqual(COUNTS);
        const engine = await openPostgres(target.url);
        try {
          const rows = await engine.all(QUARANTINE);
          expect(placed(rows)).toEqual(EXPECTED);
          // Identical: both engines show the NUL byte of a quarantined record's text as U+2400.
          expect(rows.map((r) => ({ ...r }))).toEqual(duckRows.map((r) => ({ ...r })));
          expect(rows.find((r) => r.line === 5 && r.file === "opportunities.csv")?.raw_row).toBe(
            `O4,A1,10,Proposal,2025-01-04,,ex${SHOWN}tra`,
          );
          const kept = await engine.all("SELECT account_id FROM accounts ORDER BY account_id");
          expect(kept.map((r) => r.account_id)).toEqual(["A1", "A4", "A7"]);
          for (const sql of KEPT_TEXT) {
            for (const r of await engine.all(sql)) expect(hasNul(r.text)).toBe(false);
          }
        } finally {
          await engine.close();
        }
      } finally {
        await target.drop();
      }
    });
  });
});
