// The HTML report printed, in real headless Chromium: every report on a small demo company, laid
// out as print at the printable width of landscape A4 and of landscape Letter (10 mm margins), keeps
// every table cell inside the page; the header row repeats on every page (thead is a table header
// group) and no row breaks across pages; a table too wide for the page prints as parts that each
// repeat the key columns and together hold every column; nothing interactive prints; the page
// prints to PDF on both papers. PDFs go to test-output/print/.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { ReportResult } from "../../src/contract/index.js";
import { renderHtml } from "../../src/render/render-html.js";
import { flagsFromOptions } from "../../src/report/request/parse-request.js";
import { runReport, runReportFlags } from "../../src/report/run-report.js";
import { openWorkspace, type Workspace } from "../../src/workspace/workspace.js";
import { ingestedDemo } from "../helpers/demo-workspace.js";
import { describeBrowser, launchChromium } from "./browser.js";

const OUT = path.resolve("test-output", "print");
/** Landscape paper less 10 mm margins each side, in CSS px (96 per inch). */
const PAPERS = [
  { format: "A4", printable: Math.floor(((297 - 20) / 25.4) * 96) },
  { format: "Letter", printable: Math.floor(((279.4 - 20) / 25.4) * 96) },
] as const;

/** Every report, each with the flags that make it widest on the demo. */
const CASES: readonly (readonly [string, Record<string, unknown>])[] = [
  ["summary", { by: ["size"] }],
  ["pipeline", { by: ["size", "region"] }],
  ["winrate", { by: ["size", "region"] }],
  ["winrate", { by: ["industry"], trend: "quarter" }],
  ["funnel", { by: ["size"] }],
  ["leads", { by: ["size"] }],
  ["velocity", { by: ["size"] }],
  ["coverage", { by: ["size"] }],
  ["losses", { by: ["size"] }],
  ["attribution", { by: ["size", "region"], model: "lift", intervals: 20 }],
  ["attribution", { by: ["size", "industry"] }],
  ["models", { by: ["size"] }],
  ["cost", { by: ["size", "region"] }],
  ["ltv", { by: ["size"] }],
  ["deals", { by: ["size"], channel: "Events", limit: 40 }],
];

interface Layout {
  /** Cells (th, td) of shown tables whose right edge passes the page, or left edge precedes it. */
  readonly outside: string[];
  readonly shownTables: number;
  readonly headGroups: string[];
  readonly rowBreaks: string[];
  readonly interactive: number;
  /** Labels of each shown table's header row. */
  readonly heads: string[][];
}

/** The page's globals as the layout check uses them (the tests compile without the DOM library). */
interface PageElement {
  readonly textContent: string | null;
  readonly tHead?: PageElement | null;
  getClientRects(): ArrayLike<unknown>;
  getBoundingClientRect(): { readonly left: number; readonly right: number };
  querySelectorAll(selector: string): Iterable<PageElement>;
}
interface PageGlobals {
  readonly document: PageElement & { readonly documentElement: { readonly clientWidth: number } };
  getComputedStyle(element: PageElement): { readonly display: string; readonly breakInside: string };
}

let browser: Browser;
let ws: Workspace;
let closeDemo: () => Promise<void>;

