// Shapley attribution against an independent brute force over all n! orderings, hand examples
// for both coalition values, and the seeded Monte-Carlo estimator.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { at } from "../src/attribution/checked-at.js";
import type { PathRow } from "../src/attribution/paths.js";
import { mulberry32 } from "../src/attribution/prng.js";
import { exactShapley } from "../src/attribution/shapley-exact.js";
import { valuesOnSubsets, type CoalitionValue } from "../src/attribution/shapley-game.js";
import { sampledShapley } from "../src/attribution/shapley-sampled.js";
import { creditRow, fitShapley, runShapley } from "../src/attribution/shapley.js";

const row = (path: string, conversions: number, nulls: number, value = 0): PathRow => ({
  channels: path.split(" > "),
  conversions,
  value,
  nulls,
});
const byChannel = (rows: readonly PathRow[], coalition: CoalitionValue) =>
  new Map(runShapley(rows, { coalition }).map((r) => [r.channel, r.total_conversions]));

// --- an independent reference, written from the definitions only -------------------------------

/** v(T) straight from the rows: exact-set conversion rate, or conversions of sets inside T. */
function coalitionValue(rows: readonly PathRow[], coalition: ReadonlySet<string>, kind: CoalitionValue): number {
  let conversions = 0;
  let journeys = 0;
  for (const r of rows) {
    const set = new Set(r.channels);
    const inside = [...set].every((c) => coalition.has(c));
    if (kind === "subset" && inside) conversions += r.conversions;
    if (kind === "rate" && inside && set.size === coalition.size) {
      conversions += r.conversions;
      journeys += r.conversions + r.nulls;
    }
  }
  if (kind === "subset") return conversions;
  return journeys > 0 ? conversions / journeys : 0;
}

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}

/** Average marginal contribution over every ordering, clipped at 0 and normalised. */
function bruteForceShares(rows: readonly PathRow[], players: readonly string[], kind: CoalitionValue): Map<string, number> | null {
  const phi = new Map(players.map((p) => [p, 0]));
  const orders = permutations(players);
  for (const order of orders) {
    const coalition = new Set<string>();
    for (const p of order) {
      const before = coalitionValue(rows, coalition, kind);
      coalition.add(p);
      phi.set(p, (phi.get(p) ?? 0) + (coalitionValue(rows, coalition, kind) - before) / orders.length);
    }
  }
  const total = [...phi.values()].reduce((a, v) => a + Math.max(0, v), 0);
  return total > 0 ? new Map([...phi].map(([p, v]) => [p, Math.max(0, v) / total])) : null;
}

const smallRows = fc.array(
  fc.record({
    channels: fc.array(fc.constantFrom("A", "B", "C", "D", "E"), { minLength: 1, maxLength: 6 }),
    conversions: fc.integer({ min: 0, max: 9 }),
    value: fc.constant(0),
    nulls: fc.integer({ min: 0, max: 9 }),
  }),
  { minLength: 1, maxLength: 25 },
);

describe("exact Shapley = brute force over all orderings", () => {
  for (const kind of ["rate", "subset"] as const) {
    it(`${kind} games on random data (up to 5 channels, 120 orderings)`, () => {
      fc.assert(
        fc.property(smallRows, fc.array(fc.constantFrom("A", "B", "C", "D", "E"), { minLength: 1, maxLength: 5 }), (rows, journey) => {
          const players = [...new Set(journey)].sort();
          const expected = bruteForceShares(rows, players, kind);
          const { shares, channels } = fitShapley(rows, { coalition: kind }).sharesFor(journey);
          expect([...channels].sort()).toEqual(players);
          if (expected === null) expect(shares).toBeNull();
          else channels.forEach((c, i) => expect(shares?.[i]).toBeCloseTo(expected.get(c) ?? NaN, 12));
        }),
        { numRuns: 200 },
      );
    });
  }
});

