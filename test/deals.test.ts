// `pipeprism deals`: the deals behind a cell of the attribution matrix. On the golden fixture every
// credit, credited amount and journey is worked out by hand (test/golden/README.md lists the
// touches); on the demo company, for every model and channel, the credited amounts of the deals
// add up — exactly, in millionths — to the cell of `report attribution` with the same flags, and
// the credits to the cell's credited opportunities. The CLI command, `report deals` and the library
// give the same JSON; an unknown channel is a usage error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Row } from "../src/contract/row.js";
import { attribution, deals } from "../src/report/library.js";
import type { Workspace } from "../src/workspace/workspace.js";
import { GOLDEN_AS_OF, goldenFixtureFiles } from "./golden/golden-fixture.js";
import { demoWorkspace, type DemoWorkspace } from "./helpers/demo-workspace.js";
import { run } from "./helpers/run-cli.js";
import { openProject, type TempProject } from "./helpers/temp-workspace.js";

/** An amount in millionths: the unit deals apportions to, so sums compare exactly. */
const micros = (x: unknown) => Math.round(Number(x) * 1e6);
const sumMicros = (rows: readonly Row[], key: string) => rows.reduce((s, r) => s + (r[key] === null ? 0 : micros(r[key])), 0);

describe("deals on the golden fixture (hand-computed)", () => {
  let ws: Workspace;
  let project: TempProject;
  beforeAll(async () => {
    ({ ws, project } = await openProject(goldenFixtureFiles(), GOLDEN_AS_OF));
  });
  afterAll(async () => ws?.close());

  it("lists Paid Search's deals under linear with their credit and journey", async () => {
    const r = await deals(ws, { by: ["size"], model: "linear", channel: "Paid Search", limit: 0 });
    const got = r.rows.map((x) => [x.opportunity_id, x.size, x.credit, x.credited_amount, x.journey]);
    // O7: Paid Search then Events (½ of 10,000); O3: Paid Search only; O4: Events, Webinar, Paid Search (⅓ of 1,000); O1: Webinar, Paid Search (½ of 100).
    expect(got).toEqual([
      ["O7", "Enterprise", 0.5, 5000, "Paid Search 2025-01-15 > Events 2025-02-01"],
      ["O4", "Mid-Market", 0.333333333, 333.333333, "Events 2025-02-15 > Webinar 2025-02-20 > Paid Search 2025-02-25"],
      ["O3", "SMB", 1, 300, "Paid Search 2025-01-20"],
      ["O1", "SMB", 0.5, 50, "Webinar 2025-01-02 > Paid Search 2025-01-06"],
    ]);
    expect(r.totals[0]).toMatchObject({ deals: 4, amount: 11400, credited_amount: 5683.333333 });
    const matrix = await attribution(ws, { by: ["size"], model: "linear" });
    for (const size of ["SMB", "Mid-Market", "Enterprise"]) {
      const cell = matrix.rows.find((x) => x.size === size && x.channel === "Paid Search");
      expect(
        sumMicros(
          r.rows.filter((x) => x.size === size),
          "credited_amount",
        ),
        size,
      ).toBe(micros(cell?.pipeline));
    }
  });

  it("lists Unattributed deals at full amount, and every deal with its credits when no channel is given", async () => {
    const un = await deals(ws, { by: ["size"], model: "linear", channel: "Unattributed", limit: 0 });
    expect(un.rows.map((x) => [x.opportunity_id, x.credited_amount, x.journey])).toEqual([
      ["O5", 2000, null],
      ["O11", 700, null],
      ["O6", 500, null],
      ["O10", 400, null],
      ["O2", 200, null],
      ["O8", 0, null],
      ["O9", null, null], // no amount: nothing to credit, still listed
    ]);
    const all = await deals(ws, { model: "linear", limit: 0 });
    expect(all.rows).toHaveLength(11);
    expect(all.rows.find((x) => x.opportunity_id === "O4")?.credits).toBe("Events 0.333, Paid Search 0.333, Webinar 0.333");
    expect(all.totals[0]).toMatchObject({ deals: 11, amount: 15200, credited_amount: 15200 });
  });

  it("keeps the largest deals under --limit, with totals over every deal and a note", async () => {
    const r = await deals(ws, { model: "linear", channel: "Paid Search", limit: 2 });
    expect(r.rows.map((x) => x.opportunity_id)).toEqual(["O7", "O4"]);
    expect(r.totals[0]).toMatchObject({ deals: 4, credited_amount: 5683.333333 });
    expect(r.notes.some((n) => n.startsWith("showing the 2 largest of 4 deals"))).toBe(true);
  });

  it("`pipeprism deals` and `report deals` print the same, and refuse an unknown channel", async () => {
    const args = ["--by", "size", "--channel", "Events", "--model", "first_touch", "--as-of", GOLDEN_AS_OF, "--format", "json"];
    const a = await run(project.dir, "deals", ...args);
    const b = await run(project.dir, "report", "deals", ...args);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    const bad = await run(project.dir, "deals", "--channel", "Radio");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(
      '--channel: "Radio" is not a channel of this workspace (channels: Events, Paid Search, Webinar, Unattributed)',
    );
    const foreign = await run(project.dir, "report", "pipeline", "--channel", "Events");
    expect(foreign.code).toBe(2);
  });
});

