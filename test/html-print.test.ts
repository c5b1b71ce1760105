// The HTML report's print layout without a browser (test/e2e/print.test.ts prints in Chromium): a
// table that fits a landscape page prints whole; a wider one is split into parts that each repeat
// the key columns, keep a measure with its interval bounds, and together hold every column once —
// at the breaks worked out here by hand from the estimate's constants; the stylesheet asks for a
// landscape page and a header row on every page.
import { describe, expect, it } from "vitest";
import type { ColumnDef, ReportResult } from "../src/contract/report-result.js";
import { printParts } from "../src/render/html/print-split.js";
import { webAsset } from "../src/render/html/web-bundle.js";
import { renderHtml } from "../src/render/render-html.js";

const dim = (key: string): ColumnDef => ({ key, label: key, format: "text", type: "string", role: "dimension" });
const money = (key: string): ColumnDef => ({ key, label: key, format: "money", type: "number" });

/** size and channel, then m1–m9, p with p_low and p_high, m10–m17: every amount prints as 123,456,789. */
function wideReport(): ReportResult {
  const measures = [
    ...Array.from({ length: 9 }, (_, i) => `m${i + 1}`),
    "p",
    "p_low",
    "p_high",
    ...Array.from({ length: 8 }, (_, i) => `m${i + 10}`),
  ];
  const columns = [dim("size"), dim("channel"), ...measures.map(money)];
  const row = { size: "Enterprise", channel: "Organic Search", ...Object.fromEntries(measures.map((k) => [k, 123_456_789])) };
  return { report: "attribution", params: { by: ["size"] }, columns, rows: [row, { ...row, size: "SMB" }], totals: [], notes: [] };
}

describe("print split", () => {
  it("a table that fits prints whole", () => {
    const report = { ...wideReport(), columns: wideReport().columns.slice(0, 8) };
    expect(printParts(report, { intervals: true, badgeKey: null })).toEqual([report.columns]);
    expect(renderHtml(report)).not.toContain('<div class="print-split"');
  });

  it("a wide table splits where the estimate passes the page, keys repeated, bounds beside their measure", () => {
    // Per column: 11 characters × 0.58 em × 10 px + 8 px padding = 71.8 px; keys: "Enterprise" 10 → 66 px,
    // "channel" (a bold label: 7.7) → 52.66 px. Keys + m1–m9 = 765 px; p and its bounds would make 980 > 940:
    // a new part, which then holds p, p_low, p_high and m10–m17 (118.66 + 11 × 71.8 = 908.5 px).
    const report = wideReport();
    const parts = printParts(report, { intervals: true, badgeKey: null }).map((p) => p.map((c) => c.key));
    expect(parts).toEqual([
      ["size", "channel", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"],
      ["size", "channel", "p", "p_low", "p_high", "m10", "m11", "m12", "m13", "m14", "m15", "m16", "m17"],
    ]);
    const measures = parts.flatMap((p) => p.slice(2));
    expect(measures).toEqual(report.columns.slice(2).map((c) => c.key));
  });

  it("the HTML keeps the whole table for the screen and adds the parts for print", () => {
    const html = renderHtml(wideReport());
    expect(html).toContain('<div class="table-wrap has-print-split"><table class="data" id="report-table">');
    expect(html.match(/<table class="data print-part">/g)).toHaveLength(2);
    expect(html).toContain("<caption>Columns, part 2 of 2</caption>");
  });

  it("the stylesheet prints landscape, repeats the header row and keeps rows whole", () => {
    const css = webAsset("report.css").replace(/\s+/g, " ");
    expect(css).toMatch(/@page ?\{ ?size: ?landscape/);
    const print = css.slice(css.indexOf("@media print"));
    expect(print).toMatch(/table\.data thead ?\{ ?display: ?table-header-group/);
    expect(print).toMatch(/table\.data tr ?\{ ?break-inside: ?avoid/);
    expect(print).toMatch(/\.print-split ?\{ ?display: ?block/);
  });
});
