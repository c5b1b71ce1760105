// Hand-worked fixtures for every position model (§6). Each expectation is derived in the comment
// above it from the role rules, not by running the code.

import { describe, expect, it } from "vitest";
import { aggregateByChannel } from "../src/attribution/channel-totals.js";
import { at } from "../src/attribution/checked-at.js";
import { creditTouches, customModel, POSITION_MODELS, type PositionModelName } from "../src/attribution/position-models.js";
import type { CreditContext, Touch } from "../src/attribution/touch.js";

const CREATED = 100;
const pipeline: CreditContext = { stage: "pipeline", createdDay: CREATED, closeDay: null, halfLifeDays: 7 };
const revenue = (createdDay: number, closeDay: number | null): CreditContext => ({
  stage: "revenue",
  createdDay,
  closeDay,
  halfLifeDays: 7,
});

/** Touches named A, B, C… on the given days; `lead` marks is_lead_creation by index. */
function journey(days: readonly number[], lead: readonly number[] = []): Touch[] {
  return days.map((d, i) => ({ channel: String.fromCharCode(65 + i), occurredAt: d, isLeadCreation: lead.includes(i) }));
}
const N1 = journey([100]);
const N2 = journey([98, 100]);
const N3 = journey([95, 98, 100]);
const N4 = journey([90, 95, 98, 100]);
const N7 = journey([70, 75, 80, 85, 90, 95, 100]);

function expectCredits(actual: readonly number[], expected: readonly number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((c, i) => expect(c).toBeCloseTo(at(expected, i), 12));
}
const credit = (model: PositionModelName, touches: Touch[], ctx = pipeline) => creditTouches(touches, POSITION_MODELS[model], ctx);

describe("position models: one touch gets everything", () => {
  // n = 1: first holds t1; every later role falls on t1 (pooled) or is undefined (pooled); rest has
  // no role-less touch (pooled); the pool goes to the only role touch. So every model gives [1].
  for (const model of Object.keys(POSITION_MODELS) as PositionModelName[]) {
    it(model, () => expectCredits(credit(model, N1), [1]));
  }
  it("no touches → no credits", () => expect(credit("u_shaped", [])).toEqual([]));
});

describe("position models: two touches", () => {
  it("first/last/linear", () => {
    expectCredits(credit("first_touch", N2), [1, 0]);
    expectCredits(credit("last_touch", N2), [0, 1]);
    expectCredits(credit("linear", N2), [0.5, 0.5]);
  });
  // u: A .4, B .4; rest .2 has no role-less touch → pool → .1 each → [.5, .5] (DP6's n = 2 rule).
  it("u_shaped", () => expectCredits(credit("u_shaped", N2), [0.5, 0.5]));
  // w: A .3; lead_creation undefined for n < 3 → pool .3; B .3; rest .1 → pool; pool .4 → .2 each.
  it("w_shaped", () => expectCredits(credit("w_shaped", N2), [0.5, 0.5]));
  // j: A .2, B .6, rest .2 pooled → +.1 each → [.3, .7]; inverse_j mirrors it.
  it("j_shaped and inverse_j", () => {
    expectCredits(credit("j_shaped", N2), [0.3, 0.7]);
    expectCredits(credit("inverse_j", N2), [0.7, 0.3]);
  });
  // Days 98 and 100, half-life 7: weights 0.5^(2/7) and 0.5^0 = 1, normalised.
  it("time_decay", () => {
    const w = 0.5 ** (2 / 7);
    expectCredits(credit("time_decay", N2), [w / (1 + w), 1 / (1 + w)]);
  });
  it("full_path on pipeline = w_shaped", () => expectCredits(credit("full_path", N2), [0.5, 0.5]));
});

describe("position models: three touches", () => {
  it("first/last/linear", () => {
    expectCredits(credit("first_touch", N3), [1, 0, 0]);
    expectCredits(credit("last_touch", N3), [0, 0, 1]);
    expectCredits(credit("linear", N3), [1 / 3, 1 / 3, 1 / 3]);
  });
  // u: A .4, C .4, B gets rest .2.
  it("u_shaped", () => expectCredits(credit("u_shaped", N3), [0.4, 0.2, 0.4]));
  // w: A .3, lead_creation = t⌈3/2⌉ = B .3, C .3; rest .1 has no role-less touch → pool → 1/30 each.
  it("w_shaped", () => expectCredits(credit("w_shaped", N3), [1 / 3, 1 / 3, 1 / 3]));
  it("j_shaped and inverse_j", () => {
    expectCredits(credit("j_shaped", N3), [0.2, 0.2, 0.6]);
    expectCredits(credit("inverse_j", N3), [0.6, 0.2, 0.2]);
  });
  // Days 95, 98, 100: weights 0.5^(5/7), 0.5^(2/7), 1.
  it("time_decay", () => {
    const w = [0.5 ** (5 / 7), 0.5 ** (2 / 7), 1];
    const sum = w.reduce((a, b) => a + b, 0);
    expectCredits(
      credit("time_decay", N3),
      w.map((x) => x / sum),
    );
  });
});

