// `pipeprism serve`'s HTTP API against the library and the CLI: every endpoint, the JSON, CSV,
// Markdown and HTML bodies byte for byte, and a 400 naming the valid values for each bad parameter.
import { column } from "../src/contract/report-result.js";
import type { AddressInfo } from "node:net";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { modelNames } from "../src/attribution/model-registry.js";
import { addServeCommand } from "../src/cli/serve-command.js";
import { runCli } from "../src/cli/create-cli.js";
import type { CliIo } from "../src/cli/io.js";
import { UserError } from "../src/model/diagnostic.js";
import { reportNames, runReport } from "../src/report/run-report.js";
import type { ReportOptions as RunReportOptions } from "../src/report/library.js";
import { renderCsv } from "../src/render/render-csv.js";
import { renderJson } from "../src/render/render-json.js";
import { renderHtml } from "../src/render/render-html.js";
import { escapeHtml } from "../src/render/html/escape-html.js";
import { UNATTRIBUTED_NOTE_START } from "../src/report/unattributed.js";
import { renderMarkdown } from "../src/render/render-markdown.js";
import { createServer, type PipeprismServer } from "../src/server/create-server.js";
import { parseReportQuery } from "../src/server/report-query.js";
import { startServer } from "../src/server/start-server.js";
import { buildMeta } from "../src/server/meta.js";
import type { Meta } from "../src/contract/index.js";
import type { Workspace } from "../src/workspace/workspace.js";
import { expectSameCsv, expectSameJson } from "./e2e/same-report.js";
import { GOLDEN_AS_OF, goldenFixtureFiles } from "./golden/golden-fixture.js";
import { demoWorkspace } from "./helpers/demo-workspace.js";
import { openProject } from "./helpers/temp-workspace.js";

interface Got {
  status: number;
  headers: Headers;
  text: string;
}

let dir = "";
let configPath = "";
let ws: Workspace;
let close: () => Promise<void> = async () => undefined;
let server: PipeprismServer;
let base = "";

async function get(pathname: string, init: RequestInit = {}): Promise<Got> {
  const res = await fetch(`${base}${pathname}`, init);
  return { status: res.status, headers: res.headers, text: await res.text() };
}

const errorOf = async (pathname: string) => {
  const got = await get(pathname);
  return { status: got.status, error: (JSON.parse(got.text) as { error: string }).error };
};

beforeAll(async () => {
  ({ dir, configPath, ws, close } = await demoWorkspace({ scale: 0.1 }));
  server = createServer(ws, { log: () => undefined });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await close();
});

