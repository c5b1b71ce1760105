// Money in CSV is rounded to the cent and adds up: on the demo company, under several models and
// splits, each money column of the cost report's CSV sums per segment and overall to the report's
// totals to the cent, and no money cell of any money report carries a float residue.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportResult } from "../src/contract/report-result.js";
import { renderCsv } from "../src/render/render-csv.js";
import { runReport } from "../src/report/run-report.js";
import type { Workspace } from "../src/workspace/workspace.js";
import { demoWorkspace } from "./helpers/demo-workspace.js";

let ws: Workspace;
let close: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  ({ ws, close } = await demoWorkspace({ seed: 16, scale: 0.1 }));
}, 120_000);
afterAll(() => close());

/** The CSV's cells by header (the demo's names hold no comma or quote). */
function parseCsv(text: string): Record<string, string>[] {
  const [header = "", ...lines] = text.trimEnd().split("\n");
  const keys = header.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((cell, i) => [keys[i] ?? "", cell])));
}

const cents = (text: string | number | null | undefined) => Math.round(Number(text ?? 0) * 100);
const moneyKeys = (r: ReportResult) => r.columns.filter((c) => c.format === "money").map((c) => c.key);

describe("money in CSV", () => {
  for (const options of [
    { by: "size", model: "linear" },
    { by: "size,region", model: "w_shaped" },
    { by: "region", model: "markov" },
    { model: "first_touch", period: "2026-Q1" },
  ])
    it(`cost ${JSON.stringify(options)}: money columns sum to the totals to the cent`, async () => {
      const report = await runReport(ws, "cost", options);
      const rows = parseCsv(renderCsv(report));
      expect(rows.length).toBe(report.rows.length);
      const dims = options.by?.split(",") ?? [];
      for (const key of ["spend", "pipeline", "won_amount"]) {
        for (const total of report.totals) {
          const inSegment = rows.filter((r) => total.total_of === "all" || dims.every((d) => r[d] === total[d]));
          const sum = inSegment.reduce((s, r) => s + cents(r[key]), 0);
          expect(sum, `${key} ${JSON.stringify(total)}`).toBe(cents(total[key] as number));
        }
      }
    }, 60_000);

  it("no money cell has more than two decimals", async () => {
    for (const [name, options] of [
      ["cost", { by: "size", model: "shapley" }],
      ["attribution", { by: "size", model: "time_decay" }],
      ["pipeline", { by: "industry" }],
      ["ltv", { by: "size" }],
      ["winrate", { by: "size" }],
    ] as const) {
      const report = await runReport(ws, name, options);
      for (const row of parseCsv(renderCsv(report)))
        for (const key of moneyKeys(report)) expect(row[key], `${name} ${key}`).toMatch(/^(-?\d+(\.\d{1,2})?)?$/);
    }
  }, 120_000);
});