describe("hand examples", () => {
  // A (2 conv, 0 null), A > B (1, 0), B (0, 3).
  const rows = [row("A", 2, 0), row("A > B", 1, 0), row("B", 0, 3)];

  // subset: v(A) = 2, v(B) = 0, v(AB) = 3. φ_A = ½·2 + ½·(3 − 0) = 2.5, φ_B = ½·0 + ½·(3 − 2) = .5.
  // A > B splits 5/6, 1/6; A alone keeps its 2 → A 2 + 5/6, B 1/6. B earns credit by reach alone.
  it("subset", () => {
    const r = byChannel(rows, "subset");
    expect(r.get("A")).toBeCloseTo(2 + 5 / 6, 12);
    expect(r.get("B")).toBeCloseTo(1 / 6, 12);
  });

  // rate: v(A) = 2/2 = 1, v(B) = 0/3 = 0, v(AB) = 1/1 = 1. φ_A = ½·1 + ½·(1 − 0) = 1,
  // φ_B = ½·0 + ½·(1 − 1) = 0 → A gets all 3 conversions: B adds no lift.
  it("rate", () => {
    const r = byChannel(rows, "rate");
    expect(r.get("A")).toBeCloseTo(3, 12);
    expect(r.get("B")).toBeCloseTo(0, 12);
  });

  // rate with a harmful channel: A (4 conv, 1 null) → .8; B (0, 2) → 0; A > B (2, 3) → .4.
  // φ_A = ½·.8 + ½·(.4 − 0) = .6, φ_B = ½·0 + ½·(.4 − .8) = −.2 → clipped to 0: A takes A > B whole.
  it("negative values are clipped", () => {
    const r = byChannel([row("A", 4, 1), row("B", 0, 2), row("A > B", 2, 3)], "rate");
    expect(r.get("A")).toBeCloseTo(6, 12);
    expect(r.get("B")).toBe(0);
  });

  // A set nobody was seen with has v ≡ 0: nothing positive → linear over the journey's touches.
  it("nothing positive falls back to linear over touches", () => {
    const set = fitShapley(rows).sharesFor(["X", "Y", "X"]);
    expect(set.shares).toBeNull();
    const credit = creditRow(row("X > Y > X", 3, 0), set);
    expect(credit.get("X")).toBeCloseTo(2 / 3, 12);
    expect(credit.get("Y")).toBeCloseTo(1 / 3, 12);
  });

  it("values follow the conversion credits, and totals add up", () => {
    const withValue = [row("A", 2, 0, 20), row("A > B", 1, 0, 12), row("B", 0, 3)];
    const r = runShapley(withValue, { coalition: "subset" });
    expect(r.map((x) => x.channel)).toEqual(["A", "B"]);
    expect(r.map((x) => x.total_conversion_value)).toEqual([expect.closeTo(20 + 10, 12), expect.closeTo(2, 12)]);
    expect(r.every((x) => x.std_error === 0)).toBe(true);
  });
});

describe("Monte-Carlo Shapley", () => {
  /** A random tabulated game on k players with v(∅) = 0. */
  function randomGame(k: number, seed: number): Float64Array {
    const random = mulberry32(seed);
    const v = Float64Array.from({ length: 1 << k }, () => random());
    v[0] = 0;
    return v;
  }
  const oracle = (v: Float64Array) => (inside: Uint8Array) =>
    at(
      v,
      inside.reduce((m, x, j) => m | (x << j), 0),
    );

  it("is reproducible with a seed and within 4 standard errors of the exact values", () => {
    const v = randomGame(6, 1);
    const a = sampledShapley(oracle(v), 6, 20_000, mulberry32(9));
    const b = sampledShapley(oracle(v), 6, 20_000, mulberry32(9));
    expect(a).toEqual(b);
    const exact = exactShapley(v, 6);
    exact.forEach((phi, i) => {
      expect(a.stdError[i]).toBeGreaterThan(0);
      expect(Math.abs(at(a.phi, i) - phi)).toBeLessThan(4 * at(a.stdError, i));
    });
  });
});

