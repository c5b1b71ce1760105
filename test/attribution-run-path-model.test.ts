// The single entry point: every model by name, results sorted by channel, totals exact, and an
// unknown name rejected with the list of valid ones.

import { describe, expect, it } from "vitest";
import type { PathRow } from "../src/attribution/paths.js";
import { PATH_MODEL_NAMES, runPathModel } from "../src/attribution/run-path-model.js";

const rows: PathRow[] = [
  { channels: ["b", "a", "c"], conversions: 3, value: 30, nulls: 2 },
  { channels: ["a"], conversions: 1, value: 5, nulls: 4 },
  { channels: ["c", "c", "b"], conversions: 0, value: 0, nulls: 5 },
  { channels: ["b", "c"], conversions: 2, value: 8, nulls: 1 },
];

describe("runPathModel", () => {
  for (const model of PATH_MODEL_NAMES) {
    it(`${model}: sorted channels, totals equal all conversions and value`, () => {
      const results = runPathModel(rows, { model });
      expect(results.map((r) => r.channel)).toEqual(["a", "b", "c"]);
      expect(results.reduce((a, r) => a + r.total_conversions, 0)).toBeCloseTo(6, 10);
      expect(results.reduce((a, r) => a + r.total_conversion_value, 0)).toBeCloseTo(43, 10);
    });
  }

  it("passes the Markov order and reports removal effects", () => {
    const [a] = runPathModel(rows, { model: "markov", order: 2 });
    expect(a?.removal_effect).toBeGreaterThan(0);
    expect(a?.removal_effect_value).toBeGreaterThan(0);
  });

  it("passes the Shapley coalition value", () => {
    const rate = runPathModel(rows, { model: "shapley" });
    const subset = runPathModel(rows, { model: "shapley", shapleyValue: "subset" });
    expect(rate).not.toEqual(subset);
    expect(rate.every((r) => r.std_error === 0)).toBe(true);
  });

  // Positions 0, 1, 2 with half-life 1: weights ¼, ½, 1 → b 1/7, a 2/7, c 4/7 of the first row.
  it("time_decay halves per position by default", () => {
    const results = runPathModel(rows.slice(0, 1), { model: "time_decay" });
    expect(results.map((r) => r.total_conversions / 3)).toEqual([
      expect.closeTo(2 / 7, 12),
      expect.closeTo(1 / 7, 12),
      expect.closeTo(4 / 7, 12),
    ]);
  });

  it("rejects an unknown model, listing the valid ones", () => {
    expect(() => runPathModel(rows, { model: "nope" })).toThrow(
      'unknown model "nope" (valid: first_touch, last_touch, linear, time_decay, u_shaped, w_shaped, j_shaped, inverse_j, full_path, markov, shapley, lift)',
    );
  });
});
