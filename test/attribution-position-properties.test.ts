// Properties every position model must keep on any journey: credits are non-negative, one per
// touch, and sum to 1 — so channel totals over many opportunities add up to the pipeline exactly.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { aggregateByChannel } from "../src/attribution/channel-totals.js";
import { at } from "../src/attribution/checked-at.js";
import { runPathHeuristic } from "../src/attribution/path-heuristics.js";
import { totalConversions, totalValue, type PathRow } from "../src/attribution/paths.js";
import {
  creditTouches,
  customModel,
  POSITION_MODEL_NAMES,
  POSITION_MODELS,
  type PositionModelSpec,
} from "../src/attribution/position-models.js";
import { ROLE_NAMES } from "../src/attribution/roles.js";
import type { CreditContext, Touch } from "../src/attribution/touch.js";

const CHANNELS = ["Paid", "Email", "Events", "Partner", "Organic"];

/** A journey within the lookback window ending on its creation (pipeline) or close (revenue) day. */
const opportunity = fc
  .record({
    createdDay: fc.integer({ min: 18_000, max: 20_000 }),
    cycle: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
    revenue: fc.boolean(),
    halfLifeDays: fc.double({ min: 0.1, max: 60, noNaN: true }),
    touches: fc.array(
      fc.record({
        channel: fc.constantFrom(...CHANNELS),
        offset: fc.double({ min: -180, max: 200.99, noNaN: true }),
        isLeadCreation: fc.boolean(),
      }),
      { maxLength: 12 },
    ),
    amount: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map(({ createdDay, cycle, revenue, halfLifeDays, touches, amount }) => {
    const closeDay = cycle === null ? null : createdDay + cycle;
    const ctx: CreditContext = { stage: revenue ? "revenue" : "pipeline", createdDay, closeDay, halfLifeDays };
    const end = revenue && closeDay !== null ? closeDay + 0.99 : createdDay + 0.99;
    const journey: Touch[] = touches
      .map((t) => ({ channel: t.channel, occurredAt: Math.min(createdDay + t.offset, end), isLeadCreation: t.isLeadCreation }))
      .sort((a, b) => a.occurredAt - b.occurredAt);
    return { ctx, journey, amount };
  });

const customSpec = fc
  .record({
    roles: fc.uniqueArray(fc.constantFrom(...ROLE_NAMES), { maxLength: 5 }),
    weights: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }),
  })
  // Only the weights of the chosen roles and `rest` (the last one) are used; at least one must be > 0.
  .filter(({ roles, weights }) => weights.slice(0, roles.length).some((w) => w > 0) || at(weights, 5) > 0)
  .map(({ roles, weights }) => customModel(Object.fromEntries(roles.map((r, i) => [r, weights[i]])), at(weights, 5)));

const models: [string, PositionModelSpec][] = POSITION_MODEL_NAMES.map((n) => [n, POSITION_MODELS[n]]);

describe("credits of one opportunity", () => {
  for (const [name, spec] of models) {
    it(`${name}: one non-negative credit per touch, summing to 1`, () => {
      fc.assert(
        fc.property(opportunity, ({ ctx, journey }) => {
          const credits = creditTouches(journey, spec, ctx);
          expect(credits).toHaveLength(journey.length);
          for (const c of credits) expect(c).toBeGreaterThanOrEqual(0);
          if (journey.length > 0) expect(Math.abs(credits.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
        }),
        { numRuns: 300 },
      );
    });
  }

  it("custom models too", () => {
    fc.assert(
      fc.property(opportunity, customSpec, ({ ctx, journey }, spec) => {
        const credits = creditTouches(journey, spec, ctx);
        for (const c of credits) expect(c).toBeGreaterThanOrEqual(0);
        if (journey.length > 0) expect(Math.abs(credits.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
      }),
      { numRuns: 500 },
    );
  });

  it("full_path on pipeline equals w_shaped", () => {
    fc.assert(
      fc.property(opportunity, ({ ctx, journey }) => {
        const pipeline: CreditContext = { ...ctx, stage: "pipeline" };
        expect(creditTouches(journey, POSITION_MODELS.full_path, pipeline)).toEqual(
          creditTouches(journey, POSITION_MODELS.w_shaped, pipeline),
        );
      }),
    );
  });
});

describe("channel totals over many opportunities", () => {
  for (const [name, spec] of models) {
    it(`${name}: Σ credit × amount = Σ amount`, () => {
      fc.assert(
        fc.property(fc.array(opportunity, { minLength: 1, maxLength: 40 }), (opps) => {
          const totals = new Map<string, number>();
          let pipeline = 0;
          for (const { ctx, journey, amount } of opps) {
            // An opportunity without touches goes to Unattributed (§6), keeping the total exact.
            const credits =
              journey.length > 0 ? aggregateByChannel(journey, creditTouches(journey, spec, ctx)) : new Map([["Unattributed", 1]]);
            credits.forEach((c, channel) => totals.set(channel, (totals.get(channel) ?? 0) + c * amount));
            pipeline += amount;
          }
          const attributed = [...totals.values()].reduce((a, b) => a + b, 0);
          expect(Math.abs(attributed - pipeline) / pipeline).toBeLessThan(1e-12);
        }),
        { numRuns: 100 },
      );
    });
  }
});

describe("path heuristics", () => {
  const row = fc.record({
    channels: fc.array(fc.constantFrom(...CHANNELS), { minLength: 1, maxLength: 15 }),
    conversions: fc.integer({ min: 0, max: 50 }),
    value: fc.double({ min: 0, max: 1000, noNaN: true }),
    nulls: fc.integer({ min: 0, max: 50 }),
  });
  for (const [name, spec] of models) {
    it(`${name}: channel totals add up to all conversions and all value`, () => {
      fc.assert(
        fc.property(fc.array(row, { maxLength: 30 }), (rows: PathRow[]) => {
          const results = runPathHeuristic(rows, spec);
          const conv = results.reduce((a, r) => a + r.total_conversions, 0);
          const value = results.reduce((a, r) => a + r.total_conversion_value, 0);
          expect(conv).toBeCloseTo(totalConversions(rows), 8);
          expect(value).toBeCloseTo(totalValue(rows), 8);
        }),
        { numRuns: 100 },
      );
    });
  }
});
