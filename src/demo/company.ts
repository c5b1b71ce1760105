// Accounts and their opportunities. One account is generated at a time, with all of its deals in
// creation order, so a deal's type can depend on the account's earlier wins (expansion and renewal
// follow a won deal) and memory stays bounded at any scale.
import type { DemoBehaviour } from "./behaviour.js";
import { AS_OF_DAY, FIRST_CREATED_DAY } from "./calendar.js";
import type { Random } from "./random.js";
import { WeightedTable } from "./random.js";
import { SIZE_TIERS, TIER_PROFILES, TYPE_AMOUNT_FACTOR, type Motion, type OpportunityType, type SizeTier } from "./segment-profiles.js";
import { COUNTRIES, INDUSTRIES, OWNERS, companyName, type ChannelInfo, type LossReason } from "./vocabulary.js";

export interface DemoAccount {
  readonly id: string;
  /** Sequence number, also used to derive contact ids. */
  readonly number: number;
  readonly name: string;
  readonly industry: string;
  readonly employees: number;
  readonly annualRevenue: number;
  readonly country: string;
  readonly tier: SizeTier;
  readonly owner: string;
  readonly contacts: number;
}

type DealStatus = "won" | "lost" | "open";

export interface OpportunityPlan {
  readonly id: string;
  readonly account: DemoAccount;
  readonly type: OpportunityType;
  readonly primary: ChannelInfo;
  readonly motion: Motion;
  readonly amount: number;
  readonly createdDay: number;
  /** Actual close day for closed deals, expected close day for open ones. */
  readonly closeDay: number;
  readonly status: DealStatus;
  /** A deal that stopped moving: it sits open, or was closed lost for "No Decision". */
  readonly stalled: boolean;
  readonly lossReason: LossReason;
}

/** Share of deals that stall; together with cycle lengths this leaves about a quarter open at as-of. */
const STALL_SHARE = 0.24;
/** Creation volume grows over the 8 quarters: the last day sees 1 + GROWTH times the first day's volume. */
const GROWTH = 0.8;
const CREATION_SPAN_DAYS = AS_OF_DAY - FIRST_CREATED_DAY + 1;

const TIERS = new WeightedTable(SIZE_TIERS.map((tier) => [tier, TIER_PROFILES[tier].accountShare] as const));
const INDUSTRY_TABLE = new WeightedTable(INDUSTRIES);
const COUNTRY_TABLE = new WeightedTable(COUNTRIES);

export function createAccount(rng: Random, number: number): DemoAccount {
  const tier = TIERS.sample(rng);
  const profile = TIER_PROFILES[tier];
  const employees = employeeCount(rng, profile.employees);
  return {
    id: `ACC-${String(number).padStart(6, "0")}`,
    number,
    name: companyName(rng),
    industry: INDUSTRY_TABLE.sample(rng),
    employees,
    annualRevenue: Math.round((employees * rng.lognormal(160_000, 0.45)) / 1000) * 1000,
    country: COUNTRY_TABLE.sample(rng),
    tier,
    owner: rng.pick(OWNERS[tier]),
    contacts: rng.int(profile.contacts[0], profile.contacts[1]),
  };
}

/** Sizes are log-uniform within the tier, skewed towards its small end as real firmographics are. */
function employeeCount(rng: Random, [min, max]: readonly [number, number]): number {
  return Math.round(Math.exp(Math.log(min) + (Math.log(max) - Math.log(min)) * rng.uniform() ** 1.3));
}

export interface IdSequence {
  next(): string;
}

export function planOpportunities(rng: Random, account: DemoAccount, behaviour: DemoBehaviour, ids: IdSequence): OpportunityPlan[] {
  const profile = TIER_PROFILES[account.tier];
  if (rng.chance(profile.prospectShare)) return [];
  const count = 1 + rng.poisson(profile.opportunitiesPerBuyer - 1);
  const createdDays = Array.from({ length: count }, () => creationDay(rng)).sort((a, b) => a - b);
  const plans: OpportunityPlan[] = [];
  for (const createdDay of createdDays) {
    const type = opportunityType(rng, plans, createdDay);
    plans.push(planOpportunity(rng, { account, behaviour, type, createdDay, id: ids.next() }));
  }
  return plans;
}

