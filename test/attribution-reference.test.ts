// pipeprism's path models against two established tools run on ChannelAttribution's Data.csv
// (../shared/data/channelattribution, see its README for provenance and tolerances).

import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { parsePathFile } from "../src/attribution/path-file.js";
import { totalValue, type PathRow } from "../src/attribution/paths.js";
import { runPathModel } from "../src/attribution/run-path-model.js";
import type { ChannelResult } from "../src/attribution/channel-result.js";
import { describeShared } from "./helpers/shared-data.js";

type Table = Record<string, string>[];

/** The reference CSVs are plain (R quotes names, no embedded commas). */
function readTable(file: string): Table {
  const [header = "", ...lines] = readFileSync(file, "utf8").trim().split(/\r?\n/);
  const names = header.split(",").map((h) => h.replace(/"/g, ""));
  return lines.map((l) => Object.fromEntries(l.split(",").map((v, i) => [names[i], v.replace(/"/g, "")])));
}

function lookup(table: Table, key: string): Map<string, Record<string, string>> {
  return new Map(table.map((r) => [r[key] ?? "", r]));
}

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** Every channel of `ours` against column `column` of the reference, as max relative / absolute difference. */
function compare(
  ours: readonly ChannelResult[],
  reference: Map<string, Record<string, string>>,
  pick: (r: ChannelResult) => number,
  column: string,
) {
  let maxRelative = 0;
  let maxAbsolute = 0;
  for (const r of ours) {
    const expected = Number(reference.get(r.channel)?.[column]);
    expect(Number.isFinite(expected), `${r.channel} in reference`).toBe(true);
    maxAbsolute = Math.max(maxAbsolute, Math.abs(pick(r) - expected));
    if (expected !== 0) maxRelative = Math.max(maxRelative, relative(pick(r), expected));
  }
  expect(reference.size).toBe(ours.length);
  return { maxRelative, maxAbsolute };
}

const conversions = (r: ChannelResult) => r.total_conversions;
const value = (r: ChannelResult) => r.total_conversion_value;
const removal = (r: ChannelResult) => r.removal_effect ?? NaN;

describeShared("ChannelAttribution Data.csv", (data) => {
  const dir = `${data}channelattribution/`;
  const parsed = parsePathFile(readFileSync(`${dir}Data.csv`, "utf8"), { file: "Data.csv" });
  const rows: PathRow[] = parsed.rows;
  const ALL = 19_785;

  it("parses all 10,000 paths with the README's totals", () => {
    expect(parsed.problems).toEqual([]);
    expect(rows).toHaveLength(10_000);
    expect(rows.reduce((a, r) => a + r.conversions, 0)).toBe(ALL);
    expect(rows.reduce((a, r) => a + r.nulls, 0)).toBe(68_602);
    expect(totalValue(rows)).toBeCloseTo(74_802.97, 1); // the README rounds to cents
  });

  it("first/last/linear equal ChannelAttribution 2.2.4 heuristic_models.csv to 1e-6 (conversions and value)", () => {
    const ref = lookup(readTable(`${dir}channelattribution-2.2.4/heuristic_models.csv`), "channel_name");
    for (const [model, prefix] of [
      ["first_touch", "first_touch"],
      ["last_touch", "last_touch"],
      ["linear", "linear_touch"],
    ] as const) {
      const ours = runPathModel(rows, { model });
      expect(compare(ours, ref, conversions, `${prefix}_conversions`).maxRelative).toBeLessThan(1e-6);
      expect(compare(ours, ref, value, `${prefix}_value`).maxRelative).toBeLessThan(1e-6);
    }
  });

  it("first/last/linear/u_shaped equal DP6 1.0.11 dp6_heuristic.csv (position 40/20/40) to 1e-6", () => {
    const ref = lookup(readTable(`${dir}dp6-1.0.11/dp6_heuristic.csv`), "channel");
    for (const [model, column] of [
      ["first_touch", "first_click"],
      ["last_touch", "last_click"],
      ["linear", "linear"],
      ["u_shaped", "position_based_40_20_40"],
    ] as const) {
      expect(compare(runPathModel(rows, { model }), ref, conversions, column).maxRelative).toBeLessThan(1e-6);
    }
  });

  it("Markov order 1 equals DP6's exact solution to 1e-6 (conversions and removal effects)", () => {
    const ref = lookup(readTable(`${dir}dp6-1.0.11/dp6_markov.csv`), "channel");
    const ours = runPathModel(rows, { model: "markov", order: 1 });
    expect(compare(ours, ref, conversions, "total_conversions").maxRelative).toBeLessThan(1e-6);
    expect(compare(ours, ref, removal, "removal_effect").maxRelative).toBeLessThan(1e-6);
  });

  for (const order of [1, 2, 3]) {
    it(`Markov order ${order} is within 0.5 % of all conversions of ChannelAttribution 2.0.7 (nsim 1e7)`, () => {
      const ref = lookup(readTable(`${dir}channelattribution-2.0.7-nsim1e7/channelattribution_markov_order${order}.csv`), "channel_name");
      const ours = runPathModel(rows, { model: "markov", order });
      expect(compare(ours, ref, conversions, "total_conversions").maxAbsolute).toBeLessThan(0.005 * ALL);
      expect(compare(ours, ref, removal, "removal_effects_conversion").maxAbsolute).toBeLessThan(0.005);
    });

    it(`Markov order ${order} is within 1 % of all conversions (and value) of ChannelAttribution 2.2.4 defaults`, () => {
      const result = lookup(readTable(`${dir}channelattribution-2.2.4/markov_order${order}_result.csv`), "channel_name");
      const ours = runPathModel(rows, { model: "markov", order });
      expect(compare(ours, result, conversions, "total_conversions").maxAbsolute).toBeLessThan(0.01 * ALL);
      // Its value is simulated too (values drawn per simulated conversion): noisier, same bound.
      expect(compare(ours, result, value, "total_conversion_value").maxAbsolute).toBeLessThan(0.01 * totalValue(rows));
    });
  }

  it("exact results are identical from run to run", () => {
    for (const order of [1, 2, 3, 4]) {
      expect(runPathModel(rows, { model: "markov", order })).toEqual(runPathModel(rows, { model: "markov", order }));
    }
    expect(runPathModel(rows, { model: "shapley" })).toEqual(runPathModel(rows, { model: "shapley" }));
  });

  it("Shapley (both coalition values) is exact here and credits every conversion", () => {
    for (const shapleyValue of ["rate", "subset"] as const) {
      const ours = runPathModel(rows, { model: "shapley", shapleyValue });
      expect(ours.reduce((a, r) => a + r.total_conversions, 0)).toBeCloseTo(ALL, 6);
      expect(ours.every((r) => r.std_error === 0)).toBe(true);
    }
  });
});