describe("Shapley on large channel sets: exact, from the observed sets alone", () => {
  /** Random rows over `k` channels ch00..: a grand journey plus subsets (some converting, some not). */
  function randomRows(k: number, n: number, seed: number): PathRow[] {
    const channels = Array.from({ length: k }, (_, i) => `ch${String(i).padStart(2, "0")}`);
    const random = mulberry32(seed);
    const rows: PathRow[] = [row(channels.join(" > "), 10, 5)];
    for (let i = 0; i < n; i++) {
      const sub = channels.filter(() => random() < 0.3);
      if (sub.length > 0) rows.push(row(sub.join(" > "), Math.floor(random() * 5), Math.floor(random() * 5)));
    }
    return rows;
  }

  // The second method: tabulate v over all 2^k coalitions and run the weighted enumeration.
  for (const kind of ["rate", "subset"] as const) {
    it(`${kind}: equals enumeration over all 2^k coalitions on random sets (k up to 12), with no standard error`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 40 }), fc.integer(), (k, n, seed) => {
          const rows = randomRows(k, n, seed);
          const channels = rows[0]?.channels ?? [];
          const set = fitShapley(rows, { coalition: kind }).sharesFor(channels);
          const phi = exactShapley(
            valuesOnSubsets(
              channels.map((_, i) => i),
              { kind, sets: observed(rows) },
            ),
            k,
          );
          const total = phi.reduce((a, p) => a + Math.max(0, p), 0);
          if (!(total > 0)) return expect(set.shares).toBeNull();
          phi.forEach((p, i) => expect(Math.abs((set.shares?.[i] ?? NaN) - Math.max(0, p) / total)).toBeLessThan(1e-12));
          expect(set.stdErrors.every((e) => e === 0)).toBe(true);
        }),
        { numRuns: 60 },
      );
    });
  }

  it("17 channels (beyond the old sampling limit of 16): exact, the same as enumerating 2^17 coalitions", () => {
    const rows = randomRows(17, 60, 4);
    const channels = rows[0]?.channels ?? [];
    const big = fitShapley(rows, { coalition: "subset" }).sharesFor(channels);
    const phi = exactShapley(
      valuesOnSubsets(
        channels.map((_, i) => i),
        { kind: "subset", sets: observed(rows) },
      ),
      17,
    );
    const total = phi.reduce((a, p) => a + Math.max(0, p), 0);
    phi.forEach((p, i) => expect(Math.abs((big.shares?.[i] ?? NaN) - Math.max(0, p) / total)).toBeLessThan(1e-12));
    expect(runShapley(rows, { coalition: "subset" }).every((r) => r.std_error === 0)).toBe(true);
  });

  it("40 channels (more than one 32-bit word of channel ids): shares sum to 1 and equal the unanimity-game formula by hand", () => {
    // Two journeys: all 40 channels (2 conversions) and {ch00, ch39} (3 conversions). Under `subset`,
    // φ_i = Σ_{U ∋ i} c(U)/|U|: ch00 and ch39 get 2/40 + 3/2, every other channel 2/40.
    const channels = Array.from({ length: 40 }, (_, i) => `ch${String(i).padStart(2, "0")}`);
    const rows = [row(channels.join(" > "), 2, 0), row("ch00 > ch39", 3, 0)];
    const set = fitShapley(rows, { coalition: "subset" }).sharesFor(channels);
    const raw = channels.map((c) => (c === "ch00" || c === "ch39" ? 2 / 40 + 3 / 2 : 2 / 40));
    const total = raw.reduce((a, b) => a + b, 0);
    set.channels.forEach((c, i) => expect(set.shares?.[i]).toBeCloseTo(at(raw, channels.indexOf(c)) / total, 12));
  });
});

/** The observed-set table for rows whose channels are ch00..ch16 (id = number). */
function observed(rows: readonly PathRow[]) {
  const sets = new Map<string, { ids: number[]; conversions: number; nulls: number }>();
  for (const r of rows) {
    const ids = [...new Set(r.channels.map((c) => Number(c.slice(2))))].sort((a, b) => a - b);
    const key = ids.join(",");
    const s = sets.get(key) ?? { ids, conversions: 0, nulls: 0 };
    s.conversions += r.conversions;
    s.nulls += r.nulls;
    sets.set(key, s);
  }
  return sets;
}
