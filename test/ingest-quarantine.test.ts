// Bad input: each malformed row lands in quarantine with file, line, column and reason; a file
// that cannot be read at all stops the ingest with one message; nothing is ever lost.
import { describe, expect, it } from "vitest";
import type { Row } from "../src/contract/row.js";
import { openPostgres } from "../src/db/postgres.js";
import { ingestToPostgres } from "../src/ingest/postgres-transfer.js";
import { loadConfig } from "../src/model/config.js";
import { UserError } from "../src/model/diagnostic.js";
import { QUARANTINE_CODES } from "../src/model/quarantine-codes.js";
import { audit } from "../src/report/audit.js";
import type { Workspace } from "../src/workspace/workspace.js";
import { describePostgres, freshSchema } from "./helpers/postgres.js";
import { basicConfig, csv, ingestProject, openProject, writeProject } from "./helpers/temp-workspace.js";

const ACCOUNTS = csv([
  ["account_id", "employees", "country"],
  ["A1", 50, "US"],
  ["A2", 5000, "FR"],
]);
const HEADER = "opportunity_id,account_id,amount,stage,created_date,close_date";

/** Each quarantined row's `file:line code`, in file order: the stable code beside the sentence. */
async function codesOf(ws: Workspace): Promise<string[]> {
  const rows = await ws.engine.all("SELECT file, line, code FROM quarantine ORDER BY file, line");
  return rows.map((r) => `${r.file}:${r.line} ${r.code}`);
}

async function quarantineOf(opportunities: string): Promise<{ rows: readonly Row[]; codes: string[]; read: number; kept: number }> {
  const { ws, result } = await openProject(
    {
      "pipeprism.yaml": basicConfig(),
      "accounts.csv": ACCOUNTS,
      "opportunities.csv": opportunities,
    },
    undefined,
    true,
  );
  try {
    const a = await audit(ws);
    const stats = result.tables.find((t) => t.table === "opportunities");
    const codes = await codesOf(ws);
    return {
      rows: a.quarantine.filter((q) => q.table_name === "opportunities"),
      codes,
      read: stats?.rowsRead ?? -1,
      kept: stats?.rowsKept ?? -1,
    };
  } finally {
    await ws.close();
  }
}

