// Markov and Shapley are fitted on counts SQL makes (transitions from each touch's previous
// channels; journeys per channel-set bitmask). Held here to a second method: the full path of
// every journey (a running string_agg), counted in TypeScript as the `paths` command counts a
// ChannelAttribution file. Same chain, same removal effects, same coalition data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { at } from "../src/attribution/checked-at.js";
import { chainFromCounts, type ChainCountRow } from "../src/attribution/markov-chain.js";
import { fitMarkov, fitMarkovChain } from "../src/attribution/markov.js";
import type { PathRow } from "../src/attribution/paths.js";
import { chainCountRow } from "../src/report/attribution-credits.js";
import { baseContext } from "../src/report/run-query.js";
import {
  compileAttributionMatrix,
  compileChannelList,
  compileMarkovCounts,
  compileSetCounts,
  type AttributionQuery,
} from "../src/sql/attribution-sql.js";
import { positionCreditExpr } from "../src/sql/position-credit-sql.js";
import { POSITION_MODELS } from "../src/attribution/position-models.js";
import { hasPrecomputedJourneys, type Workspace } from "../src/workspace/workspace.js";
import { demoWorkspace } from "./helpers/demo-workspace.js";
import { compilePathCounts } from "./helpers/path-counts-sql.js";

let ws: Workspace;
let close: () => Promise<void> = async () => undefined;

beforeAll(async () => {
  ({ ws, close } = await demoWorkspace({ seed: 11, scale: 0.08 }));
});

afterAll(() => close());

interface Case {
  readonly stage: "pipeline" | "revenue";
  readonly by: readonly string[];
  readonly window: { from: string; to: string } | null;
  readonly precomputed: boolean;
}

const CASES: Case[] = [
  { stage: "pipeline", by: [], window: null, precomputed: true },
  { stage: "pipeline", by: ["size"], window: null, precomputed: true },
  { stage: "pipeline", by: ["region", "motion"], window: { from: "2025-01-01", to: "2025-12-31" }, precomputed: false },
  { stage: "revenue", by: ["size"], window: null, precomputed: false },
];

function query(c: Case): AttributionQuery {
  return {
    dimensions: c.by,
    window: c.window,
    evaluationDate: ws.dataAsOf,
    stage: c.stage,
    lookbackDays: ws.config.attribution.lookback_days,
    precomputed: c.precomputed,
  };
}

const segKey = (r: Record<string, unknown>, by: readonly string[]) => JSON.stringify(by.map((d) => r[`seg_${d}`] ?? null));

async function channels(): Promise<{ names: string[]; byCode: Map<string, string> }> {
  const rows = await ws.engine.all(compileChannelList(baseContext(ws)));
  return { names: rows.map((r) => String(r.channel)), byCode: new Map(rows.map((r) => [String(r.code), String(r.channel)])) };
}

/** Path rows per segment key from the reference query. */
async function referencePaths(c: Case): Promise<Map<string, PathRow[]>> {
  const { byCode } = await channels();
  const out = new Map<string, PathRow[]>();
  for (const r of await ws.engine.all(compilePathCounts(baseContext(ws), query(c)))) {
    const row: PathRow = {
      channels: Array.from(String(r.path), (code) => byCode.get(code) ?? code),
      conversions: Number(r.conversions),
      value: Number(r.value),
      nulls: Number(r.nulls),
    };
    const key = segKey(r, c.by);
    out.set(key, [...(out.get(key) ?? []), row]);
  }
  return out;
}

describe("Markov counts in SQL", () => {
  it("uses the journeys ingest built", () => {
    expect(hasPrecomputedJourneys(ws)).toBe(true);
  });

  for (const c of CASES) {
    for (const order of [1, 2, 3, 4]) {
      it(`give the chain the paths give: ${c.stage}, by ${c.by.join(",") || "nothing"}, order ${order}`, async () => {
        const { names } = await channels();
        const reference = await referencePaths(c);
        const counted = new Map<string, ChainCountRow[]>();
        for (const r of await ws.engine.all(compileMarkovCounts(baseContext(ws), query(c), order))) {
          const row = chainCountRow(r);
          const key = segKey(r, c.by);
          counted.set(key, [...(counted.get(key) ?? []), row]);
        }
        expect([...counted.keys()].sort()).toEqual([...reference.keys()].sort());
        for (const [key, paths] of reference) {
          const expected = fitMarkov(paths, order);
          const actual = fitMarkovChain(chainFromCounts(names, counted.get(key) ?? []), order);
          expect(actual.stateCount, key).toBe(expected.stateCount);
          expect(actual.conversionProbability).toBeCloseTo(expected.conversionProbability, 12);
          expect(Math.abs(actual.expectedValue - expected.expectedValue)).toBeLessThanOrEqual(1e-12 * Math.max(1, expected.expectedValue));
          for (const [channel, effect] of expected.removalEffects)
            expect(actual.removalEffects.get(channel), `${key} ${channel}`).toBeCloseTo(effect, 12);
          for (const [channel, effect] of actual.removalEffects) if (!expected.removalEffects.has(channel)) expect(effect).toBe(0);
        }
      });
    }
  }
});

