// The dashboard and the HTML report in real headless Chromium over a small demo workspace: the
// numbers on screen are the library's for the same query as period, dimension and model change;
// the CSV download is the CLI's CSV; a shared URL restores the view; every view renders; the HTML
// report opens from disk with the network off; every column is formatted as the report's `columns`
// declare it; each request carries only the query keys its report accepts; immature cohorts are
// badged (checked against open shares worked out from the demo's CSVs) and the Unattributed note
// sits in a callout above the chart; the channels view's bootstrap intervals (lift, markov, shapley)
// are the API's in table, tooltip and CSV; a heatmap cell, a table cell or a finding opens the deals
// behind it, their credited total the cell's pipeline, downloadable whole as CSV; a bar opens its
// segment's deals, their total the segment's pipeline created; the compare toggle adds the API's
// comparison columns and needs a period. Screenshots go to test-output/.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { formatValue, type Meta, type ReportResult, type Row } from "../../src/contract/index.js";
import { runReport } from "../../src/report/run-report.js";
import type { ReportOptions as RunReportOptions } from "../../src/report/library.js";
import { renderCsv } from "../../src/render/render-csv.js";
import { renderHtml } from "../../src/render/render-html.js";
import { UNATTRIBUTED_NOTE_START } from "../../src/report/unattributed.js";
import { startServer, type RunningServer } from "../../src/server/start-server.js";
import { describeBrowser, launchChromium } from "./browser.js";
import { ingestedDemo } from "../helpers/demo-workspace.js";
import { expectSameCsv } from "./same-report.js";

const OUT = path.resolve("test-output");

/** The demo's reporting currency's symbol, written out here rather than asked of Intl as the dashboard does. */
const SYMBOLS: Readonly<Record<string, string>> = { USD: "$" };

/** Money as the dashboard prints it outside a table: the report's currency symbol before the table's digits ($5,898,400). */
function money(report: ReportResult, value: Row[string] | undefined): string {
  expect(report.currency, `${report.report} names its currency`).toBe("USD");
  return `${SYMBOLS[report.currency ?? ""] ?? "?"}${formatValue(value ?? null, "money")}`;
}
const VIEWPORT = { width: 1280, height: 900 };

/** One CSV file as rows keyed by its header; quoted fields may hold commas and doubled quotes. */
function parseCsv(text: string): Record<string, string>[] {
  const records: string[][] = [];
  let field = "";
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n") {
      records.push([...record, field.replace(/\r$/, "")]);
      record = [];
      field = "";
    } else field += ch;
  }
  if (field || record.length) records.push([...record, field]);
  const [header = [], ...rows] = records;
  return rows.map((r) => Object.fromEntries(header.map((k, i) => [k, r[i] ?? ""])));
}

/** A downloaded CSV without the byte order mark a spreadsheet reads it as UTF-8 by. */
const withoutBom = (text: string): string => text.replace(/^\uFEFF/, "");

/**
 * The industries whose cohort (opportunities created from `from` to `to`) is more than 30 % open at
 * the demo's as-of, from the CSVs alone: the demo's `stage` is the stage at as-of, its config maps
 * two spellings to Software and reports a blank industry (or an unknown account) as Unknown.
 */
async function immatureIndustries(dir: string, from: string, to: string): Promise<{ immature: string[]; all: string[] }> {
  const spelled: Readonly<Record<string, string>> = { "Computer Software": "Software", "Information Technology": "Software" };
  const accounts = parseCsv(await readFile(path.join(dir, "data", "accounts.csv"), "utf8"));
  const industry = new Map(accounts.map((a) => [a.account_id, spelled[a.industry?.trim() ?? ""] ?? (a.industry?.trim() || "Unknown")]));
  const cohorts = new Map<string, { open: number; all: number }>();
  for (const o of parseCsv(await readFile(path.join(dir, "data", "opportunities.csv"), "utf8"))) {
    const created = o.created_date ?? "";
    if (created < from || created > to) continue;
    const key = industry.get(o.account_id ?? "") ?? "Unknown";
    const c = cohorts.get(key) ?? { open: 0, all: 0 };
    cohorts.set(key, { open: c.open + (o.stage === "Closed Won" || o.stage === "Closed Lost" ? 0 : 1), all: c.all + 1 });
  }
  const all = [...cohorts.keys()].sort();
  const isImmature = (k: string) => {
    const c = cohorts.get(k);
    return c !== undefined && c.open / c.all > 0.3;
  };
  return { immature: all.filter(isImmature), all };
}

