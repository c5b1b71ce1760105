// Rule segments (ICP tiers, issue #15): a segment whose value is the first matching rule's name.
// Each opportunity's tier below is worked out by hand in the comments beside the accounts; win
// rate and pipeline by tier are then the sums of those hand assignments. The same project runs on
// PostgreSQL (when PIPEPRISM_TEST_PG is set) and must give identical results for every report.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../src/contract/row.js";
import { parseConfigText } from "../src/model/config.js";
import { audit } from "../src/report/audit.js";
import { pipeline, winrate } from "../src/report/library.js";
import { reportNames, runReport } from "../src/report/run-report.js";
import { compileOpportunityBase, missingFieldNotes, segColumn } from "../src/sql/opportunity-base-sql.js";
import type { Workspace } from "../src/workspace/workspace.js";
import { compareValues, describePostgres, emptyComparison, openOnBothEngines } from "./helpers/postgres.js";
import { csv, openProject, writeProject } from "./helpers/temp-workspace.js";

const CONFIG = `sources:
  accounts: accounts.csv
  opportunities: opportunities.csv
  touchpoints: touchpoints.csv
stages:
  order: [Prospecting, Proposal, Negotiation]
  won: [Closed Won]
  lost: [Closed Lost]
segments:
  size: { field: employees, bands: [{ name: SMB, max: 199 }, { name: Mid-Market, max: 999 }, { name: Enterprise }] }
  region: { field: country, preset: regions }
  industry: { field: industry, map: { "Computer Software": Software } }
  icp_tier:
    rules:
      # employees is a field; industry and region are segments (their mapped / preset values)
      - { name: Tier 1, when: { employees: { min: 1000 }, industry: [Software, Financial Services], region: NA } }
      - { name: Tier 2, when: { size: [Mid-Market, Enterprise] } }
    else: Tier 3
  fit:
    # reads another rule segment; arr is a text column compared as a number; no else: Unknown
    rules:
      - { name: Strong, when: { icp_tier: Tier 1, arr: { min: 50000 } } }
      - { name: Pilot, when: { employees: [50, 300] } }
min_sample: 1
`;

// Tier by hand (Tier 1 needs ≥ 1000 employees, industry segment Software or Financial Services,
// region NA; Tier 2 needs size Mid-Market or Enterprise, i.e. ≥ 200 employees; else Tier 3).
// fit: Strong = Tier 1 and arr ≥ 50000 (a number); Pilot = exactly 50 or 300 employees; else Unknown.
const ACCOUNTS = csv([
  ["account_id", "industry", "employees", "country", "arr"],
  ["A1", "Software", 5000, "United States", "80000"], // Tier 1 (also meets Tier 2: first wins); Strong
  ["A2", "Computer Software", 1200, "Canada", "n/a"], // Tier 1 through the industry map; arr not a number: Unknown
  ["A3", "Financial Services", 1500, "Germany", "90000"], // EMEA: Tier 2; Unknown
  ["A4", "Software", 300, "US", " 60000 "], // Mid-Market: Tier 2; Pilot
  ["A5", "Retail", null, "US", null], // no employees: size Unknown, Tier 3; Unknown
  ["A6", "financial services", 2000, "USA", "50000"], // case-insensitive: Tier 1; Strong (min inclusive)
  ["A7", "Software", 50, "US", null], // SMB: Tier 3; Pilot
  ["A8", "Software", 5000, null, "70000"], // no country: region Unknown, so Tier 2; Unknown
  ["A9", "Software", 5000, "US", null], // no opportunity (a null journey in attribution)
]);

const OPPORTUNITIES = csv([
  ["opportunity_id", "account_id", "amount", "stage", "created_date", "close_date"],
  ["O1", "A1", 1000, "Closed Won", "2025-01-10", "2025-02-10"],
  ["O2", "A1", 2000, "Closed Lost", "2025-01-15", "2025-03-01"],
  ["O3", "A2", 500, "Closed Won", "2025-01-20", "2025-02-15"],
  ["O4", "A3", 700, "Closed Lost", "2025-02-01", "2025-03-10"],
  ["O5", "A4", 300, "Closed Won", "2025-02-05", "2025-03-05"],
  ["O6", "A4", 400, "Proposal", "2025-02-10", "2025-06-30"],
  ["O7", "A5", 100, "Closed Lost", "2025-01-05", "2025-02-05"],
  ["O8", "A6", 900, "Closed Won", "2025-03-01", "2025-03-20"],
  ["O9", "A7", 50, "Closed Won", "2025-01-12", "2025-02-12"],
  ["O10", "A8", 800, "Closed Lost", "2025-01-25", "2025-03-15"],
  ["O11", "A99", 150, "Closed Won", "2025-02-20", "2025-03-25"], // account not in accounts.csv: Tier 3
  ["O12", "A1", 600, "Negotiation", "2025-03-10", "2025-06-30"],
]);