describe("channel-set counts in SQL", () => {
  for (const c of CASES) {
    it(`hold each set's conversions and nulls as the paths do: ${c.stage}, by ${c.by.join(",") || "nothing"}`, async () => {
      const { names } = await channels();
      const expected = new Map<string, { conversions: number; nulls: number; value: number }>();
      for (const [seg, paths] of await referencePaths(c)) {
        for (const p of paths) {
          const key = `${seg}|${[...new Set(p.channels)].sort().join(",")}`;
          const e = expected.get(key) ?? { conversions: 0, nulls: 0, value: 0 };
          expected.set(key, { conversions: e.conversions + p.conversions, nulls: e.nulls + p.nulls, value: e.value + p.value });
        }
      }
      const actual = new Map<string, { conversions: number; nulls: number; value: number }>();
      for (const r of await ws.engine.all(compileSetCounts(baseContext(ws), query(c), "mask"))) {
        if (Number(r.conversions) + Number(r.nulls) === 0) continue;
        const mask = BigInt(String(r.set_key));
        const set = names.filter((_, id) => ((mask >> BigInt(id)) & 1n) === 1n).sort();
        const key = `${segKey(r, c.by)}|${set.join(",")}`;
        const a = actual.get(key) ?? { conversions: 0, nulls: 0, value: 0 };
        actual.set(key, {
          conversions: a.conversions + Number(r.conversions),
          nulls: a.nulls + Number(r.nulls),
          value: a.value + Number(r.value),
        });
      }
      expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
      for (const [key, e] of expected) {
        const a = actual.get(key);
        expect(a?.conversions, key).toBe(e.conversions);
        expect(a?.nulls, key).toBe(e.nulls);
        expect(a?.value ?? 0, key).toBeCloseTo(e.value, 6);
      }
    });
  }
});

// Above MASK_CHANNEL_LIMIT channels sets are keyed by sorted channel codes instead of a bitmask.
// The demo has 9 channels, so both keyings can run on it and must describe the same sets.
describe("channel sets keyed by codes (more than 62 channels)", () => {
  const decodeMask = (names: string[], key: string) => names.filter((_, id) => ((BigInt(key) >> BigInt(id)) & 1n) === 1n).join(",");
  for (const c of CASES) {
    it(`count the same sets as bitmasks do: ${c.stage}, by ${c.by.join(",") || "nothing"}`, async () => {
      const { names, byCode } = await channels();
      const asText = (rows: Record<string, unknown>[], decode: (key: string) => string) =>
        rows
          .map(
            (r) =>
              `${segKey(r, c.by)}|${decode(String(r.set_key))}|${r.journeys}|${r.conversions}|${r.nulls}|${Number(r.value).toFixed(2)}`,
          )
          .sort();
      const mask = await ws.engine.all(compileSetCounts(baseContext(ws), query(c), "mask"));
      const codes = await ws.engine.all(compileSetCounts(baseContext(ws), query(c), "codes"));
      expect(asText(codes, (k) => Array.from(k, (code) => byCode.get(code) ?? "?").join(","))).toEqual(
        asText(mask, (k) => decodeMask(names, k)),
      );
    });
  }

  it("give the same matrix", async () => {
    const source = { kind: "expression" as const, sql: positionCreditExpr(POSITION_MODELS.w_shaped, "pipeline", 7) };
    const q = query(at(CASES, 1));
    const mask = await ws.engine.all(compileAttributionMatrix(baseContext(ws), q, source, "mask"));
    const codes = await ws.engine.all(compileAttributionMatrix(baseContext(ws), q, source, "codes"));
    expect(codes.length).toBeGreaterThan(10);
    expect(codes).toEqual(mask);
  });
});
