// The dashboard's tables, new views, downloads and phone layout in headless Chromium over a small
// demo workspace: a header sorts its table (click, Enter, Space) by the API's values, numbers as
// numbers and empty cells last, under a totals footer that stays put and is the API's totals; the
// sourced vs influenced view shows the API's columns (and sourced adds up to each segment's
// pipeline, as docs/metrics.md defines it); channel trends draw one line per channel with the API's
// per-period rows; the model help follows the model picker; every view's CSV is the API's CSV for
// the same query, its chart downloads as SVG and PNG; at 390 x 844 no view scrolls sideways.
// Screenshots of every view at 1440 x 900 and 390 x 844 go to test-output/views-*.png.
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Browser, Download, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Meta, ReportResult, Row, SqlValue } from "../../src/contract/index.js";
import { startServer, type RunningServer } from "../../src/server/start-server.js";
import { MODEL_HELP } from "../../web/src/model-help-text.js";
import { ingestedDemo } from "../helpers/demo-workspace.js";
import { describeBrowser, launchChromium } from "./browser.js";
import { expectSameCsv } from "./same-report.js";

const OUT = path.resolve("test-output");
const WIDE = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

type Query = Readonly<Record<string, string | readonly string[]>>;

/** Numbers descending or ascending, empty last: the order a sorted column must show, worked out here apart from the page. */
function sortedBy(rows: readonly Row[], key: string, direction: "asc" | "desc"): Row[] {
  const indexed = rows.map((row, index) => ({ row, index }));
  const empty = (v: SqlValue | undefined) => v === null || v === undefined;
  indexed.sort((a, b) => {
    const [x, y] = [a.row[key], b.row[key]];
    if (empty(x) || empty(y)) return (empty(x) ? 1 : 0) - (empty(y) ? 1 : 0) || a.index - b.index;
    const d = typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
    return (direction === "asc" ? d : -d) || a.index - b.index;
  });
  return indexed.map((i) => i.row);
}

