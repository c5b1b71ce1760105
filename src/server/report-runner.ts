// Where the server's reports run. By default in a pool of worker threads, each with its own
// read-only connection to the workspace, so that fitting Markov or Shapley never blocks the event
// loop that answers every other request; with `workers: 0`, or when a worker could not reopen the
// same workspace (an engine chosen by `--engine` rather than the config), on the server's thread.
// Planning stays on the server's thread either way: it is quick, and it is where a bad parameter
// is found, so a 400 never waits behind a running report.
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ReportResult } from "../contract/report-result.js";
import type { LoadedConfig } from "../model/config.js";
import { runPlan, type ReportPlan } from "../report/plan/report-plan.js";
import { resolveEngine } from "../workspace/engine-choice.js";
import { workspaceFile } from "../workspace/paths.js";
import type { Workspace } from "../workspace/workspace.js";
import { buildMeta, type Meta } from "./meta.js";
import { WorkerPool } from "./report-pool.js";

export interface ReportRunner {
  report(plan: ReportPlan): Promise<ReportResult>;
  meta(): Promise<Meta>;
  /** Starts what the runner needs ahead of the first request. */
  warm(): void;
  /** Lets running jobs finish and releases the workers. */
  close(): Promise<void>;
}

export type ReportJob = { readonly kind: "report"; readonly plan: ReportPlan } | { readonly kind: "meta" };

export interface ReportWorkerData {
  readonly loaded: LoadedConfig;
}

/** Two workers, or one on a single-CPU machine. */
const defaultWorkers = (): number => Math.min(2, availableParallelism());

const WORKER_SCRIPT = new URL(`./report-worker${path.extname(fileURLToPath(import.meta.url))}`, import.meta.url);

export function reportRunner(ws: Workspace, workers = defaultWorkers()): ReportRunner {
  return workers > 0 && reopensAlike(ws) ? poolRunner(ws, workers) : inProcessRunner(ws);
}

/** Whether openWorkspace(ws.loaded), as a worker does, reaches the same data as `ws`. */
function reopensAlike(ws: Workspace): boolean {
  let engine: string;
  try {
    engine = resolveEngine(undefined, ws.loaded).kind;
  } catch {
    return false;
  }
  if (engine !== ws.engine.dialect.name) return false;
  return engine !== "duckdb" || existsSync(workspaceFile(ws.loaded));
}

function inProcessRunner(ws: Workspace): ReportRunner {
  return {
    report: (plan) => runPlan(ws, plan),
    meta: () => buildMeta(ws),
    warm: () => undefined,
    close: () => Promise.resolve(),
  };
}

function poolRunner(ws: Workspace, size: number): ReportRunner {
  const data: ReportWorkerData = { loaded: ws.loaded };
  const pool = new WorkerPool<ReportJob, ReportResult | Meta>(WORKER_SCRIPT, size, data);
  return {
    report: (plan) => pool.run({ kind: "report", plan }) as Promise<ReportResult>,
    meta: () => pool.run({ kind: "meta" }) as Promise<Meta>,
    warm: () => pool.warm(),
    close: () => pool.close(),
  };
}