describeBrowser("HTML reports print", () => {
  beforeAll(async () => {
    const demo = await ingestedDemo({ scale: 0.2 });
    ws = await openWorkspace(demo.configPath);
    closeDemo = async () => ws.close();
    browser = await launchChromium();
    await mkdir(OUT, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await closeDemo?.();
  });

  async function layoutOf(file: string, printable: number): Promise<Layout> {
    const page = await browser.newPage({ viewport: { width: printable, height: 800 } });
    try {
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      await page.emulateMedia({ media: "print" });
      return await page.evaluate((): Layout => {
        const g = globalThis as unknown as PageGlobals;
        const tables = [...g.document.querySelectorAll("table")].filter((t) => t.getClientRects().length > 0);
        const width = g.document.documentElement.clientWidth;
        const cells = tables.flatMap((t) => [...t.querySelectorAll("th, td")].filter((c) => c.getClientRects().length > 0));
        const edges = (c: PageElement) => c.getBoundingClientRect();
        return {
          outside: cells
            .filter((c) => edges(c).right > width + 0.5 || edges(c).left < -0.5)
            .map((c) => `${c.textContent ?? ""} (right ${edges(c).right} > ${width})`),
          shownTables: tables.length,
          headGroups: tables.map((t) => (t.tHead ? g.getComputedStyle(t.tHead).display : "no thead")),
          rowBreaks: tables.flatMap((t) => [...t.querySelectorAll("tbody tr")].map((r) => g.getComputedStyle(r).breakInside)),
          interactive: [...g.document.querySelectorAll("button, input, select, noscript")].filter((e) => e.getClientRects().length > 0)
            .length,
          heads: tables.map((t) => [...(t.tHead?.querySelectorAll("th") ?? [])].map((th) => th.textContent ?? "")),
        };
      });
    } finally {
      await page.close();
    }
  }

  async function pdfPages(file: string, format: "A4" | "Letter"): Promise<number> {
    const page = await browser.newPage();
    try {
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      const pdf = await page.pdf({
        format,
        landscape: true,
        preferCSSPageSize: false,
        margin: { top: "10mm", right: "10mm", bottom: "10mm", left: "10mm" },
      });
      await writeFile(file.replace(/\.html$/, `-${format}.pdf`), pdf);
      return (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    } finally {
      await page.close();
    }
  }

  async function check(report: ReportResult, slug: string): Promise<void> {
    const file = path.join(OUT, `${slug}.html`);
    await writeFile(file, renderHtml(report));
    const labels = report.columns.map((c) => c.label);
    const keys = report.columns.filter((c) => c.role === "dimension").map((c) => c.label);
    for (const paper of PAPERS) {
      const layout = await layoutOf(file, paper.printable);
      const where = `${slug} on ${paper.format}`;
      expect(layout.outside, where).toEqual([]);
      expect(layout.shownTables, where).toBeGreaterThan(0);
      expect(new Set(layout.headGroups), where).toEqual(new Set(["table-header-group"]));
      expect(new Set(layout.rowBreaks), where).toEqual(new Set(["avoid"]));
      expect(layout.interactive, where).toBe(0);
      // Parts or the whole table: every column printed, each part with the key columns first.
      expect(new Set(layout.heads.flat()), where).toEqual(new Set(labels));
      if (layout.heads.length > 1) for (const head of layout.heads) expect(head.slice(0, keys.length), where).toEqual(keys);
      expect(await pdfPages(file, paper.format), where).toBeGreaterThan(0);
    }
  }

  for (const [name, options] of CASES) {
    const slug = `${name}-${Object.values(options).flat().join("-")}`.replace(/[^\w-]+/g, "_");
    it(`${slug} fits landscape A4 and Letter, header repeated, no row split`, async () => {
      await check(await runReport(ws, name, options), slug);
    });
  }

  it("the insights report, its findings' long sentences wrapped inside the page", async () => {
    const report = await runReportFlags(ws, "insights", flagsFromOptions({ by: ["size", "region"] }), { skipModels: true });
    await check(report, "insights");
  });

  it("the widest report (attribution with intervals by two dimensions) prints as parts that repeat the keys", async () => {
    const report = await runReport(ws, "attribution", { by: ["size", "region"], model: "lift", intervals: 20 });
    const file = path.join(OUT, "attribution-parts.html");
    await writeFile(file, renderHtml(report));
    const layout = await layoutOf(file, PAPERS[1].printable);
    expect(layout.heads.length).toBeGreaterThan(1);
    expect(layout.heads.map((h) => h.slice(0, 3))).toEqual(layout.heads.map(() => ["size", "region", "channel"]));
  });
});