describe("row-level problems are quarantined with their place and reason", () => {
  const cases: [string, string, number, number, string, string][] = [
    // name, bad line, expected line, expected column, expected reason, expected code
    ["bad date", "O2,A1,10,Prospecting,2025-13-45,", 3, 5, 'created_date: "2025-13-45" is not a date (expected YYYY-MM-DD)', "bad_date"],
    ["negative amount", "O2,A1,-5,Prospecting,2025-01-02,", 3, 3, "amount: -5 is below 0", "out_of_range"],
    ["non-numeric amount", 'O2,A1,"1,2k",Prospecting,2025-01-02,', 3, 3, 'amount: "1,2k" is not an amount (e.g. 1200.50)', "bad_number"],
    ["missing required value", "O2,A1,10,,2025-01-02,", 3, 4, "stage: missing required value", "missing_required"],
    ["missing created date", "O2,A1,10,Proposal,,", 3, 5, "created_date: missing required value", "missing_required"],
    ["duplicate id", "O1,A2,10,Proposal,2025-01-02,", 3, 1, 'opportunity_id: duplicate "O1" (first on line 2)', "duplicate_id"],
  ];
  for (const [name, bad, line, column, reason, code] of cases) {
    it(name, async () => {
      const file = `${HEADER}\nO1,A1,100,Closed Won,2025-01-01,2025-01-20\n${bad}\nO3,A2,30,Proposal,2025-01-03,\n`;
      const q = await quarantineOf(file);
      expect(q.rows).toHaveLength(1);
      expect(q.rows[0]).toMatchObject({ file: "opportunities.csv", line, column_number: column, reason });
      expect(q.codes).toEqual([`opportunities.csv:${line} ${code}`]);
      expect([q.read, q.kept]).toEqual([3, 2]);
    });
  }

  it("quarantines rows with too many or too few fields and an unterminated quote", async () => {
    const file = [
      HEADER,
      "O1,A1,100,Closed Won,2025-01-01,2025-01-20",
      "O2,A1,10,Proposal,2025-01-02,,extra",
      "O3,A1,10",
      "O4,A2,30,Proposal,2025-01-03,",
      'O5,A2,"40,Proposal,2025-01-03,',
      "O6,A2,50,Proposal,2025-01-04,",
    ].join("\n");
    const q = await quarantineOf(`${file}\n`);
    const lines = q.rows.map((r) => r.line);
    expect(lines.slice(0, 2)).toEqual([3, 4]);
    expect(String(q.rows[0]?.reason)).toMatch(/^malformed row: .*Expected Number of Columns: 6 Found: 7/);
    expect(String(q.rows[1]?.reason)).toMatch(/^malformed row: .*Expected Number of Columns: 6 Found: 3/);
    expect(q.rows.some((r) => r.line === 6 && /unterminated quote/i.test(String(r.reason)))).toBe(true);
    expect(new Set(q.codes.map((c) => c.split(" ")[1]))).toEqual(new Set(["unparseable_record"]));
    // O1 and O4 are kept; the quote opened on line 6 swallows the rest of the file into one bad row
    expect(q.kept).toBe(2);
    expect(q.read).toBe(q.kept + q.rows.length);
  });

  it("keeps the good rows in file order, with their lines and no column the checks used", async () => {
    const rows = [
      "O1,A1,100,Closed Won,2025-01-01,2025-01-20",
      "O2,A1,x,Proposal,2025-01-02,",
      "O3,A2,30,Proposal,2025-01-03,",
      "O1,A2,5,Proposal,2025-01-04,",
      "O0,A2,7,Proposal,2025-01-05,",
    ];
    const { ws } = await openProject(
      {
        "pipeprism.yaml": basicConfig(),
        "accounts.csv": ACCOUNTS,
        "opportunities.csv": `${[HEADER, ...rows].join("\n")}\n`,
      },
      undefined,
      true,
    );
    try {
      const kept = await ws.engine.all(`SELECT * FROM opportunities`);
      expect(kept.map((r) => [r.opportunity_id, r.source_line])).toEqual([
        ["O1", 2],
        ["O3", 4],
        ["O0", 6],
      ]);
      expect(Object.keys(kept[0] ?? {}).filter((c) => c.startsWith("__"))).toEqual([]);
      const quarantined = (await audit(ws)).quarantine.filter((q) => q.table_name === "opportunities");
      expect(quarantined.map((q) => [q.line, q.column_name, q.raw_row])).toEqual([
        [3, "amount", "O2,A1,x,Proposal,2025-01-02,"],
        [5, "opportunity_id", "O1,A2,5,Proposal,2025-01-04,"],
      ]);
    } finally {
      await ws.close();
    }
  });

  it("reports the true line of a kept row after rejected ones", async () => {
    const file = [HEADER, "O1,A1,1,Closed Won,2025-01-01,2025-01-20", "broken", "O2,A1,x,Proposal,2025-01-02,"].join("\n");
    const q = await quarantineOf(`${file}\n`);
    expect(q.rows.map((r) => [r.line, r.column_name])).toEqual([
      [3, "account_id"], // DuckDB names the first missing field
      [4, "amount"],
    ]);
  });

  it("keeps and flags opportunities whose account is missing or unknown, and missing amounts", async () => {
    const file = `${HEADER}\nO1,,100,Closed Won,2025-01-01,2025-01-20\nO2,A404,10,Proposal,2025-01-02,\nO3,A1,,Proposal,2025-01-02,\n`;
    const { ws } = await openProject(
      { "pipeprism.yaml": basicConfig(), "accounts.csv": ACCOUNTS, "opportunities.csv": file },
      undefined,
      true,
    );
    try {
      const a = await audit(ws);
      expect(a.quarantine).toHaveLength(0);
      const flags = Object.fromEntries(a.flags.map((f) => [f.flag, [f.rows, f.example]]));
      expect(flags.missing_account).toEqual([1, "O1"]);
      expect(flags.account_not_found).toEqual([1, "O2"]);
      expect(flags.missing_amount).toEqual([1, "O3"]);
      const size = a.unknown.find((u) => u.dimension === "size");
      expect(size).toMatchObject({ unknown: 2, opportunities: 3 });
    } finally {
      await ws.close();
    }
  });
});

