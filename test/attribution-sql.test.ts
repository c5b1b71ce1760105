// The SQL position models (journeys-sql.ts + position-credit-sql.ts) must agree with the pure
// oracle `creditTouches`: on random projects, with journeys rebuilt here in TypeScript straight
// from the generated rows (SPEC §6), and on a hand-computed fixture.
import { rm } from "node:fs/promises";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { at } from "../src/attribution/checked-at.js";
import { resolveModel } from "../src/attribution/model-registry.js";
import { creditTouches, POSITION_MODEL_NAMES, POSITION_MODELS, type PositionModelSpec } from "../src/attribution/position-models.js";
import type { AttributionStage, CreditContext, Touch } from "../src/attribution/touch.js";
import { compileTouchCredits, type AttributionQuery } from "../src/sql/attribution-sql.js";
import { positionCreditExpr } from "../src/sql/position-credit-sql.js";
import type { Workspace } from "../src/workspace/workspace.js";
import { basicConfig, csv, openProject } from "./helpers/temp-workspace.js";

// ---------------------------------------------------------------------------------------------
// Helpers: dates as epoch days, project files, SQL credits, the TypeScript journey.

const DAY_MS = 86_400_000;
const BASE_DAY = Date.UTC(2025, 0, 1) / DAY_MS;
const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
/** `YYYY-MM-DD` (midnight) when seconds is null, else `YYYY-MM-DD HH:MM:SS`. */
const stamp = (day: number, seconds: number | null) =>
  seconds === null ? isoDay(day) : `${isoDay(day)} ${new Date(seconds * 1000).toISOString().slice(11, 19)}`;

const STAGES: readonly AttributionStage[] = ["pipeline", "revenue"];
const CUSTOM =
  "attribution: { lookback_days: LOOKBACK, half_life_days: HALF_LIFE, custom_models: { my_model: { roles: { lead_creation: 0.5, close: 0.3 }, rest: 0.2 } } }";

interface Opp {
  readonly id: string;
  readonly account: string;
  readonly created: number;
  readonly status: "won" | "lost" | "open";
  readonly close: number | null;
  readonly amount: number;
}

interface Tp {
  readonly id: string;
  readonly account: string | null;
  readonly opportunity: string | null;
  /** Epoch days, fractional. */
  readonly at: number;
  readonly text: string;
  readonly channel: string;
  readonly lead: "true" | "false" | "";
}

const STAGE_NAME = { won: "Closed Won", lost: "Closed Lost", open: "Prospecting" } as const;

function projectFiles(
  opps: readonly Opp[],
  tps: readonly Tp[],
  accounts: readonly string[],
  lookback = 180,
  halfLife = 7,
): Record<string, string> {
  const config = basicConfig(CUSTOM.replace("LOOKBACK", String(lookback)).replace("HALF_LIFE", String(halfLife)));
  return {
    "pipeprism.yaml": config.replace(
      "  opportunities: opportunities.csv",
      "  opportunities: opportunities.csv\n  touchpoints: touchpoints.csv",
    ),
    "accounts.csv": csv([["account_id", "employees"], ...accounts.map((a, i) => [a, 50 * 10 ** (i % 3)])]),
    "opportunities.csv": csv([
      ["opportunity_id", "account_id", "amount", "stage", "created_date", "close_date"],
      ...opps.map((o) => [o.id, o.account, o.amount, STAGE_NAME[o.status], isoDay(o.created), o.close === null ? null : isoDay(o.close)]),
    ]),
    "touchpoints.csv": csv([
      ["touchpoint_id", "account_id", "opportunity_id", "occurred_at", "channel", "is_lead_creation"],
      ...tps.map((t) => [t.id, t.account, t.opportunity, t.text, t.channel, t.lead]),
    ]),
  };
}

function query(ws: Workspace, stage: AttributionStage): AttributionQuery {
  return { dimensions: [], window: null, evaluationDate: ws.dataAsOf, stage, lookbackDays: ws.config.attribution.lookback_days };
}

interface Credited {
  readonly ids: string[];
  readonly credits: number[];
}

/** Touch ids and credits per opportunity, in journey order, as the SQL computes them. */
async function sqlCredits(ws: Workspace, spec: PositionModelSpec, stage: AttributionStage): Promise<Map<string, Credited>> {
  const ctx = { dialect: ws.engine.dialect, config: ws.config, columns: ws.columns };
  const sql = compileTouchCredits(ctx, query(ws, stage), positionCreditExpr(spec, stage, ws.config.attribution.half_life_days));
  const out = new Map<string, Credited>();
  for (const r of await ws.engine.all(sql)) {
    const entry = out.get(String(r.opportunity_id)) ?? { ids: [], credits: [] };
    entry.ids.push(String(r.touchpoint_id));
    entry.credits.push(Number(r.credit));
    out.set(String(r.opportunity_id), entry);
  }
  return out;
}

