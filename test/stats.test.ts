import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { at } from "../src/attribution/checked-at.js";
import {
  Z_95,
  benjaminiHochberg,
  estimateBetweenVariance,
  normalCdf,
  normalQuantile,
  posteriorMean,
  shrinkRates,
  twoProportionZTest,
  wilsonInterval,
} from "../src/stats/index.js";

describe("normalCdf / normalQuantile", () => {
  // Reference values from standard tables (Abramowitz & Stegun 26.2; R's pnorm/qnorm).
  it.each([
    [0, 0.5],
    [1, 0.8413447460685429],
    [-1, 0.15865525393145705],
    [1.96, 0.9750021048517795],
    [2, 0.9772498680518208],
    [-3, 0.0013498980316301],
  ])("Φ(%f) = %f", (x, expected) => {
    expect(normalCdf(x)).toBeCloseTo(expected, 12);
  });

  it("keeps relative precision in the far lower tail", () => {
    // Six-sigma one-sided tail: 9.865876450377e-10 (Wikipedia, "68–95–99.7 rule" table).
    expect(normalCdf(-6) / 9.865876450377e-10).toBeCloseTo(1, 10);
  });

  it.each([
    [0.5, 0],
    [0.975, 1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.995, 2.5758293035489004],
    [0.999, 3.090232306167813],
    [0.001, -3.090232306167813],
    [0.8413447460685429, 1],
  ])("Φ⁻¹(%f) = %f", (p, expected) => {
    expect(normalQuantile(p)).toBeCloseTo(expected, 9);
  });

  it("handles the edges", () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(-0.1)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
    expect(normalCdf(Infinity)).toBe(1);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(-50)).toBe(0);
  });

  it("Z_95 is the 97.5 % quantile", () => {
    expect(normalQuantile(0.975)).toBeCloseTo(Z_95, 12);
  });

  it("quantile inverts the CDF", () => {
    fc.assert(
      // Upper limit 3: above it Φ(x) is within ~1e-3 of 1, where doubles are too coarse to invert to 1e-7.
      fc.property(fc.double({ min: -8, max: 3, noNaN: true }), (x) => {
        expect(normalQuantile(normalCdf(x))).toBeCloseTo(x, 7);
      }),
    );
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1 - 1e-12, noNaN: true }), (p) => {
        expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-12);
      }),
    );
  });

  it("is symmetric", () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), (x) => {
        expect(normalCdf(x) + normalCdf(-x)).toBeCloseTo(1, 14);
      }),
    );
  });
});

describe("wilsonInterval", () => {
  // Newcombe R.G. (1998) Stat Med 17:857-872, Table I, method 3 (Wilson score, no continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i/%i → %f–%f (Newcombe 1998)", (x, n, low, high) => {
    const ci = wilsonInterval(x, n);
    expect(ci?.low).toBeCloseTo(low, 4);
    expect(ci?.high).toBeCloseTo(high, 4);
  });

  it("x = 0 has the closed form [0, z²/(n+z²)]", () => {
    // z = 1.96, n = 20: 3.8416 / 23.8416 = 0.161130...
    const ci = wilsonInterval(0, 20, 1.96);
    expect(ci?.low).toBe(0);
    expect(ci?.high).toBeCloseTo(3.8416 / 23.8416, 12);
  });

  it("x = 0 and x = n of a fractional n (credit-weighted) bound exactly at 0 and 1", () => {
    // 0 of 0.5 computed as centre − half leaves 5.55e-17; the bound is 0 by the closed form.
    expect(wilsonInterval(0, 0.5)?.low).toBe(0);
    expect(wilsonInterval(0.5, 0.5)?.high).toBe(1);
    expect(wilsonInterval(0.3, 0.3)?.high).toBe(1);
  });

  it("hand-computed example with z = 2, 2/4", () => {
    // p̂ = .5, z²/n = 1 → centre = (.5 + .5)/2 = .5, half = (2/2)·√(.25/4 + 4/64) = √.125 = √2/4.
    const ci = wilsonInterval(2, 4, 2);
    expect(ci?.low).toBeCloseTo(0.5 - Math.SQRT2 / 4, 12);
    expect(ci?.high).toBeCloseTo(0.5 + Math.SQRT2 / 4, 12);
  });

  it("accepts fractional credit-weighted counts", () => {
    // 2.5 of 10 with z = 2: denominator 1 + 4/10 = 1.4; centre = (.25 + .2)/1.4 = 9/28;
    // half = (2/1.4)·√(.1875/10 + 4/400) = (10/7)·√.02875.
    const ci = wilsonInterval(2.5, 10, 2);
    expect(ci?.low).toBeCloseTo(9 / 28 - (10 / 7) * Math.sqrt(0.02875), 12);
    expect(ci?.high).toBeCloseTo(9 / 28 + (10 / 7) * Math.sqrt(0.02875), 12);
  });

  it("is null for n ≤ 0 and non-finite input", () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(wilsonInterval(1, -1)).toBeNull();
    expect(wilsonInterval(Number.NaN, 10)).toBeNull();
  });

  it("tolerates rounding noise above n", () => {
    expect(wilsonInterval(3.0000000000000004, 3)?.high).toBe(1);
  });

  it("contains p̂ and stays inside [0, 1]", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const ci = wilsonInterval(share * n, n);
        expect(ci).not.toBeNull();
        if (ci === null) return;
        expect(ci.low).toBeGreaterThanOrEqual(0);
        expect(ci.high).toBeLessThanOrEqual(1);
        expect(ci.low).toBeLessThanOrEqual(share + 1e-12);
        expect(ci.high).toBeGreaterThanOrEqual(share - 1e-12);
      }),
    );
  });
});

