// Markov attribution on small chains solved by hand, the state definition for higher orders,
// the two solvers against each other, and the exact value definition against a simulation of
// ChannelAttribution's own algorithm.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { denseAtStart, iterativeAtStart } from "../src/attribution/absorption.js";
import { buildMarkovChain } from "../src/attribution/markov-chain.js";
import { fitMarkov, runMarkov } from "../src/attribution/markov.js";
import type { PathRow } from "../src/attribution/paths.js";
import { at } from "../src/attribution/checked-at.js";
import { mulberry32 } from "../src/attribution/prng.js";

const row = (path: string, conversions: number, nulls: number, value = 0): PathRow => ({
  channels: path.split(" > "),
  conversions,
  value,
  nulls,
});
const byChannel = (rows: readonly PathRow[], order = 1) => new Map(runMarkov(rows, order).map((r) => [r.channel, r]));

describe("order 1, three channels, solved by hand", () => {
  // Paths: A > B (1 conv, 1 null), A > C (0, 2), B (1, 0), C > B (1, 1).
  // Transition counts (each step weighted by conv + null):
  //   start → A 4, start → B 1, start → C 2          (total 7)
  //   A → B 2, A → C 2                               (total 4)
  //   B → conv 3, B → null 2                         (total 5)
  //   C → B 2, C → null 2                            (total 4)
  // x_s = P(conversion | at s):
  //   x_B = 3/5, x_C = ½·x_B = 3/10, x_A = ½·x_B + ½·x_C = 9/20,
  //   x_start = (4·x_A + 1·x_B + 2·x_C) / 7 = (9/5 + 3/5 + 3/5) / 7 = 3/7.
  // Removing A (x_A = 0): x_start = (3/5 + 3/5)/7 = 6/35 → RE_A = 1 − (6/35)/(3/7) = 3/5.
  // Removing B: x_B = x_C = x_A = 0 → RE_B = 1.
  // Removing C: x_A = 3/10 → x_start = (6/5 + 3/5)/7 = 9/35 → RE_C = 1 − 3/5 = 2/5.
  // Σ RE = 2 → shares .3 / .5 / .2 of 3 conversions → A .9, B 1.5, C .6.
  const rows = [row("A > B", 1, 1), row("A > C", 0, 2), row("B", 1, 0), row("C > B", 1, 1)];

  it("conversion probability and removal effects", () => {
    const fit = fitMarkov(rows, 1);
    expect(fit.conversionProbability).toBeCloseTo(3 / 7, 14);
    expect(fit.stateCount).toBe(3);
    expect(fit.removalEffects.get("A")).toBeCloseTo(0.6, 14);
    expect(fit.removalEffects.get("B")).toBeCloseTo(1, 14);
    expect(fit.removalEffects.get("C")).toBeCloseTo(0.4, 14);
  });

  it("channel totals", () => {
    const r = byChannel(rows);
    expect(r.get("A")?.total_conversions).toBeCloseTo(0.9, 12);
    expect(r.get("B")?.total_conversions).toBeCloseTo(1.5, 12);
    expect(r.get("C")?.total_conversions).toBeCloseTo(0.6, 12);
  });
});

