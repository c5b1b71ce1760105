// The dashboard's charts in real headless Chromium (1440 x 900 and 390 wide) over the demo: every
// chart view opens on something to see; coverage opens on the period the report picks (never an
// ended quarter at 0×) and offers the next quarter; a tooltip shows anywhere over a heatmap cell
// (its corner too, far beyond Plot's 40 px) and on keyboard focus, with the value formatted and
// its sample size; the heatmap's colour domain spans only the measured, non-thin, non-immature
// cells; a segment or cell without closed deals says so and draws no mark; a null LTV:CAC draws no
// bar. Every expected value comes from the API's JSON for the same query. Screenshots go to
// test-output/charts-*.png.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { formatValue, type Meta, type ReportResult, type Row } from "../../src/contract/index.js";
import { startServer, type RunningServer } from "../../src/server/start-server.js";
import { ingestedDemo } from "../helpers/demo-workspace.js";
import { describeBrowser, launchChromium } from "./browser.js";

const OUT = path.resolve("test-output");
const WIDE = { width: 1440, height: 900 };
const NARROW = { width: 390, height: 844 };
const TIP = 'figure.chart g[aria-label="tip"]';

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const closed = (r: Row): number => (num(r.won) ?? 0) + (num(r.lost) ?? 0);
const measured = (r: Row): boolean => r.sample !== "thin" && r.maturity !== "immature";

