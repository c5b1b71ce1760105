// Runs one benchmark step in its own `node --import tsx bench/step.ts` child and reads back the
// JSON line it prints. Wall time is measured twice: inside the child around the step's work
// (what the tables report) and outside around the whole process (node + tsx start-up included).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

export interface StepMeasurement {
  readonly ok: boolean;
  /** Around the step's own work, inside the child. */
  readonly wallS: number;
  /** Spawn to exit, including node and tsx start-up. */
  readonly processWallS: number;
  readonly peakRssMb: number;
  readonly cpuS: number;
  readonly info: Record<string, unknown>;
  readonly error?: string;
}

const STEP_SCRIPT = fileURLToPath(new URL("./step.ts", import.meta.url));
const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Resident set of a live process in MiB, from /proc (0 where /proc is unavailable). */
function rssMb(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8")
      .split("\n")
      .find((l) => l.startsWith("VmRSS:"));
    return Number(line?.match(/\d+/)?.[0] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/**
 * `rssLimitMb`: the child is killed when its RSS passes this (polled every 250 ms), so a step
 * that runs away cannot push a shared machine into swap or the OOM killer; it is recorded as failed.
 */
export function runStep(
  step: string,
  args: readonly string[],
  timeoutS: number,
  rssLimitMb = Number.POSITIVE_INFINITY,
): Promise<StepMeasurement> {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", STEP_SCRIPT, step, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
    let killedFor: string | undefined;
    const kill = (reason: string) => {
      killedFor ??= reason;
      child.kill("SIGKILL");
    };
    const timer = setTimeout(() => kill(`killed after the ${timeoutS} s timeout`), timeoutS * 1000);
    const watch = setInterval(() => {
      const rss = child.pid ? rssMb(child.pid) : 0;
      if (rss > rssLimitMb)
        kill(`killed at ${Math.round(rss)} MB RSS (limit ${rssLimitMb} MB) after ${((performance.now() - started) / 1000).toFixed(0)} s`);
    }, 250);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      clearInterval(watch);
      const processWallS = (performance.now() - started) / 1000;
      const line = stdout.trim().split("\n").pop() ?? "";
      try {
        if (code !== 0) throw new Error(killedFor ?? `exit ${code ?? signal}: ${stderr.trim().split("\n").slice(-3).join(" | ")}`);
        const r = JSON.parse(line) as {
          wallMs: number;
          maxRssKb: number;
          userCpuMs: number;
          systemCpuMs: number;
          info: Record<string, unknown>;
        };
        resolve({
          ok: true,
          wallS: r.wallMs / 1000,
          processWallS,
          peakRssMb: r.maxRssKb / 1024,
          cpuS: (r.userCpuMs + r.systemCpuMs) / 1000,
          info: r.info,
        });
      } catch (error) {
        resolve({
          ok: false,
          wallS: Number.NaN,
          processWallS,
          peakRssMb: Number.NaN,
          cpuS: Number.NaN,
          info: {},
          error: (error as Error).message,
        });
      }
    });
  });
}
