// Kill -9 trials (issue #13, 5b). A large demo project is ingested once (the previous workspace) and
// three reports are recorded byte for byte; a second ingest of different data (another demo seed) is
// then started again and again as a child process and killed with SIGKILL at seeded random moments
// spread over its whole measured duration (a third of them with a small memory limit, so DuckDB
// spills to disk), and at the statements around the commit. After every kill the workspace must open
// and give exactly the previous reports or exactly the new ingest's, nothing in between; the files a
// killed ingest leaves (staging file, its WAL, the spill folder) must be gone once the workspace is
// opened again, and the next ingest must run. Reports killed mid-query must leave the workspace as it was.
// Prints one summary line for docs/RELIABILITY.md.
import { spawn } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/attribution/prng.js";
import { generateDemo } from "../../src/demo/generate.js";
import { removeStaleStaging, stagingFile } from "../../src/workspace/staging.js";
import { run } from "../helpers/run-cli.js";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const CLI = path.join(REPO, "src", "cli", "main.ts");
/** Demo scale 10: about 616,000 touchpoints, 82,000 opportunities, 130,000 stage changes; an ingest takes ~5 s. */
const SCALE = 10;
const SEED = 0x5b13;
const TIMED_INGEST_KILLS = 20;
const REPORT_KILLS = 8;
/** Kill moments run to 10 % past the measured duration, so some land after the commit. */
const OVERSHOOT = 1.1;
/** Small enough that the ingest's sorts and joins spill into DuckDB's temp folder. */
const SPILL_MEMORY = "96MB";
const AS_OF = "2026-06-30";
const WORKSPACE_NAME = "pipeprism.duckdb";

const REPORTS: readonly (readonly string[])[] = [
  ["attribution", "--by", "size", "--format", "json"],
  ["summary", "--format", "csv"],
  ["winrate", "--by", "region", "--format", "json"],
];
const KILLED_REPORTS: readonly (readonly string[])[] = [
  ["models", "--by", "size", "--format", "json"],
  ["attribution", "--by", "size", "--model", "markov", "--format", "json"],
];
/** Commit-window kills: when the SQL log shows this statement finished, after this many ms. */
const STATEMENT_KILLS: readonly { readonly statement: string; readonly delayMs: number }[] = [
  { statement: "DETACH previous", delayMs: 0 },
  { statement: "CHECKPOINT", delayMs: 0 },
  { statement: "CHECKPOINT", delayMs: 2 },
  { statement: "CHECKPOINT", delayMs: 10 },
];

type Outcome = "old" | "new";

interface ChildRun {
  readonly pid: number;
  readonly code: number | null;
  readonly killed: boolean;
  readonly ms: number;
  readonly stderr: string;
}

interface ChildOptions {
  readonly env?: Readonly<Record<string, string>>;
  /** SIGKILL this many ms after the spawn, if still running. */
  readonly killAfterMs?: number;
  /** SIGKILL `delayMs` after stderr first matches `pattern`. */
  readonly killOn?: { readonly pattern: RegExp; readonly delayMs: number };
  /** Called once the child has a pid (to act while it runs). */
  readonly whileRunning?: (pid: number) => Promise<void>;
}

/** The CLI from source in a child process (node with the tsx loader, as `tsx src/cli/main.ts` would). */
function runChild(args: readonly string[], options: ChildOptions = {}): Promise<ChildRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", CLI, ...args], {
    cwd: REPO,
    env: { ...process.env, TZ: "UTC", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let killed = false;
  const kill = (): void => {
    if (child.exitCode === null && child.signalCode === null) killed = child.kill("SIGKILL");
  };
  const timer = options.killAfterMs === undefined ? null : setTimeout(kill, options.killAfterMs);
  let matched = false;
  child.stdout.resume();
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => {
    stderr += chunk;
    const on = options.killOn;
    if (on && !matched && on.pattern.test(stderr)) {
      matched = true;
      if (on.delayMs === 0) kill();
      else setTimeout(kill, on.delayMs);
    }
  });
  const during = child.pid !== undefined && options.whileRunning ? options.whileRunning(child.pid) : Promise.resolve();
  const exited = new Promise<ChildRun>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => {
      if (timer) clearTimeout(timer);
      resolve({ pid: child.pid ?? -1, code, killed, ms: performance.now() - started, stderr });
    });
  });
  return Promise.all([exited, during]).then(([result]) => result);
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** SIGKILL unless the process has just ended. */
function killQuietly(pid: number): void {
  try {
    process.kill(pid, "SIGKILL");
  } catch {
    // already gone
  }
}

