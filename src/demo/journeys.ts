// Marketing and sales touches. An opportunity's journey starts with its sourcing (primary)
// channel, mostly before creation within the lookback, with a few touches while the deal is
// worked. Accounts that never buy get short journeys with no opportunity: the null journeys the
// data-driven attribution models need.
import type { DemoBehaviour } from "./behaviour.js";
import { campaignFor } from "./campaigns.js";
import { AS_OF_DAY, FIRST_TOUCH_DAY, MAX_LEAD_DAYS } from "./calendar.js";
import type { DemoAccount, OpportunityPlan } from "./company.js";
import type { Random } from "./random.js";
import type { ChannelInfo } from "./vocabulary.js";

export interface DemoTouch {
  readonly account: DemoAccount;
  readonly contact: number;
  /** Empty when the touch is matched to opportunities by account and time window. */
  readonly opportunityId: string;
  readonly day: number;
  readonly channel: ChannelInfo;
  readonly campaign: string;
  readonly leadCreation: boolean;
}

export interface JourneyContext {
  readonly rng: Random;
  readonly behaviour: DemoBehaviour;
  /** Mean touches per opportunity journey. */
  readonly touchesPerOpportunity: number;
  emit(touch: DemoTouch): void;
}

/** Deals with no recorded touch at all: pipeprism credits them to "Unattributed". */
const UNTOUCHED_SHARE = 0.02;
/** A journey keeps returning to the channel that sourced it. */
const REPEAT_PRIMARY_SHARE = 0.25;
/** Touches after creation, while the deal is worked (they matter for revenue attribution). */
const AFTER_CREATION_SHARE = 0.15;
/** Touches recorded against the opportunity itself (campaign influence); the rest carry only the account. */
const LINKED_SHARE = 1 / 3;
const LEAD_FLAG_SHARE = { new_business: 0.6, expansion: 0.35, renewal: 0.35 } as const;
const PROSPECT_EXTRA_TOUCHES = 2.5;

export function writeOpportunityJourney(ctx: JourneyContext, plan: OpportunityPlan): void {
  const { rng, behaviour } = ctx;
  if (rng.chance(UNTOUCHED_SHARE)) return;
  const days = journeyDays(ctx, plan);
  const leadIndex = leadCreationIndex(rng, plan, days);
  const mix = behaviour.channelMix(plan.account.tier, plan.type);
  days.forEach((day, i) => {
    const channel = i === 0 || rng.chance(REPEAT_PRIMARY_SHARE) ? plan.primary : mix.sample(rng);
    ctx.emit({
      account: plan.account,
      contact: rng.int(1, plan.account.contacts),
      opportunityId: rng.chance(LINKED_SHARE) ? plan.id : "",
      day,
      channel,
      campaign: campaignFor(rng, channel, day),
      leadCreation: i === leadIndex,
    });
  });
}

/** Sorted touch days; the earliest is always before creation, so it carries the primary channel. */
function journeyDays(ctx: JourneyContext, plan: OpportunityPlan): number[] {
  const { rng, behaviour } = ctx;
  const tier = plan.account.tier;
  const meanExtra = ctx.touchesPerOpportunity * behaviour.touchFactor(tier, plan.type) - 1;
  const count = 1 + rng.poisson(Math.max(0, meanExtra));
  const workedUntil = Math.min(plan.status === "open" ? AS_OF_DAY : plan.closeDay, AS_OF_DAY);
  const leadMean = behaviour.leadTimeMeanDays(tier);
  const days = [beforeCreation(rng, plan.createdDay, leadMean)];
  for (let i = 1; i < count; i++) {
    const after = workedUntil > plan.createdDay && rng.chance(AFTER_CREATION_SHARE);
    days.push(after ? rng.int(plan.createdDay + 1, workedUntil) : beforeCreation(rng, plan.createdDay, leadMean));
  }
  return days.sort((a, b) => a - b);
}

function beforeCreation(rng: Random, createdDay: number, meanDays: number): number {
  return createdDay - Math.min(MAX_LEAD_DAYS, Math.floor(rng.exponential(meanDays)));
}

/** The touch that created the lead (usually the first) is flagged for about half the deals. */
function leadCreationIndex(rng: Random, plan: OpportunityPlan, days: readonly number[]): number {
  if (!rng.chance(LEAD_FLAG_SHARE[plan.type])) return -1;
  const second = days[1];
  return second !== undefined && second <= plan.createdDay && rng.chance(0.25) ? 1 : 0;
}

/** A short burst of touches on an account that never opens an opportunity. */
export function writeProspectJourney(ctx: JourneyContext, account: DemoAccount): void {
  const { rng, behaviour } = ctx;
  const start = rng.int(FIRST_TOUCH_DAY, AS_OF_DAY);
  const count = 1 + rng.poisson(PROSPECT_EXTRA_TOUCHES);
  const days = Array.from({ length: count }, () => Math.min(AS_OF_DAY, start + Math.floor(rng.exponential(30))));
  const mix = behaviour.channelMix(account.tier, "new_business");
  let previous: ChannelInfo | undefined;
  for (const day of days.sort((a, b) => a - b)) {
    const channel: ChannelInfo = previous && rng.chance(REPEAT_PRIMARY_SHARE) ? previous : mix.sample(rng);
    previous ??= channel;
    ctx.emit({
      account,
      contact: rng.int(1, account.contacts),
      opportunityId: "",
      day,
      channel,
      campaign: campaignFor(rng, channel, day),
      leadCreation: false,
    });
  }
}