const TOUCHPOINTS = csv([
  ["touchpoint_id", "account_id", "occurred_at", "channel"],
  ["T1", "A1", "2025-01-02", "Paid Search"],
  ["T2", "A3", "2025-01-20", "Events"],
  ["T3", "A4", "2025-01-30", "Paid Search"],
  ["T4", "A7", "2025-01-05", "Events"],
  ["T5", "A9", "2025-02-01", "Events"],
]);

const files = (config = CONFIG) => ({
  "pipeprism.yaml": config,
  "accounts.csv": ACCOUNTS,
  "opportunities.csv": OPPORTUNITIES,
  "touchpoints.csv": TOUCHPOINTS,
});

const TIER_BY_OPPORTUNITY = {
  O1: "Tier 1",
  O2: "Tier 1",
  O3: "Tier 1",
  O4: "Tier 2",
  O5: "Tier 2",
  O6: "Tier 2",
  O7: "Tier 3",
  O8: "Tier 1",
  O9: "Tier 3",
  O10: "Tier 2",
  O11: "Tier 3",
  O12: "Tier 1",
};
const FIT_BY_OPPORTUNITY = {
  O1: "Strong",
  O2: "Strong",
  O3: "Unknown",
  O4: "Unknown",
  O5: "Pilot",
  O6: "Pilot",
  O7: "Unknown",
  O8: "Strong",
  O9: "Pilot",
  O10: "Unknown",
  O11: "Unknown",
  O12: "Strong",
};

/** Each opportunity's value of the dimensions, straight from the segmented base. */
async function assignments(ws: Workspace, dims: readonly string[]): Promise<Record<string, Record<string, string>>> {
  const base = compileOpportunityBase({ dialect: ws.engine.dialect, config: ws.config, columns: ws.columns }, dims);
  const cols = dims.map((d) => `${ws.engine.dialect.quoteIdent(segColumn(d))} AS ${ws.engine.dialect.quoteIdent(d)}`).join(", ");
  const rows = await ws.engine.all(`SELECT opportunity_id, ${cols} FROM (${base.sql}) b ORDER BY opportunity_id`);
  return Object.fromEntries(dims.map((d) => [d, Object.fromEntries(rows.map((r) => [String(r.opportunity_id), String(r[d])]))] as const));
}

const pick = (rows: readonly Row[], keys: readonly string[]) => rows.map((r) => Object.fromEntries(keys.map((k) => [k, r[k]])));

describe("rule segments on a hand-counted fixture", () => {
  let ws: Workspace;
  beforeAll(async () => {
    ({ ws } = await openProject(files()));
  });
  afterAll(async () => ws.close());

  it("assigns each opportunity the first matching rule, else the else value", async () => {
    const got = await assignments(ws, ["icp_tier", "fit"]);
    expect(got.icp_tier).toEqual(TIER_BY_OPPORTUNITY);
    expect(got.fit).toEqual(FIT_BY_OPPORTUNITY);
  });

  it("win rate by tier equals the hand counts", async () => {
    const r = await winrate(ws, { by: ["icp_tier"], period: "2025-Q1" });
    // Tier 1: won O1 O3 O8 (2400), lost O2 (2000); Tier 2: won O5 (300), lost O4 O10 (1500);
    // Tier 3: won O9 O11 (200), lost O7 (100). O6 and O12 are open.
    expect(pick(r.rows, ["icp_tier", "won", "lost", "won_amount", "lost_amount"])).toEqual([
      { icp_tier: "Tier 1", won: 3, lost: 1, won_amount: 2400, lost_amount: 2000 },
      { icp_tier: "Tier 2", won: 1, lost: 2, won_amount: 300, lost_amount: 1500 },
      { icp_tier: "Tier 3", won: 2, lost: 1, won_amount: 200, lost_amount: 100 },
    ]);
    expect(r.rows.map((x) => x.win_rate)).toEqual([3 / 4, 1 / 3, 2 / 3]);
    expect(pick(r.totals, ["won", "lost"])).toEqual([{ won: 6, lost: 4 }]);
  });

  it("pipeline by tier equals the hand sums", async () => {
    const r = await pipeline(ws, { by: ["icp_tier"], period: "2025-Q1" });
    // created in Q1: Tier 1 O1 O2 O3 O8 O12 = 5000; Tier 2 O4 O5 O6 O10 = 2200; Tier 3 O7 O9 O11 = 300.
    // Open at 2025-03-31: O12 (Tier 1, 600) and O6 (Tier 2, 400).
    expect(pick(r.rows, ["icp_tier", "pipeline_created", "pipeline_created_count", "open_pipeline", "open_pipeline_count"])).toEqual([
      { icp_tier: "Tier 1", pipeline_created: 5000, pipeline_created_count: 5, open_pipeline: 600, open_pipeline_count: 1 },
      { icp_tier: "Tier 2", pipeline_created: 2200, pipeline_created_count: 4, open_pipeline: 400, open_pipeline_count: 1 },
      { icp_tier: "Tier 3", pipeline_created: 300, pipeline_created_count: 3, open_pipeline: 0, open_pipeline_count: 0 },
    ]);
  });

  it("splits by a rule segment that reads another one, with the unknown label as its default else", async () => {
    const r = await winrate(ws, { by: ["fit", "icp_tier"], period: "2025-Q1" });
    // Strong: O1 won, O2 lost, O8 won (all Tier 1). Pilot: O5 won (Tier 2), O9 won (Tier 3).
    // Unknown: O3 won (Tier 1); O4 lost, O10 lost (Tier 2); O7 lost, O11 won (Tier 3).
    expect(pick(r.rows, ["fit", "icp_tier", "won", "lost"])).toEqual([
      { fit: "Pilot", icp_tier: "Tier 2", won: 1, lost: 0 },
      { fit: "Pilot", icp_tier: "Tier 3", won: 1, lost: 0 },
      { fit: "Strong", icp_tier: "Tier 1", won: 2, lost: 1 },
      { fit: "Unknown", icp_tier: "Tier 1", won: 1, lost: 0 },
      { fit: "Unknown", icp_tier: "Tier 2", won: 0, lost: 2 },
      { fit: "Unknown", icp_tier: "Tier 3", won: 1, lost: 1 },
    ]);
  });

  it("runs every report with --by icp_tier", async () => {
    for (const name of reportNames()) {
      const r = await runReport(ws, name, { by: ["icp_tier"] });
      expect(r.rows, name).toBeDefined();
    }
  });

  it("says nothing when every name a rule reads exists", () => {
    expect(missingFieldNotes(ws, ["icp_tier", "fit"])).toEqual([]);
  });
});

