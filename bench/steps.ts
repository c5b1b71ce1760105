// The work of each benchmark step, run inside a fresh child process by bench/step.ts so that
// its peak RSS belongs to that step alone. Each step returns a short description of its output
// (row counts) so a result that silently did nothing is visible in results.json.
import path from "node:path";
import { POSITION_MODEL_NAMES } from "../src/attribution/position-models.js";
import { generateDemo } from "../src/demo/generate.js";
import { ingest } from "../src/ingest/ingest.js";
import { ingestToPostgres } from "../src/ingest/postgres-transfer.js";
import { loadConfig } from "../src/model/config.js";
import { runReport } from "../src/report/run-report.js";
import { pathsReport } from "../src/report/paths.js";
import { audit } from "../src/report/audit.js";
import { planAttribution } from "../src/report/attribution.js";
import { baseContext } from "../src/report/run-query.js";
import { unattributedBreakdown } from "../src/report/unattributed.js";
import { openWorkspace } from "../src/workspace/workspace.js";
import { writePathFile } from "./path-file.js";

export const POSITION_MODELS = POSITION_MODEL_NAMES;

/** Demo opportunities at scale 1 (src/demo: ≈ 8,058 × scale). */
export const OPPORTUNITIES_AT_SCALE_1 = 8058;
const TOUCHES_PER_OPPORTUNITY = 10;
const DEMO_SEED = 42;
const PATH_FILE_ROWS = 1_000_000;
const PATH_FILE_SEED = 7;

type StepInfo = Record<string, string | number>;
export type StepFn = (args: readonly string[]) => Promise<StepInfo>;

const config = (dir: string) => path.join(dir, "pipeprism.yaml");

async function report(
  dir: string,
  engine: string,
  name: "winrate" | "attribution" | "insights",
  options: Record<string, string>,
): Promise<StepInfo> {
  const ws = await openWorkspace(config(dir), engine === "duckdb" ? {} : { engine });
  try {
    const result = await runReport(ws, name, options);
    return { rows: result.rows.length, totals: result.totals.length };
  } finally {
    await ws.close();
  }
}

export const STEP_FUNCTIONS: Record<string, StepFn> = {
  async generate([dir, opportunities]) {
    const scale = Number(opportunities) / OPPORTUNITIES_AT_SCALE_1;
    const demo = await generateDemo({ dir: String(dir), seed: DEMO_SEED, scale, touchpointsPerOpportunity: TOUCHES_PER_OPPORTUNITY });
    return { accounts: demo.accounts, opportunities: demo.opportunities, touchpoints: demo.touchpoints, stage_history: demo.stageHistory };
  },
  async ingest([dir, engine = "duckdb"]) {
    const loaded = await loadConfig(config(String(dir)));
    const result = engine === "duckdb" ? await ingest(loaded) : await ingestToPostgres(loaded, engine);
    return Object.fromEntries(result.tables.map((t) => [t.table, t.rowsKept]));
  },
  winrate: ([dir, engine]) => report(String(dir), String(engine), "winrate", { by: "size,region" }),
  attribution: ([dir, engine, model]) => report(String(dir), String(engine), "attribution", { by: "size", model: String(model) }),
  markov: ([dir, engine, order]) =>
    report(String(dir), String(engine), "attribution", { by: "size", model: "markov", order: String(order) }),
  shapley: ([dir, engine]) => report(String(dir), String(engine), "attribution", { by: "size", model: "shapley" }),
  insights: ([dir, engine]) => report(String(dir), String(engine), "insights", {}),
  /** The Unattributed breakdown alone (reasons and unreachable touches) for one position model. */
  async unattributed([dir, engine]) {
    const ws = await openWorkspace(config(String(dir)), engine === "duckdb" ? {} : { engine: String(engine) });
    try {
      const plan = await planAttribution(ws, { by: ["size"], model: "linear" });
      const b = await unattributedBreakdown(ws, plan.credits, baseContext(ws));
      return { opportunities: b.opportunities, reasons: b.reasons.length, unreachable_touches: b.unreachableTouches };
    } finally {
      await ws.close();
    }
  },
  async audit([dir, engine]) {
    const ws = await openWorkspace(config(String(dir)), engine === "duckdb" ? {} : { engine: String(engine) });
    try {
      const result = await audit(ws);
      return { tables: result.tables.length, touch_fates: result.touch_fates.length };
    } finally {
      await ws.close();
    }
  },
  async "paths-file"([file]) {
    return { paths: await writePathFile(String(file), PATH_FILE_ROWS, PATH_FILE_SEED) };
  },
  async paths([file, model, order]) {
    const result = await pathsReport(String(file), { model: String(model), ...(order ? { order } : {}) });
    return { channels: result.rows.length, paths: Number(result.params.paths), notes: result.notes.length };
  },
  async "duckdb-version"() {
    const { DuckDBInstance } = await import("@duckdb/node-api");
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll("SELECT version() AS v");
    const version = String(reader.getRowObjectsJS()[0]?.v ?? "unknown");
    connection.closeSync();
    instance.closeSync();
    return { version };
  },
};