describe("value attribution, solved by hand", () => {
  // Paths: A (1 conv worth 8, 1 null), B (1 conv worth 2, 1 null), A > B (1 conv worth 4, 1 null).
  //   start → A 4, start → B 2; A → B 2, A → conv 1, A → null 1; B → conv 2, B → null 2.
  // A conversion leaving A is worth the mean of those observed there (8); leaving B, (2 + 4)/2 = 3.
  // Conversions: x_B = 1/2, x_A = 1/4 + ½·x_B = 1/2, x_start = (4·½ + 2·½)/6 = 1/2.
  //   without A: (2·½)/6 = 1/6 → RE_A = 2/3; without B: x_A = 1/4 → (4·¼)/6 = 1/6 → RE_B = 2/3.
  // Value: y_B = ½·3 = 3/2, y_A = ¼·8 + ½·y_B = 11/4, y_start = (4·11/4 + 2·3/2)/6 = 7/3 (= 14 / 6 journeys).
  //   without A: y_start = (2·3/2)/6 = 1/2 → REV_A = 1 − (1/2)/(7/3) = 11/14;
  //   without B: y_A = 2 → y_start = 8/6 → REV_B = 1 − (4/3)/(7/3) = 3/7.
  // Value shares 11/17 and 6/17 of 14 → A 154/17, B 84/17.
  const rows = [row("A", 1, 1, 8), row("B", 1, 1, 2), row("A > B", 1, 1, 4)];

  it("expected value and value removal effects", () => {
    const fit = fitMarkov(rows);
    expect(fit.expectedValue).toBeCloseTo(7 / 3, 14);
    expect(fit.valueRemovalEffects.get("A")).toBeCloseTo(11 / 14, 14);
    expect(fit.valueRemovalEffects.get("B")).toBeCloseTo(3 / 7, 14);
  });

  it("conversions split evenly, value by value removal effects", () => {
    const r = byChannel(rows);
    expect(r.get("A")?.total_conversions).toBeCloseTo(1.5, 12);
    expect(r.get("B")?.total_conversions).toBeCloseTo(1.5, 12);
    expect(r.get("A")?.total_conversion_value).toBeCloseTo(154 / 17, 12);
    expect(r.get("B")?.total_conversion_value).toBeCloseTo(84 / 17, 12);
    expect(r.get("A")?.removal_effect_value).toBeCloseTo(11 / 14, 12);
  });
});

// The reach example of docs/attribution.md: A (2 conv), A > B (1 conv), B (3 nulls).
//   start → A 3, start → B 3; A → B 1, A → conv 2; B → conv 1, B → null 3.
//   x_B = 1/4, x_A = 2/3 + 1/3·1/4 = 3/4, x_start = (3·3/4 + 3·1/4)/6 = 1/2.
//   Without A: (3·1/4)/6 = 1/8 → RE_A = 3/4. Without B: x_A = 2/3 → (3·2/3)/6 = 1/3 → RE_B = 1/3.
//   Shares 9/13 and 4/13 of 3 → B gets 12/13 although B alone never converts.
describe("reach is not lift", () => {
  it("B earns Markov credit by being on a converting path", () => {
    const r = byChannel([row("A", 2, 0), row("A > B", 1, 0), row("B", 0, 3)]);
    expect(r.get("A")?.removal_effect).toBeCloseTo(3 / 4, 14);
    expect(r.get("B")?.removal_effect).toBeCloseTo(1 / 3, 14);
    expect(r.get("B")?.total_conversions).toBeCloseTo(12 / 13, 12);
  });
});

