// A small pool of worker threads for the server's report work. Markov's linear solves and
// Shapley's coalition sums are plain TypeScript: run on the server's own thread they would stall
// every other request (cached ones included) for as long as they compute. A job goes to the worker
// with the fewest jobs in flight; a worker runs its jobs concurrently, as the server's thread did,
// so a quick report sent to a worker that is fitting a model waits for one step of the fit, not the
// whole fit. Workers start on first use (or `warm()`), are replaced after a crash, and keep the
// process alive only while they have work.
//
// Protocol: the pool posts `{ id, job }` and the worker answers `{ id, ok, value | error }`, or
// `"close"`, after which the worker finishes its jobs and exits. Errors cross the thread boundary as
// data: a UserError keeps its diagnostics (a 400), anything else becomes an Error whose message is
// the first line of the original (a 500; the full stack goes to the server's log).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { UserError, type Diagnostic } from "../model/diagnostic.js";

export type JobError =
  | { readonly user: true; readonly diagnostics: readonly Diagnostic[] }
  | { readonly user: false; readonly message: string; readonly stack: string };

export type JobReply =
  | { readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly id: number; readonly ok: false; readonly error: JobError };

export type ToWorker = { readonly id: number; readonly job: unknown } | "close";

/** An error as data that survives postMessage. */
export function jobError(error: unknown): JobError {
  if (error instanceof UserError) return { user: true, diagnostics: error.diagnostics };
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error ? (error.stack ?? message) : message;
  return { user: false, message, stack };
}

/** The error a job's promise rejects with: a UserError again, or a one-line Error with the worker's stack. */
function jobFailure(error: JobError): Error {
  if (error.user) return new UserError(error.diagnostics);
  const failure = new Error(firstLine(error.message));
  failure.stack = `(in a report worker) ${error.stack}`;
  return failure;
}

const firstLine = (text: string): string => text.split("\n", 1)[0]?.trim() || "error without a message";

/** How long a closing worker may take to finish its jobs before it is stopped. */
const CLOSE_GRACE_MS = 10_000;

interface Pending {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  readonly exited: Promise<void>;
}

export class WorkerPool<Job, Result> {
  private readonly slots = new Set<Slot>();
  private nextId = 1;
  private closing: Promise<void> | undefined;

  /**
   * `script` is the worker's module; a `.ts` module (tests, tsx) is loaded through tsx, which
   * must then be installed. `workerData` is cloned into each worker.
   */
  constructor(
    private readonly script: URL,
    readonly size: number,
    private readonly workerData: unknown,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`worker pool size must be a positive integer, got ${size}`);
  }

  /** Starts every worker now, so the first requests do not wait for them. */
  warm(): void {
    try {
      while (!this.closing && this.slots.size < this.size) this.spawn();
    } catch {
      // A worker that cannot start says why on the first job that needs it.
    }
  }

  run(job: Job): Promise<Result> {
    if (this.closing) return Promise.reject(new Error("the server is closing"));
    let slot: Slot;
    try {
      slot = this.pick();
    } catch (error) {
      return Promise.reject(new Error(`cannot start a report worker: ${firstLine(String(error))}`));
    }
    const id = this.nextId++;
    return new Promise<Result>((resolve, reject) => {
      slot.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      slot.worker.ref();
      try {
        slot.worker.postMessage({ id, job } satisfies ToWorker);
      } catch (error) {
        this.settle(slot, id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Jobs already sent finish; then every worker closes what it opened and exits. */
  close(): Promise<void> {
    this.closing ??= Promise.all(
      [...this.slots].map(async (slot) => {
        slot.worker.postMessage("close" satisfies ToWorker);
        slot.worker.ref();
        const stop = setTimeout(() => void slot.worker.terminate(), CLOSE_GRACE_MS);
        await slot.exited;
        clearTimeout(stop);
      }),
    ).then(() => undefined);
    return this.closing;
  }

  /** The least busy worker; a new one while the pool is below its size and every worker is busy. */
  private pick(): Slot {
    let best: Slot | undefined;
    for (const slot of this.slots) if (!best || slot.pending.size < best.pending.size) best = slot;
    if (best && (best.pending.size === 0 || this.slots.size >= this.size)) return best;
    return this.spawn();
  }

  private spawn(): Slot {
    const worker = startWorker(this.script, this.workerData);
    worker.unref();
    const pending = new Map<number, Pending>();
    let crash: Error | undefined;
    const exited = new Promise<void>((resolve) => {
      worker.on("error", (error) => (crash = error));
      worker.on("exit", (code) => {
        this.slots.delete(slot);
        const why = crash ? `: ${firstLine(crash.message)}` : "";
        for (const job of pending.values()) job.reject(new Error(`a report worker stopped (exit code ${code})${why}`));
        pending.clear();
        resolve();
      });
    });
    const slot: Slot = { worker, pending, exited };
    worker.on("message", (reply: JobReply) => {
      const job = this.settle(slot, reply.id);
      if (!job) return;
      if (reply.ok) job.resolve(reply.value);
      else job.reject(jobFailure(reply.error));
    });
    this.slots.add(slot);
    return slot;
  }

  private settle(slot: Slot, id: number): Pending | undefined {
    const job = slot.pending.get(id);
    slot.pending.delete(id);
    if (slot.pending.size === 0 && !this.closing) slot.worker.unref();
    return job;
  }
}

function startWorker(script: URL, workerData: unknown): Worker {
  if (!script.pathname.endsWith(".ts")) return new Worker(script, { workerData });
  // Running from source: register tsx in the worker, then load the TypeScript module.
  const boot = `(await import(${JSON.stringify(tsxApi())})).register();\nawait import(${JSON.stringify(script.href)});\n`;
  return new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { workerData });
}

/** The URL of tsx's ESM `register` API, found through its package.json exports (a data: URL resolves no bare names). */
function tsxApi(): string {
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  const { exports } = JSON.parse(readFileSync(manifest, "utf8")) as { exports: Record<string, { import: { default: string } }> };
  const entry = exports["./esm/api"]?.import.default;
  if (!entry) throw new Error(`${manifest} has no ./esm/api export`);
  return pathToFileURL(path.join(path.dirname(manifest), entry)).href;
}