/** Names of the SQL statements the ingest logs (PIPEPRISM_LOG_SQL), one per line after the timing. */
const statementDone = (statement: string): RegExp => new RegExp(`^${statement};$`, "m");

describe("kill -9 trials", () => {
  let base = "";
  let project = "";
  let oldConfig = "";
  let newConfig = "";
  let folder = "";
  let target = "";
  let saved = "";
  const oldRefs: string[] = [];
  const newRefs: string[] = [];
  const durations = { ingest: 0, spillIngest: 0, reports: [] as number[] };
  const rng = mulberry32(SEED);
  const tally = {
    ingestTrials: 0,
    old: 0,
    new: 0,
    completedBeforeKill: 0,
    leftAfterKill: 0,
    leftAfterOpen: 0,
    reportTrials: 0,
    reportLeftovers: 0,
  };
  const moments: number[] = [];
  const leftoverKinds = new Set<string>();
  /** One line per trial, printed with the summary. */
  const trace: string[] = [];
  let rows = { touchpoints: 0, opportunities: 0 };

  async function listFolder(): Promise<string[]> {
    return (await readdir(folder)).sort();
  }

  async function reports(): Promise<string[]> {
    const outputs: string[] = [];
    for (const args of REPORTS) {
      const r = await run(project, "report", ...args, "--as-of", AS_OF, "--config", oldConfig);
      expect(r.code, `report ${args.join(" ")}: ${r.err}`).toBe(0);
      outputs.push(r.out);
    }
    return outputs;
  }

  /** Which reference the workspace now gives: exactly the previous one or exactly the new one. */
  async function outcome(context: string): Promise<Outcome> {
    const outputs = await reports();
    if (outputs.every((o, i) => o === oldRefs[i])) return "old";
    if (outputs.every((o, i) => o === newRefs[i])) return "new";
    throw new Error(`${context}: reports match neither the previous nor the new workspace`);
  }

  /** Waits until the ingest in process `pid` has created its staging file; false when the process ended first. */
  async function stagingAppears(pid: number): Promise<boolean> {
    const staging = path.basename(stagingFile(target, pid));
    for (;;) {
      if ((await listFolder()).includes(staging)) return true;
      if (!running(pid)) return false;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  async function ingestNew(options: ChildOptions = {}): Promise<ChildRun> {
    return runChild(["ingest", "--config", newConfig], options);
  }

  async function restorePrevious(): Promise<void> {
    await copyFile(saved, target);
  }

  /** `staging`, `staging.wal`, `staging.tmp/` (spill folder) for the killed process's files; other names as they are. */
  function leftoverNames(pid: number, names: readonly string[]): string[] {
    const staging = path.basename(stagingFile(target, pid));
    return names.map((name) => (name.startsWith(staging) ? `staging${name.slice(staging.length)}` : name));
  }

  /** After an ingest kill: what it left, then the workspace opens with one of the two outcomes and nothing else stays. */
  async function checkAfterKill(child: ChildRun, context: string): Promise<Outcome> {
    const left = leftoverNames(
      child.pid,
      (await listFolder()).filter((n) => n !== WORKSPACE_NAME),
    );
    if (left.length > 0) tally.leftAfterKill++;
    for (const name of left) leftoverKinds.add(name);
    const checked = performance.now();
    const result = await outcome(context);
    const after = await listFolder();
    if (after.length !== 1) tally.leftAfterOpen++;
    trace.push(
      `${context}: ${child.killed ? "killed" : `had finished (exit ${child.code})`}, left [${left.join(", ")}], ` +
        `workspace ${result === "old" ? "previous" : "new"}, checked in ${Math.round(performance.now() - checked)} ms`,
    );
    expect(after, `${context}: files beside the workspace after it was opened again`).toEqual([WORKSPACE_NAME]);
    if (!child.killed) tally.completedBeforeKill++;
    tally.ingestTrials++;
    tally[result]++;
    return result;
  }

  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), "pipeprism-kill-"));
    project = path.join(base, "project");
    folder = path.join(project, ".pipeprism");
    target = path.join(folder, WORKSPACE_NAME);
    saved = path.join(base, "previous.duckdb");
    await mkdir(project);
    const [, next] = await Promise.all([
      generateDemo({ dir: path.join(base, "gen-old"), seed: 42, scale: SCALE }),
      generateDemo({ dir: path.join(base, "gen-new"), seed: 4242, scale: SCALE }),
    ]);
    rows = { touchpoints: next.touchpoints, opportunities: next.opportunities };
    await rename(path.join(base, "gen-old", "data"), path.join(project, "data-old"));
    await rename(path.join(base, "gen-new", "data"), path.join(project, "data-new"));
    // Both configs sit in one folder, so they share one workspace; only their sources differ.
    const yaml = await readFile(path.join(base, "gen-old", "pipeprism.yaml"), "utf8");
    expect(yaml).toMatch(/: data\//);
    oldConfig = path.join(project, "pipeprism.yaml");
    newConfig = path.join(project, "next.yaml");
    await writeFile(oldConfig, yaml.replace(/: data\//g, ": data-old/"));
    await writeFile(newConfig, yaml.replace(/: data\//g, ": data-new/"));

    const first = await runChild(["ingest", "--config", oldConfig]);
    expect(first.code, first.stderr).toBe(0);
    oldRefs.push(...(await reports()));
    expect(await reports(), "reports of one workspace are deterministic").toEqual(oldRefs);
    await copyFile(target, saved);

    const full = await ingestNew();
    expect(full.code, full.stderr).toBe(0);
    durations.ingest = full.ms;
    newRefs.push(...(await reports()));
    newRefs.forEach((out, i) => expect(out, `report ${REPORTS[i]?.join(" ")} differs between the datasets`).not.toBe(oldRefs[i]));
    expect(await listFolder()).toEqual([WORKSPACE_NAME]);

    await restorePrevious();
    const spilled = await ingestNew({ env: { PIPEPRISM_DUCKDB_MEMORY: SPILL_MEMORY } });
    expect(spilled.code, spilled.stderr).toBe(0);
    durations.spillIngest = spilled.ms;
    expect(await reports(), "a spilling ingest gives the same workspace").toEqual(newRefs);
    await restorePrevious();
  });

  afterAll(async () => {
    if (base) await rm(base, { recursive: true, force: true });
    if (tally.ingestTrials > 0) console.log(`${trace.join("\n")}\n${summaryLine()}`);
  });

  function summaryLine(): string {
    const seconds = (ms: number): string => (ms / 1000).toFixed(1);
    const sorted = [...moments].sort((a, b) => a - b);
    const timed = moments.length;
    return (
      `kill -9 summary: demo scale ${SCALE} (${rows.opportunities} opportunities, ${rows.touchpoints} touchpoints), ` +
      `full ingest ${seconds(durations.ingest)} s (${seconds(durations.spillIngest)} s at memory ${SPILL_MEMORY}); ` +
      `${tally.ingestTrials} ingest kills (${timed} at seeded moments ${seconds(sorted[0] ?? 0)}–${seconds(sorted.at(-1) ?? 0)} s, ` +
      `${tally.ingestTrials - timed} right after commit statements): previous workspace kept ${tally.old}, new committed ${tally.new} ` +
      `(${tally.completedBeforeKill} had finished before the kill), anything else 0; ` +
      `files left right after the kill in ${tally.leftAfterKill} (${[...leftoverKinds].sort().join(", ") || "none"}), ` +
      `after reopening in ${tally.leftAfterOpen}; ${tally.reportTrials} report kills (models, markov attribution; full runs ` +
      `${durations.reports.map(seconds).join(" s, ")} s): workspace unchanged, files left in ${tally.reportLeftovers}`
    );
  }

  it("stale staging files of an ended process go, a running process's and other files stay", async () => {
    const dir = path.join(base, "staging-names");
    await mkdir(path.join(dir, "w.duckdb.ingest-1.tmp.tmp"), { recursive: true });
    const ended = await runChild(["--version"]);
    expect(ended.code).toBe(0);
    const names = [
      `w.duckdb.ingest-${ended.pid}.tmp`,
      `w.duckdb.ingest-${ended.pid}.tmp.wal`,
      `w.duckdb.ingest-${process.pid}.tmp`,
      `w.duckdb.ingest-${process.pid}.tmp.wal`,
      `other.duckdb.ingest-${ended.pid}.tmp`,
      `w.duckdb.ingest-${ended.pid}.tmp.bak`,
      "w.duckdb",
    ];
    for (const name of names) await writeFile(path.join(dir, name), "");
    await writeFile(path.join(dir, "w.duckdb.ingest-1.tmp.tmp", "duckdb_temp_storage_DEFAULT-0.tmp"), "");
    const removed = await removeStaleStaging(path.join(dir, "w.duckdb"));
    // pid 1 is init, always running: its spill folder stays too.
    expect(removed.sort()).toEqual([`w.duckdb.ingest-${ended.pid}.tmp`, `w.duckdb.ingest-${ended.pid}.tmp.wal`]);
    expect((await readdir(dir)).sort()).toEqual([...names.slice(2), "w.duckdb.ingest-1.tmp.tmp"].sort());
    expect(await removeStaleStaging(path.join(base, "no-such-folder", "w.duckdb"))).toEqual([]);
  });

  it("an ingest killed at random moments leaves the previous workspace or the complete new one, and no staging files once reopened", async () => {
    for (let i = 0; i < TIMED_INGEST_KILLS; i++) {
      const spill = i % 3 === 2;
      const duration = spill ? durations.spillIngest : durations.ingest;
      const at = Math.round(((i + rng()) / TIMED_INGEST_KILLS) * OVERSHOOT * duration);
      moments.push(at);
      const child = await ingestNew({ killAfterMs: at, ...(spill ? { env: { PIPEPRISM_DUCKDB_MEMORY: SPILL_MEMORY } } : {}) });
      const context = `trial ${i + 1}: ingest${spill ? ` (memory ${SPILL_MEMORY})` : ""} killed at ${at} ms`;
      expect(child.killed || child.code === 0, `${context}: the ingest failed by itself\n${child.stderr}`).toBe(true);
      const result = await checkAfterKill(child, context);
      if (!child.killed) expect(result, `${context}: completed, so the new workspace must be in place`).toBe("new");
      if (result === "new") await restorePrevious();
    }
  });

  it("an ingest killed around its commit (after DETACH, after CHECKPOINT) leaves one workspace or the other", async () => {
    for (const { statement, delayMs } of STATEMENT_KILLS) {
      const child = await ingestNew({ env: { PIPEPRISM_LOG_SQL: "1" }, killOn: { pattern: statementDone(statement), delayMs } });
      const context = `ingest killed ${delayMs} ms after ${statement}`;
      expect(child.killed || child.code === 0, `${context}: the ingest failed by itself\n${child.stderr.slice(-2000)}`).toBe(true);
      expect(child.stderr, `${context}: the statement never ran`).toMatch(statementDone(statement));
      const result = await checkAfterKill(child, context);
      if (result === "new") await restorePrevious();
    }
  });

  it("a report killed mid-query leaves the workspace untouched", async () => {
    for (const args of KILLED_REPORTS) {
      const full = await runChild(["report", ...args, "--as-of", AS_OF, "--config", oldConfig]);
      expect(full.code, full.stderr).toBe(0);
      durations.reports.push(full.ms);
    }
    for (let i = 0; i < REPORT_KILLS; i++) {
      const which = i % KILLED_REPORTS.length;
      const args = KILLED_REPORTS[which] ?? [];
      const at = Math.round(((i + rng()) / REPORT_KILLS) * (durations.reports[which] ?? 0));
      const child = await runChild(["report", ...args, "--as-of", AS_OF, "--config", oldConfig], { killAfterMs: at });
      const context = `report ${args.join(" ")} killed at ${at} ms`;
      expect(child.killed || child.code === 0, `${context}: the report failed by itself\n${child.stderr}`).toBe(true);
      const left = (await listFolder()).filter((n) => n !== WORKSPACE_NAME);
      if (left.length > 0) tally.reportLeftovers++;
      expect(await outcome(context)).toBe("old");
      trace.push(`${context}: ${child.killed ? "killed" : "had finished"}, left [${left.join(", ")}], workspace previous`);
      expect(await listFolder(), `${context}: files beside the workspace`).toEqual([WORKSPACE_NAME]);
      tally.reportTrials++;
    }
  });

  it("a report opened while an ingest runs leaves that ingest's staging files alone", async () => {
    let stagingSeen = false;
    const child = await ingestNew({
      whileRunning: async (pid) => {
        stagingSeen = await stagingAppears(pid);
        await reports();
      },
    });
    expect(stagingSeen).toBe(true);
    expect(child.code, `the ingest whose staging file a report saw: ${child.stderr}`).toBe(0);
    expect(await outcome("after the concurrent ingest")).toBe("new");
    await restorePrevious();
  });

  it("after a killed ingest the next ingest runs, commits and removes what the killed one left", async () => {
    let stagingSeen = false;
    const killed = await ingestNew({
      killAfterMs: durations.ingest * 3,
      whileRunning: async (pid) => {
        stagingSeen = await stagingAppears(pid);
        await new Promise((r) => setTimeout(r, durations.ingest / 4));
        if (running(pid)) killQuietly(pid);
      },
    });
    expect(stagingSeen).toBe(true);
    expect(killed.code).toBeNull();
    expect(await listFolder(), "the killed ingest left its staging file").toContain(path.basename(stagingFile(target, killed.pid)));
    const next = await ingestNew();
    expect(next.code, next.stderr).toBe(0);
    expect(await listFolder(), "files beside the workspace after the next ingest, before any report").toEqual([WORKSPACE_NAME]);
    expect(await outcome("after the next ingest")).toBe("new");
  });
});