describe("GET /api/report/<name>", () => {
  it("returns the library's JSON for every report", async () => {
    for (const name of reportNames()) {
      const got = await get(`/api/report/${name}?by=size`);
      expect(got.status, name).toBe(200);
      expect(got.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expectSameJson(got.text, renderJson(await runReport(ws, name, { by: "size" })), name);
    }
  });

  it("returns exactly what `pipeprism report --format json` prints for the same flags", async () => {
    let out = "";
    const io: CliIo = { cwd: dir, stdout: (t) => void (out += t), stderr: () => undefined };
    const flags = ["--by", "size,region", "--period", "2026-Q2", "--model", "linear", "--stage", "revenue"];
    expect(await runCli(["report", "attribution", ...flags, "--format", "json"], io)).toBe(0);
    const got = await get("/api/report/attribution?by=size,region&period=2026-Q2&model=linear&stage=revenue");
    expectSameJson(got.text, out);
  });

  it("passes every documented parameter through", async () => {
    const cases: [string, RunReportOptions][] = [
      ["winrate?by=size&trend=quarter&rolling=2", { by: "size", trend: "quarter", rolling: 2 }],
      ["winrate?by=region&from=2025-01-01&to=2025-12-31&cohort=true", { by: "region", from: "2025-01-01", to: "2025-12-31", cohort: true }],
      ["summary?as_of=2026-06-30&by=motion", { asOf: "2026-06-30", by: "motion" }],
      ["attribution?model=markov&order=2&by=size", { model: "markov", order: 2, by: "size" }],
      ["attribution?model=shapley&shapley_value=subset&seed=3", { model: "shapley", shapleyValue: "subset", seed: 3 }],
      ["pipeline?snapshots=1", { snapshots: true }],
    ];
    for (const [query, options] of cases) {
      const got = await get(`/api/report/${query}`);
      expect(got.status, query).toBe(200);
      const name = query.split("?")[0] ?? "";
      expectSameJson(got.text, renderJson(await runReport(ws, name, options)), query);
    }
  });

  it("serves the CLI's CSV, Markdown and HTML as downloads", async () => {
    const options = { by: "size", period: "2026", model: "u_shaped" };
    const result = await runReport(ws, "attribution", options);
    const csv = await get("/api/report/attribution.csv?by=size&period=2026&model=u_shaped");
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="pipeprism-attribution-size-2026.csv"');
    // fetch's text() drops a byte order mark: read the bytes.
    const bytes = new Uint8Array(
      await (await fetch(`${base}/api/report/attribution.csv?by=size&period=2026&model=u_shaped`)).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)], "a CSV download starts with a UTF-8 byte order mark").toEqual([0xef, 0xbb, 0xbf]);
    expectSameCsv(csv.text, renderCsv(result));
    const md = (await get("/api/report/attribution.md?by=size&period=2026&model=u_shaped")).text;
    expect(md).toBe(renderMarkdown(await runReport(ws, "attribution", options)));
    const json = await get("/api/report/attribution.json?by=size&period=2026&model=u_shaped");
    expectSameJson(json.text, renderJson(result));
    const html = await get("/api/report/attribution.html?by=size&period=2026&model=u_shaped");
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html.text.startsWith("<!doctype html>")).toBe(true);
    expect(html.text).toContain('<script type="application/json" id="pipeprism-data">');
  });

  it("answers a bad parameter with 400 and the valid values", async () => {
    const dims = Object.keys(ws.config.segments).join(", ");
    expect(await errorOf("/api/report/winrate?by=size,planet")).toEqual({
      status: 400,
      error: `--by: unknown dimension "planet" (valid: ${dims})`,
    });
    expect(await errorOf("/api/report/attribution?model=magic")).toEqual({
      status: 400,
      error: `--model: unknown model "magic" (valid: ${modelNames(ws.config).join(", ")})`,
    });
    expect(await errorOf("/api/report/nope")).toEqual({ status: 400, error: `unknown report "nope" (valid: ${reportNames().join(", ")})` });
    expect(await errorOf("/api/report/winrate.xml")).toEqual({
      status: 400,
      error: 'format "xml" is not a format (valid: json, csv, md, html)',
    });
    const unknownKey = await errorOf("/api/report/winrate?by=size&sql=DROP%20TABLE%20opportunities");
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.error).toBe(
      'report winrate does not take query parameter "sql" (it takes --by, --period, --from, --to, --as-of, --where, --cohort, --trend, --rolling, --compare)',
    );
    expect(await errorOf("/api/report/winrate?model=linear")).toEqual({
      status: 400,
      error:
        "report winrate does not take --model (it takes --by, --period, --from, --to, --as-of, --where, --cohort, --trend, --rolling, --compare)",
    });
    expect(await errorOf("/api/report/winrate?by=size&by=region")).toEqual({ status: 400, error: "--by is given more than once" });
    expect(await errorOf("/api/report/winrate?period=Q3")).toEqual({
      status: 400,
      error: '--period: "Q3" is not a period (expected 2025, 2025-Q3 or 2025-07)',
    });
    expect(await errorOf("/api/report/winrate?cohort=maybe")).toEqual({
      status: 400,
      error: '--cohort: "maybe" is not a boolean (valid: true, false)',
    });
    expect(await errorOf("/api/report/attribution?stage=close")).toEqual({
      status: 400,
      error: '--stage: "close" is not valid (valid: pipeline, revenue)',
    });
    expect(await errorOf("/api/report/summary?trend=quarter")).toEqual({
      status: 400,
      error: "report summary does not take --trend (it takes --by, --period, --from, --to, --as-of, --where)",
    });
    expect(await errorOf("/api/report/winrate?as_of=yesterday")).toEqual({
      status: 400,
      error: '--as-of: "yesterday" is not a date (expected YYYY-MM-DD)',
    });
    expect(await errorOf('/api/report/winrate?by=size";DROP')).toMatchObject({ status: 400 });
    expect((await errorOf("/api/report/%E0%A4%A")).status).toBe(400);
    expect((await errorOf(`/api/report/winrate?period=${"9".repeat(300)}`)).error).toBe(
      'query parameter "period" is longer than 200 characters',
    );
  });
});