/** Inverse CDF of a linearly rising creation density over the 8 quarters. */
function creationDay(rng: Random): number {
  const u = rng.uniform();
  const t = (Math.sqrt(1 + 2 * GROWTH * u * (1 + GROWTH / 2)) - 1) / GROWTH;
  return FIRST_CREATED_DAY + Math.min(CREATION_SPAN_DAYS - 1, Math.floor(t * CREATION_SPAN_DAYS));
}

/** Customers (an earlier deal won before this one opened) expand, and renew about a year on. */
function opportunityType(rng: Random, earlier: readonly OpportunityPlan[], createdDay: number): OpportunityType {
  const wins = earlier.filter((plan) => plan.status === "won" && plan.closeDay < createdDay);
  if (wins.length === 0) return "new_business";
  const daysSinceWin = createdDay - Math.max(...wins.map((plan) => plan.closeDay));
  return daysSinceWin >= 300 && rng.chance(0.85) ? "renewal" : "expansion";
}

interface PlanInput {
  readonly account: DemoAccount;
  readonly behaviour: DemoBehaviour;
  readonly type: OpportunityType;
  readonly createdDay: number;
  readonly id: string;
}

function planOpportunity(rng: Random, input: PlanInput): OpportunityPlan {
  const { account, behaviour, type } = input;
  const primary = behaviour.channelMix(account.tier, type).sample(rng);
  const won = rng.chance(behaviour.winProbability(account.tier, type, primary));
  const outcome = decideOutcome(rng, input, won);
  return {
    id: input.id,
    account,
    type,
    primary,
    motion: behaviour.motion(rng, primary),
    amount: dealAmount(rng, input, primary),
    createdDay: input.createdDay,
    ...outcome,
    lossReason: outcome.status !== "lost" ? "" : outcome.stalled ? "No Decision" : behaviour.lossReasons(account.tier).sample(rng),
  };
}

function dealAmount(rng: Random, input: PlanInput, primary: ChannelInfo): number {
  const profile = TIER_PROFILES[input.account.tier];
  const factor = input.behaviour.dealFactor(input.account.tier, primary) * TYPE_AMOUNT_FACTOR[input.type];
  return Math.max(500, Math.round((rng.lognormal(profile.dealMedian, profile.dealSigma) * factor) / 100) * 100);
}

type Outcome = Pick<OpportunityPlan, "status" | "closeDay" | "stalled">;

/** Lost deals die sooner than won ones close; stalled deals are written off after about a year. */
function decideOutcome(rng: Random, input: PlanInput, won: boolean): Outcome {
  const median = input.behaviour.cycleMedianDays(input.account.tier, input.type);
  const cycle = Math.max(2, Math.round(rng.lognormal(median, 0.5) * (won ? 1 : 0.8)));
  const plannedClose = input.createdDay + cycle;
  if (rng.chance(STALL_SHARE)) {
    const writeOff = input.createdDay + rng.int(300, 420);
    if (writeOff <= AS_OF_DAY) return { status: "lost", closeDay: writeOff, stalled: true };
    return { status: "open", closeDay: expectedClose(rng, plannedClose), stalled: true };
  }
  if (plannedClose <= AS_OF_DAY) return { status: won ? "won" : "lost", closeDay: plannedClose, stalled: false };
  return { status: "open", closeDay: plannedClose, stalled: false };
}

/** An open deal whose planned close has passed gets pushed out, as reps do. */
function expectedClose(rng: Random, plannedClose: number): number {
  return plannedClose > AS_OF_DAY ? plannedClose : AS_OF_DAY + rng.int(14, 90);
}
