// The sentences an HTML report opens with (src/render/headlines/): on small hand-built reports, each
// names the right channel or segment with the numbers worked out here, never a thin row as a fact;
// a report with nothing to say gets none, and no headline block. On the demo, the win-rate and
// attribution headlines name what a plain scan of the rows finds.
import { describe, expect, it } from "vitest";
import type { ColumnDef, ReportResult } from "../src/contract/report-result.js";
import type { Row } from "../src/contract/row.js";
import { reportHeadlines } from "../src/render/headlines/report-headlines.js";
import { renderHtml } from "../src/render/render-html.js";
import { runReport } from "../src/report/run-report.js";
import { demoWorkspace } from "./helpers/demo-workspace.js";

const dim = (key: string): ColumnDef => ({ key, label: key, format: "text", type: "string", role: "dimension" });
const col = (key: string, format: ColumnDef["format"]): ColumnDef => ({
  key,
  label: key,
  format,
  type: format === "text" ? "string" : "number",
});

function result(report: string, by: string[], columns: ColumnDef[], rows: Row[], params: Record<string, unknown> = {}): ReportResult {
  return { report, params: { by, ...params }, columns, rows, totals: [], notes: [] };
}

describe("attribution headlines", () => {
  const cell = (size: string, channel: string, share: number, sample = "ok"): Row => ({
    size,
    channel,
    pipeline: share * 1000,
    share_of_segment: share,
    sample,
  });
  const columns = [dim("size"), dim("channel"), col("pipeline", "money"), col("share_of_segment", "rate"), col("sample", "text")];
  // SMB's largest share is Partner's, but thin: it must neither lead SMB nor make the contrast.
  const rows = [
    cell("Enterprise", "Webinar", 0.49),
    cell("Enterprise", "Events", 0.41),
    cell("Enterprise", "Unattributed", 0.08),
    cell("Enterprise", "Partner", 0.02),
    cell("SMB", "Partner", 0.6, "thin"),
    cell("SMB", "Webinar", 0.31),
    cell("SMB", "Events", 0.09),
  ];

  it("names each segment's leader and the channel whose share differs most (Events: 41 % − 9 % = 32 points)", () => {
    expect(reportHeadlines(result("attribution", ["size"], columns, rows))).toEqual([
      "The leading channel of each segment's pipeline: Webinar in Enterprise (49.0%), Webinar in SMB (31.0%).",
      "Events brings 41.0% of Enterprise pipeline but 9.0% of SMB.",
    ]);
  });

  it("past four segments, leaders are counted", () => {
    const leaders = ["A", "A", "B", "C", "D"];
    const many = leaders.flatMap((lead, i) => [cell(`S${i + 1}`, lead, 0.6), cell(`S${i + 1}`, "Z", 0.4)]);
    expect(reportHeadlines(result("attribution", ["size"], columns, many))[0]).toBe(
      "The leading channel differs by segment: A leads 2 of 5, B 1, C 1; 1 other channel leads the rest.",
    );
    const same = leaders.flatMap((_, i) => [cell(`S${i + 1}`, "A", 0.6), cell(`S${i + 1}`, "Z", 0.4)]);
    expect(reportHeadlines(result("attribution", ["size"], columns, same))[0]).toBe("A leads pipeline in all 5 segments.");
  });

  it("without segments: the channel with the most pipeline, then the next, never Unattributed", () => {
    const overall = [cell("", "Unattributed", 0.5), cell("", "Events", 0.3), cell("", "Webinar", 0.2)].map(({ size: _s, ...r }) => r);
    expect(reportHeadlines(result("attribution", [], columns.slice(1), overall))).toEqual([
      "Events brings the most pipeline: 30.0% (300), ahead of Webinar at 20.0%.",
    ]);
  });
});

