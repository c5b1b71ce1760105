// Lead-stage conversion (`report leads`) on a hand-made status history: reach counted by hand,
// skipped statuses passed, statuses after as-of unknown yet, leads segmented through their account
// (an ICP tier rule included), --where, the CLI, and a workspace without lead history saying so.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../src/contract/row.js";
import { leads } from "../src/report/library.js";
import type { Workspace } from "../src/workspace/workspace.js";
import { run } from "./helpers/run-cli.js";
import { basicConfig, csv, openProject } from "./helpers/temp-workspace.js";

const ACCOUNTS = csv([
  ["account_id", "employees", "industry"],
  ["A1", 50, "Retail"], // SMB
  ["A2", 5000, "Software"], // Enterprise; tier 1 below
]);

// One deal, so the data's as-of is its close date 2025-05-01.
const OPPORTUNITIES = csv([
  ["opportunity_id", "account_id", "amount", "stage", "created_date", "close_date"],
  ["O1", "A1", 1000, "Closed Won", "2025-03-01", "2025-05-01"],
]);

const LEAD_HISTORY = csv([
  ["lead_id", "account_id", "status", "entered_at"],
  ["L1", "A1", "Lead", "2025-01-05"],
  ["L1", "A1", "MQL", "2025-01-20"],
  ["L1", "A1", "SQL", "2025-02-01"],
  ["L1", "A1", "Opportunity", "2025-03-01"],
  ["L2", "A1", "Lead", "2025-01-10"],
  ["L2", "A1", "mql", "2025-02-15"], // statuses match case-insensitively
  ["L3", "A2", "Lead", "2025-02-01"],
  ["L3", "A2", "SQL", "2025-02-20"], // MQL skipped: passed
  ["L4", "A2", "Lead", "2025-03-05"],
  ["L4", "A2", "MQL", "2025-06-01"], // after as-of: not reached yet
  ["L5", null, "Lead", "2025-01-15"], // no account: Unknown
  ["L6", "A1", "Subscriber", "2025-01-03"], // no listed status
  ["L7", "A1", "Lead", "2024-12-20"], // first status in 2024
  ["L7", "A1", "MQL", "2025-01-02"],
]);

const TIER = `  tier:
    rules:
      - { name: Tier 1, when: { employees: { min: 1000 }, industry: [Software] } }
    else: Tier 3
`;

function files(withLeads: boolean): Record<string, string> {
  const config = basicConfig().replace("  customer_type: { field: type }\n", `  customer_type: { field: type }\n${TIER}`);
  return {
    "pipeprism.yaml": withLeads
      ? config.replace("  opportunities: opportunities.csv", "  opportunities: opportunities.csv\n  lead_history: leads.csv")
      : config,
    "accounts.csv": ACCOUNTS,
    "opportunities.csv": OPPORTUNITIES,
    ...(withLeads ? { "leads.csv": LEAD_HISTORY } : {}),
  };
}

const steps = (rows: readonly Row[], dim?: string) =>
  rows.map((r) => [...(dim ? [r[dim]] : []), r.from_stage, r.to_stage, r.reached_from, r.reached_to, r.conversion]);

