// `--where dim=value[,value]`: a report filtered to some segments gives, row for row, the numbers
// the same report split `--by` that dimension gives for those segments — a second method that
// shares nothing with the filter's SQL. Rates shrunk toward a parent (win_rate_shrunk) and shares
// of a channel across segments (share_of_channel) are relative to the population and are left
// out; lift pools segments toward the population fit, so it is compared on totals only. The
// same filter on the CLI, the HTTP API and the library gives the same JSON; bad filters exit 2.
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../src/contract/row.js";
import { runReport } from "../src/report/run-report.js";
import { createServer, type PipeprismServer } from "../src/server/create-server.js";
import type { Workspace } from "../src/workspace/workspace.js";
import { demoWorkspace } from "./helpers/demo-workspace.js";
import { run } from "./helpers/run-cli.js";

let dir: string;
let ws: Workspace;
let close: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  ({ ws, dir, close } = await demoWorkspace({ seed: 11, scale: 0.2 }));
}, 120_000);

afterAll(() => close());

/** Depend on the population, not only on the segment's own opportunities. */
const RELATIVE = new Set(["win_rate_shrunk", "share_of_channel"]);

const KEYS = ["channel", "stage", "from_stage", "to_stage", "loss_reason", "step"];
const rowKey = (r: Row) => JSON.stringify(KEYS.map((k) => r[k] ?? null));

function expectSameRows(filtered: readonly Row[], byRows: readonly Row[], label: string): void {
  expect(filtered.length, label).toBe(byRows.length);
  const byKey = new Map(byRows.map((r) => [rowKey(r), r]));
  for (const row of filtered) {
    const expected = byKey.get(rowKey(row));
    expect(expected, `${label}: ${rowKey(row)}`).toBeDefined();
    for (const [key, value] of Object.entries(row)) {
      if (RELATIVE.has(key)) continue;
      const want = expected?.[key];
      if (typeof value === "number" && typeof want === "number") expect(value, `${label} ${rowKey(row)} ${key}`).toBeCloseTo(want, 6);
      else expect(value, `${label} ${rowKey(row)} ${key}`).toEqual(want);
    }
  }
}

const REPORTS: readonly { name: string; options: Record<string, unknown> }[] = [
  { name: "summary", options: {} },
  { name: "pipeline", options: {} },
  { name: "winrate", options: {} },
  { name: "funnel", options: {} },
  { name: "velocity", options: {} },
  { name: "losses", options: {} },
  { name: "attribution", options: { model: "linear" } },
  { name: "attribution", options: { model: "w_shaped", stage: "revenue" } },
  { name: "attribution", options: { model: "markov" } },
  { name: "attribution", options: { model: "shapley" } },
  // cost allocates spend over every segment, then picks (--where is computed as its --by row)
  { name: "cost", options: { model: "linear" } },
  { name: "cost", options: { model: "markov" } },
  // ltv: ARPA and churn over the filtered opportunities, CAC as cost's
  { name: "ltv", options: { model: "linear" } },
  { name: "coverage", options: { period: "2026-Q4" } },
];

