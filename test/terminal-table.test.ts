// Terminal tables that fit the terminal (issue #16): at 80 and 100 columns no line of any report
// is wider, the key columns stay, a line names what was left out, and without a width (a pipe, a
// file, --wide) every column is printed. Widths are counted as a terminal draws them.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ColumnDef, ReportResult } from "../src/contract/report-result.js";
import { column } from "../src/contract/report-result.js";
import { renderTable } from "../src/render/render-table.js";
import { stripStyles, textWidth } from "../src/render/visible-text.js";
import { runReport } from "../src/report/run-report.js";
import { REPORT_NAMES } from "../src/report/request/report-flags.js";
import { demoWorkspace, type DemoWorkspace } from "./helpers/demo-workspace.js";

/** Header labels as printed: cells are two or more spaces apart, and no label holds two spaces. */
const headerLabels = (table: string): string[] => (table.split("\n")[0] ?? "").trim().split(/\s{2,}/);

/** The options each report runs with: two segment dimensions where it takes them. */
const OPTIONS: Readonly<Record<string, object>> = {
  deals: { by: ["size", "region"], limit: 20 },
  attribution: { by: ["size", "region"], model: "linear" },
  models: { by: ["size"] },
  insights: { by: ["size"] },
  coverage: { by: ["size"] },
  ltv: { by: ["size"] },
  cost: { by: ["size"] },
};

let demo: DemoWorkspace;
const results = new Map<string, ReportResult>();

beforeAll(async () => {
  demo = await demoWorkspace({ seed: 5, scale: 0.1 });
  for (const name of REPORT_NAMES) results.set(name, await runReport(demo.ws, name, OPTIONS[name] ?? { by: ["size", "region"] }));
}, 120_000);

afterAll(async () => {
  await demo?.close();
});

/** Key columns worked out apart from the renderer: the --by dimensions, a deal's id, else every dimension column. */
function expectedKeys(r: ReportResult): ColumnDef[] {
  const by = (r.params.by as string[] | undefined) ?? [];
  if (r.report === "deals") return r.columns.filter((c) => c.key === "opportunity_id" || by.includes(c.key));
  return r.columns.filter((c) => c.role === "dimension" || by.includes(c.key));
}

/** Every column the header does not show is named in the left-out line, or counted in its "N more". */
function expectOmittedNamed(r: ReportResult, table: string): void {
  const shown = headerLabels(table);
  const remaining = [...shown];
  const omitted = r.columns.filter((c) => {
    const at = remaining.indexOf(c.label);
    if (at < 0) return true;
    remaining.splice(at, 1);
    return false;
  });
  const line = table.split("\n").find((l) => l.startsWith("(left out: "));
  if (omitted.length === 0) {
    expect(line).toBeUndefined();
    return;
  }
  expect(line, table).toBeDefined();
  expect(line).toContain("--wide shows all");
  const listed = (line ?? "").replace(/^\(left out: /, "").split(/; /)[0] ?? "";
  const more = Number(/(\d+) more$/.exec(listed)?.[1] ?? 0);
  const names = listed
    .replace(/,?\s*\d+ more$/, "")
    .split(", ")
    .filter(Boolean);
  expect(names.length + more).toBe(omitted.length);
  for (const name of names)
    expect(
      omitted.some((c) => c.label === name || c.key === name),
      name,
    ).toBe(true);
}

describe("terminal table on the demo workspace", () => {
  for (const width of [80, 100]) {
    for (const name of REPORT_NAMES) {
      it(`${name} fits ${width} columns, keeps its keys and names what it left out`, () => {
        const r = results.get(name) as ReportResult;
        const table = renderTable(r, { width });
        for (const line of table.trimEnd().split("\n")) expect(textWidth(line), line).toBeLessThanOrEqual(width);
        const shown = headerLabels(table);
        for (const key of expectedKeys(r)) expect(shown, `${name}: ${key.key}`).toContain(key.label);
        expectOmittedNamed(r, table);
      });
    }
  }

  for (const name of REPORT_NAMES) {
    it(`${name} without a width (pipe, file, --wide) prints every column`, () => {
      const r = results.get(name) as ReportResult;
      const table = renderTable(r);
      expect(headerLabels(table)).toEqual(r.columns.map((c) => c.label));
      expect(table).not.toContain("left out");
      expect(table).not.toContain("\u001b");
    });
  }

  it("attribution at 80 columns drops interval bounds before measures", () => {
    const r = results.get("winrate") as ReportResult;
    const shown = headerLabels(renderTable(r, { width: 80 }));
    // win rate is a headline of winrate; its low and high go first.
    expect(shown).toContain("win rate");
    if (shown.includes("low")) expect(shown).toContain("avg deal");
  });
});

/** A report of two named keys and measures, with any names: what a user's CRM may hold. */
function syntheticReport(names: readonly [string, string][], widths: readonly number[]): ReportResult {
  const columns: ColumnDef[] = [
    { ...column("segment", "segment", "text"), role: "dimension" },
    { ...column("channel", "channel", "text"), role: "dimension" },
    ...widths.map((_, i) => column(`m${i}`, `measure ${i}`, i % 2 ? "rate" : "money")),
    column("m0_low", "low", "money"),
    column("m0_high", "high", "money"),
    column("sample", "sample", "text"),
  ];
  const rows = names.map(([segment, channel], j) => ({
    segment,
    channel,
    ...Object.fromEntries(widths.map((w, i) => [`m${i}`, i % 2 ? (j % 10) / 10 : w * (j + 1) * 1000])),
    m0_low: 1,
    m0_high: 2,
    sample: j % 2 ? "thin" : "ok",
  }));
  return { report: "attribution", params: { by: ["segment"] }, columns, rows, totals: [], notes: [] };
}

describe("terminal table with any names", () => {
  const name = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.constantFrom("日本のとても長い業界名前テスト用セグメント", "Ünïcödé Enterprise Holdings ∑", "👩‍💻 Developer Relations"),
  );

  it("never prints a line wider than the width, and keeps both keys", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(name, name), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 14 }),
        fc.integer({ min: 40, max: 180 }),
        fc.boolean(),
        (names, measures, width, color) => {
          const table = renderTable(syntheticReport(names, measures), { width, color });
          for (const line of table.trimEnd().split("\n")) expect(textWidth(line)).toBeLessThanOrEqual(width);
          const header = stripStyles(table.split("\n")[0] ?? "");
          expect(header.startsWith("segment")).toBe(true);
          expect(header).toContain("channel");
        },
      ),
      { numRuns: 200 },
    );
  });
});