describeBrowser("dashboard charts in Chromium", () => {
  let running: RunningServer;
  let browser: Browser;
  let page: Page;
  let meta: Meta;
  const errors: string[] = [];

  beforeAll(async () => {
    const demo = await ingestedDemo({ scale: 0.2 });
    running = await startServer({ configPath: demo.configPath, port: 0 });
    browser = await launchChromium();
    page = await watched(await (await browser.newContext({ viewport: WIDE })).newPage());
    meta = (await (await fetch(new URL("/api/meta", running.url))).json()) as Meta;
    await mkdir(OUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  async function watched(p: Page): Promise<Page> {
    p.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    p.on("console", (m) => void (m.type() === "error" && errors.push(`console: ${m.text()}`)));
    return p;
  }

  async function open(p: Page, search: string): Promise<void> {
    await p.goto(`${running.url}${search}`);
    await p.waitForSelector('.view-body[data-ready="true"]', { timeout: 90_000 });
  }

  async function api(name: string, query: Readonly<Record<string, string>>): Promise<ReportResult> {
    const response = await fetch(new URL(`/api/report/${name}?${new URLSearchParams(query).toString()}`, running.url));
    expect(response.status, `${name} ${JSON.stringify(query)}`).toBe(200);
    return (await response.json()) as ReportResult;
  }

  /** The tooltip's text, whitespace collapsed. */
  const tipText = async (p: Page): Promise<string> => ((await p.locator(TIP).textContent()) ?? "").replace(/\s+/g, " ");

  /** Tab from `from` until `selector` has focus; its index among the matches, or -1. */
  async function tabTo(p: Page, from: string, selector: string): Promise<number> {
    await p.focus(from);
    for (let i = 0; i < 80; i++) {
      await p.keyboard.press("Tab");
      const k = await p.$$eval(selector, (els) => els.findIndex((el) => el.matches(":focus")));
      if (k >= 0) return k;
    }
    return -1;
  }

  it("opens every chart view on a chart, never an empty or NaN one, at 1440 and 390 wide", async () => {
    const narrow = await watched(await (await browser.newContext({ viewport: NARROW })).newPage());
    for (const view of ["overview", "channels", "winrate", "funnel", "coverage", "trends", "cost"]) {
      await open(page, `?view=${view}`);
      expect(await page.locator("figure.chart svg").count(), view).toBeGreaterThan(0);
      expect(await page.locator(".pp-empty").count(), view).toBe(0);
      expect(await page.locator("figure.chart").first().textContent(), view).not.toMatch(/NaN|undefined/);
      await page.screenshot({ path: path.join(OUT, `charts-${view}-1440.png`), fullPage: true });
      await open(narrow, `?view=${view}`);
      expect(await narrow.locator("figure.chart svg").count(), `${view} at 390`).toBeGreaterThan(0);
      await narrow.screenshot({ path: path.join(OUT, `charts-${view}-390.png`), fullPage: true });
    }
    await narrow.context().close();
    expect(errors).toEqual([]);
  });

  it("opens coverage on the report's default period, with pipeline or targets, and offers the next quarter", async () => {
    await open(page, "?view=coverage&by=size");
    const report = await api("coverage", { by: "size" });
    const period = String(report.params.period);
    expect(meta.periods.coverage_default).toBe(period);
    expect(await page.inputValue("#ctl-period")).toBe("");
    expect(await page.locator("#ctl-period option:checked").textContent()).toBe(`Default: ${period}`);
    expect(await page.textContent(".lead")).toContain(`Period ${period} `);
    const total = report.totals[0] ?? {};
    expect((num(total.open_pipeline) ?? 0) > 0 || num(total.target) !== null).toBe(true);
    // the quarter after as-of, worked out from the as-of date (calendar quarters in the demo)
    const asOf = meta.as_of;
    const q = Math.floor((Number(asOf.slice(5, 7)) - 1) / 3) + 1;
    const next = q === 4 ? `${Number(asOf.slice(0, 4)) + 1}-Q1` : `${asOf.slice(0, 4)}-Q${q + 1}`;
    const offered = await page.$$eval("#ctl-period option", (os) => os.map((o) => o.getAttribute("value")));
    expect(offered).toContain(next);
    await page.selectOption("#ctl-period", next);
    await page.waitForSelector('.view-body[data-ready="true"]');
    const picked = await api("coverage", { by: "size", period: next });
    const shown = await page.$$eval('#view-table tbody td[data-key="target"]', (tds) =>
      tds.map((td) => JSON.parse(td.getAttribute("data-value") ?? "null")),
    );
    expect(shown).toEqual(picked.rows.map((r) => r.target ?? null));
    expect(picked.rows.some((r) => num(r.target) !== null)).toBe(true);
    await page.screenshot({ path: path.join(OUT, "charts-coverage-next-quarter.png"), fullPage: true });
    expect(errors).toEqual([]);
  });

  it("shows a cell's tooltip from its corner and on keyboard focus: the formatted value and the sample size", async () => {
    // by size: three wide columns, cells of a few hundred pixels
    const query = { by: "size", period: "2026-Q3", model: "w_shaped", stage: "pipeline" };
    await open(page, "?view=channels&by=size&period=2026-Q3&model=w_shaped&metric=win_rate");
    const report = await api("attribution", query);
    const rowOf = (text: string) => report.rows.find((r) => text.includes(`segment ${String(r.size)} channel ${String(r.channel)} `));
    const expectTip = (text: string) => {
      const row = rowOf(text);
      expect(row, text).toBeDefined();
      if (!row) return;
      expect(text).toContain(`win rate ${closed(row) ? formatValue(row.win_rate ?? null, "rate") : "no closed deals"}`);
      expect(text).toContain(`sample n = ${formatValue(closed(row), "credit")} closed`);
    };
    const cell = page.locator('figure.chart g[aria-label="cell"] a.pp-link > rect').first();
    const box = await cell.boundingBox();
    if (!box) throw new Error("no heatmap cell drawn");
    // 3 px inside the top-left corner: farther from the centre than Plot's 40 px pointer radius
    expect(Math.hypot(box.width / 2 - 3, box.height / 2 - 3)).toBeGreaterThan(40);
    await page.mouse.move(box.x + 3, box.y + 3);
    await expect.poll(() => page.locator(TIP).count()).toBe(1);
    expectTip(await tipText(page));
    await page.mouse.move(box.x + box.width - 3, box.y + box.height - 3);
    expectTip(await tipText(page));
    await page.screenshot({ path: path.join(OUT, "charts-heatmap-corner-tip.png") });
    await page.mouse.move(0, 0);
    await expect.poll(() => page.locator(TIP).count()).toBe(0);

    // keyboard: Tab to the first cell; its tooltip shows without a pointer
    expect(await tabTo(page, "#ctl-intervals", "figure.chart a.pp-link")).toBeGreaterThanOrEqual(0);
    await expect.poll(() => page.locator(TIP).count()).toBe(1);
    expectTip(await tipText(page));
    expect(await tipText(page)).not.toMatch(/NaN|undefined/);

    // a point of the win-rate chart (no link): Tab reaches it, its tooltip names the segment, the rate and n
    await open(page, "?view=winrate&by=size&period=2026-Q3");
    const winrate = await api("winrate", { by: "size", period: "2026-Q3" });
    const k = await tabTo(page, "#ctl-by", "figure.chart .pp-mark");
    expect(k).toBeGreaterThanOrEqual(0);
    await expect.poll(() => page.locator(TIP).count()).toBe(1);
    const text = await tipText(page);
    const row = winrate.rows.find((r) => text.includes(`segment ${String(r.size)} `));
    expect(row, text).toBeDefined();
    expect(text).toContain(`win rate ${formatValue(row?.win_rate ?? null, "rate")}`);
    expect(text).toContain(`sample n = ${formatValue(closed(row ?? {}), "count")} closed`);
    expect(text).not.toMatch(/\by\b|\bx\b/);
    await page.screenshot({ path: path.join(OUT, "charts-winrate-focus-tip.png") });
    expect(errors).toEqual([]);
  });

  it("fits the heatmap's colour domain to the measured cells: thin and immature ones left out, an index centred on 100", async () => {
    const query = { by: "size,region", model: "w_shaped", stage: "pipeline" };
    const report = await api("attribution", query);
    const domainOf = async () =>
      JSON.parse((await page.getAttribute("figure.chart [data-color-domain]", "data-color-domain")) ?? "null") as number[];

    await open(page, "?view=channels&by=size,region&model=w_shaped&metric=share_of_segment");
    const shares = report.rows
      .filter(measured)
      .map((r) => num(r.share_of_segment))
      .filter((v): v is number => v !== null);
    expect(shares.length).toBeGreaterThan(0);
    const [lo, hi] = await domainOf();
    expect(lo).toBeCloseTo(Math.min(...shares), 9);
    expect(hi).toBeCloseTo(Math.max(...shares), 9);
    // the thin cells would have widened it
    const everything = report.rows.map((r) => num(r.share_of_segment)).filter((v): v is number => v !== null);
    expect(Math.max(...everything)).toBeGreaterThan(hi ?? 0);

    await open(page, "?view=channels&by=size,region&model=w_shaped&metric=quality_index");
    const index = report.rows
      .filter((r) => measured(r) && closed(r) > 0)
      .map((r) => num(r.quality_index))
      .filter((v): v is number => v !== null);
    const reach = Math.max(...index.map((v) => Math.abs(v - 100)));
    const [low, high] = await domainOf();
    expect(low).toBeCloseTo(100 - reach, 9);
    expect(high).toBeCloseTo(100 + reach, 9);
    await page.screenshot({ path: path.join(OUT, "charts-heatmap-quality-index.png"), fullPage: true });
    expect(errors).toEqual([]);
  });

  it("says 'no closed deals' for a cell or segment without any, draws no mark for it, and no bar for a null LTV:CAC", async () => {
    // heatmap: cells without closed deals get no colour and no rate (by region: cells wide enough to say so in words)
    await open(page, "?view=channels&by=region&period=2026-Q3&model=w_shaped&metric=win_rate");
    const attribution = await api("attribution", { by: "region", period: "2026-Q3", model: "w_shaped", stage: "pipeline" });
    const none = attribution.rows.filter((r) => closed(r) === 0);
    expect(none.length).toBeGreaterThan(0);
    const texts = await page.$$eval("figure.chart g.pp-missing text", (ts) => ts.map((t) => t.textContent));
    expect(texts.filter((t) => t === "no closed deals")).toHaveLength(none.length);
    expect(await page.locator("figure.chart g.pp-unmeasured a.pp-link > rect").count()).toBe(none.length);
    expect(await page.getAttribute("figure.chart g.pp-unmeasured", "fill")).toBe("white");

    // win rate by segment: the segment with no closed deals has neither dot nor interval bar, and says so
    await open(page, "?view=winrate&by=size,region&period=2026-Q3");
    const winrate = await api("winrate", { by: "size,region", period: "2026-Q3" });
    const empty = winrate.rows.filter((r) => closed(r) === 0);
    expect(empty.length).toBeGreaterThan(0);
    const missing = await page.$$eval("figure.chart text", (ts) => ts.map((t) => t.textContent).filter((t) => t === "no closed deals"));
    expect(missing).toHaveLength(empty.length);
    expect(await page.locator('figure.chart g[aria-label="dot"] circle.pp-mark').count()).toBe(winrate.rows.length - empty.length);
    expect(await page.locator('figure.chart g[aria-label="rule"][stroke-width="6"] line').count()).toBe(winrate.rows.length - empty.length);
    await page.screenshot({ path: path.join(OUT, "charts-winrate-no-closed-deals.png"), fullPage: true });

    // LTV : CAC (fully loaded where the sales cost reaches the segments: the demo's is per size): a null draws no bar, only its reason
    await open(page, "?view=cost&by=size,region&period=2026-Q3");
    const ltv = await api("ltv", { by: "size,region", period: "2026-Q3" });
    const loaded = ltv.rows.some((r) => num(r.ltv_to_cac_fully_loaded) !== null);
    const key = loaded ? "ltv_to_cac_fully_loaded" : "ltv_to_cac";
    const nulls = ltv.rows.filter((r) => num(r[key]) === null);
    expect(nulls.length).toBeGreaterThan(0);
    const chart = `svg[aria-label="LTV : CAC${loaded ? " (fully loaded)" : ""} by segment"]`;
    expect(await page.locator(`${chart} g[aria-label="bar"] rect`).count()).toBe(ltv.rows.length - nulls.length);
    expect(await page.locator(`${chart} .pp-missing text, ${chart} text.pp-missing`).count()).toBe(nulls.length);
    await page.screenshot({ path: path.join(OUT, "charts-cost-ltv-nulls.png"), fullPage: true });
    expect(errors).toEqual([]);
  });

  it("ticks a count axis at whole numbers only, each once, and draws a zero as zero", async () => {
    // A small count (three opportunities at most) over which Plot's default ticks fall on halves.
    const fake: ReportResult = {
      report: "pipeline",
      params: { by: ["size"] },
      columns: [
        { key: "size", label: "size", format: "text", type: "string", role: "dimension" },
        { key: "pipeline_created", label: "created", format: "count", type: "number" },
      ],
      rows: [
        { size: "SMB", pipeline_created: 3 },
        { size: "Mid-Market", pipeline_created: 0 },
        { size: "Enterprise", pipeline_created: 1 },
      ],
      totals: [],
      notes: [],
    };
    const p = await watched(await (await browser.newContext({ viewport: WIDE })).newPage());
    await p.route(
      (url) => url.pathname === "/api/report/pipeline",
      (route) => route.fulfill({ json: fake }),
    );
    await open(p, "?view=report&report=pipeline&by=size");
    const ticks = await p.$$eval('figure.chart g[aria-label="x-axis tick label"] text', (ts) => ts.map((t) => t.textContent ?? ""));
    expect(ticks).toEqual(["0", "1", "2", "3"]);
    const widths = await p.$$eval('figure.chart g[aria-label="bar"] rect', (rs) => rs.map((r) => Number(r.getAttribute("width"))));
    expect(widths).toHaveLength(3);
    expect(widths[1]).toBe(0);
    expect(widths[0]).toBeCloseTo((widths[2] ?? 0) * 3, 6);
    await p.context().close();
    expect(errors).toEqual([]);
  });

  it("says there is nothing to draw for an empty period instead of bare axes", async () => {
    // a quarter long before the demo's first opportunity
    await open(page, "?view=overview&by=size&period=2019-Q1");
    expect(await page.locator(".pp-empty").textContent()).toBe("No opportunities in this period.");
    await open(page, "?view=winrate&by=size&period=2019-Q1");
    expect(await page.locator("figure.chart svg").count()).toBe(0);
    expect(await page.locator(".pp-empty").count()).toBe(1);
    expect(errors).toEqual([]);
  });
});