describe("twoProportionZTest", () => {
  it("30/50 vs 20/50 gives z = 2 exactly", () => {
    // pooled = .5, SE = √(.25·(1/50 + 1/50)) = √.01 = .1; z = (.6 − .4)/.1 = 2.
    // P(|Z| > 2) = 0.0455002638963584 (standard normal table, "95.45 %").
    const result = twoProportionZTest(30, 50, 20, 50);
    expect(result?.z).toBeCloseTo(2, 12);
    expect(result?.pValue).toBeCloseTo(0.0455002638963584, 12);
  });

  it("45/100 vs 30/100 gives z = √4.8", () => {
    // pooled = .375, SE² = .375·.625·.02 = .0046875; z² = .15²/.0046875 = 4.8.
    // Tables: Φ(2.19) = .98574, Φ(2.20) = .98610 → Φ(2.1909) ≈ .98577 → p ≈ .02846.
    const result = twoProportionZTest(45, 100, 30, 100);
    expect(result?.z).toBeCloseTo(Math.sqrt(4.8), 12);
    expect(result?.pValue).toBeCloseTo(0.02846, 4);
  });

  it("is antisymmetric in the groups", () => {
    expect(twoProportionZTest(20, 50, 30, 50)?.z).toBeCloseTo(-2, 12);
  });

  it("is null when undefined", () => {
    expect(twoProportionZTest(0, 0, 1, 10)).toBeNull();
    expect(twoProportionZTest(0, 10, 0, 20)).toBeNull();
    expect(twoProportionZTest(10, 10, 20, 20)).toBeNull();
  });

  it("gives p = 1 for equal rates", () => {
    expect(twoProportionZTest(5, 10, 10, 20)).toEqual({ z: 0, pValue: 1 });
  });
});

