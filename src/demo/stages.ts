// Stage history of one opportunity. Entries are in funnel order with non-decreasing dates; about
// one deal in twelve skips a middle stage, won deals pass Negotiation and end in Closed Won, lost
// deals drop out at some stage, and open deals have entered only the stages reached by as-of.
import { AS_OF_DAY } from "./calendar.js";
import type { OpportunityPlan } from "./company.js";
import type { Random } from "./random.js";
import { WeightedTable } from "./random.js";

const OPEN_STAGES = ["Prospecting", "Qualification", "Proposal", "Negotiation"] as const;
const WON_STAGE = "Closed Won";
const LOST_STAGE = "Closed Lost";

export interface StageEntry {
  readonly stage: string;
  readonly day: number;
}

/** Index of the last open stage a lost deal reached before dropping out. */
const LOST_AT = new WeightedTable([
  [0, 35],
  [1, 30],
  [2, 20],
  [3, 15],
] as const);
const SKIP_SHARE = 0.08;
/** Stalled deals that are still open sit about a year before being written off. */
const STALLED_SPAN_DAYS = 365;

export function stageHistory(rng: Random, plan: OpportunityPlan): StageEntry[] {
  const lastStage = plan.status === "lost" ? LOST_AT.sample(rng) : OPEN_STAGES.length - 1;
  const stages = stagePath(rng, lastStage);
  if (plan.status === "open") return openEntries(rng, plan, stages);
  const days = entryDays(rng, plan.createdDay, plan.closeDay - plan.createdDay, stages.length);
  const entries = stages.map((stage, i) => ({ stage, day: days[i] as number }));
  entries.push({ stage: plan.status === "won" ? WON_STAGE : LOST_STAGE, day: plan.closeDay });
  return entries;
}

/** The open stages a deal passes through up to lastStage, occasionally skipping one. */
function stagePath(rng: Random, lastStage: number): string[] {
  const path: string[] = [];
  for (let i = 0; i <= lastStage; i++) {
    const skippable = i < lastStage && (i > 0 || lastStage > 1);
    if (!(skippable && rng.chance(SKIP_SHARE))) path.push(OPEN_STAGES[i] as string);
  }
  return path;
}

function openEntries(rng: Random, plan: OpportunityPlan, stages: readonly string[]): StageEntry[] {
  const span = plan.stalled ? STALLED_SPAN_DAYS : plan.closeDay - plan.createdDay;
  const days = entryDays(rng, plan.createdDay, span, stages.length);
  const reached = stages.map((stage, i) => ({ stage, day: days[i] as number })).filter((entry) => entry.day <= AS_OF_DAY);
  // A stalled deal stops wherever it got stuck, not where its calendar would have taken it.
  return plan.stalled ? reached.slice(0, rng.int(1, reached.length)) : reached;
}

/**
 * Entry days for `count` stages spread over `span` days from creation: the first on the creation
 * day, the others near evenly spaced fractions of the span, jittered by less than half a step so
 * their order never changes and the last stays before the span's end.
 */
function entryDays(rng: Random, createdDay: number, span: number, count: number): number[] {
  const days = [createdDay];
  for (let j = 1; j < count; j++) {
    days.push(createdDay + Math.floor(((j + rng.between(-0.35, 0.35)) / count) * span));
  }
  return days;
}
