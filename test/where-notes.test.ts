// What --where changes beyond the rows it keeps is said in the report: population-relative columns
// (shrunk win rate, % of chan), a filter on a field only opportunities carry (the non-converting
// journeys a fitted model contrasts with are left out — checked against the model's own input
// counts), and validate scores measured on the whole workspace. Reports where none of this applies
// carry no such note.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { planAttribution } from "../src/report/attribution.js";
import { compileCreditInputs } from "../src/report/attribution-credits.js";
import { attribution, models, pipeline, winrate } from "../src/report/library.js";
import { baseContext, runQuery } from "../src/report/run-query.js";
import { parseSegmentFilters } from "../src/model/segment-filter.js";
import { demoWorkspace, type DemoWorkspace } from "./helpers/demo-workspace.js";
import { run } from "./helpers/run-cli.js";

let demo: DemoWorkspace;
beforeAll(async () => {
  demo = await demoWorkspace({ seed: 8, scale: 0.1 });
}, 120_000);
afterAll(async () => demo?.close());

const fromWhere = (notes: readonly string[]) => notes.filter((n) => n.startsWith("--where"));

/** Non-converting journeys the model's set counts hold under a --where filter. */
async function nullJourneys(where: string): Promise<number> {
  const ws = { ...demo.ws, where: parseSegmentFilters(where) };
  const plan = await planAttribution(ws, { model: "shapley" });
  const [, sets] = compileCreditInputs(plan.credits, baseContext(ws));
  if (!sets) throw new Error("shapley compiles its set counts");
  return (await runQuery(ws, sets)).reduce((s, r) => s + Number(r.nulls), 0);
}

describe("--where notes", () => {
  it("say when an opportunity-only field leaves the non-converting journeys out, and only then", async () => {
    expect(demo.ws.config.segments.motion?.field).toBe("motion"); // a column of opportunities only
    expect(await nullJourneys("motion=inbound")).toBe(0);
    expect(await nullJourneys("region=EMEA")).toBeGreaterThan(0);
    const byMotion = await attribution(demo.ws, { model: "markov", where: ["motion=inbound"] });
    expect(fromWhere(byMotion.notes).some((n) => n.startsWith("--where motion: motion is a field of opportunities only"))).toBe(true);
    const byRegion = await attribution(demo.ws, { model: "markov", where: ["region=EMEA"] });
    expect(fromWhere(byRegion.notes).some((n) => n.includes("field of opportunities only"))).toBe(false);
    // A position model fits nothing, and at revenue stage the non-converting journeys are lost deals.
    const linear = await attribution(demo.ws, { model: "linear", where: ["motion=inbound"] });
    expect(fromWhere(linear.notes).some((n) => n.includes("field of opportunities only"))).toBe(false);
    const revenue = await attribution(demo.ws, { model: "markov", stage: "revenue", where: ["motion=inbound"] });
    expect(fromWhere(revenue.notes).some((n) => n.includes("field of opportunities only"))).toBe(false);
  });

  it("name the population-relative columns a report shows", async () => {
    const rates = await winrate(demo.ws, { by: ["size"], where: ["region=EMEA"] });
    expect(fromWhere(rates.notes)).toEqual([
      "--where region=EMEA: shrunk win rates pull thin segments toward the filtered opportunities' win rate — not the whole workspace's, so they can differ from the same segment's row in an unfiltered report.",
    ]);
    const lift = await attribution(demo.ws, { by: ["size"], model: "lift", where: ["region=EMEA,NA"] });
    expect(fromWhere(lift.notes)[0]).toContain(
      "% of chan divides by the channel's filtered pipeline; lift's per-segment fits pool toward a fit on the filtered journeys",
    );
    expect(fromWhere((await pipeline(demo.ws, { by: ["size"], where: ["region=EMEA"] })).notes)).toEqual([]);
    expect(fromWhere((await winrate(demo.ws, { by: ["size"] })).notes)).toEqual([]);
  });

  it("say that validate scores were measured on the whole workspace", async () => {
    expect((await run(demo.dir, "validate", "--journeys", "1000", "--seed", "1", "--format", "json")).code).toBe(0);
    const filtered = await models(demo.ws, { where: ["region=EMEA"] });
    expect((filtered.params.validate as { status: string }).status).toBe("current");
    expect(fromWhere(filtered.notes)).toContain(
      "--where region=EMEA: the validate scores above were measured on journeys shaped like the whole workspace, not this filtered part of it.",
    );
    expect(fromWhere((await models(demo.ws, {})).notes)).toEqual([]);
  });
});
