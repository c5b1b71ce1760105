// One rounding rule per format, the same on every human surface (formatValue): money in whole
// units, rates a percent with one decimal, multiples one decimal and ×, indices whole. And every
// declared column whose key is a multiple uses `multiple`; `number` (three decimals) is left only
// to figures that are neither money nor multiples.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatValue } from "../src/contract/format-value.js";
import { inCurrency, type ColumnDef, type ReportResult } from "../src/contract/report-result.js";
import { renderMarkdown } from "../src/render/render-markdown.js";
import * as declared from "../src/report/report-columns.js";

const value = fc.double({ min: -1e12, max: 1e12, noNaN: true });
const unformat = (text: string) => Number(text.replace(/[,%×]/g, ""));

describe("format rules (property)", () => {
  it("money: whole units with thousands separators, within half a unit", () => {
    fc.assert(
      fc.property(value, (v) => {
        const text = formatValue(v, "money");
        expect(text).toMatch(/^-?\d{1,3}(,\d{3})*$/);
        expect(Math.abs(unformat(text) - v)).toBeLessThanOrEqual(0.5 + Math.abs(v) * 1e-15);
      }),
      { numRuns: 500, seed: 16 },
    );
  });

  it("rates: a percent with exactly one decimal", () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (v) => {
        const text = formatValue(v, "rate");
        expect(text).toMatch(/^-?\d{1,3}(,\d{3})*\.\d%$/);
        expect(Math.abs(unformat(text) - v * 100)).toBeLessThanOrEqual(0.05 + Math.abs(v) * 1e-12);
      }),
      { numRuns: 500, seed: 16 },
    );
  });

  it("multiples: one decimal and ×", () => {
    fc.assert(
      fc.property(value, (v) => {
        const text = formatValue(v, "multiple");
        expect(text).toMatch(/^-?\d{1,3}(,\d{3})*\.\d×$/);
        expect(Math.abs(unformat(text) - v)).toBeLessThanOrEqual(0.05 + Math.abs(v) * 1e-15);
      }),
      { numRuns: 500, seed: 16 },
    );
  });

  it("indices: whole numbers", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1000, noNaN: true }), (v) => {
        expect(formatValue(v, "index")).toMatch(/^\d{1,3}(,\d{3})*$/);
      }),
      { numRuns: 200, seed: 16 },
    );
  });

  it("examples, and no negative zero", () => {
    expect(formatValue(3.4049, "multiple")).toBe("3.4×");
    expect(formatValue(195.636, "multiple")).toBe("195.6×");
    expect(formatValue(1.94636, "rate")).toBe("194.6%");
    expect(formatValue(194.636, "rate")).toBe("19,463.6%");
    expect(formatValue(97570300.000013, "money")).toBe("97,570,300");
    expect(formatValue(97.135, "index")).toBe("97");
    expect(formatValue(-0.2, "money")).toBe("0");
    expect(formatValue(-0.0001, "rate")).toBe("0.0%");
    expect(formatValue(-0.01, "multiple")).toBe("0.0×");
    expect(formatValue(null, "multiple")).toBe("–");
  });
});

/** The declarations that are functions, called with each variant (a new one must be added here). */
const VARIANTS: Readonly<Record<string, readonly unknown[]>> = {
  winrateColumns: [true, false],
  attributionColumns: [true, false],
  modelsColumns: [["linear", "markov"]],
  withDimensions: [],
};

/** Every column of every declaration in report-columns.ts. */
function declaredColumns(): { name: string; col: ColumnDef }[] {
  const out: { name: string; col: ColumnDef }[] = [];
  for (const [name, entry] of Object.entries(declared)) {
    const variants = VARIANTS[name];
    if (typeof entry === "function" && !variants) throw new Error(`report-columns.ts exports ${name}: add its variants to VARIANTS`);
    const lists: unknown[] = typeof entry === "function" ? (variants ?? []).map((v) => (entry as (a: unknown) => unknown)(v)) : [entry];
    for (const list of lists) if (Array.isArray(list)) for (const col of list as ColumnDef[]) out.push({ name, col });
  }
  return out;
}

const MULTIPLE_KEY = /^(remaining_)?coverage(_(compare|change|rolling))?$|^ltv_to_cac|^return_on_spend$/;
/** `number` stays only on figures that are neither money nor multiples: a deal's credit, a path file's totals. */
const RAW_NUMBER_KEYS = new Set(["credit", "total_conversions", "total_conversion_value"]);

describe("declared formats (table-driven)", () => {
  const columns = declaredColumns();
  it("finds the declarations", () => {
    expect(columns.length).toBeGreaterThan(100);
    expect(columns.some((c) => c.col.key === "ltv_to_cac")).toBe(true);
  });

  it.each(columns.filter((c) => MULTIPLE_KEY.test(c.col.key)).map((c) => [c.name, c.col.key, c.col.format]))(
    "%s.%s is a multiple",
    (_name, _key, format) => expect(format).toBe("multiple"),
  );

  it("number (three decimals) is on no money or multiple figure", () => {
    const raw = columns.filter((c) => c.col.format === "number").map((c) => c.col.key);
    expect(raw.filter((k) => !RAW_NUMBER_KEYS.has(k))).toEqual([]);
  });

  it("ROI is a percent, quality an index, credited counts say credit", () => {
    for (const { col } of columns) {
      if (col.key === "roi") expect(col.format).toBe("rate");
      if (col.key === "quality_index") expect(col.format).toBe("index");
      if (col.format === "credit") expect(col.label, col.key).toMatch(/credit/);
    }
  });
});

describe("currency on the surfaces", () => {
  const result: ReportResult = {
    report: "cost",
    params: {},
    columns: [
      { key: "channel", label: "channel", format: "text", type: "string", role: "dimension" },
      { key: "spend", label: "spend", format: "money", type: "number" },
      { key: "roi", label: "ROI", format: "rate", type: "number" },
      { key: "return_on_spend", label: "won/spend", format: "multiple", type: "number" },
    ],
    rows: [{ channel: "Email", spend: 5197.4, roi: 194.636, return_on_spend: 195.636 }],
    totals: [],
    notes: [],
  };

  it("labels money columns with the code once, and only once", () => {
    const eur = inCurrency(result, "EUR");
    expect(eur.currency).toBe("EUR");
    expect(eur.columns.map((c) => c.label)).toEqual(["channel", "spend (EUR)", "ROI", "won/spend"]);
    expect(inCurrency(eur, "EUR")).toBe(eur);
    expect(renderMarkdown(eur)).toContain(
      "| channel | spend (EUR) | ROI | won/spend |\n| --- | ---: | ---: | ---: |\n| Email | 5,197 | 19,463.6% | 195.6× |",
    );
  });
});