describeBrowser("dashboard and HTML report in Chromium", () => {
  let running: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];
  let demoDir = "";

  const library = async (name: string, options: RunReportOptions) => (await runReport(running.workspace, name, options)).rows;

  beforeAll(async () => {
    const demo = await ingestedDemo({ scale: 0.2 });
    demoDir = demo.dir;
    running = await startServer({ configPath: demo.configPath, port: 0 });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: VIEWPORT, acceptDownloads: true });
    page = await watched(await context.newPage());
    await mkdir(OUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await running?.close();
  });

  async function watched(p: Page): Promise<Page> {
    p.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    p.on("console", (m) => void (m.type() === "error" && !m.text().includes("status of 400") && errors.push(`console: ${m.text()}`)));
    return p;
  }

  async function ready(p: Page, state = "true"): Promise<void> {
    await p.waitForSelector(`.view-body[data-ready="${state}"]`, { timeout: 60_000 });
  }

  /** Each table row as { key: raw value } from the cells' data attributes. */
  function shownRows(p: Page, table = "#view-table"): Promise<Row[]> {
    return p.$$eval(`${table} tbody tr`, (trs) =>
      trs.map((tr) =>
        Object.fromEntries(
          [...tr.querySelectorAll("td[data-key]")].map((td) => [
            td.getAttribute("data-key"),
            JSON.parse(td.getAttribute("data-value") ?? "null"),
          ]),
        ),
      ),
    );
  }

  function expectRowsMatch(shown: readonly Row[], expected: readonly Row[]): void {
    expect(shown.length).toBe(expected.length);
    expect(shown.length).toBeGreaterThan(0);
    shown.forEach((row, i) => {
      for (const [key, value] of Object.entries(row)) {
        const want = expected[i]?.[key] ?? null;
        if (typeof value === "number" && typeof want === "number") expect(value, `row ${i} ${key}`).toBeCloseTo(want, 6);
        else expect(value, `row ${i} ${key}`).toEqual(want);
      }
    });
  }

  const cellText = (p: Page, row: number, key: string) =>
    p.$eval(`#view-table tbody tr:nth-child(${row + 1}) td[data-key="${key}"]`, (td) => td.firstChild?.textContent ?? "");

  it("shows the library's numbers as period, dimension and model change, and downloads the CLI's CSV", async () => {
    await page.goto(running.url);
    await ready(page);
    expectRowsMatch(await shownRows(page), await library("summary", { by: "size" }));
    const totals = (await runReport(running.workspace, "summary", {})).totals[0] ?? {};
    expect(await page.textContent('.kpi-value[data-key="win_rate"]')).toBe(formatValue(totals.win_rate ?? null, "rate"));
    await page.screenshot({ path: path.join(OUT, "dashboard-overview.png"), fullPage: true });

    const quarter = "2026-Q2";
    await page.selectOption("#ctl-period", quarter);
    await ready(page);
    expect(new URL(page.url()).searchParams.get("period")).toBe(quarter);
    const bySize = await library("summary", { by: "size", period: quarter });
    expectRowsMatch(await shownRows(page), bySize);
    expect(await cellText(page, 0, "pipeline_created")).toBe(formatValue(bySize[0]?.pipeline_created ?? null, "money"));

    await page.selectOption("#ctl-by", "region");
    await ready(page);
    expectRowsMatch(await shownRows(page), await library("summary", { by: "region", period: quarter }));

    await page.click('nav a[data-view="channels"]');
    await ready(page);
    await page.selectOption("#ctl-model", "linear");
    await ready(page);
    const query = { by: "region", period: quarter, model: "linear" };
    const attribution = await library("attribution", query);
    expectRowsMatch(await shownRows(page), attribution);
    expect(await cellText(page, 0, "share_of_segment")).toBe(formatValue(attribution[0]?.share_of_segment ?? null, "rate"));
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toMatchObject({
      view: "channels",
      by: "region",
      period: quarter,
      model: "linear",
    });
    await page.screenshot({ path: path.join(OUT, "dashboard-channels-region-linear.png"), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.click('a.dl.csv[data-report="attribution"]')]);
    expect(download.suggestedFilename()).toBe(`pipeprism-attribution-region-${quarter}.csv`);
    expectSameCsv(
      withoutBom(await readFile(await download.path(), "utf8")),
      renderCsv(await runReport(running.workspace, "attribution", query)),
    );

    const shared = await watched(await context.newPage());
    await shared.goto(page.url());
    await ready(shared);
    expect(await shared.inputValue("#ctl-model")).toBe("linear");
    expect(await shared.inputValue("#ctl-period")).toBe(quarter);
    expect(await shownRows(shared)).toEqual(await shownRows(page));
    await shared.close();
    expect(errors).toEqual([]);
  });

  /** The attribution report as GET /api/report/attribution returns it for `search`. */
  async function apiAttribution(search: string): Promise<ReportResult> {
    const response = await fetch(new URL(`/api/report/attribution?${search}`, running.url));
    expect(response.status).toBe(200);
    return (await response.json()) as ReportResult;
  }

  const INTERVAL_KEYS = ["pipeline_low", "pipeline_high", "share_of_segment_low", "share_of_segment_high"];

  it("shows the bootstrap intervals of a fitted model in the channels table, tooltip and CSV, and offers none for a position model", async () => {
    const requested: URL[] = [];
    const record = (request: { url(): string }) => void requested.push(new URL(request.url()));
    page.on("request", record);
    const toggle = page.locator("#ctl-intervals");
    await page.goto(`${running.url}?view=channels&by=size&model=linear`);
    await ready(page);
    expect(await toggle.isDisabled()).toBe(true);
    expect(await page.getAttribute("label.toggle", "title")).toMatch(/^Intervals need a fitted model \(markov, shapley, lift\): linear /);

    await page.selectOption("#ctl-model", "lift");
    await ready(page);
    expect(await toggle.isDisabled()).toBe(false);
    expect(await toggle.isChecked()).toBe(false);
    expect(await page.locator("#view-table td[data-key='share_of_segment_low']").count()).toBe(0);

    await toggle.check();
    await ready(page);
    expect(new URL(page.url()).searchParams.get("intervals")).toBe("1");
    const sent = requested.filter((u) => u.pathname === "/api/report/attribution" && u.searchParams.has("intervals"));
    expect(sent.length).toBe(1);
    const api = await apiAttribution(sent[0]?.searchParams.toString() ?? "");
    expect(Object.fromEntries(sent[0]?.searchParams ?? [])).toEqual({ by: "size", model: "lift", stage: "pipeline", intervals: "true" });
    const shown = await shownRows(page);
    expectRowsMatch(shown, api.rows);
    for (const row of shown) {
      const [share, low, high] = [row.share_of_segment, row.share_of_segment_low, row.share_of_segment_high].map(Number);
      expect([low, share, high].every(Number.isFinite), `${String(row.channel)}`).toBe(true);
      expect(low, `${String(row.size)} ${String(row.channel)} share low`).toBeLessThanOrEqual(share ?? NaN);
      expect(share, `${String(row.size)} ${String(row.channel)} share high`).toBeLessThanOrEqual(high ?? NaN);
      expect(Number(row.pipeline_low)).toBeLessThanOrEqual(Number(row.pipeline));
      expect(Number(row.pipeline)).toBeLessThanOrEqual(Number(row.pipeline_high));
    }
    const first = api.rows[0] ?? {};
    expect(await cellText(page, 0, "share_of_segment_low")).toBe(formatValue(first.share_of_segment_low ?? null, "rate"));
    expect(await cellText(page, 0, "pipeline_high")).toBe(formatValue(first.pipeline_high ?? null, "money"));
    expect(await page.textContent("#view-table")).not.toMatch(/NaN|undefined/);

    // the first cell drawn is the first row's; its tooltip gives the share with its interval
    const box = await page.locator('figure.chart g[aria-label="cell"] rect').first().boundingBox();
    await page.mouse.move((box?.x ?? 0) + (box?.width ?? 0) / 2, (box?.y ?? 0) + (box?.height ?? 0) / 2);
    const rate = (key: string) => formatValue(first[key] ?? null, "rate");
    const tip = `share${rate("share_of_segment")}(95%interval${rate("share_of_segment_low")}–${rate("share_of_segment_high")})`;
    await expect
      .poll(async () => (await page.locator('figure.chart g[aria-label="tip"]').textContent())?.replace(/\s+/g, ""))
      .toContain(tip);
    await page.screenshot({ path: path.join(OUT, "dashboard-channels-lift-intervals.png"), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.click('a.dl.csv[data-report="attribution"]')]);
    const csv = withoutBom(await readFile(await download.path(), "utf8"));
    expect(csv.split("\n")[0]?.split(",")).toEqual(expect.arrayContaining(INTERVAL_KEYS));
    expectSameCsv(csv, renderCsv(await runReport(running.workspace, "attribution", { by: "size", model: "lift", intervals: "default" })));

    const shared = await watched(await context.newPage());
    await shared.goto(page.url());
    await ready(shared);
    expect(await shared.isChecked("#ctl-intervals")).toBe(true);
    expect(await shownRows(shared)).toEqual(shown);
    await shared.close();

    // a position model: the switch is kept in the URL for the way back, but greyed and not sent
    requested.length = 0;
    await page.selectOption("#ctl-model", "linear");
    await ready(page);
    expect(await toggle.isDisabled()).toBe(true);
    expect(await toggle.isChecked()).toBe(false);
    expect(new URL(page.url()).searchParams.get("intervals")).toBe("1");
    await page.screenshot({ path: path.join(OUT, "dashboard-channels-linear-intervals-off.png") });
    expect(requested.filter((u) => u.pathname.startsWith("/api/report/") && u.searchParams.has("intervals"))).toEqual([]);
    const columns = await page.$$eval("#view-table td[data-key]", (tds) => tds.map((td) => td.getAttribute("data-key")));
    expect(columns.filter((key) => INTERVAL_KEYS.includes(key ?? ""))).toEqual([]);
    expect(await page.textContent("#view-table")).not.toMatch(/NaN|undefined/);
    page.off("request", record);
    expect(errors).toEqual([]);
  });

  it("renders every view, marks thin cells, and links each finding to its view", async () => {
    const requested: URL[] = [];
    const record = (request: { url(): string }) => void requested.push(new URL(request.url()));
    page.on("request", record);
    const views = ["overview", "channels", "winrate", "models", "funnel", "coverage", "trends", "cost", "findings"];
    for (const view of views) {
      await page.goto(`${running.url}?view=${view}&by=size`);
      await ready(page);
      expect(await page.locator(".problem").count(), view).toBe(0);
      if (view !== "findings") expect(await page.locator("figure.chart svg").count(), view).toBeGreaterThan(0);
      if (["channels", "models", "cost", "findings"].includes(view)) {
        // all time by size, some demo pipeline is Unattributed: the note is a callout above everything, and still among the notes
        const callout = page.locator(".view-body > aside.callout.unattributed");
        expect(await callout.count(), view).toBe(1);
        expect(await callout.isVisible(), view).toBe(true);
        const notes = await page.$$eval("details.notes li", (lis) => lis.map((li) => li.textContent));
        expect(notes, view).toContain(await callout.textContent());
        expect(await callout.textContent(), view).toMatch(/^Unattributed: [\d,]+ pipeline/);
      }
      await page.screenshot({ path: path.join(OUT, `dashboard-${view}.png`), fullPage: true });
    }
    page.off("request", record);
    await expectOnlyAcceptedKeys(requested);
    await page.goto(`${running.url}?view=channels&by=size,region&metric=win_rate`);
    await ready(page);
    expect(await page.locator('figure.chart [fill="url(#pp-hatch)"]').count()).toBeGreaterThan(0);
    expect(await page.locator("#view-table tr.thin").count()).toBeGreaterThan(0);
    const box = await page.locator('figure.chart g[aria-label="cell"] rect').first().boundingBox();
    await page.mouse.move((box?.x ?? 0) + (box?.width ?? 0) / 2, (box?.y ?? 0) + (box?.height ?? 0) / 2);
    await expect
      .poll(() => page.locator('figure.chart g[aria-label="tip"]').textContent())
      .toMatch(/win rate 95% interval\s*\d+\.\d%–\d+\.\d%/);
    await page.screenshot({ path: path.join(OUT, "dashboard-channels-thin.png") });

    const attribution = await runReport(running.workspace, "attribution", { by: "size,region" });
    const immatureCells = attribution.rows.filter((r) => r.maturity === "immature").length;
    expect(immatureCells).toBeGreaterThan(0);
    expect(await page.locator("figure.chart g.pp-immature rect").count()).toBe(immatureCells);
    expect(await page.locator('#view-table td[data-key="maturity"] .badge.immature').count()).toBe(immatureCells);
    expect(await page.locator("#immature-legend").isVisible()).toBe(true);
    const note = attribution.notes.find((n) => n.startsWith(UNATTRIBUTED_NOTE_START));
    expect(await page.textContent("aside.callout.unattributed")).toBe(note);

    await page.goto(`${running.url}?view=findings&by=size`);
    await ready(page);
    const first = page.locator("a.finding-link").first();
    const target = new URL(String(await first.getAttribute("href")), running.url).searchParams.get("view");
    await first.click();
    await ready(page);
    expect(new URL(page.url()).searchParams.get("view")).toBe(target);
    expect(await page.getAttribute("nav a.on", "data-view")).toBe(target);
    expect(errors).toEqual([]);
  });

  it("badges the immature cohorts in the win rate view's cohort mode, as the demo's CSVs say", async () => {
    const { immature, all } = await immatureIndustries(demoDir, "2026-01-01", "2026-03-31"); // 2026-Q1: the fiscal year starts in January
    expect(immature.length).toBeGreaterThan(0);
    expect(immature.length).toBeLessThan(all.length);
    await page.goto(`${running.url}?view=winrate&by=industry&period=2026-Q1`);
    await ready(page);
    expect(await page.locator("#view-table .badge.immature").count()).toBe(0); // snapshot: no cohort, no maturity
    await page.click('.switch a[data-choice="cohort"]');
    await ready(page);
    expect(new URL(page.url()).searchParams.get("mode")).toBe("cohort");
    const badged = await page.$$eval("#view-table tbody tr", (trs) =>
      trs
        .filter((tr) => tr.querySelector(".badge.immature"))
        .map((tr) => JSON.parse(tr.querySelector('td[data-key="industry"]')?.getAttribute("data-value") ?? "null") as string),
    );
    expect(badged.sort()).toEqual(immature);
    const badge = page.locator('#view-table td[data-key="maturity"] .badge.immature').first();
    expect(await badge.isVisible()).toBe(true);
    expect(await badge.textContent()).toBe("immature");
    expect(await badge.getAttribute("title")).toMatch(/^More than 30 % of this cohort is still open \(\d+ % here\); its rate will move/);
    expect(await page.locator("#view-table tr.immature").count()).toBe(immature.length);
    expect(await page.locator("#immature-legend").isVisible()).toBe(true);
    const labels = await page.$$eval("figure.chart svg text", (texts) => texts.map((t) => t.textContent ?? ""));
    expect(labels.filter((t) => t.endsWith(" immature"))).toHaveLength(immature.length);
    await page.screenshot({ path: path.join(OUT, "dashboard-winrate-cohort.png"), fullPage: true });
    expect(errors).toEqual([]);
  });

  /** Every report request carries only keys its report accepts (GET /api/meta's report_flags). */
  async function expectOnlyAcceptedKeys(requested: readonly URL[]): Promise<void> {
    const meta = (await (await fetch(new URL("/api/meta", running.url))).json()) as Meta;
    const reports = requested.filter((u) => u.pathname.startsWith("/api/report/"));
    expect(reports.length).toBeGreaterThan(0);
    for (const url of reports) {
      const name = decodeURIComponent(url.pathname.slice("/api/report/".length)).replace(/\.(csv|html)$/, "");
      expect(
        [...url.searchParams.keys()].filter((k) => !meta.report_flags[name]?.includes(k)),
        `${url.pathname}${url.search}`,
      ).toEqual([]);
    }
    expect(reports.some((u) => u.pathname === "/api/report/winrate" && !u.searchParams.has("model"))).toBe(true);
  }

  /** A report as GET /api/report/<name> returns it for `query` (repeated keys for a list), fetched apart from the page. */
  async function api(name: string, query: Readonly<Record<string, string | readonly string[]>>): Promise<ReportResult> {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) for (const v of typeof value === "string" ? [value] : value) params.append(key, v);
    const response = await fetch(new URL(`/api/report/${name}?${params.toString()}`, running.url));
    expect(response.status, `${name}?${params.toString()}`).toBe(200);
    return (await response.json()) as ReportResult;
  }

  /** The deals view's totals row as { key: raw value }. */
  const dealsTotals = (p: Page): Promise<Row> =>
    p.$$eval("#deals-table tfoot td[data-key]", (tds) =>
      Object.fromEntries(tds.map((td) => [td.getAttribute("data-key"), JSON.parse(td.getAttribute("data-value") ?? "null")])),
    );

  /** The deals view's state from its URL: the channel and the segment filters (sent as `where`). */
  function dealsCell(url: string): { channel: string; seg: Record<string, string> } {
    const q = new URL(url).searchParams;
    expect(q.get("view")).toBe("deals");
    const seg = Object.fromEntries(q.getAll("seg").map((s) => [s.slice(0, s.indexOf(":")), s.slice(s.indexOf(":") + 1)]));
    return { channel: q.get("channel") ?? "", seg };
  }

  it("opens the deals behind a heatmap cell (click or keyboard), their credited total the cell's pipeline, and downloads every one as CSV", async () => {
    const requested: URL[] = [];
    const record = (request: { url(): string }) => void requested.push(new URL(request.url()));
    page.on("request", record);
    const query = { by: "size,region", period: "2026-Q2", model: "markov", stage: "pipeline" };
    await page.goto(`${running.url}?view=channels&by=size,region&period=2026-Q2&model=markov`);
    await ready(page);
    const links = page.locator("figure.chart a.pp-link");
    const attribution = await api("attribution", query);
    expect(await links.count()).toBe(attribution.rows.length);
    // a table cell's pipeline links to the same deals as its heatmap cell
    const tableHrefs = await page.$$eval('#view-table td[data-key="pipeline"] a.drill', (as) => as.map((a) => a.getAttribute("href")));
    expect(new Set(tableHrefs)).toEqual(new Set(await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))));

    await links.nth(4).locator("rect").click();
    await ready(page);
    const { channel, seg } = dealsCell(page.url());
    const cell = attribution.rows.find((r) => r.channel === channel && r.size === seg.size && r.region === seg.region);
    expect(cell, `${channel} ${JSON.stringify(seg)}`).toBeDefined();
    const sent = requested.filter((u) => u.pathname === "/api/report/deals");
    expect(sent.length).toBe(1);
    expect(sent[0]?.searchParams.getAll("where")).toEqual([`size=${seg.size}`, `region=${seg.region}`]);
    expect(Object.fromEntries(sent[0]?.searchParams ?? [])).toMatchObject({ ...query, channel });

    const totals = await dealsTotals(page);
    expect(Number(totals.credited_amount)).toBeCloseTo(Number(cell?.pipeline), 4);
    const deals = await api("deals", { ...query, where: [`size=${seg.size}`, `region=${seg.region}`], channel });
    expect(totals).toEqual({
      amount: deals.totals[0]?.amount,
      credit: deals.totals[0]?.credit,
      credited_amount: deals.totals[0]?.credited_amount,
    });
    const count = Number(deals.totals[0]?.deals);
    expect(count).toBeGreaterThan(0);
    expect(await page.textContent("#deals-heading")).toBe(
      `${channel} · size ${seg.size} · region ${seg.region} · markov · 2026-Q2 — ${formatValue(count, "count")} deals, ${money(deals, deals.totals[0]?.credited_amount)} credited`,
    );
    expectRowsMatch(await shownRows(page, "#deals-table"), deals.rows);
    expect(await page.$$eval("#deals-table thead th", (ths) => ths.map((th) => th.textContent))).toEqual(
      expect.arrayContaining(["journey", "credit", "credited (USD)"]),
    );
    const notes = await page.$$eval("details.notes li", (lis) => lis.map((li) => li.textContent));
    expect(notes).toEqual(deals.notes);
    expect(await page.locator(".filter-note").count()).toBe(0);
    await page.screenshot({ path: path.join(OUT, "dashboard-deals.png"), fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#deals-csv")]);
    expect(await page.getAttribute("#deals-csv", "href")).toContain("limit=0");
    const csv = await readFile(await download.path(), "utf8");
    expect.soft(csv.charCodeAt(0), "the CSV starts with a UTF-8 byte order mark").toBe(0xfeff);
    const records = parseCsv(withoutBom(csv));
    expect(records.length).toBe(count);
    expect(records.reduce((sum, r) => sum + Number(r.credited_amount), 0)).toBeCloseTo(Number(cell?.pipeline), 2);

    // keyboard: Tab reaches a cell, Enter opens its deals
    await page.goBack();
    await ready(page);
    await page.focus("#ctl-intervals");
    await page.keyboard.press("Tab");
    expect(await links.first().evaluate((a) => a.matches(":focus"))).toBe(true);
    const href = String(await links.first().getAttribute("href"));
    await page.keyboard.press("Enter");
    await ready(page);
    expect(new URL(page.url()).search).toBe(href);
    expect(await page.locator("#deals-table").count()).toBe(1);
    page.off("request", record);
    expect(errors).toEqual([]);
  });

  it("opens the deals behind a pipeline bar (click through its inner bar, or keyboard), their total the segment's pipeline created", async () => {
    const requested: URL[] = [];
    const record = (request: { url(): string }) => void requested.push(new URL(request.url()));
    page.on("request", record);
    const query = { by: "size,region", period: "2026-Q2" };
    await page.goto(`${running.url}?view=overview&by=size,region&period=2026-Q2`);
    await ready(page);
    // the expected numbers come from the pipeline report, not from the summary the overview draws
    const pipeline = await api("pipeline", query);
    const segments = pipeline.rows.filter((r) => r.size !== null && r.region !== null);
    expect(segments.length).toBeGreaterThan(1);
    const pipelineBars = 'figure.chart svg[aria-label="pipeline created and open by segment"]';
    const bars = page.locator("figure.chart a.pp-link");
    expect(await bars.count()).toBe(segments.length);
    expect(await page.locator("figure.chart a.pp-link > rect").count()).toBe(segments.length);
    const label = (r: Row) => `Deals of every channel in size ${String(r.size)}, region ${String(r.region)}`;
    expect(new Set(await bars.evaluateAll((as) => as.map((a) => a.getAttribute("aria-label"))))).toEqual(new Set(segments.map(label)));

    // the largest segment, clicked where the dark inner (open) bar is drawn over it: the inner bar lets the click through
    const biggest = [...segments].sort((x, y) => Number(y.pipeline_created) - Number(x.pipeline_created))[0] ?? {};
    const [created, open] = [Number(biggest.pipeline_created), Number(biggest.open_pipeline)];
    expect(open).toBeGreaterThan(0);
    const bar = page.locator(`figure.chart a.pp-link[aria-label="${label(biggest)}"] > rect`);
    const box = await bar.boundingBox();
    const k = (await bars.evaluateAll((as) => as.map((a) => a.getAttribute("aria-label")))).indexOf(label(biggest));
    const innerBox = await page.locator(`${pipelineBars} g[aria-label="bar"][pointer-events="none"] > rect`).nth(k).boundingBox();
    if (!box || !innerBox) throw new Error("the bar or its inner bar is not drawn");
    const position = { x: (box.width * Math.min(open, created)) / created / 2, y: box.height / 2 };
    const [x, y] = [box.x + position.x, box.y + position.y];
    expect(x >= innerBox.x && x <= innerBox.x + innerBox.width && y >= innerBox.y && y <= innerBox.y + innerBox.height).toBe(true);
    // hovering shows the bar's tooltip, which lies over the bar left of its end: it lets the click through as well
    await page.mouse.move(x, y);
    await expect.poll(() => page.locator(`${pipelineBars} g[aria-label="tip"] text`).textContent()).toContain(money(pipeline, created));
    await bar.click({ position });
    await ready(page);
    const { channel, seg } = dealsCell(page.url());
    expect(channel).toBe("");
    expect(seg).toEqual({ size: biggest.size, region: biggest.region });
    const sent = requested.filter((u) => u.pathname === "/api/report/deals");
    expect(sent.length).toBe(1);
    expect(sent[0]?.searchParams.getAll("where")).toEqual([`size=${String(biggest.size)}`, `region=${String(biggest.region)}`]);
    expect(sent[0]?.searchParams.get("channel")).toBeNull();
    const totals = await dealsTotals(page);
    expect(Number(totals.amount)).toBeCloseTo(created, 4);
    expect(Number(totals.credited_amount)).toBeCloseTo(created, 4);
    expect(await page.textContent("#deals-heading")).toMatch(
      new RegExp(
        `^All channels · size ${String(biggest.size)} · region ${String(biggest.region)} · \\w+ · 2026-Q2 — [\\d,]+ deals, \\${money(pipeline, created)} pipeline$`,
      ),
    );
    await page.screenshot({ path: path.join(OUT, "dashboard-bar-deals.png"), fullPage: true });

    // keyboard: Tab from the controls reaches the first bar, Enter opens its deals
    await page.goBack();
    await ready(page);
    await page.focus("#ctl-by");
    let focused = "";
    for (let i = 0; i < 40 && !focused; i++) {
      await page.keyboard.press("Tab");
      focused = (await page.$$eval("figure.chart a.pp-link:focus", (as) => as.map((a) => a.getAttribute("href") ?? "")))[0] ?? "";
    }
    const href = String(await bars.first().getAttribute("href"));
    expect(focused).toBe(href);
    await page.keyboard.press("Enter");
    await ready(page);
    expect(new URL(page.url()).search).toBe(href);
    expect(await page.locator("#deals-table").count()).toBe(1);

    // the same bars in the report view of `report pipeline` open the same deals (the report view's links keep its `report`, which the deals view ignores)
    const drills = async () =>
      new Set(
        (await bars.evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""))).map((href) => {
          const q = new URLSearchParams(href);
          q.delete("report");
          return q.toString();
        }),
      );
    await page.goto(`${running.url}?view=overview&by=size,region&period=2026-Q2`);
    await ready(page);
    const fromOverview = await drills();
    expect(fromOverview.size).toBe(segments.length);
    await page.goto(`${running.url}?view=report&report=pipeline&by=size,region&period=2026-Q2`);
    await ready(page);
    expect(await drills()).toEqual(fromOverview);
    // and the cost view's LTV:CAC bars open the deals of their segments
    await page.goto(`${running.url}?view=cost&by=size`);
    await ready(page);
    const ltv = await api("ltv", { by: "size" });
    const ltvBars = page.locator('figure.chart a.pp-link[aria-label^="Deals of every channel in size "]');
    // a segment without an LTV : CAC (fully loaded: the demo's sales_cost is per size) draws no bar, so it has nothing to click
    const ltvSegments = ltv.rows.filter((r) => r.size !== null && r.ltv_to_cac_fully_loaded !== null);
    expect(ltvSegments.length).toBeGreaterThan(1);
    expect(new Set(await ltvBars.evaluateAll((as) => as.map((a) => a.getAttribute("aria-label"))))).toEqual(
      new Set(ltvSegments.map((r) => `Deals of every channel in size ${String(r.size)}`)),
    );
    page.off("request", record);
    expect(errors).toEqual([]);
  });

  it("opens, from a finding, the deals credited to the channel it names in its segment", async () => {
    await page.goto(`${running.url}?view=findings&by=size`);
    await ready(page);
    const link = page.locator('li.finding[data-type="segment_share"] a.finding-deals').first();
    const named = String(await link.getAttribute("data-channel"));
    const finding = String(await page.locator('li.finding[data-type="segment_share"]').first().locator("p").first().textContent());
    expect(finding.startsWith(`${named} is credited with`)).toBe(true);
    await link.click();
    await ready(page);
    const { channel, seg } = dealsCell(page.url());
    expect(channel).toBe(named);
    expect(finding).toContain(`of ${String(seg.size)} (size) opportunities`);
    const cell = (await api("attribution", { by: "size", model: "w_shaped" })).rows.find(
      (r) => r.channel === channel && r.size === seg.size,
    );
    expect(Number((await dealsTotals(page)).credited_amount)).toBeCloseTo(Number(cell?.pipeline), 4);
    expect(await page.textContent("#deals-heading")).toMatch(
      new RegExp(`^${channel} · size ${String(seg.size)} · w_shaped · all time — [\\d,]+ deals, \\$[\\d,]+ credited$`),
    );
    expect(errors).toEqual([]);
  });

  it("adds the comparison columns of the compare toggle, the API's, and disables it without a period", async () => {
    const requested: URL[] = [];
    const record = (request: { url(): string }) => void requested.push(new URL(request.url()));
    page.on("request", record);
    const compare = page.locator("#ctl-compare");
    await page.goto(`${running.url}?view=winrate&by=size&compare=previous`);
    await ready(page);
    expect(await compare.isDisabled()).toBe(true);
    expect(await page.textContent("#ctl-compare-why")).toBe("pick a period to compare");
    expect(await page.locator("#view-table td[data-key='win_rate_compare']").count()).toBe(0);

    await page.selectOption("#ctl-period", "2026-Q2");
    await ready(page);
    expect(await compare.isDisabled()).toBe(false);
    expect(await page.locator("#ctl-compare-why").count()).toBe(0);
    expect(await compare.inputValue()).toBe("previous");
    const winrate = await api("winrate", { by: "size", period: "2026-Q2", compare: "previous" });
    const shown = await shownRows(page);
    expect(shown.map((r) => r.win_rate_compare)).toEqual(winrate.rows.map((r) => r.win_rate_compare));
    expect(shown.map((r) => r.win_rate_change_significant)).toEqual(winrate.rows.map((r) => r.win_rate_change_significant));
    const label = winrate.columns.find((c) => c.key === "win_rate_compare")?.label;
    expect(await page.$$eval("#view-table thead th", (ths) => ths.map((th) => th.textContent))).toContain(label);
    expect(await cellText(page, 0, "win_rate_compare")).toBe(formatValue(winrate.rows[0]?.win_rate_compare ?? null, "rate"));

    await page.selectOption("#ctl-compare", "year");
    await ready(page);
    expect(new URL(page.url()).searchParams.get("compare")).toBe("year");
    await page.click('nav a[data-view="channels"]');
    await ready(page);
    expect(await compare.inputValue()).toBe("year");
    const attribution = await api("attribution", { by: "size", period: "2026-Q2", model: "w_shaped", stage: "pipeline", compare: "year" });
    expectRowsMatch(await shownRows(page), attribution.rows);
    expect((await shownRows(page)).every((r) => "pipeline_compare" in r)).toBe(true);
    await page.screenshot({ path: path.join(OUT, "dashboard-channels-compare.png"), fullPage: true });

    // back to all time: disabled again, and no request carries compare
    requested.length = 0;
    await page.selectOption("#ctl-period", "");
    await ready(page);
    expect(await compare.isDisabled()).toBe(true);
    expect(requested.filter((u) => u.pathname.startsWith("/api/report/") && u.searchParams.has("compare"))).toEqual([]);
    expect(await page.locator("#view-table td[data-key='pipeline_compare']").count()).toBe(0);
    page.off("request", record);
    expect(errors).toEqual([]);
  });

  it("renders the deals view 390 px wide without horizontal page overflow, the table scrolling in its box", async () => {
    const narrow = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const p = await watched(await narrow.newPage());
    await p.goto(`${running.url}?view=deals&by=size&seg=size:Enterprise&channel=Events&period=2026-Q2`);
    await ready(p);
    expect(await p.locator("#deals-table tbody tr").count()).toBeGreaterThan(0);
    const [scroll, client] = await p.$eval("html", (el) => [el.scrollWidth, el.clientWidth]);
    expect(scroll).toBeLessThanOrEqual(client);
    expect(await p.$eval(".table-wrap", (el) => el.scrollWidth > el.clientWidth)).toBe(true);
    expect(await p.locator("#deals-csv").isVisible()).toBe(true);
    await p.screenshot({ path: path.join(OUT, "dashboard-deals-390.png"), fullPage: true });
    await narrow.close();
    expect(errors).toEqual([]);
  });

  it("formats each column as the report's `columns` declare it, not by its name, in the table and the chart", async () => {
    const column = (key: string, label: string, format: ReportResult["columns"][number]["format"]) =>
      ({ key, label, format, type: format === "text" ? "string" : "number" }) as const;
    const fake: ReportResult = {
      report: "pipeline",
      params: { by: ["size"] },
      columns: [
        { ...column("size", "size", "text"), role: "dimension" },
        column("pipeline_created", "created", "count"),
        column("foo_rate", "foo", "money"),
        column("bar_amount", "bar", "rate"),
      ],
      rows: [
        { size: "SMB", pipeline_created: 1234567, foo_rate: 2500000, bar_amount: 0.25 },
        { size: "Enterprise", pipeline_created: 7654321, foo_rate: 0.5, bar_amount: 0.125 },
      ],
      totals: [],
      notes: [],
    };
    const p = await watched(await context.newPage());
    await p.route(
      (url) => url.pathname === "/api/report/pipeline",
      (route) => route.fulfill({ json: fake }),
    );
    await p.goto(`${running.url}?view=report&report=pipeline&by=size`);
    await ready(p);
    expect(await p.$$eval("#view-table thead th", (ths) => ths.map((th) => th.textContent))).toEqual(["size", "created", "foo", "bar"]);
    expect(await cellText(p, 0, "foo_rate")).toBe("2,500,000");
    expect(await cellText(p, 1, "foo_rate")).toBe(formatValue(0.5, "money"));
    expect(await cellText(p, 0, "bar_amount")).toBe("25.0%");
    expect(await cellText(p, 0, "pipeline_created")).toBe("1,234,567");
    expect(await p.getAttribute('#view-table td[data-key="foo_rate"]', "data-format")).toBe("money");
    const barLabels = await p.$$eval("figure.chart svg text", (texts) => texts.map((t) => t.textContent ?? ""));
    expect(barLabels).toContain("1,234,567");
    expect(barLabels).not.toContain("1.2M");
    await p.close();
    expect(errors).toEqual([]);
  });

  /** A table's totals footer as { key: raw value }, one object per footer row. */
  function footerRows(p: Page, table = "#view-table"): Promise<Row[]> {
    return p.$$eval(`${table} tfoot tr`, (trs) =>
      trs.map((tr) =>
        Object.fromEntries(
          [...tr.querySelectorAll("td[data-key]")].map((td) => [
            td.getAttribute("data-key"),
            JSON.parse(td.getAttribute("data-value") ?? "null"),
          ]),
        ),
      ),
    );
  }

  /** The footer is the report's grand total (total_of "all", or a report whose totals are not tagged), every shown key equal. */
  async function expectFooterIsTotal(p: Page, report: ReportResult, table = "#view-table"): Promise<void> {
    const grand = report.totals.filter((t) => t.total_of === undefined || t.total_of === null || t.total_of === "all");
    expect(grand.length, report.report).toBe(1);
    const [footer, ...more] = await footerRows(p, table);
    expect(more, `${report.report}: one footer row`).toEqual([]);
    const keys = Object.keys(footer ?? {}).filter((k) => report.columns.some((c) => c.key === k && c.role !== "dimension"));
    expect(keys.length, `${report.report} footer columns`).toBeGreaterThan(2);
    for (const key of keys) {
      const [shown, want] = [footer?.[key] ?? null, grand[0]?.[key] ?? null];
      if (typeof shown === "number" && typeof want === "number") expect(shown, `${report.report} total ${key}`).toBeCloseTo(want, 6);
      else expect(shown, `${report.report} total ${key}`).toEqual(want);
    }
  }

  it("prints money with the API's currency outside tables, closes tables with the API's totals, and draws LTV : CAC on fully loaded CAC", async () => {
    // a KPI card: compact money with the currency's symbol; the exact figure in its title
    await page.goto(`${running.url}?view=overview&by=size`);
    await ready(page);
    const summary = await api("summary", { by: "size" });
    const created = Number(summary.totals[0]?.pipeline_created);
    const card = String(await page.textContent('.kpi-value[data-key="pipeline_created"]'));
    const [, digits, unit = ""] = /^\$(\d+(?:\.\d)?)([kMB])$/.exec(card) ?? [];
    expect(digits, card).toBeDefined();
    const scale = ({ k: 1e3, M: 1e6, B: 1e9 } as Record<string, number>)[unit] ?? NaN;
    expect(Math.abs(Number(digits) * scale - created), card).toBeLessThanOrEqual(scale / 20);
    expect(await page.getAttribute('.kpi-value[data-key="pipeline_created"]', "title")).toBe(money(summary, created));

    // a heatmap cell coloured by pipeline: its tooltip and its text carry the symbol (the table's header names the code instead)
    await page.goto(`${running.url}?view=channels&by=size&metric=pipeline`);
    await ready(page);
    const attribution = await api("attribution", { by: "size", model: "w_shaped", stage: "pipeline" });
    const first = attribution.rows[0] ?? {};
    const box = await page.locator('figure.chart g[aria-label="cell"] rect').first().boundingBox();
    await page.mouse.move((box?.x ?? 0) + (box?.width ?? 0) / 2, (box?.y ?? 0) + (box?.height ?? 0) / 2);
    await expect.poll(() => page.locator('figure.chart g[aria-label="tip"]').textContent()).toContain(money(attribution, first.pipeline));
    expect(await page.$$eval("#view-table thead th", (ths) => ths.map((th) => th.textContent))).toContain("pipeline (USD)");
    expect(await cellText(page, 0, "pipeline")).toBe(formatValue(first.pipeline ?? null, "money"));
    expectRowsMatch(await shownRows(page), attribution.rows);
    await expectFooterIsTotal(page, attribution);

    await page.goto(`${running.url}?view=winrate&by=size`);
    await ready(page);
    await expectFooterIsTotal(page, await api("winrate", { by: "size" }));

    // cost: ROI (a percent net of spend) and won / spend; LTV : CAC fully loaded, the demo's sales_cost being per size
    await page.goto(`${running.url}?view=cost&by=size&measure=return_on_spend`);
    await ready(page);
    const cost = await api("cost", { by: "size", model: "w_shaped", stage: "pipeline" });
    const ltv = await api("ltv", { by: "size", model: "w_shaped", stage: "pipeline" });
    expect(await page.getAttribute('a[data-choice="return_on_spend"]', "aria-pressed")).toBe("true");
    expectRowsMatch(await shownRows(page), cost.rows);
    const costRow = cost.rows.find((r) => Number(r.spend) > 0) ?? {};
    expect(Number(costRow.roi)).toBeCloseTo((Number(costRow.won_amount) - Number(costRow.spend)) / Number(costRow.spend), 9);
    expect(Number(costRow.return_on_spend)).toBeCloseTo(Number(costRow.won_amount) / Number(costRow.spend), 9);
    await expectFooterIsTotal(page, cost);
    expectRowsMatch(await shownRows(page, "#ltv-table"), ltv.rows);
    await expectFooterIsTotal(page, ltv, "#ltv-table");
    const loaded = ltv.rows.filter((r) => typeof r.ltv_to_cac_fully_loaded === "number");
    expect(loaded.length).toBeGreaterThan(1);
    const ltvSvg = 'svg[aria-label="LTV : CAC (fully loaded) by segment"]';
    const ltvTexts = await page.$$eval(`${ltvSvg} text`, (texts) => texts.map((t) => t.textContent ?? ""));
    for (const r of loaded) expect(ltvTexts, String(r.size)).toContain(formatValue(r.ltv_to_cac_fully_loaded ?? null, "multiple"));
    expect(
      ltvTexts.filter((t) => t.startsWith("LTV : CAC (fully loaded)")),
      "the axis label",
    ).toHaveLength(1);
    expect(await page.textContent(`figure.chart:has(${ltvSvg}) figcaption`)).toMatch(/^LTV : CAC per segment on fully loaded CAC/);
    await page.screenshot({ path: path.join(OUT, "dashboard-cost-fully-loaded.png"), fullPage: true });

    // split by region, the per-size sales cost has no segment to go to: program CAC, and the caption says what that leaves out
    await page.goto(`${running.url}?view=cost&by=region`);
    await ready(page);
    const byRegion = await api("ltv", { by: "region", model: "w_shaped", stage: "pipeline" });
    expect(byRegion.rows.every((r) => r.ltv_to_cac_fully_loaded === null)).toBe(true);
    const program = 'svg[aria-label="LTV : CAC by segment"]';
    expect(await page.locator(program).count()).toBe(1);
    const caption = String(await page.textContent(`figure.chart:has(${program}) figcaption`));
    expect(caption).toMatch(/^LTV : CAC per segment on program CAC: it counts marketing spend only/);
    expect(caption).toContain("pipeprism.yaml is for segments of another dimension");
    expect(errors).toEqual([]);
  });

  it("draws a two-dimension heatmap on a phone as one small multiple per first-dimension segment, every cell kept", async () => {
    const phoneContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const phone = await watched(await phoneContext.newPage());
    for (const [view, report] of [
      ["channels", "attribution"],
      ["cost", "cost"],
    ] as const) {
      await phone.goto(`${running.url}?view=${view}&by=size,region&period=2026-Q2`);
      await ready(phone);
      const result = await api(report, { by: "size,region", period: "2026-Q2", model: "w_shaped", stage: "pipeline" });
      const sizes = [...new Set(result.rows.map((r) => String(r.size)))];
      expect(await phone.$$eval(".multiples figure.chart.multiple", (fs) => fs.map((f) => f.getAttribute("data-segment")))).toEqual(sizes);
      expect(await phone.locator(".multiples a.pp-link").count(), view).toBe(result.rows.length);
      expect(await phone.$eval("html", (el) => el.scrollWidth), view).toBeLessThanOrEqual(390);
      await phone.screenshot({ path: path.join(OUT, `dashboard-${view}-multiples-390.png`), fullPage: true });
    }
    await phoneContext.close();
    expect(errors).toEqual([]);
  });

  it("lists the config's saved views and runs each with exactly its own flags", async () => {
    await page.goto(`${running.url}?view=winrate&by=industry&period=2026-Q2&model=markov`);
    await ready(page);
    const listed = await page.$$eval("a[data-saved]", (links) => links.map((a) => a.getAttribute("data-saved")));
    expect(listed).toEqual(["enterprise-sources", "win-rate-by-tier"]);
    await page.click('a[data-saved="enterprise-sources"]');
    await ready(page);
    expect(new URL(page.url()).searchParams.get("saved")).toBe("enterprise-sources");
    // The demo config's view: attribution by region for Enterprise under lift — not the page's industry, 2026-Q2 or markov.
    expectRowsMatch(await shownRows(page), (await api("attribution", { by: "region", where: ["size=Enterprise"], model: "lift" })).rows);
    expect(await page.textContent("h3")).toContain("pipeprism report --view enterprise-sources");
    expect(errors).toEqual([]);
  });

  it("explains a report or parameter the server rejects instead of failing", async () => {
    await page.goto(`${running.url}?view=report&report=forecast`);
    await ready(page, "error");
    expect(await page.textContent(".problem")).toContain("This report is not available in this version of pipeprism.");
    expect(await page.textContent(".problem")).toContain('unknown report "forecast"');
    await page.goto(`${running.url}?view=winrate&by=planet`);
    await ready(page, "error");
    expect(await page.textContent(".problem")).toContain(
      '--by: unknown dimension "planet" (valid: size, industry, region, motion, customer_type, icp_tier)',
    );
    await page.goto(`${running.url}?view=report&report=losses&by=size`);
    await ready(page);
    expectRowsMatch(await shownRows(page), await library("losses", { by: "size" }));
    expect(errors).toEqual([]);
  });

  it("opens the HTML report from disk with the network off", async () => {
    const offline = await browser.newContext({ viewport: VIEWPORT, offline: true });
    const requested: string[] = [];
    await offline.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:")) return route.continue();
      requested.push(url);
      return route.abort();
    });
    const { immature } = await immatureIndustries(demoDir, "2026-01-01", "2026-03-31");
    for (const [name, options] of [
      ["attribution", { by: "size,region" }],
      ["winrate", { by: "size", period: "2026" }],
      ["winrate", { by: "industry", period: "2026-Q1", cohort: true }],
    ] as const) {
      const report = await runReport(running.workspace, name, options);
      const file = path.join(OUT, `report-${name}${"cohort" in options ? "-cohort" : ""}.html`);
      await writeFile(file, renderHtml(report));
      const p = await watched(await offline.newPage());
      await p.goto(pathToFileURL(file).href);
      await p.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      expect(await p.locator("#chart svg").count()).toBeGreaterThan(0);
      expectRowsMatch(await shownRows(p, "#report-table"), report.rows);
      if (name === "attribution") {
        expect(await p.locator('#chart [fill="url(#pp-hatch)"]').count()).toBeGreaterThan(0);
        expect(await p.locator("#chart g.pp-immature rect").count()).toBeGreaterThan(0);
        expect(await p.locator("#unattributed-callout").isVisible()).toBe(true);
      }
      if ("cohort" in options) {
        const badged = await p.$$eval("#report-table tbody tr:has(.badge.immature) td[data-key='industry']", (tds) =>
          tds.map((td) => JSON.parse(td.getAttribute("data-value") ?? "null") as string),
        );
        expect(badged.sort()).toEqual(immature);
        expect(await p.locator("#immature-legend").isVisible()).toBe(true);
      }
      await p.screenshot({ path: path.join(OUT, `report-${name}${"cohort" in options ? "-cohort" : ""}.png`), fullPage: true });
      await p.close();
    }
    await offline.close();
    expect(requested).toEqual([]);
    expect(errors).toEqual([]);
  });
});