describe("higher orders", () => {
  it("states are windows of k channels; shorter journeys are one state; repeats merge", () => {
    const chain = buildMarkovChain([row("A > B > C", 1, 0), row("A", 0, 1), row("A > A > A", 0, 1)], 2);
    const names = chain.stateChannels.map((ids) => ids.map((id) => chain.channels[id]).join(","));
    expect(names).toEqual(["", "A,B", "B,C", "A", "A,A"]);
    // A > A > A gives windows (A,A), (A,A): merged, so (A,A) has no self-loop.
    const aa = names.indexOf("A,A");
    expect(aa).toBeGreaterThan(0);
    expect(chain.rowStart[aa + 1]).toBe(chain.rowStart[aa]);
  });

  it("order 1 drops self-transitions", () => {
    const chain = buildMarkovChain([row("A > A > B", 1, 0)], 1);
    expect(chain.stateChannels).toEqual([[], [0], [1]]);
    expect(Array.from(chain.target)).toEqual([1, 2]);
  });

  // Paths: A > B (1, 0), B > A (0, 1), A (1, 1). Order-2 states (A,B), (B,A), (A):
  //   start → (A,B) 1, start → (B,A) 1, start → (A) 2; (A,B) → conv; (B,A) → null; (A) → ½ conv.
  //   x_start = (1 + 0 + 2·½)/4 = ½. Every state holds A → RE_A = 1.
  //   Without B: only (A) remains → x_start = (2·½)/4 = ¼ → RE_B = ½. Shares 2/3, 1/3 of 2.
  it("order 2 by hand", () => {
    const rows = [row("A > B", 1, 0), row("B > A", 0, 1), row("A", 1, 1)];
    const fit = fitMarkov(rows, 2);
    expect(fit.conversionProbability).toBeCloseTo(0.5, 14);
    expect(fit.removalEffects.get("A")).toBeCloseTo(1, 14);
    expect(fit.removalEffects.get("B")).toBeCloseTo(0.5, 14);
    const r = byChannel(rows, 2);
    expect(r.get("A")?.total_conversions).toBeCloseTo(4 / 3, 12);
    expect(r.get("B")?.total_conversions).toBeCloseTo(2 / 3, 12);
  });

  it("rejects orders outside 1..4", () => {
    expect(() => fitMarkov([row("A", 1, 0)], 0)).toThrow(/1\.\.4/);
    expect(() => fitMarkov([row("A", 1, 0)], 5)).toThrow(/1\.\.4/);
    expect(() => fitMarkov([row("A", 1, 0)], 1.5)).toThrow(/1\.\.4/);
  });
});

describe("edge cases", () => {
  it("no conversions: zero effects and totals, every channel listed", () => {
    const r = runMarkov([row("A > B", 0, 3)]);
    expect(r.map((x) => [x.channel, x.total_conversions, x.removal_effect])).toEqual([
      ["A", 0, 0],
      ["B", 0, 0],
    ]);
  });
  it("rows without journeys are ignored", () => {
    const r = byChannel([row("A", 2, 2), row("Z", 0, 0)]);
    expect(r.get("A")?.total_conversions).toBe(2);
    expect(r.get("Z")?.total_conversions).toBe(0);
  });
});

/** A random chain with `n` states, each leaving to up to 4 states and to conversion/null. */
function randomRows(n: number, seed: number): PathRow[] {
  const random = mulberry32(seed);
  const channel = () => `c${Math.floor(random() * n)}`;
  return Array.from({ length: 3 * n }, () => ({
    channels: Array.from({ length: 1 + Math.floor(random() * 8) }, channel),
    conversions: Math.floor(random() * 3),
    value: random() * 10,
    nulls: Math.floor(random() * 4),
  }));
}

describe("solvers agree", () => {
  it("Gauss–Seidel equals Gaussian elimination on a 300-state chain, with and without removals", () => {
    const chain = buildMarkovChain(randomRows(300, 7), 1);
    const rhs = [chain.toConversion, chain.toValue];
    const none = new Uint8Array(chain.stateChannels.length);
    const someRemoved = Uint8Array.from(chain.stateChannels, (ids) => (ids.includes(3) ? 1 : 0));
    for (const removed of [none, someRemoved]) {
      const dense = denseAtStart(chain, rhs, removed);
      const iterative = iterativeAtStart(chain, rhs, removed);
      expect(iterative).toHaveLength(dense.length);
      dense.forEach((d, i) => expect(Math.abs(at(iterative, i) - d) / d).toBeLessThan(1e-12));
    }
  });

  it("identical results twice", () => {
    const rows = randomRows(40, 3);
    expect(runMarkov(rows, 3)).toEqual(runMarkov(rows, 3));
  });
});

/**
 * ChannelAttribution's estimator, re-implemented independently for order 1: simulate journeys
 * from the fitted chain, and among converting ones count which channels were visited (weighted by
 * a value drawn from the conversions observed at the last state). Its expectation is exactly the
 * removal effect / value removal effect computed by the linear solve.
 */
