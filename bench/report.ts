// results.json → results.md: one table per tier, growth per 10x data, machine details.
import { RSS_TARGET_MB, type StepSpec } from "./plan.js";
import type { Machine } from "./machine.js";
import type { StepMeasurement } from "./spawn-step.js";

export interface StepResult {
  readonly id: string;
  readonly label: string;
  readonly targetS: number | null;
  readonly runs: readonly StepMeasurement[];
  readonly medianS: number | null;
  readonly minS: number | null;
  readonly maxS: number | null;
  readonly medianProcessS: number | null;
  readonly peakRssMb: number | null;
  readonly verdict: string;
  readonly info: Record<string, unknown>;
}

export interface TierResult {
  readonly tier: string;
  /** "duckdb" (also when absent, in results written before engines were compared) or "postgres". */
  readonly engine?: string;
  readonly opportunities: number;
  readonly data: Record<string, unknown>;
  readonly steps: StepResult[];
}

export interface Results {
  readonly machine: Machine;
  readonly command: string;
  readonly runs: number;
  readonly tiers: TierResult[];
}

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

export function summarizeStep(spec: StepSpec, runs: readonly StepMeasurement[]): StepResult {
  const ok = runs.filter((r) => r.ok);
  const walls = ok.map((r) => r.wallS);
  const medianS = median(walls);
  const peakRssMb = ok.length ? Math.max(...ok.map((r) => r.peakRssMb)) : null;
  const failed = runs.find((r) => !r.ok);
  const problems: string[] = [];
  if (failed) problems.push(`error: ${failed.error ?? "failed"}`);
  if (medianS !== null && spec.targetS !== undefined && medianS > spec.targetS) problems.push("time");
  if (peakRssMb !== null && peakRssMb > RSS_TARGET_MB) problems.push("RSS");
  return {
    id: spec.id,
    label: spec.label,
    targetS: spec.targetS ?? null,
    runs,
    medianS,
    minS: walls.length ? Math.min(...walls) : null,
    maxS: walls.length ? Math.max(...walls) : null,
    medianProcessS: median(ok.map((r) => r.processWallS)),
    peakRssMb,
    verdict: problems.length ? `FAIL (${problems.join(", ")})` : "pass",
    info: ok[ok.length - 1]?.info ?? {},
  };
}

const s = (x: number | null, digits = 2) => (x === null || !Number.isFinite(x) ? "—" : x.toFixed(digits));
const mb = (x: number | null) => (x === null || !Number.isFinite(x) ? "—" : String(Math.round(x)));

/** One tier's steps; on PostgreSQL the target is DuckDB's time × 5 (`duck`: the same tier on DuckDB). */
function tierTable(tier: TierResult, duck?: TierResult): string {
  const head =
    "| step | median wall s | min–max s | with node start-up s | peak RSS MB | target (at 1M) | result |\n|---|---:|---:|---:|---:|---|---|";
  const rows = tier.steps.map((r) => {
    const range = r.runs.length > 1 ? `${s(r.minS)}–${s(r.maxS)}` : "(1 run)";
    const [target, verdict] =
      engineOf(tier) === "postgres" ? versusDuck(r, duck) : [`${r.targetS !== null ? `≤ ${r.targetS} s, ` : ""}≤ 3 GB`, r.verdict];
    return `| ${r.label} | ${s(r.medianS)} | ${range} | ${s(r.medianProcessS)} | ${mb(r.peakRssMb)} | ${target} | ${verdict} |`;
  });
  return [head, ...rows].join("\n");
}

function versusDuck(r: StepResult, duck: TierResult | undefined): [string, string] {
  const base = duck?.steps.find((b) => b.id === r.id)?.medianS ?? null;
  if (base === null || r.medianS === null) return ["≤ 5× DuckDB", r.medianS === null ? r.verdict : "—"];
  const ratio = r.medianS / base;
  return [`≤ 5× DuckDB (${s(5 * base)} s)`, `${ratio <= 5 ? "pass" : "FAIL"} (${ratio.toFixed(1)}×)`];
}

/** Median at each tier and the ratio between consecutive tiers (each 10x the data). */
function growthTable(tiers: readonly TierResult[]): string {
  if (tiers.length < 2) return "";
  const ids = [...new Set(tiers.flatMap((t) => t.steps.map((r) => r.id)))];
  const label = (id: string) => tiers.flatMap((t) => t.steps).find((r) => r.id === id)?.label ?? id;
  const at = (t: TierResult, id: string) => t.steps.find((r) => r.id === id);
  const pairs = tiers.slice(1).map((t, i) => [tiers[i] as TierResult, t] as const);
  const head = `| step | ${tiers.map((t) => `${t.tier} s`).join(" | ")} | ${pairs.map(([a, b]) => `× time ${a.tier}→${b.tier}`).join(" | ")} | ${pairs.map(([a, b]) => `× RSS ${a.tier}→${b.tier}`).join(" | ")} |`;
  const sep = `|---|${tiers.map(() => "---:").join("|")}|${pairs.map(() => "---:").join("|")}|${pairs.map(() => "---:").join("|")}|`;
  const ratio = (a: number | null | undefined, b: number | null | undefined) => (a && b ? `${(b / a).toFixed(1)}×` : "—");
  const rows = ids.map((id) => {
    const times = tiers.map((t) => s(at(t, id)?.medianS ?? null));
    const tr = pairs.map(([a, b]) => ratio(at(a, id)?.medianS, at(b, id)?.medianS));
    const rr = pairs.map(([a, b]) => ratio(at(a, id)?.peakRssMb, at(b, id)?.peakRssMb));
    return `| ${label(id)} | ${times.join(" | ")} | ${tr.join(" | ")} | ${rr.join(" | ")} |`;
  });
  return [head, sep, ...rows].join("\n");
}