const byTime = (a: Tp, b: Tp) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const closedAt = (o: Opp, asOf: number) => o.status !== "open" && (o.close === null || o.close <= asOf);

/** SPEC §6 journey, independently of the SQL: linked by opportunity, or by account in the lookback window. */
function journey(o: Opp, tps: readonly Tp[], stage: AttributionStage, asOf: number, lookback: number): Tp[] {
  const endDay = stage === "pipeline" ? o.created : closedAt(o, asOf) ? (o.close as number) : asOf;
  return tps
    .filter((t) => t.at < endDay + 1)
    .filter((t) => t.opportunity === o.id || (t.opportunity === null && t.account === o.account && t.at >= o.created - lookback))
    .sort(byTime);
}

function oracle(
  o: Opp,
  path: readonly Tp[],
  spec: PositionModelSpec,
  stage: AttributionStage,
  asOf: number,
  halfLifeDays: number,
): number[] {
  const touches: Touch[] = path.map((t) => ({ channel: t.channel, occurredAt: t.at, isLeadCreation: t.lead === "true" }));
  const ctx: CreditContext = { stage, createdDay: o.created, closeDay: closedAt(o, asOf) ? o.close : null, halfLifeDays };
  return creditTouches(touches, spec, ctx);
}

function expectCredits(actual: readonly number[] | undefined, expected: readonly number[], label: string): void {
  expect(actual, label).toBeDefined();
  expect(actual?.length, label).toBe(expected.length);
  expected.forEach((e, i) =>
    expect(Math.abs((actual?.[i] ?? NaN) - e), `${label} touch ${i + 1}: ${actual?.[i]} vs ${e}`).toBeLessThan(1e-9),
  );
}

function modelsOf(ws: Workspace): [string, PositionModelSpec][] {
  const custom = resolveModel("my_model", ws.config);
  if (custom.kind !== "position") throw new Error("my_model should be a position model");
  return [...POSITION_MODEL_NAMES.map((n): [string, PositionModelSpec] => [n, POSITION_MODELS[n]]), ["my_model", custom.spec]];
}

// ---------------------------------------------------------------------------------------------
// Random projects.

const CHANNELS = ["Paid", "Email", "Events", "Partner"];
/** Few distinct times of day, so equal timestamps (and the touchpoint_id tie-break) are common. */
const SECONDS = [null, 0, 1, 36_000, 86_399];

