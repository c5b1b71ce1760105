// Properties that must hold on any input: nothing is lost between file and report, and segment
// rows add up to the population total.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { audit } from "../src/report/audit.js";
import { pipeline } from "../src/report/library.js";
import { winrate } from "../src/report/library.js";
import { basicConfig, csv, openProject } from "./helpers/temp-workspace.js";

type Corruption = "none" | "bad_amount" | "bad_date" | "no_stage" | "negative";
interface RandomOpportunity {
  account: string;
  amount: number;
  stage: string;
  createdDay: number;
  cycle: number;
  corruption: Corruption;
}

const rowArb: fc.Arbitrary<RandomOpportunity> = fc.record({
  account: fc.constantFrom("A1", "A2", "A3", "A4", ""),
  amount: fc.integer({ min: 0, max: 100_000 }),
  stage: fc.constantFrom("Prospecting", "Proposal", "Closed Won", "Closed Lost"),
  createdDay: fc.integer({ min: 0, max: 364 }),
  cycle: fc.integer({ min: 0, max: 200 }),
  corruption: fc.constantFrom<Corruption>("none", "none", "none", "bad_amount", "bad_date", "no_stage", "negative"),
});

const day = (n: number) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

function opportunityCsv(rows: readonly RandomOpportunity[]): string {
  return csv([
    ["opportunity_id", "account_id", "amount", "stage", "created_date", "close_date"],
    ...rows.map((r, i) => {
      const closed = r.stage.startsWith("Closed");
      return [
        `O${i}`,
        r.account,
        r.corruption === "bad_amount" ? "12x" : r.corruption === "negative" ? -r.amount - 1 : r.amount,
        r.corruption === "no_stage" ? "" : r.stage,
        r.corruption === "bad_date" ? "2025-02-31" : day(r.createdDay),
        closed ? day(r.createdDay + r.cycle) : "",
      ];
    }),
  ]);
}

const ACCOUNTS = csv([
  ["account_id", "employees", "country"],
  ["A1", 10, "US"],
  ["A2", 500, "FR"],
  ["A3", 5000, "JP"],
]);

describe("properties on random opportunity files", () => {
  it("loses nothing and segment rows sum to the total", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowArb, { minLength: 1, maxLength: 60 }), async (rows) => {
        const { ws, result } = await openProject(
          {
            "pipeprism.yaml": basicConfig(),
            "accounts.csv": ACCOUNTS,
            "opportunities.csv": opportunityCsv(rows),
          },
          undefined,
          true,
        );
        try {
          const stats = result.tables.find((t) => t.table === "opportunities");
          const bad = rows.flatMap((r, i) => (r.corruption === "none" ? [] : [i + 2]));
          expect(stats?.rowsRead).toBe(rows.length);
          expect(stats?.rowsKept).toBe(rows.length - bad.length);
          const quarantined = (await audit(ws)).quarantine.map((q) => q.line);
          expect(quarantined).toEqual(bad);

          const good = rows.filter((r) => r.corruption === "none");
          const p = await pipeline(ws, { by: ["size"] });
          const sum = (key: string) => p.rows.reduce((s, r) => s + Number(r[key]), 0);
          expect(sum("pipeline_created")).toBe(p.totals[0]?.pipeline_created);
          expect(sum("pipeline_created_count")).toBe(good.length);
          expect(p.totals[0]?.pipeline_created).toBe(good.reduce((s, r) => s + r.amount, 0));

          const w = await winrate(ws, { by: ["size", "region"] });
          const won = good.filter((r) => r.stage === "Closed Won").length;
          expect(w.rows.reduce((s, r) => s + Number(r.won), 0)).toBe(won);
          expect(w.totals[0]?.won).toBe(won);
        } finally {
          await ws.close();
        }
      }),
      { numRuns: 12, seed: 20261123 },
    );
  });
});