describe("rule segments: notes for names no table carries", () => {
  it("says which names are neither a segment nor a field, and numeric tests on a date column", async () => {
    const config = CONFIG.replace(
      "min_sample: 1",
      `  typo:
    rules:
      - { name: Big, when: { employes: { min: 1000 } } }
      - { name: Late, when: { close_date: { min: 20250101 } } }
      - { name: Far, when: { region: EMEA } }
  far: { field: countri, preset: regions }
  remote:
    rules: [{ name: Yes, when: { far: EMEA } }]
min_sample: 1`,
    );
    const { ws } = await openProject(files(config));
    try {
      expect(missingFieldNotes(ws, ["typo", "remote", "icp_tier"])).toEqual([
        'segment typo: "employes" is neither a segment nor a field of opportunities or accounts; conditions on it never match',
        'segment typo: field "close_date" never holds a number; numeric conditions on it (min, max, a number) never match',
        'segment far: field "countri" is in neither opportunities nor accounts; every value is Unknown',
      ]);
      const r = await winrate(ws, { by: ["typo"] });
      expect(r.notes).toContain(
        'segment typo: "employes" is neither a segment nor a field of opportunities or accounts; conditions on it never match',
      );
      // Big and Late never match: EMEA accounts (A3) are Far, everyone else the unknown label.
      expect(pick(r.rows, ["typo", "won", "lost"])).toEqual([
        { typo: "Far", won: 0, lost: 1 },
        { typo: "Unknown", won: 6, lost: 3 },
      ]);
    } finally {
      await ws.close();
    }
  });
});

