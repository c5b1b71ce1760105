// Which steps a benchmark runs, their child-process arguments and their targets.
import { DEMO_TOUCHES_PER_OPPORTUNITY, OPPORTUNITIES_AT_SCALE_1, POSITION_MODELS, TOUCHES_PER_OPPORTUNITY } from "./steps.js";

/**
 * Opportunities per tier. `demo` is `pipeprism demo` itself (seed 42, scale 1, its own 7.5
 * touchpoints per opportunity); the other tiers are generated with 10 touchpoints per opportunity.
 */
export const TIERS: Readonly<Record<string, number>> = {
  demo: OPPORTUNITIES_AT_SCALE_1,
  "10k": 10_000,
  "100k": 100_000,
  "1m": 1_000_000,
};

/** Touchpoints per opportunity a tier is generated with. */
export function touchesFor(tier: string): number {
  return tier === "demo" ? DEMO_TOUCHES_PER_OPPORTUNITY : TOUCHES_PER_OPPORTUNITY;
}

/** Targets hold at the 1M-opportunity / 10M-touchpoint tier; smaller tiers are checked against the same numbers. */
export const RSS_TARGET_MB = 3 * 1024;

export interface StepInput {
  readonly dir: string;
  /** "duckdb", or the postgres:// URL (with ?schema=) the tier is ingested into and read from. */
  readonly engine: string;
  readonly pathFile: string;
  readonly opportunities: number;
  /** Touchpoints per opportunity the tier's data is generated with (touchesFor). */
  readonly touches: number;
}

export interface StepSpec {
  /** Unique id, e.g. `attribution:linear`; `--steps` matches it or its group (`attribution`). */
  readonly id: string;
  readonly group: string;
  readonly label: string;
  readonly step: string;
  readonly args: (at: StepInput) => string[];
  readonly targetS?: number;
  /** generate and the path file are written once and reused, so they are timed once. */
  readonly once?: boolean;
  /** Runs on the shared path file, not on a tier's demo data. */
  readonly pathFile?: boolean;
}

/** The data-driven models `--intervals` accepts, each at its default replicates (order 1 for Markov). */
const INTERVAL_MODELS = ["lift", "markov", "shapley"] as const;

export const TIER_STEPS: readonly StepSpec[] = [
  {
    id: "generate",
    group: "generate",
    label: "generate (demo CSVs)",
    step: "generate",
    args: ({ dir, opportunities, touches }) => [dir, String(opportunities), String(touches)],
    once: true,
  },
  { id: "ingest", group: "ingest", label: "ingest", step: "ingest", args: ({ dir, engine }) => [dir, engine], targetS: 15 },
  {
    id: "winrate",
    group: "winrate",
    label: "winrate --by size,region",
    step: "winrate",
    args: ({ dir, engine }) => [dir, engine],
    targetS: 1,
  },
  ...POSITION_MODELS.map((m): StepSpec => ({
    id: `attribution:${m}`,
    group: "attribution",
    label: `attribution ${m} --by size`,
    step: "attribution",
    args: ({ dir, engine }) => [dir, engine, m],
    targetS: 5,
  })),
  {
    id: "attribution:lift",
    group: "attribution",
    label: "attribution lift --by size",
    step: "attribution",
    args: ({ dir, engine }) => [dir, engine, "lift"],
    // Issue #14: fitting lift on 1M journeys ≤ 5 s. The report adds its SQL to the fit, so passing here implies the fit does.
    targetS: 5,
  },
  {
    id: "lift-fit",
    group: "lift",
    label: "lift: set counts (SQL) + fit --by size, no matrix",
    step: "lift-fit",
    args: ({ dir, engine }) => [dir, engine],
    targetS: 5,
  },
  {
    id: "markov:1",
    group: "markov",
    label: "attribution markov order 1 --by size",
    step: "markov",
    args: ({ dir, engine }) => [dir, engine, "1"],
    targetS: 10,
  },
  {
    id: "markov:3",
    group: "markov",
    label: "attribution markov order 3 --by size",
    step: "markov",
    args: ({ dir, engine }) => [dir, engine, "3"],
  },
  { id: "shapley", group: "shapley", label: "attribution shapley --by size", step: "shapley", args: ({ dir, engine }) => [dir, engine] },
  ...INTERVAL_MODELS.map((m): StepSpec => ({
    id: `intervals:${m}`,
    group: "intervals",
    label: `attribution ${m} --by size --intervals (default B)`,
    step: "intervals",
    args: ({ dir, engine }) => [dir, engine, m],
  })),
  {
    id: "validate",
    group: "validate",
    label: "validate (workspace shape, default journeys)",
    step: "validate",
    args: ({ dir, engine }) => [dir, engine],
  },
  { id: "insights", group: "insights", label: "insights (every dimension)", step: "insights", args: ({ dir, engine }) => [dir, engine] },
  {
    id: "unattributed",
    group: "explain",
    label: "Unattributed breakdown (linear, reasons + unreachable touches)",
    step: "unattributed",
    args: ({ dir, engine }) => [dir, engine],
  },
  { id: "audit", group: "explain", label: "audit (with touch fates)", step: "audit", args: ({ dir, engine }) => [dir, engine] },
];

export const PATH_STEPS: readonly StepSpec[] = [
  {
    id: "paths-file",
    group: "paths",
    label: "write path file (1,000,000 distinct paths)",
    step: "paths-file",
    args: ({ pathFile }) => [pathFile],
    once: true,
    pathFile: true,
  },
  {
    id: "paths:markov1",
    group: "paths",
    label: "paths --model markov --order 1",
    step: "paths",
    args: ({ pathFile }) => [pathFile, "markov", "1"],
    pathFile: true,
  },
  {
    id: "paths:linear",
    group: "paths",
    label: "paths --model linear",
    step: "paths",
    args: ({ pathFile }) => [pathFile, "linear"],
    pathFile: true,
  },
];

export function selected(spec: StepSpec, steps: readonly string[] | null): boolean {
  return steps === null || steps.includes(spec.id) || steps.includes(spec.group);
}