describe("benjaminiHochberg", () => {
  // Benjamini & Hochberg (1995), JRSS B 57:289-300, section 4: 15 p-values, 4 rejections at q = .05.
  const bh1995 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1.0];
  // Hand-computed m·p(i)/i, then running minimum from the top:
  // .0015, .003, .0095, .035625, .0603, [.0695 → .063857], .063857, .0645, .0765, .486,
  // .581182, .714875, .753231, .813214, 1.
  const expectedAdjusted = [
    0.0015,
    0.003,
    0.0095,
    0.035625,
    0.0603,
    (0.0298 * 15) / 7,
    (0.0298 * 15) / 7,
    0.0645,
    0.0765,
    0.486,
    (0.4262 * 15) / 11,
    0.714875,
    (0.6528 * 15) / 13,
    (0.759 * 15) / 14,
    1,
  ];

  it("reproduces the 1995 example", () => {
    const { adjusted, rejected } = benjaminiHochberg(bh1995, 0.05);
    expect(rejected.filter(Boolean)).toHaveLength(4);
    expect(rejected.slice(0, 4)).toEqual([true, true, true, true]);
    expect(adjusted).toEqual(expectedAdjusted.map((e) => expect.closeTo(e, 10)));
  });

  it("rejects 9 at q = .10 (largest i with p(i) ≤ i·.1/15 is i = 9: .0459 ≤ .06)", () => {
    expect(benjaminiHochberg(bh1995, 0.1).rejected.filter(Boolean)).toHaveLength(9);
  });

  it("preserves input order", () => {
    const permutation = [14, 3, 0, 9, 7, 1, 12, 5, 2, 11, 8, 4, 13, 6, 10];
    const shuffled = permutation.map((i) => at(bh1995, i));
    const { adjusted, rejected } = benjaminiHochberg(shuffled);
    permutation.forEach((original, position) => {
      expect(adjusted[position]).toBeCloseTo(at(expectedAdjusted, original), 10);
      expect(rejected[position]).toBe(original < 4);
    });
  });

  it("gives tied p-values one adjusted value", () => {
    // m = 2: rank 2 → .01·2/2 = .01; rank 1 → min(.01, .01·2/1) = .01.
    expect(benjaminiHochberg([0.01, 0.01]).adjusted).toEqual([0.01, 0.01]);
  });

  it("handles empty input and rejects invalid p-values", () => {
    expect(benjaminiHochberg([])).toEqual({ adjusted: [], rejected: [] });
    expect(() => benjaminiHochberg([0.1, Number.NaN])).toThrow(RangeError);
    expect(() => benjaminiHochberg([1.2])).toThrow(RangeError);
  });

  it("adjusted p-values are ≥ p, ≤ 1 and monotone in p", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 40 }), (ps) => {
        const { adjusted } = benjaminiHochberg(ps);
        ps.forEach((p, i) => {
          expect(adjusted[i]).toBeGreaterThanOrEqual(p);
          expect(adjusted[i]).toBeLessThanOrEqual(1);
          ps.forEach((other, j) => {
            if (p < other) expect(adjusted[i]).toBeLessThanOrEqual(at(adjusted, j));
          });
        });
      }),
    );
  });
});

