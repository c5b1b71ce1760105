// Ingest's progress (issue #16): one sweep from 0 to 100 % through named phases, drawn on stderr
// only when stderr is a terminal, with rows per second and the time left. The clock is injected:
// nothing here depends on how fast the machine is.
import { describe, expect, it } from "vitest";
import { progressLine } from "../src/cli/progress-line.js";
import type { CliIo } from "../src/cli/io.js";
import { runCli } from "../src/cli/create-cli.js";
import { ProgressTracker, type IngestProgress, type PlannedPhase } from "../src/ingest/ingest-progress.js";
import { basicConfig, csv, writeProject } from "./helpers/temp-workspace.js";

const PHASES: PlannedPhase[] = [
  { label: "reading a.csv", weight: 100, rows: 1000 },
  { label: "checking a.csv", weight: 50 },
  { label: "building journeys", weight: 30 },
  { label: "writing workspace", weight: 20 },
];

describe("progress tracker", () => {
  it("sweeps once: phases in order, DuckDB's per-statement percent never sends it back, 100 only at the end", () => {
    const seen: IngestProgress[] = [];
    const tracker = new ProgressTracker(PHASES, (p) => seen.push(p));
    tracker.start("reading a.csv");
    tracker.advance(50); // half of 100 of 200: 25 %
    tracker.advance(20); // a new statement restarting at 20 % does not move it back
    tracker.start("checking a.csv"); // 100 of 200: 50 %
    tracker.advance(100); // 150 of 200 — but not the end
    tracker.start("building journeys");
    tracker.start("writing workspace");
    tracker.advance(100);
    tracker.finish();
    expect(seen.map((p) => [p.phase, p.step, Math.round(p.percent * 10) / 10, p.rows])).toEqual([
      ["reading a.csv", 1, 0, 0],
      ["reading a.csv", 1, 25, 500],
      ["checking a.csv", 2, 50, 1000],
      ["checking a.csv", 2, 75, 1000],
      ["building journeys", 3, 75, 1000],
      ["writing workspace", 4, 90, 1000],
      ["writing workspace", 4, 99.9, 1000],
      ["writing workspace", 4, 100, 1000],
    ]);
  });
});

describe("progress line", () => {
  it("shows the phase, rows per second and the time left from the injected clock", () => {
    let err = "";
    let now = 10_000;
    const io: CliIo = { cwd: "/", stdout: () => undefined, stderr: (t) => void (err += t), isTerminal: true };
    const line = progressLine(io, () => now);
    now += 2_000;
    line.update({ phase: "reading opportunities.csv", step: 3, steps: 10, percent: 25, rows: 10_000 });
    // 10,000 rows in 2 s; 25 % took 2 s, so 75 % takes 6 s more.
    expect(err).toBe("\r\u001b[K[##........]  25%  reading opportunities.csv (3/10)  5,000 rows/s  ETA 0:06");
    now += 6_000;
    line.update({ phase: "writing workspace", step: 10, steps: 10, percent: 100, rows: 40_000 });
    line.end();
    expect(err.split("\r\u001b[K").at(-1)).toBe("[##########] 100%  done in 8.0 s, 40,000 rows  5,000 rows/s\n");
  });

  it("clears its line when the ingest failed before 100 %", () => {
    let err = "";
    const io: CliIo = { cwd: "/", stdout: () => undefined, stderr: (t) => void (err += t), isTerminal: true };
    const line = progressLine(io, () => 0);
    line.update({ phase: "reading a.csv", step: 1, steps: 4, percent: 0, rows: 0 });
    line.end();
    expect(err.endsWith("\r\u001b[K")).toBe(true);
  });
});

const FILES = {
  "pipeprism.yaml": basicConfig(),
  "accounts.csv": csv([
    ["account_id", "account_name", "employees", "country", "industry"],
    ["A1", "Alpha", 50, "US", "IT"],
  ]),
  "opportunities.csv": csv([
    ["opportunity_id", "account_id", "amount", "stage", "created_date", "close_date", "type", "probability"],
    ["O1", "A1", 100, "Closed Won", "2025-01-10", "2025-02-09", "new_business", null],
  ]),
};

async function ingestWith(isTerminal: boolean): Promise<{ code: number; out: string; err: string }> {
  const project = await writeProject(FILES);
  let out = "";
  let err = "";
  const io: CliIo = { cwd: project.dir, stdout: (t) => void (out += t), stderr: (t) => void (err += t), isTerminal };
  const code = await runCli(["ingest"], io);
  return { code, out, err };
}

describe("pipeprism ingest", () => {
  it("on a terminal: one line through the named phases in order, ending at 100 %, with rows/s and ETA", async () => {
    const got = await ingestWith(true);
    expect(got.code, got.err).toBe(0);
    const frames = got.err.split("\r\u001b[K").filter(Boolean);
    const phases = [...new Set(frames.map((f) => /%\s+(.+?) \(\d+\/\d+\)/.exec(f)?.[1]).filter(Boolean))];
    expect(phases).toEqual([
      "reading accounts.csv",
      "checking accounts.csv",
      "reading opportunities.csv",
      "checking opportunities.csv",
      "building journeys",
      "writing workspace",
    ]);
    const percents = frames.map((f) => Number(/\]\s+(\d+)%/.exec(f)?.[1]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(frames.at(-1)).toMatch(/^\[#{10}\] 100% {2}done in [\d.]+ s, [\d,]+ rows/);
    expect(frames.at(-1)?.endsWith("\n")).toBe(true);
    expect(got.err).toMatch(/[\d,]+ rows\/s/);
    expect(got.err).toMatch(/ETA \d+:\d\d/);
    expect(got.out).toContain("Ingested into");
  });

  it("off a terminal: no progress at all on stderr", async () => {
    const got = await ingestWith(false);
    expect(got.code, got.err).toBe(0);
    expect(got.err).toBe("");
    expect(got.out).toContain("Ingested into");
  });
});