describe("win rate headlines", () => {
  const columns = [dim("size"), col("win_rate", "rate"), col("win_rate_low", "rate"), col("win_rate_high", "rate"), col("sample", "text")];
  const row = (size: string, rate: number, low: number, high: number, sample = "ok"): Row => ({
    size,
    win_rate: rate,
    win_rate_low: low,
    win_rate_high: high,
    sample,
  });

  it("best and worst segment with intervals, whether they overlap, and how many thin ones were left out", () => {
    const rows = [
      row("SMB", 0.355, 0.336, 0.374),
      row("Mid-Market", 0.289, 0.27, 0.309),
      row("Enterprise", 0.172, 0.154, 0.191),
      row("Startup", 0.9, 0.4, 0.99, "thin"),
    ];
    expect(reportHeadlines(result("winrate", ["size"], columns, rows))).toEqual([
      "SMB wins most often, 35.5% (33.6%–37.4%); Enterprise least often, 17.2% (15.4%–19.1%).",
      "Their 95% intervals do not overlap: the gap is more than chance.",
      "1 segment is left out: too few deals to call.",
    ]);
  });

  it("overlapping intervals are said to be inconclusive; a trend speaks of its latest period", () => {
    const trend = [
      { period: "2026-Q2", ...row("SMB", 0.5, 0.4, 0.6) },
      { period: "2026-Q2", ...row("Enterprise", 0.1, 0.05, 0.2) },
      { period: "2026-Q3", ...row("SMB", 0.3, 0.2, 0.4) },
      { period: "2026-Q3", ...row("Enterprise", 0.25, 0.15, 0.35) },
    ];
    expect(reportHeadlines(result("winrate", ["size"], [dim("period"), ...columns], trend, { trend: "quarter" }))).toEqual([
      "In 2026-Q3, SMB wins most often, 30.0% (20.0%–40.0%); Enterprise least often, 25.0% (15.0%–35.0%).",
      "Their 95% intervals overlap: the data cannot yet tell them apart.",
    ]);
  });

  it("all thin, or an unknown report: nothing to say, and no headline block in the HTML", () => {
    const thin = result("winrate", ["size"], columns, [row("SMB", 0.5, 0.1, 0.9, "thin")]);
    expect(reportHeadlines(thin)).toEqual([]);
    expect(renderHtml(thin)).not.toContain('class="headlines"');
    expect(reportHeadlines(result("deals", [], columns, [row("SMB", 0.5, 0.4, 0.6)]))).toEqual([]);
    const one = [row("SMB", 0.355, 0.336, 0.374), row("Startup", 0.9, 0.4, 0.99, "thin")];
    expect(reportHeadlines(result("winrate", ["size"], columns, one))).toEqual([
      "SMB's win rate is 35.5% (33.6%–37.4%).",
      "1 segment is left out: too few deals to call.",
    ]);
    const { size: _size, ...overall } = row("", 0.285, 0.274, 0.296);
    expect(reportHeadlines(result("winrate", [], columns.slice(1), [overall]))).toEqual(["The win rate is 28.5% (27.4%–29.6%)."]);
  });
});

describe("coverage and cost headlines", () => {
  it("coverage: the segments under 3×, lowest first", () => {
    const columns = [dim("size"), col("coverage", "multiple")];
    const rows = [
      { size: "SMB", coverage: 2.8 },
      { size: "Mid-Market", coverage: 3.4 },
      { size: "Enterprise", coverage: 2.1 },
    ];
    expect(reportHeadlines(result("coverage", ["size"], columns, rows))).toEqual([
      "Enterprise (2.1×), SMB (2.8×) are under 3× coverage of target.",
    ]);
    expect(reportHeadlines(result("coverage", ["size"], columns, rows.slice(1, 2)))).toEqual([
      "Every segment has at least 3× coverage; the thinnest is Mid-Market at 3.4×.",
    ]);
  });

  it("cost: the cheapest and dearest CAC, thin cells and Unattributed left out", () => {
    const columns = [dim("size"), dim("channel"), col("cac", "money"), col("sample", "text")];
    const rows = [
      { size: "SMB", channel: "Email", cac: 74, sample: "ok" },
      { size: "SMB", channel: "Partner", cac: 12, sample: "thin" },
      { size: "SMB", channel: "Unattributed", cac: 5, sample: "ok" },
      { size: "Enterprise", channel: "Events", cac: 89_889, sample: "ok" },
      { size: "Enterprise", channel: "Webinar", cac: 29_426, sample: "ok" },
    ];
    expect(reportHeadlines(result("cost", ["size"], columns, rows))).toEqual([
      "New customers come cheapest from Email in SMB (CAC 74) and dearest from Events in Enterprise (CAC 89,889).",
      "1 cell is left out: too few deals to call.",
    ]);
  });

  it("insights: the headline of the top finding of each kind", () => {
    const rows = [
      { rank: 1, type: "channel_ranking", headline: "A and B are 1st and 2nd." },
      { rank: 2, type: "channel_ranking", headline: "C and D are 2nd and 3rd." },
      { rank: 3, type: "segment_share", headline: "E accounts for 40.0% of SMB." },
    ];
    expect(reportHeadlines(result("insights", [], [col("rank", "count")], rows))).toEqual([
      "A and B are 1st and 2nd.",
      "E accounts for 40.0% of SMB.",
    ]);
  });
});