describe("report leads", () => {
  let ws: Workspace;
  let dir = "";
  beforeAll(async () => {
    const opened = await openProject(files(true));
    ws = opened.ws;
    dir = opened.project.dir;
  });
  afterAll(async () => ws.close());

  it("counts reach per size by hand, over leads first seen in the window", async () => {
    const r = await leads(ws, { by: ["size"], period: "2025" });
    expect(r.params.as_of).toBe("2025-05-01");
    expect(steps(r.rows, "size")).toEqual([
      // SMB: L1 reached Opportunity, L2 MQL; L6 has no listed status; L7 started in 2024
      ["SMB", "Lead", "MQL", 2, 2, 1],
      ["SMB", "MQL", "SQL", 2, 1, 0.5],
      ["SMB", "SQL", "Opportunity", 1, 1, 1],
      // Enterprise: L3 reached SQL (MQL skipped counts), L4 only Lead by as-of
      ["Enterprise", "Lead", "MQL", 2, 1, 0.5],
      ["Enterprise", "MQL", "SQL", 1, 1, 1],
      ["Enterprise", "SQL", "Opportunity", 1, 0, 0],
      // Unknown: L5 without an account
      ["Unknown", "Lead", "MQL", 1, 0, 0],
      ["Unknown", "MQL", "SQL", 0, 0, null],
      ["Unknown", "SQL", "Opportunity", 0, 0, null],
    ]);
    expect(steps(r.totals)).toEqual([
      ["Lead", "MQL", 5, 3, 0.6],
      ["MQL", "SQL", 3, 2, 2 / 3],
      ["SQL", "Opportunity", 2, 1, 0.5],
    ]);
    expect(r.totals[2]?.cumulative).toBeCloseTo(1 / 5, 12);
    expect(r.notes.join(" ")).toContain("1 leads have no status listed in lead_stages (Lead, MQL, SQL, Opportunity)");
  });

  it("takes every lead without a window, and later as-of dates", async () => {
    const all = await leads(ws, { asOf: "2025-06-30" });
    // L1..L5 and L7 (L6 has no listed status); L4's MQL is known by 06-30
    expect(steps(all.rows)).toEqual([
      ["Lead", "MQL", 6, 5, 5 / 6],
      ["MQL", "SQL", 5, 2, 0.4],
      ["SQL", "Opportunity", 2, 1, 0.5],
    ]);
  });

  it("starts a trend at the first lead, not the first deal", async () => {
    const r = await leads(ws, { trend: "quarter" });
    const periods = [...new Set(r.rows.map((row) => row.period))];
    // L7 entered Lead on 2024-12-20; the first opportunity was created 2025-03-01.
    expect(periods[0]).toBe("2024-Q4");
    const first = r.rows.find((row) => row.period === "2024-Q4" && row.from_stage === "Lead");
    // L7 is the only lead first seen in 2024-Q4, and it reached MQL.
    expect([first?.reached_from, first?.reached_to]).toEqual([1, 1]);
  });

  it("segments leads by a rule over account fields and filters with --where", async () => {
    const tiers = await leads(ws, { by: ["tier"], period: "2025" });
    expect(steps(tiers.rows, "tier").filter((s) => s[1] === "Lead")).toEqual([
      ["Tier 1", "Lead", "MQL", 2, 1, 0.5], // A2
      ["Tier 3", "Lead", "MQL", 3, 2, 2 / 3], // A1, and L5 (no account: no rule matches, so else)
    ]);
    const filtered = await leads(ws, { period: "2025", where: { size: ["Enterprise"] } });
    expect(steps(filtered.rows)).toEqual([
      ["Lead", "MQL", 2, 1, 0.5],
      ["MQL", "SQL", 1, 1, 1],
      ["SQL", "Opportunity", 1, 0, 0],
    ]);
  });

  it("says a dimension of opportunities cannot segment leads", async () => {
    const r = await leads(ws, { by: ["customer_type"] });
    expect(r.notes.join(" ")).toContain("--by customer_type: a field of opportunities, which leads do not have");
  });

  it("runs from the CLI with its flags, and audit lists the unknown status", async () => {
    const cli = await run(dir, "report", "leads", "--by", "size", "--period", "2025", "--format", "json");
    expect(cli.code, cli.err).toBe(0);
    expect(JSON.parse(cli.out).rows).toHaveLength(9);
    const refused = await run(dir, "report", "leads", "--model", "linear");
    expect(refused.code).toBe(2);
    const typo = await run(dir, "report", "leads", "--where", "size=Enterprize");
    expect(typo.code).toBe(2);
    expect(typo.err).toContain("no lead is in that segment (size values: Enterprise, SMB, Unknown)");
    const audit = await run(dir, "audit", "--format", "json");
    expect(audit.out).toContain("unknown_status");
  });
});

describe("report leads without lead history", () => {
  let ws: Workspace;
  beforeAll(async () => {
    ({ ws } = await openProject(files(false)));
  });
  afterAll(async () => ws.close());

  it("says what to add instead of printing zeros silently", async () => {
    for (const options of [{}, { where: { size: ["SMB"] } }]) {
      const r = await leads(ws, options);
      expect(r.rows.every((s) => s.reached_from === 0)).toBe(true);
      expect(r.notes[0]).toContain("no lead status history in the workspace");
    }
  });
});