describe("GET /api/meta", () => {
  it("lists dimensions with their segments, models, reports, periods and as-of", async () => {
    const got = await get("/api/meta");
    expect(got.status).toBe(200);
    const meta = JSON.parse(got.text);
    expect(meta).toMatchObject({
      dimensions: Object.keys(ws.config.segments),
      models: modelNames(ws.config),
      default_model: "w_shaped",
      stages: ["pipeline", "revenue"],
      reports: reportNames(),
      trend_reports: ["pipeline", "winrate", "attribution", "coverage", "funnel", "leads"],
      as_of: ws.dataAsOf,
      min_sample: ws.config.min_sample,
    });
    expect(meta.segments.size).toEqual(["SMB", "Mid-Market", "Enterprise"]);
    expect(meta.segments.region).toContain("EMEA");
    expect(meta.periods.years[0]).toBe("2026");
    expect((await errorOf("/api/meta?x=1")).status).toBe(400);
  });

  it("lists every quarter with data or a target, the quarter after as-of included, and coverage's default period", async () => {
    const meta = JSON.parse((await get("/api/meta")).text) as Meta;
    // The demo's targets, read from its CSV (calendar quarters: fiscal_year_start_month 1).
    const targetQuarters = (await readFile(path.join(dir, "data", "targets.csv"), "utf8"))
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(",")[0] ?? "");
    expect(targetQuarters.length).toBeGreaterThan(0);
    // Quarters with data: from the first opportunity's quarter to as-of's.
    const quarterOf = (date: string) => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
    const created = (await readFile(path.join(dir, "data", "opportunities.csv"), "utf8")).trim().split("\n");
    const column = (created[0] ?? "").split(",").indexOf("created_date");
    const first =
      created
        .slice(1)
        .map((line) => line.split(",")[column] ?? "")
        .filter(Boolean)
        .sort()[0] ?? "";
    const withData: string[] = [];
    for (let q = quarterOf(first); q <= quarterOf(ws.dataAsOf);) {
      withData.push(q);
      const [y, n] = [Number(q.slice(0, 4)), Number(q.slice(6))];
      q = n === 4 ? `${y + 1}-Q1` : `${y}-Q${n + 1}`;
    }
    const expected = [...new Set([...withData, ...targetQuarters])].sort().reverse();
    expect(meta.periods.quarters).toEqual(expected);
    expect(meta.periods.years).toEqual([...new Set(expected.map((q) => q.slice(0, 4)))]);
    // as-of is the last day of its quarter here: the next quarter, which has targets, is pickable and is coverage's default.
    expect(ws.dataAsOf).toBe("2026-09-30");
    expect(meta.periods.quarters).toContain("2026-Q4");
    expect(meta.periods.coverage_default).toBe("2026-Q4");
    expect(meta.periods.coverage_default).toBe((await runReport(ws, "coverage", {})).params.period);
  });

  it("adds a month's target to its quarter and a year's target to its year only", async () => {
    const demo = await demoWorkspace({
      scale: 0.05,
      beforeIngest: async (d) => {
        const file = path.join(d, "data", "targets.csv");
        await writeFile(file, `${(await readFile(file, "utf8")).trimEnd()}\n2027-02,SMB,1000\n2028,SMB,5000\n`);
      },
    });
    try {
      const meta = await buildMeta(demo.ws);
      expect(meta.periods.quarters).toContain("2027-Q1");
      expect(meta.periods.quarters.filter((q) => q.startsWith("2028"))).toEqual([]);
      expect(meta.periods.years.slice(0, 3)).toEqual(["2028", "2027", "2026"]);
      expect(meta.periods.quarters[0]).toBe("2027-Q1");
    } finally {
      await demo.close();
    }
  });
});