describe("quarantine lines are physical lines of the file, raw_row its exact text", () => {
  async function ingestOpportunities(bytes: string): Promise<{ quarantined: string[]; kept: string[]; counts: number[] }> {
    const { ws, result } = await openProject(
      { "pipeprism.yaml": basicConfig(), "accounts.csv": ACCOUNTS, "opportunities.csv": bytes },
      undefined,
      true,
    );
    try {
      const rows = await ws.engine.all(
        "SELECT line, column_number, column_name, code, raw_row FROM quarantine WHERE table_name = 'opportunities' ORDER BY line",
      );
      const kept = await ws.engine.all("SELECT opportunity_id, source_line FROM opportunities ORDER BY source_line");
      const stats = result.tables.find((t) => t.table === "opportunities");
      return {
        quarantined: rows.map((r) => `${r.line}:${r.column_number} ${r.column_name ?? "-"} ${r.code} ${JSON.stringify(r.raw_row)}`),
        kept: kept.map((r) => `${r.opportunity_id}@${r.source_line}`),
        counts: [stats?.rowsRead ?? -1, stats?.rowsKept ?? -1, stats?.rowsQuarantined ?? -1],
      };
    } finally {
      await ws.close();
    }
  }

  it("places records of a one-column file, where DuckDB reads a blank line as a record", async () => {
    // line 1 header; 2 A1; 3 blank (a record with an empty account_id); 4 "A<LF>2" over lines 4-5; 6 A1 again.
    const { ws } = await openProject(
      {
        "pipeprism.yaml": basicConfig(),
        "accounts.csv": 'account_id\nA1\n\n"A\n2"\nA1\n',
        "opportunities.csv": `${HEADER}\nO1,A1,100,Closed Won,2025-01-01,2025-01-20\n`,
      },
      undefined,
      true,
    );
    try {
      const rows = await ws.engine.all("SELECT line, code FROM quarantine WHERE table_name = 'accounts' ORDER BY line");
      expect(rows.map((r) => `${r.line} ${r.code}`)).toEqual(["3 missing_required", "6 duplicate_id"]);
      const kept = await ws.engine.all("SELECT source_line FROM accounts ORDER BY source_line");
      expect(kept.map((r) => Number(r.source_line))).toEqual([2, 4]);
    } finally {
      await ws.close();
    }
  });

  it("counts quoted newlines, CRLF, a blank line and a BOM the way an editor does", async () => {
    // line  1: BOM + header
    // line  2: O1 kept
    // lines 3-4: O2, stage "Pro<CRLF>posal", created_date 2025-02-30; its text keeps the quotes and the CRLF
    // line  5: blank
    // line  6: O3 kept ("Proposal" quoted)
    // line  7: O4, amount "x,y"
    // line  8: O5, too few fields: the first missing one is created_date, column 5
    // line  9: O6, too many fields: the first extra one is column 7
    // lines 10-11: O7 kept, account "A<CRLF>2"
    // line 12: O8, bad date
    const file = [
      `\uFEFF${HEADER}`,
      "O1,A1,100,Closed Won,2025-01-01,2025-01-20",
      '"O2",A1,10,"Pro',
      'posal",2025-02-30,',
      "",
      'O3,A2,30,"Proposal",2025-01-03,',
      'O4,A2,"x,y",Proposal,2025-01-04,',
      "O5,A1,5,Proposal",
      "O6,A1,7,Proposal,2025-01-05,,extra",
      'O7,"A',
      '2",8,Proposal,2025-01-06,',
      "O8,A1,9,Proposal,2025-13-01,",
      "",
    ].join("\r\n");
    const q = await ingestOpportunities(file);
    expect(q.quarantined).toEqual([
      `3:5 created_date bad_date ${JSON.stringify('"O2",A1,10,"Pro\r\nposal",2025-02-30,')}`,
      `7:3 amount bad_number ${JSON.stringify('O4,A2,"x,y",Proposal,2025-01-04,')}`,
      `8:5 created_date unparseable_record ${JSON.stringify("O5,A1,5,Proposal")}`,
      `9:7 - unparseable_record ${JSON.stringify("O6,A1,7,Proposal,2025-01-05,,extra")}`,
      `12:5 created_date bad_date ${JSON.stringify("O8,A1,9,Proposal,2025-13-01,")}`,
    ]);
    expect(q.kept).toEqual(["O1@2", "O3@6", "O7@10"]);
    expect(q.counts).toEqual([8, 3, 5]);
  });

  it("keeps a checked row's quoting in raw_row when every record is one line", async () => {
    const file = `${HEADER}\nO1,A1,100,Closed Won,2025-01-01,2025-01-20\n"O2","A1","x","Proposal",2025-01-02,\nO3,A2,30,Proposal,2025-01-03,\n`;
    const q = await ingestOpportunities(file);
    expect(q.quarantined).toEqual([`3:3 amount bad_number ${JSON.stringify('"O2","A1","x","Proposal",2025-01-02,')}`]);
    expect(q.kept).toEqual(["O1@2", "O3@4"]);
  });

  it("reads a file mixing LF, CRLF and CR line ends, with lines counted per break", async () => {
    // 1 header (LF), 2 O1 (CRLF), 3 O2 bad amount (CR), 4 O3 (LF), 5-6 O4 bad date over a quoted LF
    const file = `${HEADER}\nO1,A1,100,Closed Won,2025-01-01,2025-01-20\r\nO2,A1,x,Proposal,2025-01-02,\rO3,A2,30,Proposal,2025-01-03,\nO4,A2,5,"Pro\nposal",2025-02-30,\r\n`;
    const q = await ingestOpportunities(file);
    expect(q.quarantined).toEqual([
      `3:3 amount bad_number ${JSON.stringify("O2,A1,x,Proposal,2025-01-02,")}`,
      `5:5 created_date bad_date ${JSON.stringify('O4,A2,5,"Pro\nposal",2025-02-30,')}`,
    ]);
    expect(q.kept).toEqual(["O1@2", "O3@4"]);
  });

  it("names the line and column of a header DuckDB would read as no rows at all", async () => {
    const project = await writeProject({
      "pipeprism.yaml": basicConfig(),
      "accounts.csv": ACCOUNTS,
      "opportunities.csv": `opportunity_id,"account_id"x,amount,stage,created_date\nO1,A1,1,Proposal,2025-01-01\n`,
    });
    await expect(ingestProject(project)).rejects.toThrow(
      /^opportunities\.csv:1:2: the header row cannot be read: text follows a closing quote/,
    );
  });
});