describeBrowser("dashboard tables, views, downloads and phone layout in Chromium", () => {
  let running: RunningServer;
  let browser: Browser;
  let meta: Meta;
  const errors: string[] = [];

  beforeAll(async () => {
    const demo = await ingestedDemo({ scale: 0.2 });
    running = await startServer({ configPath: demo.configPath, port: 0 });
    browser = await launchChromium();
    meta = (await (await fetch(new URL("/api/meta", running.url))).json()) as Meta;
    await mkdir(OUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  async function open(url: string, viewport = WIDE): Promise<Page> {
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    const page = await context.newPage();
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    page.on("console", (m) => void (m.type() === "error" && !m.text().includes("status of 400") && errors.push(`console: ${m.text()}`)));
    await page.goto(new URL(url, running.url).toString());
    await ready(page);
    return page;
  }

  const ready = (p: Page) => p.waitForSelector('.view-body[data-ready="true"]', { timeout: 90_000 });

  async function api(name: string, query: Query, format = ""): Promise<Response> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) for (const v of typeof value === "string" ? [value] : value) params.append(key, v);
    const response = await fetch(new URL(`/api/report/${name}${format}?${params.toString()}`, running.url));
    expect(response.status, `${name}${format}?${params.toString()}`).toBe(200);
    return response;
  }
  const report = async (name: string, query: Query) => (await (await api(name, query)).json()) as ReportResult;

  /** The table's body rows as { key: raw value }, in the order shown. */
  const shownRows = (p: Page, part = "tbody"): Promise<Row[]> =>
    p.$$eval(`#view-table ${part} tr`, (trs) =>
      trs.map((tr) =>
        Object.fromEntries(
          [...tr.querySelectorAll("td[data-key]")].map((td) => [
            td.getAttribute("data-key"),
            JSON.parse(td.getAttribute("data-value") ?? "null"),
          ]),
        ),
      ),
    );

  const column = (rows: readonly Row[], key: string) => rows.map((r) => r[key] ?? null);

  /** The header cell of `key` (its position among the columns, from the first body row's cells). */
  async function header(p: Page, key: string) {
    const keys = await p.$$eval("#view-table tbody tr:first-child td[data-key]", (tds) => tds.map((td) => td.getAttribute("data-key")));
    const at = keys.indexOf(key);
    expect(at, key).toBeGreaterThanOrEqual(0);
    return p.locator("#view-table thead th").nth(at);
  }

  it("sorts a table by a header click (numbers largest first, again reversed) and by Enter/Space, the totals footer pinned and the API's", async () => {
    const query = { by: "size,region" };
    const page = await open(`?view=report&report=pipeline&by=size,region`);
    const api = await report("pipeline", query);
    const keys = Object.keys((await shownRows(page))[0] ?? {});
    const only = (rows: readonly Row[]) => rows.map((r) => pick(r, keys));
    expect(await shownRows(page)).toEqual(only(api.rows)); // report order before any click

    const created = await header(page, "pipeline_created");
    await created.locator("button.sort").click();
    expect(await created.getAttribute("aria-sort")).toBe("descending");
    expect(column(await shownRows(page), "pipeline_created")).toEqual(
      column(sortedBy(api.rows, "pipeline_created", "desc"), "pipeline_created"),
    );
    expect(await shownRows(page)).toEqual(only(sortedBy(api.rows, "pipeline_created", "desc")));
    await created.locator("button.sort").click();
    expect(await created.getAttribute("aria-sort")).toBe("ascending");
    expect(await shownRows(page)).toEqual(only(sortedBy(api.rows, "pipeline_created", "asc")));

    // the keyboard: Enter on a text header sorts A to Z, Space reverses; one header at a time carries aria-sort
    const region = await header(page, "region");
    await region.locator("button.sort").focus();
    await page.keyboard.press("Enter");
    expect(await region.getAttribute("aria-sort")).toBe("ascending");
    expect(await created.getAttribute("aria-sort")).toBeNull();
    expect(await shownRows(page)).toEqual(only(sortedBy(api.rows, "region", "asc")));
    await page.keyboard.press("Space");
    expect(await region.getAttribute("aria-sort")).toBe("descending");
    expect(await shownRows(page)).toEqual(only(sortedBy(api.rows, "region", "desc")));

    // the totals: one footer row, the API's grand total, after every body row whatever the sort
    expect(api.totals.length).toBe(1);
    const footer = await shownRows(page, "tfoot");
    expect(footer).toEqual([pick(api.totals[0] ?? {}, Object.keys(footer[0] ?? {}))]);
    expect(Object.keys(footer[0] ?? {})).toContain("pipeline_created");
    expect(await page.$eval("#view-table", (t) => [...t.querySelectorAll("tr")].at(-1)?.closest("tfoot") !== null)).toBe(true);
    expect(await page.$eval("#view-table tbody", (b) => b.nextElementSibling?.tagName)).toBe("TFOOT");
    await page.context().close();
  });

  it("puts empty cells last in either direction and sorts numbers as numbers, not as text", async () => {
    const fake: ReportResult = {
      report: "pipeline",
      params: { by: ["size"] },
      columns: [
        { key: "size", label: "size", format: "text", type: "string", role: "dimension" },
        { key: "pipeline_created", label: "created", format: "money", type: "number" },
      ],
      rows: [
        { size: "b", pipeline_created: 9 },
        { size: "a", pipeline_created: null },
        { size: "c", pipeline_created: 100 },
        { size: null, pipeline_created: -5 },
        { size: "B2", pipeline_created: 20 },
      ],
      totals: [{ size: null, pipeline_created: 124 }],
      notes: [],
    };
    const context = await browser.newContext({ viewport: WIDE });
    const page = await context.newPage();
    await page.route(
      (url) => url.pathname === "/api/report/pipeline",
      (route) => route.fulfill({ json: fake }),
    );
    await page.goto(new URL("?view=report&report=pipeline&by=size", running.url).toString());
    await ready(page);
    const created = page.locator("#view-table thead th").nth(1);
    await created.locator("button.sort").click();
    expect(column(await shownRows(page), "pipeline_created")).toEqual([100, 20, 9, -5, null]);
    await created.locator("button.sort").click();
    expect(column(await shownRows(page), "pipeline_created")).toEqual([-5, 9, 20, 100, null]);
    await page.locator("#view-table thead th").nth(0).locator("button.sort").click();
    expect(column(await shownRows(page), "size")).toEqual(["a", "b", "B2", "c", null]);
    expect(await page.textContent("#view-table tfoot tr")).toContain("All segments");
    expect(column(await shownRows(page, "tfoot"), "pipeline_created")).toEqual([124]);
    await context.close();
  });

  it("shows sourced and influenced pipeline per channel and segment as the API has them, sourced adding up to each segment's pipeline", async () => {
    const query = { by: "size", period: "2026-Q2", model: "w_shaped", stage: "pipeline" };
    const page = await open(`?view=sourced&by=size&period=2026-Q2`);
    const api = await report("attribution", query);
    const rows = api.rows.filter((r) => typeof r.channel === "string");
    const shown = await shownRows(page);
    const keys = ["size", "channel", "sourced_pipeline", "influenced_pipeline", "pipeline"];
    expect(shown.map((r) => pick(r, keys))).toEqual(rows.map((r) => pick(r, keys)));
    for (const segment of meta.segments.size ?? []) {
      const total = api.totals.find((t) => t.total_of === "segment" && t.size === segment);
      if (!total) continue;
      const sourced = shown.filter((r) => r.size === segment).reduce((s, r) => s + Number(r.sourced_pipeline), 0);
      expect(sourced, segment).toBeCloseTo(Number(total.pipeline), 2);
      // influenced counts a deal once per channel that touched it: at least the sourced pipeline, channel by channel
      for (const r of shown.filter((x) => x.size === segment))
        expect(Number(r.influenced_pipeline)).toBeGreaterThanOrEqual(Number(r.sourced_pipeline));
    }
    // a grouped bar chart per segment, two bars a channel
    const segments = [...new Set(rows.map((r) => String(r.size)))];
    expect(await page.locator("figure.chart[data-segment]").count()).toBe(segments.length);
    expect(await page.locator('figure.chart svg g[aria-label="bar"] rect').count()).toBe(rows.length * 2);
    expect(await page.textContent("#sourced-explanation")).toMatch(/^Sourced: .*first touch.*Influenced: .*touched at all/);
    const footer = await shownRows(page, "tfoot");
    const all = api.totals.find((t) => t.total_of === "all");
    expect(footer).toEqual([pick(all ?? {}, Object.keys(footer[0] ?? {}))]);
    expect(footer[0]?.influenced_pipeline).toBeNull();
    await page.context().close();
  });

  it("draws one line per channel with the API's per-period values, top five by default, a picked channel or a segment on request", async () => {
    const query = { model: "w_shaped", stage: "pipeline", trend: "quarter" };
    const page = await open(`?view=channel-trends&by=size`);
    const api = await report("attribution", query);
    const top = topChannels(api.rows, 5);
    expect(await page.locator("figure.chart").first().locator('g[aria-label="line"] path').count()).toBe(top.length);
    expect(await page.locator("figure.chart").nth(1).locator('g[aria-label="line"] path').count()).toBe(top.length);
    const keys = ["period", "channel", "pipeline", "win_rate", "win_rate_change_significant"];
    const expected = api.rows.filter((r) => top.includes(String(r.channel))).map((r) => pick(r, keys));
    expect((await shownRows(page)).map((r) => pick(r, keys))).toEqual(expected);
    const labels = await page.$$eval("figure.chart svg text", (ts) => ts.map((t) => t.textContent));
    for (const channel of top) expect(labels).toContain(channel);

    // pick a channel outside the top five: one line, its rows
    const other = topChannels(api.rows, 99).find((c) => !top.includes(c)) ?? "";
    await page.click(`.channel-picker a[data-channel="${other}"]`);
    await ready(page);
    expect(await page.locator("figure.chart").first().locator('g[aria-label="line"] path').count()).toBe(1);
    expect((await shownRows(page)).map((r) => pick(r, keys))).toEqual(
      api.rows.filter((r) => r.channel === other).map((r) => pick(r, keys)),
    );

    // a segment filter: the report split by that dimension, that segment's rows
    await page.goto(new URL("?view=channel-trends&by=size&seg=size:Enterprise", running.url).toString());
    await ready(page);
    const bySize = await report("attribution", { ...query, by: "size" });
    const enterprise = bySize.rows.filter((r) => r.size === "Enterprise");
    const topEnterprise = topChannels(enterprise, 5);
    expect((await shownRows(page)).map((r) => pick(r, ["size", ...keys]))).toEqual(
      enterprise.filter((r) => topEnterprise.includes(String(r.channel))).map((r) => pick(r, ["size", ...keys])),
    );
    await page.context().close();
  });

  it("explains the picked model beside the model picker, and every model in the models view", async () => {
    const page = await open(`?view=channels&by=size`);
    expect(await page.textContent("#model-help")).toBe(`w shaped: ${MODEL_HELP.w_shaped}`);
    await page.selectOption("#ctl-model", "markov");
    await ready(page);
    expect(await page.textContent("#model-help")).toBe(`markov: ${MODEL_HELP.markov}`);
    await page.selectOption("#ctl-model", "first_touch");
    await ready(page);
    expect(await page.textContent("#model-help")).toBe(`first touch: ${MODEL_HELP.first_touch}`);
    for (const model of meta.models) expect(MODEL_HELP[model], model).toBeTruthy();
    await page.goto(new URL("?view=models&by=size", running.url).toString());
    await ready(page);
    expect(await page.$$eval("#model-glossary dd", (dds) => dds.map((d) => d.getAttribute("data-model")))).toEqual(meta.models);
    expect(await page.locator("#model-help").count()).toBe(0); // the models view compares them all: no picker in use
    await page.context().close();
  });

  /** The navigation's views: the dedicated ones, the other reports, the config's saved views. */
  async function navLinks(page: Page): Promise<string[]> {
    return page.$$eval("nav.views a[data-view], nav.views a[data-saved]", (as) => as.map((a) => a.getAttribute("href") ?? ""));
  }

  /** A view's name for messages and screenshot files: the report, the saved view or the view. */
  const viewName = (q: URLSearchParams): string =>
    q.get("report") || (q.get("saved") ? `saved-${q.get("saved") ?? ""}` : "") || q.get("view") || "";

  async function downloaded(page: Page, click: () => Promise<void>): Promise<Buffer> {
    const [download] = (await Promise.all([page.waitForEvent("download"), click()])) as [Download, void];
    return readFile(await download.path());
  }

  it("downloads every view's CSV as the API's for the same query, and its chart as SVG and PNG; screenshots at 1440 x 900", async () => {
    const page = await open(`?view=overview&by=size`);
    const links = await navLinks(page);
    expect(links.length).toBeGreaterThan(10);
    for (const href of links) {
      await page.goto(new URL(href, running.url).toString());
      await ready(page);
      const name = viewName(new URL(page.url()).searchParams);
      const csvs = await page.$$eval(".view-head a.dl.csv", (as) => as.map((a) => a.getAttribute("href") ?? ""));
      expect(csvs.length, name).toBeGreaterThan(0);
      for (const [i, csvHref] of csvs.entries()) {
        const file = await downloaded(page, () => page.locator(".view-head a.dl.csv").nth(i).click());
        const text = file.toString("utf8");
        expect(text.charCodeAt(0), `${name}: BOM`).toBe(0xfeff);
        const url = new URL(csvHref, running.url);
        const query: Record<string, string[]> = {};
        for (const [k, v] of url.searchParams) query[k] = [...(query[k] ?? []), v];
        const fromApi = await (await api(url.pathname.replace(/^\/api\/report\//, "").replace(/\.csv$/, ""), query, ".csv")).text();
        expectSameCsv(text.replace(/^\uFEFF/, ""), fromApi.replace(/^\uFEFF/, ""), `${name} ${csvHref}`);
      }
      if ((await page.locator("figure.chart svg").count()) > 0) {
        const svg = (await downloaded(page, () => page.click("#dl-svg"))).toString("utf8");
        // parsed by the browser's XML parser (Node has none): the root element and no parser error
        const parsed = (await page.evaluate(
          `(() => { const doc = new DOMParser().parseFromString(${JSON.stringify(svg)}, "image/svg+xml");
            return { root: doc.documentElement.nodeName, error: doc.querySelector("parsererror") !== null, charts: doc.querySelectorAll("svg svg").length }; })()`,
        )) as { root: string; error: boolean; charts: number };
        expect(parsed, name).toMatchObject({ root: "svg", error: false });
        expect(parsed.charts, name).toBeGreaterThan(0);
        const png = await downloaded(page, () => page.click("#dl-png"));
        expect([...png.subarray(0, 8)], name).toEqual(PNG_SIGNATURE);
      }
      await page.screenshot({ path: path.join(OUT, `views-${name}-1440.png`), fullPage: true });
    }
    await page.context().close();
    expect(errors).toEqual([]);
  });

  it("fits every view in 390 x 844 with no sideways scroll, the navigation folded behind a button; screenshots", async () => {
    const page = await open(`?view=overview&by=size,region`, PHONE);
    const links = await navLinks(page);
    expect(await page.locator("nav.views").isVisible()).toBe(false);
    await page.click(".nav-toggle");
    expect(await page.locator("nav.views").isVisible()).toBe(true);
    expect(await page.getAttribute(".nav-toggle", "aria-expanded")).toBe("true");
    for (const href of [...links, "?view=deals&by=size&seg=size:Enterprise&channel=Events&period=2026-Q2"]) {
      const url = new URL(href, running.url);
      if (!["deals", "saved"].includes(url.searchParams.get("view") ?? "")) url.searchParams.set("by", "size,region");
      await page.goto(url.toString());
      // a view may refuse two dimensions (coverage's targets have size only) and say so: its page must fit all the same
      await page.waitForSelector(".view-body[data-ready]", { timeout: 90_000 });
      const name = viewName(url.searchParams);
      const [scroll, client] = await page.$eval("html", (el) => [el.scrollWidth, el.clientWidth]);
      expect(scroll, name).toBeLessThanOrEqual(PHONE.width);
      expect(client, name).toBeLessThanOrEqual(PHONE.width);
      expect(await page.locator("nav.views").isVisible(), name).toBe(false);
      await page.screenshot({ path: path.join(OUT, `views-${name}-390.png`), fullPage: true });
    }
    await page.context().close();
    expect(errors).toEqual([]);
  });
});

function pick(row: Row, keys: readonly string[]): Row {
  return Object.fromEntries(keys.map((k) => [k, row[k] ?? null]));
}

/** Channels by their pipeline summed over the periods, largest first, Unattributed left out: the view's default pick. */
function topChannels(rows: readonly Row[], n: number): string[] {
  const sums = new Map<string, number>();
  for (const r of rows) if (typeof r.channel === "string") sums.set(r.channel, (sums.get(r.channel) ?? 0) + Number(r.pipeline ?? 0));
  return [...sums.entries()]
    .filter(([c]) => c !== "Unattributed")
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([c]) => c);
}