const projectArb = fc.record({
  lookback: fc.constantFrom(0, 4, 15),
  halfLife: fc.constantFrom(0.5, 2.5, 7),
  accountCount: fc.integer({ min: 1, max: 4 }),
  opps: fc.array(
    fc.record({
      account: fc.nat(3),
      created: fc.integer({ min: 0, max: 30 }),
      status: fc.constantFrom("won" as const, "lost" as const, "open" as const),
      cycle: fc.integer({ min: -2, max: 20 }),
      openHasClose: fc.boolean(),
      amount: fc.integer({ min: 1, max: 100_000 }),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  touches: fc.array(
    fc.record({
      anchor: fc.nat(5),
      link: fc.constantFrom("opportunity", "opportunity+other_account", "account", "account_without_opportunity"),
      // Mostly close to the anchor's creation day (ties, boundaries), sometimes far off.
      offset: fc.oneof(
        { arbitrary: fc.integer({ min: -5, max: 1 }), weight: 3 },
        { arbitrary: fc.integer({ min: -30, max: 30 }), weight: 1 },
      ),
      seconds: fc.constantFrom(...SECONDS),
      channel: fc.constantFrom(...CHANNELS),
      lead: fc.constantFrom("true" as const, "false" as const, "" as const),
    }),
    { minLength: 5, maxLength: 40, size: "medium" },
  ),
  /** Explicit as-of (days after BASE), or null for the data's latest date. */
  asOf: fc.oneof(fc.constant(null), fc.integer({ min: 10, max: 45 })),
});

/** Each run ingests a project, so shrinking a failure is slow: stop it early and report the smallest counterexample found by then. */
const SHRINK_BUDGET = { interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true };

type ProjectSpec = typeof projectArb extends fc.Arbitrary<infer T> ? T : never;

function buildRows(p: ProjectSpec): { accounts: string[]; opps: Opp[]; tps: Tp[] } {
  const accounts = Array.from({ length: p.accountCount }, (_, i) => `A${i + 1}`);
  const opps: Opp[] = p.opps.map((o, i) => {
    const created = BASE_DAY + o.created;
    const close = o.status === "open" && !o.openHasClose ? null : created + o.cycle;
    return { id: `O${i + 1}`, account: at(accounts, o.account % accounts.length), created, status: o.status, close, amount: o.amount };
  });
  // Ids are not zero-padded and mix case, so the string tie-break ("T10" < "T9" < "t2") differs
  // from creation order.
  const tps: Tp[] = p.touches.map((t, i) => {
    const o = at(opps, t.anchor % opps.length);
    const day = o.created + t.offset;
    const other = at(accounts, (accounts.indexOf(o.account) + 1) % accounts.length);
    const link = {
      opportunity: { account: null, opportunity: o.id },
      "opportunity+other_account": { account: other, opportunity: o.id },
      account: { account: o.account, opportunity: null },
      account_without_opportunity: { account: "A9", opportunity: null },
    }[t.link];
    return {
      id: `${i % 3 ? "T" : "t"}${i}`,
      ...link,
      at: day + (t.seconds ?? 0) / 86_400,
      text: stamp(day, t.seconds),
      channel: t.channel,
      lead: t.lead,
    };
  });
  return { accounts, opps, tps };
}

async function checkAgainstOracle(p: ProjectSpec): Promise<void> {
  const { accounts, opps, tps } = buildRows(p);
  const asOf = p.asOf === null ? undefined : isoDay(BASE_DAY + p.asOf);
  const { ws, project } = await openProject(projectFiles(opps, tps, accounts, p.lookback, p.halfLife), asOf);
  try {
    const asOfDay = dayOf(ws.dataAsOf);
    const inScope = opps.filter((o) => o.created <= asOfDay);
    for (const [name, spec] of modelsOf(ws)) {
      for (const stage of STAGES) {
        const sql = await sqlCredits(ws, spec, stage);
        const journeys = inScope.map((o) => ({ o, path: journey(o, tps, stage, asOfDay, p.lookback) })).filter((j) => j.path.length > 0);
        expect([...sql.keys()].sort(), `${name}/${stage}: opportunities with a journey`).toEqual(journeys.map((j) => j.o.id).sort());
        for (const { o, path } of journeys) {
          const label = `${name}/${stage} ${o.id}`;
          const got = sql.get(o.id);
          expect(got?.ids, `${label}: touches in order`).toEqual(path.map((t) => t.id));
          expectCredits(got?.credits, oracle(o, path, spec, stage, asOfDay, p.halfLife), label);
          expect(Math.abs((got?.credits ?? []).reduce((a, b) => a + b, 0) - 1), `${label}: Σ credit`).toBeLessThan(1e-9);
        }
      }
    }
  } finally {
    await ws.close();
    await rm(project.dir, { recursive: true, force: true });
  }
}

describe("SQL position credits agree with creditTouches", () => {
  it("on random projects, for every position model and my_model, pipeline and revenue", async () => {
    await fc.assert(fc.asyncProperty(projectArb, checkAgainstOracle), { numRuns: 25, seed: 20250301, ...SHRINK_BUDGET });
  });
});

// ---------------------------------------------------------------------------------------------
// Hand-computed fixture. Every opportunity is created 2025-03-01; O1–O5 close (won) the same day,
// so their revenue journeys equal their pipeline journeys. Default lookback 180 days (window
// starts 2024-09-02 00:00) and half-life 7 days; touches sit whole weeks apart.

const CREATED = dayOf("2025-03-01");
const fixtureOpps: Opp[] = [
  ...[1, 2, 3, 4, 5].map((i): Opp => ({ id: `O${i}`, account: `A${i}`, created: CREATED, status: "won", close: CREATED, amount: 1000 })),
  { id: "O6", account: "A6", created: CREATED, status: "won", close: dayOf("2025-03-31"), amount: 1000 },
];

const tp = (id: string, account: string | null, opportunity: string | null, text: string, lead: "true" | "" = ""): Tp => {
  const [date = "", time] = text.split(" ");
  const seconds = time ? time.split(":").reduce((s, part) => s * 60 + Number(part), 0) : 0;
  return { id, account, opportunity, at: dayOf(date) + seconds / 86_400, text, channel: `ch-${id}`, lead };
};

const fixtureTps: Tp[] = [
  // O1, n = 1: exactly at the lookback start (kept); one second earlier is out.
  tp("o1-a", "A1", null, "2024-09-02 00:00:00"),
  tp("o1-x", "A1", null, "2024-09-01 23:59:59"),
  // O2, n = 2, three weeks apart; a touch the day after creation (and close) is out.
  tp("o2-a", "A2", null, "2025-02-01"),
  tp("o2-b", "A2", null, "2025-02-22"),
  tp("o2-x", "A2", null, "2025-03-02 00:00:00"),
  // O3, n = 3, no flag: lead_creation is the middle touch t2.
  tp("o3-a", "A3", null, "2025-02-08"),
  tp("o3-b", "A3", null, "2025-02-15"),
  tp("o3-c", "A3", null, "2025-02-22"),
  // O4, n = 4, lead-creation flag on the first touch: first and lead_creation coincide.
  tp("o4-a", "A4", null, "2025-02-01", "true"),
  tp("o4-b", "A4", null, "2025-02-08"),
  tp("o4-c", "A4", null, "2025-02-15"),
  tp("o4-d", "A4", null, "2025-02-22"),
  // O5, n = 7, weekly from 2025-01-11 to 2025-02-22; flags on t5 and t6 (the first flag wins).
  ...["01-11", "01-18", "01-25", "02-01", "02-08", "02-15", "02-22"].map((d, i) =>
    tp(`o5-${i + 1}`, "A5", null, `2025-${d}`, i === 4 || i === 5 ? "true" : ""),
  ),
  // O6 (closes 2025-03-31): 3 touches by creation day, 3 more by close day, 2 after close.
  tp("o6-1", "A6", null, "2025-02-10"),
  tp("o6-2", "A6", null, "2025-02-20", "true"),
  tp("o6-3", "A6", null, "2025-03-01 23:59:59"),
  tp("o6-4", null, "O6", "2025-03-10"),
  tp("o6-5", "A6", null, "2025-03-20"),
  tp("o6-6", "A6", "O6", "2025-03-31 12:00:00"),
  tp("o6-x1", null, "O6", "2025-04-01 00:00:00"),
  tp("o6-x2", "A6", null, "2025-04-05"),
];

/** Expected credits per opportunity, in journey order (touch ids in EXPECTED_PATHS). */
const EXPECTED_PATHS: Record<AttributionStage, Record<string, string[]>> = {
  pipeline: {
    O1: ["o1-a"],
    O2: ["o2-a", "o2-b"],
    O3: ["o3-a", "o3-b", "o3-c"],
    O4: ["o4-a", "o4-b", "o4-c", "o4-d"],
    O5: ["o5-1", "o5-2", "o5-3", "o5-4", "o5-5", "o5-6", "o5-7"],
    O6: ["o6-1", "o6-2", "o6-3"],
  },
  revenue: {
    O1: ["o1-a"],
    O2: ["o2-a", "o2-b"],
    O3: ["o3-a", "o3-b", "o3-c"],
    O4: ["o4-a", "o4-b", "o4-c", "o4-d"],
    O5: ["o5-1", "o5-2", "o5-3", "o5-4", "o5-5", "o5-6", "o5-7"],
    O6: ["o6-1", "o6-2", "o6-3", "o6-4", "o6-5", "o6-6"],
  },
};

const HAND: Record<string, { stage: AttributionStage; credits: Record<string, number[]> }> = {
  w_shaped: {
    stage: "pipeline",
    credits: {
      O1: [1], // every role falls on the only touch
      // first .3, lead_creation undefined (n < 3, no flag) → pool .3, last .3; no role-less touch
      // so rest .1 → pool; pool .4 over {t1, t2}: .3 + .2 each.
      O2: [0.5, 0.5],
      // first t1, lead_creation t⌈3/2⌉ = t2, last t3: .3 each; rest .1 pooled → +1/30 each.
      O3: [1 / 3, 1 / 3, 1 / 3],
      // first t1 .3; lead_creation = t1 (flag) already held → pool .3; last t4 .3;
      // rest .1 over t2, t3 = .05 each; pool .3 over {t1, t4} = .15 each.
      O4: [0.45, 0.05, 0.05, 0.45],
      // first t1, lead_creation t5 (first flag), last t7: .3 each; rest .1 over 4 touches.
      O5: [0.3, 0.025, 0.025, 0.025, 0.3, 0.025, 0.3],
      // pipeline journey t1..t3: first t1, lead t2 (flag), last t3; rest pooled → 1/3 each.
      O6: [1 / 3, 1 / 3, 1 / 3],
    },
  },
  u_shaped: {
    stage: "pipeline",
    credits: {
      O1: [1],
      O2: [0.5, 0.5], // rest .2 has no touch → pooled over first and last
      O3: [0.4, 0.2, 0.4],
      O4: [0.4, 0.1, 0.1, 0.4],
      O5: [0.4, 0.04, 0.04, 0.04, 0.04, 0.04, 0.4],
      O6: [0.4, 0.2, 0.4],
    },
  },
  time_decay: {
    stage: "pipeline",
    credits: {
      O1: [1],
      // 21 days = 3 half-lives apart: weights 1/8, 1 → 1/9, 8/9.
      O2: [1 / 9, 8 / 9],
      // weights 1/4, 1/2, 1 (sum 7/4).
      O3: [1 / 7, 2 / 7, 4 / 7],
      // weights 1/8, 1/4, 1/2, 1 (sum 15/8).
      O4: [1 / 15, 2 / 15, 4 / 15, 8 / 15],
      // weights 2^-6 … 2^0 (sum 127/64).
      O5: [1, 2, 4, 8, 16, 32, 64].map((w) => w / 127),
      // 2025-02-10, 02-20, 03-01 23:59:59: gaps from the last touch in days.
      O6: ((gaps: number[]) => {
        const w = gaps.map((g) => 0.5 ** (g / 7));
        return w.map((x) => x / w.reduce((a, b) => a + b, 0));
      })([19 + 86_399 / 86_400, 9 + 86_399 / 86_400, 0]),
    },
  },
  full_path: {
    stage: "revenue",
    credits: {
      O1: [1],
      // first t1 .225; lead_creation undefined → pool; opp_creation t2 .225; close = t2 too → pool;
      // rest .1 has no touch → pool; pool .55 over {t1, t2}: .225 + .275 = .5 each.
      O2: [0.5, 0.5],
      // first t1, lead t2, opp_creation t3 (.225 each); close = t3 → pool; rest pooled:
      // pool .325 / 3 → .225 + .108333… = 1/3 each.
      O3: [1 / 3, 1 / 3, 1 / 3],
      // first t1; lead = t1 (flag) → pool; opp_creation t4; close = t4 → pool; rest .1 over
      // t2, t3 = .05; pool .45 over {t1, t4} → .225 + .225 = .45.
      O4: [0.45, 0.05, 0.05, 0.45],
      // first t1, lead t5, opp_creation t7; close = t7 → pool .225 / 3 = .075; rest .1 over 4.
      O5: [0.3, 0.025, 0.025, 0.025, 0.3, 0.025, 0.3],
      // first t1, lead t2 (flag), opp_creation t3 (23:59:59 on the creation day), close t6
      // (noon on the close day): .225 each; rest .1 over t4, t5 = .05 each.
      O6: [0.225, 0.225, 0.225, 0.05, 0.05, 0.225],
    },
  },
};

describe("hand-computed credits through the SQL", () => {
  let ws: Workspace;
  let dir: string;
  beforeAll(async () => {
    const accounts = ["A1", "A2", "A3", "A4", "A5", "A6"];
    const opened = await openProject(projectFiles(fixtureOpps, fixtureTps, accounts));
    ws = opened.ws;
    dir = opened.project.dir;
  });
  afterAll(async () => {
    await ws.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("builds the journeys of §6: lookback start inclusive, whole end day, nothing after it", async () => {
    for (const stage of STAGES) {
      const sql = await sqlCredits(ws, POSITION_MODELS.linear, stage);
      expect(Object.fromEntries([...sql].map(([o, c]) => [o, c.ids]))).toEqual(EXPECTED_PATHS[stage]);
    }
  });

  for (const [model, { stage, credits }] of Object.entries(HAND)) {
    it(`${model} (${stage}) matches the hand computation`, async () => {
      const spec = POSITION_MODELS[model as keyof typeof POSITION_MODELS];
      const sql = await sqlCredits(ws, spec, stage);
      for (const [opp, expected] of Object.entries(credits)) {
        expect(sql.get(opp)?.ids).toEqual(EXPECTED_PATHS[stage][opp]);
        expectCredits(sql.get(opp)?.credits, expected, `${model} ${opp}`);
      }
    });
  }

  it("full_path on pipeline is w_shaped", async () => {
    const full = await sqlCredits(ws, POSITION_MODELS.full_path, "pipeline");
    for (const [opp, expected] of Object.entries(HAND.w_shaped?.credits ?? {}))
      expectCredits(full.get(opp)?.credits, expected, `full_path ${opp}`);
  });
});
