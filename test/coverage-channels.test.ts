// `report coverage --model M`: each segment's open pipeline for P split by channel. By hand on the
// golden fixture with two touches added on O5 (Mid-Market, 2,000 open at as-of, closing 2025-06-30
// in 2025-Q2, target 2,500); on the demo, for several models, each segment's channels add up to its
// open pipeline and coverage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { coverage } from "../src/report/library.js";
import type { Workspace } from "../src/workspace/workspace.js";
import { GOLDEN_AS_OF, goldenFixtureFiles } from "./golden/golden-fixture.js";
import { demoWorkspace, type DemoWorkspace } from "./helpers/demo-workspace.js";
import { openProject } from "./helpers/temp-workspace.js";

describe("coverage by channel, by hand", () => {
  let ws: Workspace;
  beforeAll(async () => {
    const files = goldenFixtureFiles();
    const touches = `${files["touchpoints.csv"] ?? ""}t10,A2,O5,2025-03-01,Events\nt11,A2,O5,2025-03-10,Webinar\n`;
    ({ ws } = await openProject({ ...files, "touchpoints.csv": touches }, GOLDEN_AS_OF));
  });
  afterAll(async () => ws?.close());

  it("splits O5's 2,000 over Events and Webinar under linear, each 1,000 / 2,500 = 0.4 of the target", async () => {
    const r = await coverage(ws, { by: ["size"], period: "2025-Q2", model: "linear" });
    const mm = r.rows
      .filter((x) => x.size === "Mid-Market")
      .map((x) => [x.channel, x.open_pipeline, x.share_of_open, x.target, x.coverage]);
    expect(mm).toEqual([
      ["Events", 1000, 0.5, 2500, 0.4],
      ["Webinar", 1000, 0.5, 2500, 0.4],
    ]);
    const segment = r.totals.find((t) => t.total_of === "segment" && t.size === "Mid-Market");
    expect(segment).toMatchObject({ open_pipeline: 2000, target: 2500, coverage: 0.8 });
    // first touch gives O5 wholly to Events; Webinar, touched, is listed with nothing
    const first = await coverage(ws, { by: ["size"], period: "2025-Q2", model: "first_touch" });
    expect(first.rows.filter((x) => x.size === "Mid-Market").map((x) => [x.channel, x.coverage])).toEqual([
      ["Events", 0.8],
      ["Webinar", 0],
    ]);
  });
});

describe("a segment's channels add up to its coverage (demo)", () => {
  let demo: DemoWorkspace;
  beforeAll(async () => {
    demo = await demoWorkspace({ seed: 4, scale: 0.1 });
  }, 120_000);
  afterAll(async () => demo?.close());

  for (const model of ["linear", "markov", "lift"]) {
    it(model, async () => {
      const plain = await coverage(demo.ws, { by: ["size"], period: "2026-Q4" });
      const split = await coverage(demo.ws, { by: ["size"], period: "2026-Q4", model });
      expect(split.rows.length).toBeGreaterThan(plain.rows.length);
      for (const segment of plain.rows) {
        const channels = split.rows.filter((r) => r.size === segment.size);
        expect(
          channels.reduce((s, r) => s + Number(r.open_pipeline), 0),
          String(segment.size),
        ).toBeCloseTo(Number(segment.open_pipeline), 2);
        if (typeof segment.coverage === "number")
          expect(channels.reduce((s, r) => s + Number(r.coverage), 0)).toBeCloseTo(segment.coverage, 9);
        expect(split.totals.find((t) => t.total_of === "segment" && t.size === segment.size)).toMatchObject({
          open_pipeline: segment.open_pipeline,
          target: segment.target,
        });
      }
    });
  }
});