describe("shrinkRates", () => {
  it("fits κ by moments on a hand-computed example", () => {
    // Cells 2/10, 5/10, 8/10; parent .5.
    // p̄ = 15/30 = .5; S = 10·(.09 + 0 + .09) = 1.8; (k−1)p̄(1−p̄) = .5; N − Σn²/N = 30 − 10 = 20;
    // τ² = 1.3/20 = .065; κ = .25/.065 − 1 = 50/13 − 1 = 37/13.
    // Posterior: (2 + 18.5/13)/(10 + 37/13) = 44.5/167; (5 + …) = 83.5/167 = .5; 122.5/167.
    const cells = [
      { successes: 2, n: 10 },
      { successes: 5, n: 10 },
      { successes: 8, n: 10 },
    ];
    expect(estimateBetweenVariance(cells)).toBeCloseTo(0.065, 12);
    expect(estimateBetweenVariance([...cells, { successes: 0, n: 0 }])).toBeCloseTo(0.065, 12);
    const result = shrinkRates(cells, 0.5);
    expect(result.method).toBe("moments");
    expect(result.strength).toBeCloseTo(37 / 13, 12);
    expect(result.rates[0]).toBeCloseTo(44.5 / 167, 12);
    expect(result.rates[1]).toBeCloseTo(0.5, 12);
    expect(result.rates[2]).toBeCloseTo(122.5 / 167, 12);
  });

  it("falls back to κ = total n when rates show no heterogeneity", () => {
    // Identical rates: S = 0 < (k−1)p̄(1−p̄) → τ² < 0 → κ = N = 30; (5 + 15)/(10 + 30) = .5.
    const result = shrinkRates(
      Array.from({ length: 3 }, () => ({ successes: 5, n: 10 })),
      0.5,
    );
    expect(result).toEqual({ rates: [0.5, 0.5, 0.5], strength: 30, method: "fallback" });
  });

  it("falls back when fewer than minCells cells have data", () => {
    // Two cells with data (the empty one does not count): κ = 20; (3 + 10)/30 = 13/30; empty cell → parent.
    const result = shrinkRates(
      [
        { successes: 3, n: 10 },
        { successes: 7, n: 10 },
        { successes: 0, n: 0 },
      ],
      0.5,
    );
    expect(result.method).toBe("fallback");
    expect(result.strength).toBe(20);
    expect(result.rates[0]).toBeCloseTo(13 / 30, 12);
    expect(result.rates[1]).toBeCloseTo(17 / 30, 12);
    expect(result.rates[2]).toBe(0.5);
  });

  it("floors κ at minStrength when heterogeneity is extreme", () => {
    // 0/10, 10/10, 0/10, 10/10: τ² = (10 − .75)/30 = .308 > .25 → κ < 0 → floor 2; (0 + 1)/12.
    const cells = [0, 10, 0, 10].map((successes) => ({ successes, n: 10 }));
    const result = shrinkRates(cells, 0.5);
    expect(result.method).toBe("moments");
    expect(result.strength).toBe(2);
    expect(result.rates[0]).toBeCloseTo(1 / 12, 12);
    expect(result.rates[1]).toBeCloseTo(11 / 12, 12);
  });

  it("honours options", () => {
    const cells = [
      { successes: 3, n: 10 },
      { successes: 7, n: 10 },
    ];
    // Two cells: p̄ = .5, S = 10·(.04 + .04) = .8, minus .25 → .55; N − Σn²/N = 10; τ² = .055;
    // κ = .25/.055 − 1 = 250/55 − 1 = 39/11 ≈ 3.545, above minStrength 2.
    const result = shrinkRates(cells, 0.5, { minCells: 2 });
    expect(result.method).toBe("moments");
    expect(result.strength).toBeCloseTo(39 / 11, 12);
    expect(shrinkRates(cells, 0.5, { minCells: 2, minStrength: 5 }).strength).toBe(5);
  });

  it("handles parent rates of 0 and 1 and an undefined parent", () => {
    const zeros = [0, 0, 0].map(() => ({ successes: 0, n: 10 }));
    expect(shrinkRates(zeros, 0).rates).toEqual([0, 0, 0]);
    const ones = [0, 0, 0].map(() => ({ successes: 10, n: 10 }));
    expect(shrinkRates(ones, 1).rates).toEqual([1, 1, 1]);
    expect(shrinkRates(ones, null).rates).toEqual([null, null, null]);
    expect(shrinkRates(ones, Number.NaN).rates).toEqual([null, null, null]);
  });

  it("rejects impossible cells and parent rates", () => {
    expect(() => shrinkRates([{ successes: 11, n: 10 }], 0.5)).toThrow(RangeError);
    expect(() => shrinkRates([{ successes: -1, n: 10 }], 0.5)).toThrow(RangeError);
    expect(() => shrinkRates([{ successes: 1, n: 10 }], 1.5)).toThrow(RangeError);
  });

  it("accepts fractional counts", () => {
    const result = shrinkRates(
      [
        { successes: 0.5, n: 1.5 },
        { successes: 2.25, n: 3 },
        { successes: 0, n: 0.75 },
      ],
      0.5,
    );
    result.rates.forEach((rate) => expect(rate).toBeGreaterThanOrEqual(0));
  });

  const cellArb = fc
    .tuple(fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([n, share]) => ({ successes: n * share, n }));

  it("puts each posterior between the raw rate and the parent", () => {
    fc.assert(
      fc.property(fc.array(cellArb, { maxLength: 12 }), fc.double({ min: 0, max: 1, noNaN: true }), (cells, parent) => {
        const { rates, strength } = shrinkRates(cells, parent);
        expect(strength).toBeGreaterThanOrEqual(2);
        cells.forEach((cell, i) => {
          const raw = cell.n > 0 ? cell.successes / cell.n : parent;
          const rate = at(rates, i);
          expect(rate).toBeGreaterThanOrEqual(Math.min(raw, parent) - 1e-12);
          expect(rate).toBeLessThanOrEqual(Math.max(raw, parent) + 1e-12);
        });
      }),
    );
  });

  it("moves closer to the raw rate with more data", () => {
    fc.assert(
      fc.property(
        fc.array(cellArb, { maxLength: 8 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.5, max: 100, noNaN: true }),
        fc.double({ min: 1.01, max: 50, noNaN: true }),
        (siblings, parent, raw, n, factor) => {
          // Two cells with the same raw rate, one with `factor` times the data, under one fitted κ.
          const cells = [...siblings, { successes: raw * n, n }, { successes: raw * n * factor, n: n * factor }];
          const { rates } = shrinkRates(cells, parent);
          // null (no parent to shrink toward) cannot happen here; as NaN it would fail the check.
          const small = at(rates, cells.length - 2) ?? NaN;
          const large = at(rates, cells.length - 1) ?? NaN;
          expect(Math.abs(large - raw)).toBeLessThanOrEqual(Math.abs(small - raw) + 1e-12);
        },
      ),
    );
  });

  it("posteriorMean is the prior mean without data", () => {
    expect(posteriorMean(0, 0, 0.3, 5)).toBe(0.3);
    expect(posteriorMean(0, 0, 0.3, 0)).toBe(0.3);
    // 4 of 10 with κ = 10 around .3: (4 + 3)/20 = .35.
    expect(posteriorMean(4, 10, 0.3, 10)).toBeCloseTo(0.35, 12);
  });
});