describe("the rest of the server", () => {
  it("serves the dashboard and its assets, gzipped when asked", async () => {
    const page = await get("/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.text).toContain('<script defer src="/assets/dashboard.js"></script>');
    const js = await fetch(`${base}/assets/dashboard.js`, { headers: { "accept-encoding": "identity" } });
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    const raw = Buffer.from(await js.arrayBuffer());
    expect(raw.length).toBeGreaterThan(10_000);
    expect((await get("/assets/dashboard.css")).status).toBe(200);
    const zipped = await new Promise<Buffer>((resolve, reject) => {
      import("node:http").then(({ get: httpGet }) =>
        httpGet(`${base}/assets/dashboard.js`, { headers: { "accept-encoding": "gzip" } }, (res) => {
          expect(res.headers["content-encoding"]).toBe("gzip");
          const chunks: Buffer[] = [];
          res
            .on("data", (c: Buffer) => chunks.push(c))
            .on("end", () => resolve(Buffer.concat(chunks)))
            .on("error", reject);
        }),
      );
    });
    expect(gunzipSync(zipped).equals(raw)).toBe(true);
  });

  it("is read-only, answers unknown paths with 404 and refuses foreign Host headers", async () => {
    const post = await get("/api/report/winrate", { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    expect(await errorOf("/api/tables")).toEqual({
      status: 404,
      error: "no API at /api/tables (valid: /api/meta, /api/report/<name>[.json|.csv|.md|.html])",
    });
    expect((await get("/../../etc/passwd")).status).toBe(404);
    expect((await get("/assets/../pipeprism.yaml")).status).toBe(404);
    const head = await get("/api/report/winrate", { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.text).toBe("");
    const rebound = await new Promise<number>((resolve) => {
      import("node:http").then(({ get: httpGet }) =>
        httpGet(`${base}/api/meta`, { headers: { host: "evil.example:80" } }, (res) => resolve(res.statusCode ?? 0)),
      );
    });
    expect(rebound).toBe(403);
    expect(parseReportQuery("attribution", new URLSearchParams("by=size&as_of=2026-01-01&shapley_value=rate"))).toEqual({
      report: "attribution",
      flags: { by: ["size"], asOf: "2026-01-01", shapleyValue: "rate" },
    });
  });

  it("starts on a free port and closes cleanly, workspace included", async () => {
    const running = await startServer({ configPath, port: 0 });
    expect(running.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect((await fetch(`${running.url}api/report/pipeline`)).status).toBe(200);
    await running.close();
    await expect(fetch(`${running.url}api/meta`)).rejects.toThrow();
    await expect(running.workspace.engine.all("SELECT 1")).rejects.toThrow();
    const busy = await startServer({ configPath, port: 0 });
    const port = Number(new URL(busy.url).port);
    await expect(startServer({ configPath, port })).rejects.toThrow(UserError);
    await expect(startServer({ configPath, port })).rejects.toThrow(
      `port ${port} on 127.0.0.1 is in use: pass --port N (0 for any free port)`,
    );
    await busy.close();
  });
});

describe("renderHtml", () => {
  it("escapes hostile CRM values in the table, the notes and the embedded JSON", () => {
    const hostile = '</script><script>alert("x")</script>';
    const report = {
      report: "winrate",
      params: { by: ["size"], period: null },
      rows: [{ size: hostile, win_rate: 0.25, win_rate_low: 0.1, win_rate_high: 0.4, sample: "thin" }],
      totals: [],
      notes: [`<b>${hostile}</b>`],
      columns: [column("size", "size", "text"), column("win_rate", "win rate", "rate"), column("sample", "sample", "text")],
    };
    const html = renderHtml(report);
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;/script&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain('<tr class="thin">');
    expect(html).toContain('<span class="ci">10.0%–40.0%</span>');
    const data = /<script type="application\/json" id="pipeprism-data">(.*?)<\/script>/s.exec(html)?.[1] ?? "";
    expect(JSON.parse(data)).toEqual({
      report: "winrate",
      params: report.params,
      columns: report.columns,
      rows: report.rows,
      totals: [],
      notes: report.notes,
    });
  });
});

describe("renderHtml: immature rows and the Unattributed note", () => {
  // The golden fixture (test/fixtures/metrics-fixture.ts) at its as-of 2025-06-20, worked out by
  // hand: created so far per size, SMB O1 W O2 L O3 W (0 of 3 open), Mid-Market O4 W and O5, O6
  // open (2 of 3), Enterprise O7 L O8 W and O9 open (1 of 3: 33 %, just over the default 30 %),
  // Unknown O10 W O11 L (0 of 2). Opportunities without a journey: O2 200, O5 2000, O6 500, O8 0,
  // O9 (no amount), O10 400, O11 700, so 3,800 of 15,200 pipeline is Unattributed.
  let golden: Workspace;
  beforeAll(async () => {
    golden = (await openProject(goldenFixtureFiles())).ws;
  });
  afterAll(async () => {
    await golden?.close();
  });

  const rowsOf = (html: string) =>
    [...html.matchAll(/<tr( class="[^"]*")?>(.*?)<\/tr>/g)].map((m) => ({ cls: m[1] ?? "", html: m[2] ?? "" }));
  const sizeOf = (rowHtml: string) => /data-key="size" data-value="&quot;([^&]*)&quot;"/.exec(rowHtml)?.[1];

  it("badges the immature cohorts, explains the badge above the table, and says the threshold in its tooltip", async () => {
    const report = await runReport(golden, "winrate", { by: ["size"], cohort: true, asOf: GOLDEN_AS_OF });
    const html = renderHtml(report);
    const body = rowsOf(html.slice(html.indexOf("<tbody>")));
    const badged = body.filter((r) => r.html.includes('<span class="badge immature"')).map((r) => sizeOf(r.html));
    expect(badged).toEqual(["Mid-Market", "Enterprise"]);
    expect(body.filter((r) => r.cls.includes("immature")).map((r) => sizeOf(r.html))).toEqual(["Mid-Market", "Enterprise"]);
    const enterprise = body.find((r) => sizeOf(r.html) === "Enterprise")?.html ?? "";
    expect(enterprise).toContain(
      '<td data-key="maturity" data-value="&quot;immature&quot;"><span class="badge immature" title="More than 30 % of this cohort is still open (33 % here); its rate will move as those opportunities close.">immature</span></td>',
    );
    const legend = html.indexOf(
      '<p class="legend-note" id="immature-legend"><span class="badge immature">immature</span> more than 30 % of the cohort',
    );
    expect(legend).toBeGreaterThan(0);
    expect(legend).toBeLessThan(html.indexOf("<table"));
    expect(html).not.toContain('id="unattributed-callout"'); // winrate credits no channel

    const { notes: _notes, ...withoutNotes } = report;
    const unstated = renderHtml({ ...withoutNotes, notes: [] });
    expect(unstated).toContain('title="Much of this cohort is still open (67 % here); its rate will move as those opportunities close."');
    expect(unstated).toContain("much of the cohort (the opportunities created in the window) is still open");

    const snapshot = renderHtml(await runReport(golden, "winrate", { by: ["size"], asOf: GOLDEN_AS_OF }));
    expect(snapshot).not.toContain("badge immature");
    expect(snapshot).not.toContain("immature-legend");
  });

  it("puts the Unattributed note in a callout above the table, and badges immature attribution cells", async () => {
    const report = await runReport(golden, "attribution", { by: ["size"], model: "linear", asOf: GOLDEN_AS_OF });
    const note = report.notes.find((n) => n.startsWith(UNATTRIBUTED_NOTE_START)) ?? "";
    expect(note).toMatch(/^Unattributed: 3,800 pipeline \(25\.0 % of 15,200\)/);
    const html = renderHtml(report);
    const callout = /<aside class="callout unattributed" id="unattributed-callout" role="note">(.*?)<\/aside>/.exec(html);
    expect(callout?.[1]).toBe(`<strong>Unattributed:</strong> ${escapeHtml(note.slice(UNATTRIBUTED_NOTE_START.length).trim())}`);
    expect(callout?.index).toBeLessThan(html.indexOf("<table"));
    expect(callout?.index).toBeLessThan(html.indexOf('id="chart"'));
    expect(html.indexOf('<section class="notes">')).toBeGreaterThan(html.indexOf("</table>")); // and still among the notes
    // Mid-Market's Unattributed cell is O5 and O6, both open; Enterprise's is O8 won and O9 open (1 of 2)
    // The screen table only: a table too wide for a page also comes as print-only parts after it.
    const body = rowsOf(html.slice(html.indexOf("<tbody>"), html.indexOf("</tbody>")));
    const badged = body.filter((r) => r.html.includes('<span class="badge immature"'));
    expect(badged.map((r) => [sizeOf(r.html), /data-key="channel" data-value="&quot;([^&]*)&quot;"/.exec(r.html)?.[1]])).toEqual([
      ["Mid-Market", "Unattributed"],
      ["Enterprise", "Unattributed"],
    ]);
    expect(html).toContain('id="immature-legend"');
  });

  it("badges an immature row beside its last dimension when the report shows no maturity column (cost)", () => {
    const report = {
      report: "cost",
      params: { by: ["size"] },
      columns: [
        { ...column("size", "size", "text"), role: "dimension" as const },
        { ...column("channel", "channel", "text"), role: "dimension" as const },
        column("cac", "CAC", "money"),
      ],
      rows: [
        { size: "SMB", channel: "Events", cac: 100, maturity: "immature", open_share: 0.5 },
        { size: "SMB", channel: "Webinar", cac: 50, maturity: "mature", open_share: 0.1 },
      ],
      totals: [],
      notes: [],
    };
    const html = renderHtml(report);
    expect(html).toContain(
      '<td data-key="channel" data-value="&quot;Events&quot;">Events<span class="badge immature" title="Much of this cohort is still open (50 % here); its rate will move as those opportunities close.">immature</span></td>',
    );
    expect(html).toContain('<td data-key="channel" data-value="&quot;Webinar&quot;">Webinar</td>');
  });
});

describe("pipeprism serve", () => {
  function serveCli(stop: Promise<void>) {
    let out = "";
    let err = "";
    const io: CliIo = { cwd: dir, stdout: (t) => void (out += t), stderr: (t) => void (err += t) };
    const program = new Command("pipeprism").exitOverride();
    addServeCommand(program, io, () => stop);
    return { program, out: () => out, err: () => err };
  }

  it("serves until stopped and prints its address", async () => {
    let stop = () => undefined as void;
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const cli = serveCli(stopped);
    const done = cli.program.parseAsync(["serve", "--port", "0"], { from: "user" });
    await expect
      .poll(() => cli.out(), { timeout: 10_000 })
      .toMatch(/^pipeprism dashboard: http:\/\/127\.0\.0\.1:\d+\/ \(data as of \d{4}-\d{2}-\d{2}; Ctrl-C to stop\)\n$/);
    const url = /http:\S+\//.exec(cli.out())?.[0] ?? "";
    expect((await fetch(`${url}api/meta`)).status).toBe(200);
    stop();
    await done;
    expect(cli.err()).toBe("stopped\n");
  });

  it("warns when the host is not loopback and rejects a bad port", async () => {
    const cli = serveCli(Promise.resolve());
    await expect(cli.program.parseAsync(["serve", "--host", "0.0.0.0", "--config", "missing.yaml"], { from: "user" })).rejects.toThrow(
      /missing\.yaml/,
    );
    expect(cli.err()).toBe(
      "warning: --host 0.0.0.0 is not loopback: anyone who can reach this machine on port 4178 can read every report (there is no authentication)\n",
    );
    await expect(serveCli(Promise.resolve()).program.parseAsync(["serve", "--port", "http"], { from: "user" })).rejects.toThrow(
      '--port: "http" is not a port (expected 0 to 65535)',
    );
  });
});
