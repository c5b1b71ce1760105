// What the numbers were measured on: CPU, cores, memory, node, DuckDB, date, git commit.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";
import { runStep } from "./spawn-step.js";

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly node: string;
  readonly duckdb: string;
  readonly os: string;
  readonly date: string;
  readonly commit: string;
  /** 1/5/15-minute load average when the run started: other processes on the machine skew timings. */
  readonly loadAverage: string;
}

function cpuModel(): string {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8")
      .split("\n")
      .find((l) => l.startsWith("model name"));
    return line?.split(":")[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown";
  } catch {
    return os.cpus()[0]?.model ?? "unknown";
  }
}

function gitCommit(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src"], { encoding: "utf8" }).trim() !== "";
    return dirty ? `${head} + uncommitted changes in src/` : head;
  } catch {
    return "unknown";
  }
}

export async function describeMachine(): Promise<Machine> {
  const duck = await runStep("duckdb-version", [], 60);
  return {
    cpu: cpuModel(),
    cores: os.cpus().length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    duckdb: String(duck.info.version ?? "unknown"),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    commit: gitCommit(),
    loadAverage: os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(" / "),
  };
}
