// Every key a report row carries is either one of the row's dimension values or a name in
// src/contract/result-names.ts — the list config refuses as dimension and custom-model names. If a
// report grows a field this list lacks, a user could name a dimension after it and overwrite a
// number; this test fails first. Columns must be declared once per key, with a JSON type that
// matches the values.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isResultName } from "../src/contract/result-names.js";
import type { ReportResult } from "../src/contract/report-result.js";
import type { Workspace } from "../src/index.js";
import { REPORT_FLAGS, REPORT_NAMES } from "../src/report/request/report-flags.js";
import { runReport } from "../src/report/run-report.js";
import { demoWorkspace } from "./helpers/demo-workspace.js";

let ws: Workspace;
let close: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  ({ ws, close } = await demoWorkspace({ scale: 0.15 }));
});

afterAll(() => close());

/** Each report with and without segments, and every variant that adds fields. */
function variants(name: (typeof REPORT_NAMES)[number]): Record<string, unknown>[] {
  const flags = REPORT_FLAGS.get(name) ?? [];
  const out: Record<string, unknown>[] = [{}, { by: name === "coverage" ? "size" : "size,region" }];
  if (flags.includes("cohort")) out.push({ by: "size", cohort: true });
  if (flags.includes("trend")) out.push({ by: "size", trend: "quarter", rolling: 2 });
  if (flags.includes("snapshots")) out.push({ snapshots: true, by: "size" });
  if (flags.includes("model")) out.push({ by: "size", model: "markov" }, { by: "size", model: "shapley" });
  if (flags.includes("compare")) out.push({ by: "size", period: "2026-Q2", compare: "previous" });
  if (flags.includes("channel")) out.push({ by: "size", channel: "Events" });
  return out;
}

function checkNames(result: ReportResult, dims: readonly string[], label: string): void {
  const allowed = (key: string) => dims.includes(key) || isResultName(key);
  for (const row of [...result.rows, ...result.totals])
    for (const key of Object.keys(row)) expect(allowed(key), `${label}: row key "${key}"`).toBe(true);
  const keys = result.columns.map((c) => c.key);
  expect(new Set(keys).size, `${label}: a column is declared twice`).toBe(keys.length);
  for (const c of result.columns) {
    expect(allowed(c.key), `${label}: column "${c.key}"`).toBe(true);
    for (const row of result.rows) {
      const value = row[c.key];
      if (value !== null && value !== undefined) expect(typeof value, `${label}: ${c.key} = ${JSON.stringify(value)}`).toBe(c.type);
    }
  }
}

describe("result row names", () => {
  for (const name of REPORT_NAMES) {
    it(`${name}: every row key is a dimension or a reserved result name, every column typed`, async () => {
      for (const v of variants(name)) {
        const result = await runReport(ws, name, v);
        const dims = [
          ...(typeof v.by === "string" ? v.by.split(",") : []),
          // insights names findings' segments, deals shows every segment of each deal
          ...(name === "insights" || name === "deals" ? Object.keys(ws.config.segments) : []),
        ];
        checkNames(result, dims, `${name} ${JSON.stringify(v)}`);
      }
    });
  }
});