const engineOf = (t: TierResult) => t.engine ?? "duckdb";

/** Per tier measured on both engines: each step's medians and PostgreSQL's time as a multiple of DuckDB's. */
function engineTable(tiers: readonly TierResult[]): string {
  const rows: string[] = [];
  for (const pg of tiers.filter((t) => engineOf(t) === "postgres")) {
    const duck = tiers.find((t) => t.tier === pg.tier && engineOf(t) === "duckdb");
    if (!duck) continue;
    for (const step of pg.steps) {
      const base = duck.steps.find((r) => r.id === step.id);
      const ratio = base?.medianS && step.medianS ? step.medianS / base.medianS : null;
      const verdict = ratio === null ? "—" : ratio <= 5 ? "pass" : "FAIL";
      rows.push(
        `| ${pg.tier} | ${step.label} | ${s(base?.medianS ?? null)} | ${s(step.medianS)} | ${ratio === null ? "—" : `${ratio.toFixed(1)}×`} | ${verdict} |`,
      );
    }
  }
  if (rows.length === 0) return "";
  return ["| tier | step | DuckDB s | PostgreSQL s | PostgreSQL / DuckDB | ≤ 5× |", "|---|---|---:|---:|---:|---|", ...rows].join("\n");
}

export function renderMarkdown(results: Results): string {
  const m = results.machine;
  const parts = [
    "# pipeprism benchmark results",
    "",
    `Command: \`${results.command}\` — median of the runs per step ("(1 run)" where a step ran once), each step in its own child process; generate and the path file are written once and timed once.`,
    "Wall time is measured inside the child around the step's work; \"with node start-up\" is spawn-to-exit. Peak RSS is the child's `process.resourceUsage().maxRSS` (node + tsx + DuckDB).",
    "",
    "## Machine",
    "",
    `- CPU: ${m.cpu}, ${m.cores} cores; memory ${m.memoryGiB} GiB`,
    `- Node ${m.node}, DuckDB ${m.duckdb} (@duckdb/node-api), ${m.os}`,
    `- Date ${m.date}; git ${m.commit}`,
    `- Load average at start (1/5/15 min): ${m.loadAverage ?? "not recorded"} — anything above ~0.5 means other processes shared the ${m.cores} cores and times are inflated`,
    "",
  ];
  for (const tier of results.tiers) {
    // A PostgreSQL tier reuses the DuckDB tier's generated data, described there.
    const d =
      tier.data.opportunities !== undefined
        ? tier.data
        : (results.tiers.find((t) => t.tier === tier.tier && t.data.opportunities !== undefined)?.data ?? tier.data);
    const described =
      tier.tier === "paths"
        ? "synthetic aggregated path file, 1,000,000 distinct paths over 16 channels (seed 7)"
        : `demo company, seed 42, ${d.opportunities ?? "?"} opportunities, ${d.touchpoints ?? "?"} touchpoints, ${d.accounts ?? "?"} accounts`;
    const engine = engineOf(tier) === "postgres" ? " on PostgreSQL" : "";
    const duck = results.tiers.find((t) => t.tier === tier.tier && engineOf(t) === "duckdb");
    parts.push(`## ${tier.tier === "paths" ? "Path file" : `Tier ${tier.tier}${engine}`} — ${described}`, "", tierTable(tier, duck), "");
  }
  for (const engine of ["duckdb", "postgres"]) {
    // The demo tier is generated with fewer touchpoints per opportunity: not a step of the 10× ladder.
    const growth = growthTable(results.tiers.filter((t) => t.tier !== "paths" && t.tier !== "demo" && engineOf(t) === engine));
    if (growth) parts.push(`## Growth per 10× data${engine === "postgres" ? " (PostgreSQL)" : ""}`, "", growth, "");
  }
  const versus = engineTable(results.tiers);
  if (versus)
    parts.push(
      "## PostgreSQL against DuckDB (target: within 5× per report)",
      "",
      versus,
      "",
      "Peak RSS on PostgreSQL is pipeprism's own process; the server's memory is not in it.",
      "",
    );
  parts.push(
    "Reference tools: the shared data README and ChannelAttribution's run_log.txt state no run times, so there are no reference timings to compare with.",
    "",
  );
  return parts.join("\n");
}