describe("files that cannot be read stop the ingest with one message", () => {
  async function ingestError(opportunities: string | null, configExtra = ""): Promise<string> {
    const files: Record<string, string> = { "pipeprism.yaml": basicConfig(configExtra), "accounts.csv": ACCOUNTS };
    if (opportunities !== null) files["opportunities.csv"] = opportunities;
    const project = await writeProject(files);
    try {
      await ingestProject(project);
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      return (e as Error).message;
    }
    throw new Error("ingest did not fail");
  }

  it("names a missing required column and what the header has", async () => {
    const message = await ingestError("opportunity_id,account_id,amount,created_date\nO1,A1,1,2025-01-01\n");
    expect(message).toBe(
      'opportunities.csv:1: missing required column "stage"; the header has "opportunity_id", "account_id", "amount", "created_date" (map names under columns.opportunities in the config)',
    );
  });

  it("names the renamed column it looked for", async () => {
    const message = await ingestError(`${HEADER}\n`, "columns:\n  opportunities: { amount: Amount (USD) }");
    expect(message).toContain('missing required column "Amount (USD)" (for amount)');
  });

  it("recognises a wrong delimiter", async () => {
    const message = await ingestError("opportunity_id;account_id;amount;stage;created_date\nO1;A1;1;Proposal;2025-01-01\n");
    expect(message).toContain(
      'opportunities.csv:1: the header has one column "opportunity_id;account_id;amount;stage;created_date"; the file seems to use ";" as delimiter',
    );
  });

  it("rejects an empty file", async () => {
    expect(await ingestError("")).toBe("opportunities.csv: the file is empty (expected a header row)");
  });

  it("names a missing file", async () => {
    expect(await ingestError(null)).toMatch(/^opportunities\.csv: file not found \(resolved to .*opportunities\.csv\)$/);
  });
});