describe("deals add up to the attribution cell for every model and channel (demo)", () => {
  let demo: DemoWorkspace;
  beforeAll(async () => {
    demo = await demoWorkspace({ seed: 5, scale: 0.1 });
  }, 120_000);
  afterAll(async () => demo?.close());

  const MODELS: { label: string; options: Record<string, unknown> }[] = [
    { label: "linear", options: { model: "linear" } },
    { label: "w_shaped revenue", options: { model: "w_shaped", stage: "revenue" } },
    { label: "time_decay", options: { model: "time_decay" } },
    { label: "markov order 2", options: { model: "markov", order: 2 } },
    { label: "shapley", options: { model: "shapley" } },
    { label: "lift", options: { model: "lift" } },
  ];

  for (const { label, options } of MODELS) {
    it(label, async () => {
      const matrix = await attribution(demo.ws, { by: ["size"], period: "2026", ...options });
      const channels = [...new Set(matrix.rows.map((r) => String(r.channel)))];
      expect(channels.length).toBeGreaterThan(3);
      for (const channel of channels) {
        const listed = await deals(demo.ws, { by: ["size"], period: "2026", channel, limit: 0, ...options });
        const sizes = new Set(listed.rows.map((r) => String(r.size)));
        for (const cell of matrix.rows.filter((r) => r.channel === channel)) {
          const rows = listed.rows.filter((r) => r.size === cell.size);
          expect(sumMicros(rows, "credited_amount"), `${channel} ${String(cell.size)}`).toBe(micros(cell.pipeline));
          expect(rows.reduce((s, r) => s + Number(r.credit), 0)).toBeCloseTo(Number(cell.opportunities), 6);
          sizes.delete(String(cell.size));
        }
        expect([...sizes], `${channel}: deals in no cell`).toEqual([]);
      }
    });
  }

  it("a --where on a --by dimension picks the cell without refitting; elsewhere it filters like attribution --where", async () => {
    const byCell = await deals(demo.ws, { by: ["size"], where: ["size=Enterprise"], model: "lift", channel: "Events", limit: 0 });
    const matrix = await attribution(demo.ws, { by: ["size"], model: "lift" });
    const cell = matrix.rows.find((r) => r.size === "Enterprise" && r.channel === "Events");
    expect(sumMicros(byCell.rows, "credited_amount")).toBe(micros(cell?.pipeline));
    expect(byCell.notes.some((n) => n.includes("picks cells of the --by size matrix"))).toBe(true);
    const filtered = await deals(demo.ws, { where: ["region=EMEA"], model: "lift", channel: "Events", limit: 0 });
    const filteredMatrix = await attribution(demo.ws, { where: ["region=EMEA"], model: "lift" });
    const events = filteredMatrix.rows.find((r) => r.channel === "Events");
    expect(sumMicros(filtered.rows, "credited_amount")).toBe(micros(events?.pipeline));
    expect(new Set(filtered.rows.map((r) => r.region))).toEqual(new Set(["EMEA"]));
  });
});