describe("position models: four touches", () => {
  it("linear", () => expectCredits(credit("linear", N4), [0.25, 0.25, 0.25, 0.25]));
  // u: A .4, D .4, B and C share .2.
  it("u_shaped", () => expectCredits(credit("u_shaped", N4), [0.4, 0.1, 0.1, 0.4]));
  // w: A .3, lead_creation = t⌈4/2⌉ = t2 = B .3, D .3, C gets rest .1.
  it("w_shaped", () => expectCredits(credit("w_shaped", N4), [0.3, 0.3, 0.1, 0.3]));
  it("j_shaped and inverse_j", () => {
    expectCredits(credit("j_shaped", N4), [0.2, 0.1, 0.1, 0.6]);
    expectCredits(credit("inverse_j", N4), [0.6, 0.1, 0.1, 0.2]);
  });
  it("full_path on pipeline = w_shaped", () => expectCredits(credit("full_path", N4), [0.3, 0.3, 0.1, 0.3]));
});

describe("position models: seven touches", () => {
  // u: A .4, G .4, B..F share .2 → .04 each.
  it("u_shaped", () => expectCredits(credit("u_shaped", N7), [0.4, 0.04, 0.04, 0.04, 0.04, 0.04, 0.4]));
  // w: A .3, lead_creation = t⌈7/2⌉ = t4 = D .3, G .3; B, C, E, F share .1 → .025 each.
  it("w_shaped", () => expectCredits(credit("w_shaped", N7), [0.3, 0.025, 0.025, 0.3, 0.025, 0.025, 0.3]));
  it("j_shaped and inverse_j", () => {
    expectCredits(credit("j_shaped", N7), [0.2, 0.04, 0.04, 0.04, 0.04, 0.04, 0.6]);
    expectCredits(credit("inverse_j", N7), [0.6, 0.04, 0.04, 0.04, 0.04, 0.04, 0.2]);
  });
  it("first, last and linear", () => {
    expectCredits(credit("first_touch", N7), [1, 0, 0, 0, 0, 0, 0]);
    expectCredits(credit("last_touch", N7), [0, 0, 0, 0, 0, 0, 1]);
    expectCredits(credit("linear", N7), Array(7).fill(1 / 7));
  });
  // Days 70..100 every 5 days, half-life 7: weight of t_i is 0.5^((100 − day)/7).
  it("time_decay", () => {
    const w = [70, 75, 80, 85, 90, 95, 100].map((d) => 0.5 ** ((100 - d) / 7));
    const sum = w.reduce((a, b) => a + b, 0);
    expectCredits(
      credit("time_decay", N7),
      w.map((x) => x / sum),
    );
  });
});

describe("coinciding roles are pooled", () => {
  // Lead flag on t1 (n = 4): A .3; lead_creation = A, already held → pool .3; D .3; rest .1 → B, C
  // .05 each; pool .3 → A, D .15 each → [.45, .05, .05, .45].
  it("lead_creation on the first touch", () => {
    expectCredits(credit("w_shaped", journey([90, 95, 98, 100], [0])), [0.45, 0.05, 0.05, 0.45]);
  });
  // Lead flag on t3 = last (n = 3): A .3, C .3 (lead), last = C held → pool .3; B rest .1;
  // pool .3 → A, C .15 each → [.45, .1, .45].
  it("lead_creation on the last touch", () => {
    expectCredits(credit("w_shaped", journey([95, 98, 100], [2])), [0.45, 0.1, 0.45]);
  });
  // The flag wins over the middle: flag on t3 of 4 → A .3, C .3, D .3, B rest .1.
  it("a flagged lead_creation replaces the middle touch", () => {
    expectCredits(credit("w_shaped", journey([90, 95, 98, 100], [2])), [0.3, 0.1, 0.3, 0.3]);
  });
});

