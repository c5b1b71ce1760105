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
import { validateWorkspace } from "../src/report/validate.js";
import { openWorkspace } from "../src/workspace/workspace.js";
import { timeLiftFit } from "./lift-accuracy.js";
import { writePathFile } from "./path-file.js";

export const POSITION_MODELS = POSITION_MODEL_NAMES;

/** Demo opportunities at scale 1 (src/demo: ≈ 8,058 × scale). */
export const OPPORTUNITIES_AT_SCALE_1 = 8058;
/** Touchpoints per opportunity of the 10k, 100k and 1m tiers. */
export const TOUCHES_PER_OPPORTUNITY = 10;
/** `pipeprism demo`'s own default (src/demo/generate.ts), used by the demo tier. */
export const DEMO_TOUCHES_PER_OPPORTUNITY = 7.5;
const DEMO_SEED = 42;
const PATH_FILE_ROWS = 1_000_000;
const PATH_FILE_SEED = 7;

const round3 = (x: number) => Math.round(x * 1000) / 1000;

type StepInfo = Record<string, string | number>;
export type StepFn = (args: readonly string[]) => Promise<StepInfo>;

const config = (dir: string) => path.join(dir, "pipeprism.yaml");

const open = (dir: string, engine: string) => openWorkspace(config(dir), engine === "duckdb" ? {} : { engine });

async function report(
  dir: string,
  engine: string,
  name: "winrate" | "attribution" | "insights",
  options: Record<string, string>,
): Promise<StepInfo> {
  const ws = await open(dir, engine);
  try {
    const result = await runReport(ws, name, options);
    return { rows: result.rows.length, totals: result.totals.length };
  } finally {
    await ws.close();
  }
}

/** `report attribution --by size --model M --intervals` (the model's default B): cells with an interval, and B from the note. */
async function intervals(dir: string, engine: string, model: string): Promise<StepInfo> {
  const ws = await open(dir, engine);
  try {
    const result = await runReport(ws, "attribution", { by: "size", model, intervals: "default" });
    const note = result.notes.find((n) => n.includes("bootstrap intervals")) ?? "";
    const withInterval = result.rows.filter((r) => typeof r.pipeline_low === "number" && typeof r.pipeline_high === "number");
    return {
      rows: result.rows.length,
      rows_with_interval: withInterval.length,
      replicates: Number(/(\d+) replicates/.exec(note)?.[1] ?? 0),
    };
  } finally {
    await ws.close();
  }
}

export const STEP_FUNCTIONS: Record<string, StepFn> = {
  async generate([dir, opportunities, touches]) {
    const scale = Number(opportunities) / OPPORTUNITIES_AT_SCALE_1;
    const touchpointsPerOpportunity = touches === undefined ? TOUCHES_PER_OPPORTUNITY : Number(touches);
    const demo = await generateDemo({ dir: String(dir), seed: DEMO_SEED, scale, touchpointsPerOpportunity });
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
  intervals: ([dir, engine, model]) => intervals(String(dir), String(engine), String(model)),
  /** The lift fit alone as a report makes it: set counts from SQL, then dataDrivenCredits (bench/lift-accuracy.ts). */
  async "lift-fit"([dir, engine]) {
    const ws = await open(String(dir), String(engine));
    try {
      const t = await timeLiftFit(ws);
      return { journeys: t.journeys, sets: t.sets, credits: t.credits, sql_s: round3(t.sqlS), fit_s: round3(t.fitS) };
    } finally {
      await ws.close();
    }
  },
  /** `pipeprism validate` on the workspace: default journeys and seed, every world and model; writes validate.json. */
  async validate([dir, engine]) {
    const ws = await open(String(dir), String(engine));
    try {
      const { result } = await validateWorkspace(ws);
      const lift = (world: string) => result.rows.find((r) => r.world === world && r.model === "lift")?.tv_distance ?? "none";
      const params = result.params as { journeys?: unknown; recommendation?: { model?: unknown } };
      return {
        rows: result.rows.length,
        worlds: new Set(result.rows.map((r) => r.world)).size,
        journeys: Number(params.journeys ?? 0),
        recommendation: String(params.recommendation?.model ?? ""),
        lift_tv_additive: String(lift("additive")),
      };
    } finally {
      await ws.close();
    }
  },
  insights: ([dir, engine]) => report(String(dir), String(engine), "insights", {}),
  /** The Unattributed breakdown alone (reasons and unreachable touches) for one position model. */
  async unattributed([dir, engine]) {
    const ws = await open(String(dir), String(engine));
    try {
      const plan = await planAttribution(ws, { by: ["size"], model: "linear" });
      const b = await unattributedBreakdown(ws, plan.credits, baseContext(ws));
      return { opportunities: b.opportunities, reasons: b.reasons.length, unreachable_touches: b.unreachableTouches };
    } finally {
      await ws.close();
    }
  },
  async audit([dir, engine]) {
    const ws = await open(String(dir), String(engine));
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