describe("touchpoints, spend and targets", () => {
  it("quarantines touchpoints without account or opportunity, labels empty channels, checks months and periods", async () => {
    const config = basicConfig().replace(
      "  opportunities: opportunities.csv",
      "  opportunities: opportunities.csv\n  touchpoints: tp.csv\n  spend: spend.csv\n  targets: targets.csv",
    );
    const { ws, result } = await openProject(
      {
        "pipeprism.yaml": `${config}\nchannels:\n  - { match: { channel: "(?i)^google" }, channel: Paid Search }\n`,
        "accounts.csv": ACCOUNTS,
        "opportunities.csv": `${HEADER}\nO1,A1,100,Closed Won,2025-01-01,2025-01-20\n`,
        "tp.csv":
          "account_id,opportunity_id,occurred_at,channel,is_lead_creation\nA1,,2025-01-01,google ads,yes\n,,2025-01-02,Events,\nA1,O1,2025-01-03 09:15:00,,no\nA2,,not a date,Email,\nA2,,2025-01-04,Email,maybe\n",
        "spend.csv": "month,channel,amount\n2025-01,Google CPC,100\n2025-13,Events,5\n,Events,5\n",
        "targets.csv": "period,size,amount\n2025-Q1,SMB,1000\n2025-Q5,SMB,1\n",
      },
      undefined,
      true,
    );
    try {
      const a = await audit(ws);
      const reasons = a.quarantine.map((q) => `${q.file}:${q.line}:${q.column_number} ${q.reason}`);
      expect(reasons).toEqual([
        'spend.csv:3:1 month: "2025-13" is not a month (expected YYYY-MM)',
        "spend.csv:4:1 month: missing (expected month YYYY-MM, or period_start and period_end)",
        'targets.csv:3:1 period: "2025-Q5" is not a period (expected YYYY, YYYY-Qn or YYYY-MM)',
        "tp.csv:3:1 account_id: missing (a touchpoint needs account_id or opportunity_id)",
        'tp.csv:5:3 occurred_at: "not a date" is not a date or timestamp (expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)',
        'tp.csv:6:5 is_lead_creation: "maybe" is not true or false',
      ]);
      expect(await codesOf(ws)).toEqual([
        "spend.csv:3 bad_month",
        "spend.csv:4 missing_required",
        "targets.csv:3 bad_period",
        "tp.csv:3 missing_required",
        "tp.csv:5 bad_date",
        "tp.csv:6 bad_bool",
      ]);
      const tps = await ws.engine.all("SELECT touchpoint_id, channel, raw_channel, is_lead_creation FROM touchpoints ORDER BY source_line");
      expect(tps).toEqual([
        { touchpoint_id: "line-2", channel: "Paid Search", raw_channel: "google ads", is_lead_creation: true },
        { touchpoint_id: "line-4", channel: "Unknown", raw_channel: null, is_lead_creation: false },
      ]);
      const spend = await ws.engine.all(
        "SELECT CAST(period_start AS VARCHAR) s, CAST(period_end AS VARCHAR) e, channel, amount FROM spend",
      );
      expect(spend).toEqual([{ s: "2025-01-01", e: "2025-01-31", channel: "Paid Search", amount: 100 }]); // channel rules apply to spend too
      const counts = Object.fromEntries(result.tables.map((t) => [t.table, [t.rowsRead, t.rowsKept, t.rowsQuarantined]]));
      expect(counts).toMatchObject({ touchpoints: [5, 2, 3], spend: [3, 1, 2], targets: [2, 1, 1] });
    } finally {
      await ws.close();
    }
  });
});

describe("quarantine codes", () => {
  const STATUS_FILE = `${HEADER},status,currency\nO1,A1,100,Closed Won,2025-01-01,2025-01-20,won,USD\nO2,A1,10,Proposal,2025-01-02,,maybe,USD\nO3,A2,30,Proposal,2025-01-03,,open,GBP\n`;
  const FILES = {
    "pipeprism.yaml": basicConfig("currencies: { reporting: USD, rates: { EUR: 1.1 } }\n"),
    "accounts.csv": ACCOUNTS,
    "opportunities.csv": STATUS_FILE,
  };

  it("names bad statuses and currencies without a rate, with codes declared in QUARANTINE_CODES", async () => {
    const { ws } = await openProject(FILES, undefined, true);
    try {
      expect(await codesOf(ws)).toEqual(["opportunities.csv:3 bad_status", "opportunities.csv:4 unknown_currency"]);
      const codes = await ws.engine.all("SELECT DISTINCT code FROM quarantine");
      for (const { code } of codes) expect(Object.keys(QUARANTINE_CODES)).toContain(code);
    } finally {
      await ws.close();
    }
  });

  describePostgres("the code column on PostgreSQL", (url) => {
    it("survives the copy into PostgreSQL", async () => {
      const project = await writeProject(FILES);
      const target = await freshSchema(url, "pp_quarantine");
      try {
        await ingestToPostgres(await loadConfig(project.configPath), target.url, { allowPartial: true });
        const engine = await openPostgres(target.url);
        try {
          const rows = await engine.all("SELECT line, code, reason FROM quarantine ORDER BY line");
          expect(rows.map((r) => [r.line, r.code])).toEqual([
            [3, "bad_status"],
            [4, "unknown_currency"],
          ]);
        } finally {
          await engine.close();
        }
      } finally {
        await target.drop();
      }
    });
  });
});
