// One worker thread of the server's report pool (report-pool.ts): opens the workspace itself,
// read-only, and runs the jobs the server sends — a planned report, or the dashboard's meta —
// answering each with its result or its error as data. On "close" it lets its jobs finish, closes
// the workspace and exits. On Linux the thread runs at a lower CPU priority (nice 10): when the
// machine's cores are all busy fitting, the server's thread still gets one to answer requests.
import { readlinkSync } from "node:fs";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import type { ReportResult } from "../contract/report-result.js";
import { runPlan } from "../report/plan/report-plan.js";
import { openWorkspace, type Workspace } from "../workspace/workspace.js";
import { buildMeta, type Meta } from "./meta.js";
import { jobError, type JobReply, type ToWorker } from "./report-pool.js";
import type { ReportJob, ReportWorkerData } from "./report-runner.js";

const port = parentPort;
if (!port) throw new Error("report-worker.ts runs as a worker thread of `pipeprism serve`");

/** Nice value of this thread: fits yield the CPU to the thread answering requests. */
const WORKER_NICE = 10;

/** Linux names each thread under /proc; elsewhere setPriority(pid) would slow the whole server, so skip. */
function lowerPriority(): void {
  try {
    const tid = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (Number.isInteger(tid) && tid !== process.pid) setPriority(tid, WORKER_NICE);
  } catch {
    // Not Linux, or not allowed: run at the server's priority.
  }
}

lowerPriority();
const { loaded } = workerData as ReportWorkerData;
const opened = openWorkspace(loaded);
opened.catch(() => undefined); // each job reports it
const running = new Set<Promise<void>>();

function runJob(ws: Workspace, job: ReportJob): Promise<ReportResult | Meta> {
  return job.kind === "meta" ? buildMeta(ws) : runPlan(ws, job.plan);
}

async function answer(id: number, job: ReportJob): Promise<void> {
  let reply: JobReply;
  try {
    reply = { id, ok: true, value: await runJob(await opened, job) };
  } catch (error) {
    reply = { id, ok: false, error: jobError(error) };
  }
  try {
    port?.postMessage(reply);
  } catch (error) {
    port?.postMessage({ id, ok: false, error: jobError(error) } satisfies JobReply);
  }
}

async function close(): Promise<void> {
  while (running.size) await Promise.allSettled([...running]);
  await (await opened.catch(() => null))?.close();
  process.exit(0);
}

port.on("message", (message: ToWorker) => {
  if (message === "close") {
    void close();
    return;
  }
  const work = answer(message.id, message.job as ReportJob);
  running.add(work);
  void work.finally(() => running.delete(work));
});