function simulateChannelAttribution(rows: readonly PathRow[], journeys: number, seed: number) {
  const next = new Map<string, Map<string, number>>();
  const values = new Map<string, number[]>();
  const add = (from: string, to: string, w: number) => {
    const m = next.get(from) ?? new Map<string, number>();
    m.set(to, (m.get(to) ?? 0) + w);
    next.set(from, m);
  };
  for (const r of rows) {
    const path = r.channels.filter((c, i) => i === 0 || c !== r.channels[i - 1]);
    let last = "(start)";
    for (const c of path) {
      add(last, c, r.conversions + r.nulls);
      last = c;
    }
    add(last, "(conversion)", r.conversions);
    add(last, "(null)", r.nulls);
    for (let k = 0; k < r.conversions; k++) values.set(last, [...(values.get(last) ?? []), r.value / r.conversions]);
  }
  const random = mulberry32(seed);
  const pick = (m: Map<string, number>) => {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    let u = random() * total;
    for (const [k, w] of m) if ((u -= w) < 0) return k;
    return at([...m.keys()], m.size - 1);
  };
  const visits = new Map<string, number>();
  const valueVisits = new Map<string, number>();
  let conversions = 0;
  let value = 0;
  for (let j = 0; j < journeys; j++) {
    const seen = new Set<string>();
    let state = "(start)";
    let last = state;
    while (state !== "(conversion)" && state !== "(null)") {
      last = state;
      state = pick(next.get(state) ?? new Map());
      if (state !== "(conversion)" && state !== "(null)") seen.add(state);
    }
    if (state !== "(conversion)") continue;
    const observed = values.get(last) ?? [0];
    const v = at(observed, Math.floor(random() * observed.length));
    conversions++;
    value += v;
    for (const c of seen) {
      visits.set(c, (visits.get(c) ?? 0) + 1);
      valueVisits.set(c, (valueVisits.get(c) ?? 0) + v);
    }
  }
  return { re: (c: string) => (visits.get(c) ?? 0) / conversions, rev: (c: string) => (valueVisits.get(c) ?? 0) / value };
}

describe("exact removal effects = expectation of ChannelAttribution's simulation", () => {
  it("on a small random chain, within 0.01", () => {
    const rows = randomRows(5, 11);
    const fit = fitMarkov(rows);
    const sim = simulateChannelAttribution(rows, 200_000, 5);
    for (const [channel, re] of fit.removalEffects) {
      expect(Math.abs(sim.re(channel) - re)).toBeLessThan(0.01);
      expect(Math.abs(sim.rev(channel) - (fit.valueRemovalEffects.get(channel) ?? 0))).toBeLessThan(0.01);
    }
  });
});

// The fitted chain conserves flow (every journey entering a state leaves it), so its expected
// visits equal the observed ones and P(conversion) is the observed conversion rate, at any order.
describe("the fitted chain reproduces the observed totals", () => {
  const rows = fc.array(
    fc.record({
      channels: fc.array(fc.constantFrom("A", "B", "C", "D"), { minLength: 1, maxLength: 8 }),
      conversions: fc.integer({ min: 0, max: 5 }),
      value: fc.double({ min: 0, max: 100, noNaN: true }),
      nulls: fc.integer({ min: 0, max: 5 }),
    }),
    { minLength: 1, maxLength: 30 },
  );
  for (const order of [1, 2, 3, 4]) {
    it(`order ${order}: P(conversion) and expected value`, () => {
      fc.assert(
        fc.property(rows, (rs: PathRow[]) => {
          const journeys = rs.reduce((a, r) => a + r.conversions + r.nulls, 0);
          fc.pre(journeys > 0);
          const fit = fitMarkov(rs, order);
          const conversions = rs.reduce((a, r) => a + r.conversions, 0);
          const value = rs.reduce((a, r) => a + (r.conversions > 0 ? r.value : 0), 0);
          expect(fit.conversionProbability).toBeCloseTo(conversions / journeys, 12);
          expect(fit.expectedValue).toBeCloseTo(value / journeys, 10);
          for (const re of fit.removalEffects.values()) expect(re).toBeGreaterThanOrEqual(0);
        }),
        { numRuns: 100 },
      );
    });
  }
});