describe("full_path on revenue", () => {
  // Days 80, 90, 100 (created), 110, 120 (closed), lead flag on B: A .225, B .225 (lead),
  // opp_creation = last ≤ day 100 = C .225, close = last ≤ day 120 = E .225, D rest .1.
  it("four distinct roles", () => {
    const touches = journey([80, 90, 100, 110, 120], [1]);
    expectCredits(credit("full_path", touches, revenue(100, 120)), [0.225, 0.225, 0.225, 0.1, 0.225]);
  });
  // Days 80, 90, 95, 100; created 100, closed 130: A .225, lead = t2 = B .225, opp = D .225,
  // close = D again → pool .225; C rest .1; pool → A, B, D .075 each → [.3, .3, .1, .3].
  it("opp_creation = close", () => {
    expectCredits(credit("full_path", journey([80, 90, 95, 100]), revenue(100, 130)), [0.3, 0.3, 0.1, 0.3]);
  });
  // Days 100 (created) … 120 (closed), n = 5: A .225 (first), lead = t3 = C .225, opp = A held →
  // pool .225, close = E .225; B, D share rest .1 (.05); pool → A, C, E .075 → [.3, .05, .3, .05, .3].
  it("opp_creation = first", () => {
    const touches = journey([100, 105, 110, 115, 120]);
    expectCredits(credit("full_path", touches, revenue(100, 120)), [0.3, 0.05, 0.3, 0.05, 0.3]);
  });
  // An open opportunity has no close role: same as the opp_creation = close case above.
  it("open opportunity: close undefined", () => {
    expectCredits(credit("full_path", journey([80, 90, 95, 100]), revenue(100, null)), [0.3, 0.3, 0.1, 0.3]);
  });
});

describe("day boundaries", () => {
  const oppOnly = customModel({ opp_creation: 1 }, 0);
  // 100.9 is still on the creation day (whole day inclusive) → opp_creation = t2.
  it("a touch late on the creation day is on or before creation", () => {
    expectCredits(creditTouches(journey([90, 100.9, 110]), oppOnly, revenue(100, 110)), [0, 1, 0]);
  });
  // 101.0 is the next day → opp_creation = t1.
  it("a touch at midnight after creation is not", () => {
    expectCredits(creditTouches(journey([90, 101, 110]), oppOnly, revenue(100, 110)), [1, 0, 0]);
  });
  // Pipeline `last` is the last touch on or before creation even if a later touch slipped in.
  it("pipeline last ignores touches after creation", () => {
    expectCredits(credit("last_touch", journey([90, 99, 103])), [0, 1, 0]);
  });
  // Only the gaps matter: moving the whole journey (or the end) does not change time_decay.
  it("time_decay does not depend on the reference day", () => {
    const shifted = journey([95.5, 98.25, 100.75]);
    const later = journey([195.5, 198.25, 200.75]);
    expectCredits(credit("time_decay", later, revenue(200, 230)), credit("time_decay", shifted));
  });
});

describe("custom models", () => {
  // {first: .5, last: .3}, rest .2 on n = 4: A .5, D .3, B and C .1 each.
  it("config weights", () => {
    expectCredits(creditTouches(N4, customModel({ first: 0.5, last: 0.3 }, 0.2), pipeline), [0.5, 0.1, 0.1, 0.3]);
  });
  // {first: 2, last: 1}, rest 1 scale to .5, .25, .25 → n = 3: [.5, .25, .25].
  it("weights are scaled to sum to 1", () => {
    expectCredits(creditTouches(N3, customModel({ first: 2, last: 1 }, 1), pipeline), [0.5, 0.25, 0.25]);
  });
  // {lead_creation: 1} on n = 2: lead_creation undefined → pool 1, no role touch → linear.
  it("nothing placeable falls back to linear", () => {
    expectCredits(creditTouches(N2, customModel({ lead_creation: 1 }, 0), pipeline), [0.5, 0.5]);
  });
  // Order matters: {last: .5, first: .5} on n = 1 → last takes t1, first is pooled; still [1].
  it("roles are processed in the listed order", () => {
    expectCredits(creditTouches(N1, customModel({ last: 0.5, first: 0.5 }, 0), pipeline), [1]);
  });
  it("rejects unknown roles and negative weights", () => {
    expect(() => customModel({ middle: 1 }, 0)).toThrow(/unknown role "middle".*first, last/);
    expect(() => customModel({ first: -1 }, 2)).toThrow(/>= 0/);
    expect(() => customModel({}, 0)).toThrow(/sum to 0/);
  });
});

describe("aggregateByChannel", () => {
  it("adds the touches of one channel", () => {
    const touches: Touch[] = [
      { channel: "Paid", occurredAt: 1, isLeadCreation: false },
      { channel: "Email", occurredAt: 2, isLeadCreation: false },
      { channel: "Paid", occurredAt: 3, isLeadCreation: false },
    ];
    // u_shaped: Paid .4 + .4, Email .2.
    const totals = aggregateByChannel(touches, creditTouches(touches, POSITION_MODELS.u_shaped, { ...pipeline, createdDay: 3 }));
    expect(totals.get("Paid")).toBeCloseTo(0.8, 12);
    expect(totals.get("Email")).toBeCloseTo(0.2, 12);
  });
  it("rejects mismatched lengths", () => expect(() => aggregateByChannel(N2, [1])).toThrow(/2 touches but 1 credits/));
});