describe("--where equals the --by row of the same segment", () => {
  it("for every segment of size, in every report that takes it", async () => {
    for (const { name, options } of REPORTS) {
      const split = await runReport(ws, name, { ...options, by: ["size"] });
      for (const size of ["SMB", "Mid-Market", "Enterprise"]) {
        const filtered = await runReport(ws, name, { ...options, where: { size: [size] } });
        expect(filtered.params.where, name).toEqual({ size: [size] });
        const label = `${name} ${JSON.stringify(options)} size=${size}`;
        expectSameRows(
          filtered.rows,
          split.rows.filter((r) => r.size === size).map(({ size: _drop, ...rest }) => rest),
          label,
        );
      }
    }
  }, 120_000);

  it("for random sets of regions, filtered and split together (property)", async () => {
    const split = await runReport(ws, "winrate", { by: ["region", "size"] });
    const regions = [...new Set(split.rows.map((r) => String(r.region)))];
    await fc.assert(
      fc.asyncProperty(fc.subarray(regions, { minLength: 1 }), fc.constantFrom("SMB", "Enterprise"), async (picked, size) => {
        const filtered = await runReport(ws, "winrate", { by: ["region"], where: { region: picked, size: [size] } });
        const expected = split.rows.filter((r) => picked.includes(String(r.region)) && r.size === size);
        expect(filtered.rows.map((r) => r.region).sort()).toEqual(expected.map((r) => r.region).sort());
        for (const row of filtered.rows) {
          const want = expected.find((r) => r.region === row.region);
          expect([row.won, row.lost, row.won_amount]).toEqual([want?.won, want?.lost, want?.won_amount]);
        }
      }),
      { numRuns: 15, seed: 5 },
    );
  }, 120_000);

  it("cost over several segments sums their --by rows, ratios recomputed", async () => {
    const split = await runReport(ws, "cost", { by: ["size"], model: "linear" });
    const both = await runReport(ws, "cost", { model: "linear", where: { size: ["SMB", "Enterprise"] } });
    for (const row of both.rows) {
      const parts = split.rows.filter((r) => r.channel === row.channel && ["SMB", "Enterprise"].includes(String(r.size)));
      for (const key of ["spend", "pipeline", "opportunities", "won_new_business", "won_amount"])
        expect(Number(row[key]), `${String(row.channel)} ${key}`).toBeCloseTo(
          parts.reduce((s, r) => s + Number(r[key] ?? 0), 0),
          4,
        );
      expect(row.cac).toBeCloseTo(Number(row.spend) / Number(row.won_new_business), 6);
    }
    expect(both.notes.some((n) => n.startsWith("--where size=SMB,Enterprise: spend is allocated across every segment first"))).toBe(true);
    // The matrix's own notes (Unattributed, thin and immature cells) are about every segment, and say so.
    const matrixNotes = both.notes.filter((n) => !n.startsWith("--where") && !n.startsWith("fully loaded CAC"));
    expect(matrixNotes.length).toBeGreaterThan(0);
    for (const n of matrixNotes) expect(n).toMatch(/^every segment, before --where size=SMB,Enterprise: /);
  }, 60_000);

  it("lift: credits of the filtered population still sum to its pipeline", async () => {
    const pipeline = await runReport(ws, "pipeline", { where: { size: ["Enterprise"] } });
    const lift = await runReport(ws, "attribution", { model: "lift", where: { size: ["Enterprise"] } });
    const credited = lift.rows.reduce((sum, r) => sum + Number(r.pipeline ?? 0), 0);
    expect(credited).toBeCloseTo(Number(pipeline.rows[0]?.pipeline_created), 2);
  }, 60_000);
});

describe("--where on every surface", () => {
  let server: PipeprismServer;
  let base = "";
  beforeAll(async () => {
    server = createServer(ws, { log: () => undefined });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("the CLI (repeated --where), the API (repeated where=) and the library agree", async () => {
    const cli = await run(
      dir,
      "report",
      "attribution",
      "--model",
      "linear",
      "--where",
      "size=SMB,Enterprise",
      "--where",
      "region=EMEA",
      "--format",
      "json",
    );
    expect(cli.code, cli.err).toBe(0);
    const res = await fetch(`${base}/api/report/attribution?model=linear&where=size%3DSMB%2CEnterprise&where=region%3DEMEA`);
    expect(res.status).toBe(200);
    const lib = await runReport(ws, "attribution", { model: "linear", where: { size: ["SMB", "Enterprise"], region: "EMEA" } });
    const json = JSON.parse(cli.out);
    expect(json).toEqual(await res.json());
    expect(json).toEqual(JSON.parse(JSON.stringify(lib)));
    expect(json.params.where).toEqual({ size: ["SMB", "Enterprise"], region: ["EMEA"] });
  });

  it("refuses what it cannot honour, with exit 2 and what to type", async () => {
    const cases: [string[], RegExp][] = [
      [["winrate", "--where", "size=Enterprize"], /--where size=Enterprize: no opportunity is in that segment \(size values: .*Enterprise/],
      [["winrate", "--where", "planet=Mars"], /--where: unknown dimension "planet"/],
      [["winrate", "--where", "size"], /is not dim=value/],
      [["winrate", "--where", "size=SMB", "--where", "size=Enterprise"], /size is filtered twice/],
      [["coverage", "--where", "region=EMEA"], /--where: the targets have no column for "region" \(coverage supports size\)/],
      [["cost", "--where", "size=SMB", "--level", "campaign"], /--where is not available with --level campaign/],
      [["pipeline", "--snapshots", "--where", "size=SMB"], /--snapshots .* takes only --by/],
    ];
    for (const [argv, message] of cases) {
      const got = await run(dir, "report", ...argv);
      expect(got.code, argv.join(" ")).toBe(2);
      expect(got.err, argv.join(" ")).toMatch(message);
    }
    const res = await fetch(`${base}/api/report/winrate?where=size%3DEnterprize`);
    expect(res.status).toBe(400);
  });
});