describe("rule segment config", () => {
  const messages = (segments: string) =>
    parseConfigText(`sources: { accounts: a.csv, opportunities: o.csv }
stages: { order: [Open], won: [Won], lost: [Lost] }
segments:
  size: { field: employees, bands: [{ name: SMB, max: 199 }, { name: Enterprise }] }
  region: { field: country, preset: regions }
${segments}`).diagnostics.map((d) => `${d.at?.line}:${d.at?.column} ${d.message}`);

  it("accepts values, lists, ranges and segment names, and defaults else to the unknown label", () => {
    const { config, diagnostics } = parseConfigText(CONFIG);
    expect(diagnostics).toEqual([]);
    expect(config?.segments.fit?.else).toBeUndefined();
    expect(config?.segments.icp_tier?.rules?.[0]?.when).toEqual({
      employees: { min: 1000 },
      industry: ["Software", "Financial Services"],
      region: "NA",
    });
  });

  it("reports unknown keys, empty rules and bad conditions at their paths", () => {
    expect(
      messages(`  tier:
    rules:
      - { name: A, when: { employees: { min: 1000, mx: 5 } }, unless: { x: 1 } }
      - { name: B, when: {} }
      - { name: C }
      - { name: D, when: { employees: { min: 10, max: 5 }, b: [x, [y]], c: , d: { min: "1k" }, e: [], f: {} } }
`),
    ).toEqual([
      '8:52 segments.tier.rules[0].when.employees: unknown key "mx"',
      '8:63 segments.tier.rules[0]: unknown key "unless"',
      "9:26 segments.tier.rules[1].when: expected at least one condition (field or segment: value), e.g. when: { employees: { min: 1000 } }",
      "10:9 segments.tier.rules[2].when: expected at least one condition (field or segment: value), e.g. when: { employees: { min: 1000 } }",
      "11:55 segments.tier.rules[3].when.employees.max: expected a number at least min (10), got 5",
      "11:67 segments.tier.rules[3].when.b[1]: expected a value (text or a number), got a list",
      "11:76 segments.tier.rules[3].when.c: expected a value, a list of values or { min, max }, got nothing",
      '11:88 segments.tier.rules[3].when.d.min: expected a number, got "1k"',
      "11:99 segments.tier.rules[3].when.e: expected at least one value",
      "11:106 segments.tier.rules[3].when.f: expected min, max or both (inclusive), e.g. { min: 200 }",
    ]);
  });

  it("refuses a segment that is neither a field nor rules, or mixes them", () => {
    expect(
      messages(`  tier: { field: employees, rules: [{ name: A, when: { size: SMB } }], else: B }
  other: { else: X }
  empty: {}
`),
    ).toEqual([
      "6:18 segments.tier.field: field does not apply to a segment with rules (each condition names its own field)",
      "7:3 segments.other.field: missing: name a column (field: employees) or give rules (rules: [{ name: Tier 1, when: { employees: { min: 1000 } } }])",
      "7:18 segments.other.else: else applies only to a segment with rules",
      "8:3 segments.empty.field: missing: name a column (field: employees) or give rules (rules: [{ name: Tier 1, when: { employees: { min: 1000 } } }])",
    ]);
  });

  it("refuses cycles between segments, including a segment reading itself", () => {
    expect(
      messages(`  a: { rules: [{ name: A, when: { b: B } }] }
  b: { rules: [{ name: B, when: { employees: 3, c: C } }] }
  c: { rules: [{ name: C, when: { a: A } }] }
  d: { rules: [{ name: D, when: { d: D } }] }
`),
    ).toEqual([
      "8:38 segments.c.rules[0].when.a: segments read each other in a cycle: a → b → c → a (a rule may test another segment's value, not its own)",
      "9:38 segments.d.rules[0].when.d: segments read each other in a cycle: d → d (a rule may test another segment's value, not its own)",
    ]);
  });

  it("refuses values a referenced segment never takes, and numbers against names", () => {
    expect(
      messages(`  tier:
    rules:
      - { name: A, when: { size: [SMB, Enterprize], region: North America } }
      - { name: B, when: { size: { min: 3 } } }
      - { name: C, when: { tier2: Gold, region: na } }
  tier2:
    rules: [{ name: Gold, when: { tier: A } }]
    else: Silver
`),
    ).toEqual([
      '8:40 segments.tier.rules[0].when.size[1]: "Enterprize" is not a value of segment size (SMB, Enterprise, Unknown)',
      '8:61 segments.tier.rules[0].when.region: "North America" is not a value of segment region (NA, LATAM, EMEA, APAC, Unknown)',
      "9:34 segments.tier.rules[1].when.size: a number never matches segment size (SMB, Enterprise, Unknown): its values are names; test its field instead (employees: { min: … })",
      "12:41 segments.tier2.rules[0].when.tier: segments read each other in a cycle: tier → tier2 → tier (a rule may test another segment's value, not its own)",
    ]);
  });
});

describePostgres("rule segments on PostgreSQL equal DuckDB", (pgUrl) => {
  let duck: Workspace;
  let pg: Workspace;
  let close: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    ({ duck, pg, close } = await openOnBothEngines(pgUrl, (await writeProject(files())).configPath));
  });
  afterAll(() => close());

  it("assigns the same tier to every opportunity", async () => {
    const got = await assignments(pg, ["icp_tier", "fit"]);
    expect(got.icp_tier).toEqual(TIER_BY_OPPORTUNITY);
    expect(got.fit).toEqual(FIT_BY_OPPORTUNITY);
  });

  for (const name of reportNames()) {
    it(`report ${name} --by icp_tier,fit`, async () => {
      const a = await runReport(duck, name, { by: ["icp_tier", "fit"] });
      const b = await runReport(pg, name, { by: ["icp_tier", "fit"] });
      expect(compareValues(a, b, name, emptyComparison()).differences).toEqual([]);
    });
  }

  it("audit", async () => {
    expect(compareValues(await audit(duck), await audit(pg), "audit", emptyComparison()).differences).toEqual([]);
  });
});