describe("pipeline, funnel, losses and velocity headlines", () => {
  it("pipeline: the segment that created the most and the one holding the most open, with shares of the total", () => {
    const columns = [dim("size"), col("pipeline_created", "money"), col("open_pipeline", "money")];
    const rows = [
      { size: "SMB", pipeline_created: 100, open_pipeline: 60 },
      { size: "Enterprise", pipeline_created: 300, open_pipeline: 40 },
    ];
    // created: 300 of 400 = 75 %; open: 60 of 100 = 60 %.
    expect(reportHeadlines(result("pipeline", ["size"], columns, rows))).toEqual([
      "Enterprise created the most pipeline: 300 (75.0% of the total).",
      "SMB holds the most open pipeline: 60 (60.0% of the total).",
    ]);
  });

  it("funnel: the weakest non-thin step with its interval, and the best end-to-end segment", () => {
    const columns = [
      dim("size"),
      col("conversion", "rate"),
      col("conversion_low", "rate"),
      col("conversion_high", "rate"),
      col("cumulative", "rate"),
    ];
    const step = (size: string, from: string, to: string, conversion: number, cumulative: number, sample = "ok"): Row => ({
      size,
      from_stage: from,
      to_stage: to,
      conversion,
      conversion_low: conversion - 0.05,
      conversion_high: conversion + 0.05,
      cumulative,
      sample,
    });
    const rows = [
      step("SMB", "A", "B", 0.8, 0.8),
      step("SMB", "B", "Won", 0.5, 0.4),
      step("Enterprise", "A", "B", 0.1, 0.1, "thin"),
      step("Enterprise", "B", "Won", 0.3, 0.03),
    ];
    expect(reportHeadlines(result("funnel", ["size"], columns, rows))).toEqual([
      "The weakest step is B → Won in Enterprise: 30.0% get through (25.0%–35.0%).",
      "SMB converts best end to end: 40.0% reach Won.",
      "1 step is left out: too few deals to call.",
    ]);
  });

  it("losses: one reason everywhere, or each segment's", () => {
    const columns = [dim("size"), col("share", "rate")];
    const loss = (size: string, loss_reason: string, share: number): Row => ({ size, loss_reason, share });
    const same = [
      loss("SMB", "Price", 0.5),
      loss("SMB", "Timing", 0.2),
      loss("Enterprise", "Price", 0.4),
      loss("Enterprise", "Timing", 0.3),
    ];
    expect(reportHeadlines(result("losses", ["size"], columns, same))).toEqual(["Price is the top loss reason in every segment."]);
    const differ = [...same.slice(0, 2), loss("Enterprise", "Price", 0.3), loss("Enterprise", "Timing", 0.45)];
    expect(reportHeadlines(result("losses", ["size"], columns, differ))).toEqual([
      "The top loss reason differs by segment: Price in SMB (50.0%), Timing in Enterprise (45.0%).",
    ]);
  });

  it("velocity: fastest and slowest segment, per day", () => {
    const columns = [dim("size"), col("velocity", "money"), col("sample", "text")];
    const rows = [
      { size: "SMB", velocity: 42_671, sample: "ok" },
      { size: "Enterprise", velocity: 169_847, sample: "ok" },
      { size: "Startup", velocity: 1, sample: "thin" },
    ];
    expect(reportHeadlines(result("velocity", ["size"], columns, rows))).toEqual([
      "Enterprise turns pipeline into wins fastest (169,847 a day); SMB slowest (42,671 a day).",
    ]);
  });
});

describe("headlines on the demo", () => {
  it("win rate and attribution by size name what the rows say, before the chart in the HTML", async () => {
    const { ws, close } = await demoWorkspace({ seed: 42, scale: 0.3 });
    try {
      const winrate = await runReport(ws, "winrate", { by: ["size"] });
      const ok = winrate.rows.filter((r) => r.sample !== "thin");
      const rate = (r: Row | undefined) => Number(r?.win_rate);
      const best = ok.reduce((a, b) => (rate(b) > rate(a) ? b : a));
      const worst = ok.reduce((a, b) => (rate(b) < rate(a) ? b : a));
      const [first] = reportHeadlines(winrate);
      expect(first).toContain(`${String(best.size)} wins most often, ${(rate(best) * 100).toFixed(1)}%`);
      expect(first).toContain(`${String(worst.size)} least often, ${(rate(worst) * 100).toFixed(1)}%`);

      const attribution = await runReport(ws, "attribution", { by: ["size"] });
      const cells = attribution.rows.filter((r) => r.sample !== "thin" && r.channel !== "Unattributed");
      const spread = (channel: string) => {
        const shares = cells.filter((c) => c.channel === channel).map((c) => Number(c.share_of_segment));
        return shares.length > 1 ? Math.max(...shares) - Math.min(...shares) : -1;
      };
      const channels = [...new Set(cells.map((c) => String(c.channel)))];
      const widest = channels.reduce((a, b) => (spread(b) > spread(a) ? b : a));
      const headlines = reportHeadlines(attribution);
      expect(headlines.at(-1)).toMatch(new RegExp(`^${widest} brings \\d+\\.\\d% of \\S+ pipeline but \\d+\\.\\d% of \\S+\\.$`));
      const html = renderHtml(attribution);
      expect(html.indexOf('<section class="headlines"')).toBeGreaterThan(0);
      expect(html.indexOf('<section class="headlines"')).toBeLessThan(html.indexOf('<figure class="chart"'));
    } finally {
      await close();
    }
  });
});
