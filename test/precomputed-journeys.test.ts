// The pipeline journeys ingest builds once must give the same matrix as computing them per report.
import path from "node:path";
import { expect, it } from "vitest";
import { compileAttributionMatrix, compileSetCounts, MASK_CHANNEL_LIMIT, type AttributionQuery } from "../src/sql/attribution-sql.js";
import { CHANNEL_TABLE, PRECOMPUTED_SETS } from "../src/sql/journeys-sql.js";
import { openDuckDb } from "../src/db/duckdb.js";
import { positionCreditExpr } from "../src/sql/position-credit-sql.js";
import { POSITION_MODELS } from "../src/attribution/position-models.js";
import { hasPrecomputedJourneys } from "../src/workspace/workspace.js";
import { demoWorkspace } from "./helpers/demo-workspace.js";

it("precomputed and on-the-fly pipeline journeys give the same matrix", async () => {
  const { ws, close } = await demoWorkspace({ seed: 7, scale: 0.15 });
  try {
    expect(hasPrecomputedJourneys(ws)).toBe(true);
    const ctx = { dialect: ws.engine.dialect, config: ws.config, columns: ws.columns };
    const base: AttributionQuery = {
      dimensions: ["size"],
      window: { from: "2025-01-01", to: "2026-06-30" },
      evaluationDate: ws.dataAsOf,
      stage: "pipeline",
      lookbackDays: 180,
    };
    for (const model of ["w_shaped", "time_decay"] as const) {
      const source = { kind: "expression" as const, sql: positionCreditExpr(POSITION_MODELS[model], "pipeline", 7) };
      const sort = "ORDER BY size NULLS LAST, channel NULLS LAST";
      const fly = await ws.engine.all(`SELECT * FROM (${compileAttributionMatrix(ctx, base, source, "mask")}) ${sort}`);
      const pre = await ws.engine.all(
        `SELECT * FROM (${compileAttributionMatrix(ctx, { ...base, precomputed: true }, source, "mask")}) ${sort}`,
      );
      expect(pre.length).toBe(fly.length);
      pre.forEach((row, i) => {
        for (const [key, value] of Object.entries(row)) {
          if (typeof value === "number")
            expect(Math.abs(value - Number(fly[i]?.[key]))).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(value)));
          else expect(value).toEqual(fly[i]?.[key]);
        }
      });
    }
  } finally {
    await close();
  }
});

// Above 62 channels ingest stores each journey's set as sorted channel codes, not a bitmask.
it("sets stored at ingest as channel codes (more than 62 channels) give the on-the-fly matrix", async () => {
  const { ws, close } = await demoWorkspace({ seed: 11, scale: 0.05, beforeIngest: spreadOverSeventyChannels });
  try {
    const [channels] = await ws.engine.all(`SELECT count(*) AS n FROM ${CHANNEL_TABLE}`);
    expect(Number(channels?.n)).toBeGreaterThan(MASK_CHANNEL_LIMIT);
    expect(ws.columns.get(PRECOMPUTED_SETS)?.has("set_codes")).toBe(true);
    const ctx = { dialect: ws.engine.dialect, config: ws.config, columns: ws.columns };
    const base: AttributionQuery = {
      dimensions: ["size"],
      window: null,
      evaluationDate: ws.dataAsOf,
      stage: "pipeline",
      lookbackDays: 180,
    };
    const source = { kind: "expression" as const, sql: positionCreditExpr(POSITION_MODELS.linear, "pipeline", 7) };
    const sort = "ORDER BY size NULLS LAST, channel NULLS LAST";
    const fly = await ws.engine.all(`SELECT * FROM (${compileAttributionMatrix(ctx, base, source, "codes")}) ${sort}`);
    const pre = await ws.engine.all(
      `SELECT * FROM (${compileAttributionMatrix(ctx, { ...base, precomputed: true }, source, "codes")}) ${sort}`,
    );
    expect(pre.length).toBeGreaterThan(MASK_CHANNEL_LIMIT);
    expect(pre).toEqual(fly);
    const flySets = await ws.engine.all(compileSetCounts(ctx, base, "codes"));
    const preSets = await ws.engine.all(compileSetCounts(ctx, { ...base, precomputed: true }, "codes"));
    expect(preSets.length).toBeGreaterThan(10);
    expect(preSets).toEqual(flySets);
  } finally {
    await close();
  }
});

/** Appends to each demo touch's channel one of 70 suffixes (by touchpoint id): 70 channels for each of the demo's. */
async function spreadOverSeventyChannels(dir: string): Promise<void> {
  const file = path.join(dir, "data", "touchpoints.csv");
  const scratch = await openDuckDb(":memory:");
  try {
    await scratch.run(`CREATE TABLE t AS SELECT * FROM read_csv('${file}', all_varchar = true)`);
    await scratch.run(`UPDATE t SET channel = channel || ' ' || CAST(hash(touchpoint_id) % 70 AS VARCHAR)`);
    await scratch.run(`COPY t TO '${file}' (HEADER)`);
  } finally {
    await scratch.close();
  }
}
