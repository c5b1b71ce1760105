// How channels behave in each size tier: the patterns the demo plants for pipeprism to find.
// With segmentEffects the mix, win rate, deal size and journey length depend on the tier and the
// sourcing channel; without it one pooled behaviour applies everywhere, so no channel x segment
// association exists at all (the null-effect control).
import type { Random } from "./random.js";
import { WeightedTable } from "./random.js";
import { SIZE_TIERS, type Motion, type OpportunityType, type SizeTier } from "./segment-profiles.js";
import { CHANNELS, LOSS_REASONS, type ChannelInfo, type LossReason } from "./vocabulary.js";

export interface DemoBehaviour {
  channelMix(tier: SizeTier, type: OpportunityType): WeightedTable<ChannelInfo>;
  winProbability(tier: SizeTier, type: OpportunityType, primary: ChannelInfo): number;
  dealFactor(tier: SizeTier, primary: ChannelInfo): number;
  /** Median days from creation to close of a won deal (lost ones close sooner). */
  cycleMedianDays(tier: SizeTier, type: OpportunityType): number;
  /** Relative journey length; averages about 1 over the opportunity population. */
  touchFactor(tier: SizeTier, type: OpportunityType): number;
  leadTimeMeanDays(tier: SizeTier): number;
  motion(rng: Random, primary: ChannelInfo): Motion;
  lossReasons(tier: SizeTier): WeightedTable<LossReason>;
}

type ChannelWeights = Readonly<Record<string, number>>;

// Share of touches per channel for new business. Paid over-indexes in SMB and Mid-Market, Content
// in Mid-Market; Events, Outbound SDR and Partner carry Enterprise.
const NEW_BUSINESS_MIX: Readonly<Record<SizeTier, ChannelWeights>> = {
  SMB: {
    "Paid Search": 28,
    "Paid Social": 20,
    "Organic Search": 14,
    Content: 10,
    Webinar: 8,
    Events: 2,
    "Outbound SDR": 4,
    Partner: 2,
    Email: 12,
  },
  "Mid-Market": {
    "Paid Search": 18,
    "Paid Social": 11,
    "Organic Search": 12,
    Content: 24,
    Webinar: 12,
    Events: 5,
    "Outbound SDR": 8,
    Partner: 4,
    Email: 6,
  },
  Enterprise: {
    "Paid Search": 3,
    "Paid Social": 2,
    "Organic Search": 7,
    Content: 10,
    Webinar: 11,
    Events: 21,
    "Outbound SDR": 24,
    Partner: 15,
    Email: 7,
  },
};

// Customer marketing reaches existing accounts; blended half and half with the tier's mix.
const CUSTOMER_MIX: ChannelWeights = {
  Email: 35,
  Webinar: 25,
  Content: 15,
  "Organic Search": 8,
  Events: 10,
  "Outbound SDR": 2,
  Partner: 5,
};

// Odds multipliers on the tier's base win rate by sourcing channel: paid-sourced deals close less
// often, partner- and event-sourced ones more, most of all in Enterprise. Because paid channels
// live in high-win SMB and events in low-win Enterprise, Paid Search beats Events on aggregate win
// rate while losing to it within tiers (Simpson-style; each tier's gap is noisy at small scales).
const WIN_ODDS: Readonly<Record<SizeTier, ChannelWeights>> = {
  SMB: {
    "Paid Search": 0.9,
    "Paid Social": 0.65,
    "Organic Search": 1.15,
    Content: 1,
    Webinar: 1.1,
    Events: 1.35,
    "Outbound SDR": 1.05,
    Partner: 1.5,
    Email: 0.9,
  },
  "Mid-Market": {
    "Paid Search": 0.85,
    "Paid Social": 0.65,
    "Organic Search": 1.1,
    Content: 1.35,
    Webinar: 1.15,
    Events: 1.25,
    "Outbound SDR": 1.05,
    Partner: 1.4,
    Email: 0.9,
  },
  Enterprise: {
    "Paid Search": 0.6,
    "Paid Social": 0.5,
    "Organic Search": 1,
    Content: 1.1,
    Webinar: 1,
    Events: 1.4,
    "Outbound SDR": 1,
    Partner: 1.6,
    Email: 0.8,
  },
};

const BASE_WIN: Readonly<Record<SizeTier, Readonly<Record<OpportunityType, number>>>> = {
  SMB: { new_business: 0.38, expansion: 0.5, renewal: 0.76 },
  "Mid-Market": { new_business: 0.27, expansion: 0.45, renewal: 0.83 },
  Enterprise: { new_business: 0.15, expansion: 0.38, renewal: 0.9 },
};

// Deal size by sourcing channel: partner- and event-sourced deals run larger, paid-sourced ones
// smaller, most visibly in Enterprise where a paid-search lead is usually a small team's project.
const DEAL_FACTOR: Readonly<Record<SizeTier, ChannelWeights>> = {
  SMB: { "Paid Search": 0.9, "Paid Social": 0.8, Events: 1.15, "Outbound SDR": 1.05, Partner: 1.25 },
  "Mid-Market": { "Paid Search": 0.85, "Paid Social": 0.8, Content: 1.05, Events: 1.15, "Outbound SDR": 1.1, Partner: 1.3 },
  Enterprise: { "Paid Search": 0.6, "Paid Social": 0.55, Events: 1.2, "Outbound SDR": 1.1, Partner: 1.35 },
};

const CYCLE_MEDIAN_DAYS: Readonly<Record<SizeTier, number>> = { SMB: 40, "Mid-Market": 80, Enterprise: 150 };
const TYPE_CYCLE_FACTOR: Readonly<Record<OpportunityType, number>> = { new_business: 1, expansion: 0.8, renewal: 0.5 };
// Enterprise buying committees leave longer journeys; existing customers need fewer touches.
const TIER_TOUCH_FACTOR: Readonly<Record<SizeTier, number>> = { SMB: 0.75, "Mid-Market": 1.05, Enterprise: 1.55 };
const TYPE_TOUCH_FACTOR: Readonly<Record<OpportunityType, number>> = { new_business: 1, expansion: 0.6, renewal: 0.45 };
const LEAD_TIME_DAYS: Readonly<Record<SizeTier, number>> = { SMB: 20, "Mid-Market": 40, Enterprise: 70 };

const LOSS_WEIGHTS: Readonly<Record<SizeTier, readonly number[]>> = {
  // Price, Competitor, No Decision, Timing, Product Fit, (blank)
  SMB: [34, 24, 12, 14, 11, 5],
  "Mid-Market": [25, 28, 18, 14, 10, 5],
  Enterprise: [16, 24, 32, 16, 8, 4],
};
const POOLED_LOSS_WEIGHTS = [25, 25, 20, 15, 10, 5];

export function createBehaviour(segmentEffects: boolean): DemoBehaviour {
  return segmentEffects ? plantedBehaviour() : neutralBehaviour();
}

function plantedBehaviour(): DemoBehaviour {
  const mixes = tierTable((tier) => ({
    newBusiness: channelTable(NEW_BUSINESS_MIX[tier]),
    customers: channelTable(blend(NEW_BUSINESS_MIX[tier], CUSTOMER_MIX)),
  }));
  const losses = tierTable((tier) => lossTable(LOSS_WEIGHTS[tier]));
  return {
    channelMix: (tier, type) => (type === "new_business" ? mixes[tier].newBusiness : mixes[tier].customers),
    winProbability: (tier, type, primary) => {
      const base = BASE_WIN[tier][type];
      return type === "renewal" ? base : withOdds(base, WIN_ODDS[tier][primary.name] ?? 1);
    },
    dealFactor: (tier, primary) => DEAL_FACTOR[tier][primary.name] ?? 1,
    cycleMedianDays: (tier, type) => CYCLE_MEDIAN_DAYS[tier] * TYPE_CYCLE_FACTOR[type],
    touchFactor: (tier, type) => TIER_TOUCH_FACTOR[tier] * TYPE_TOUCH_FACTOR[type],
    leadTimeMeanDays: (tier) => LEAD_TIME_DAYS[tier],
    motion: (rng, primary) => plantedMotion(rng, primary),
    lossReasons: (tier) => losses[tier],
  };
}

// One behaviour for every tier, type and channel: the mix is the tiers' mixes pooled, win rate and
// deal size ignore the channel, and motion is drawn independently of it. The sales cycle is the
// same everywhere too: tier-specific cycles would censor slow tiers' deals differently and make
// snapshot win rates differ by segment.
function neutralBehaviour(): DemoBehaviour {
  const pooledMix = channelTable(pool(SIZE_TIERS.map((tier) => NEW_BUSINESS_MIX[tier])));
  const motions = new WeightedTable<Motion>([
    ["inbound", 62],
    ["outbound", 26],
    ["partner", 12],
  ]);
  const losses = lossTable(POOLED_LOSS_WEIGHTS);
  return {
    channelMix: () => pooledMix,
    winProbability: () => 0.3,
    dealFactor: () => 1,
    cycleMedianDays: () => 80,
    touchFactor: () => 1,
    leadTimeMeanDays: () => 40,
    motion: (rng) => motions.sample(rng),
    lossReasons: () => losses,
  };
}

function plantedMotion(rng: Random, primary: ChannelInfo): Motion {
  if (primary.name === "Outbound SDR") return rng.chance(0.92) ? "outbound" : "inbound";
  if (primary.name === "Partner") return rng.chance(0.9) ? "partner" : "outbound";
  if (primary.name === "Events") return rng.chance(0.45) ? "outbound" : "inbound";
  const u = rng.uniform();
  return u < 0.92 ? "inbound" : u < 0.97 ? "outbound" : "partner";
}

function withOdds(probability: number, oddsFactor: number): number {
  const odds = (probability / (1 - probability)) * oddsFactor;
  return odds / (1 + odds);
}

function channelTable(weights: ChannelWeights): WeightedTable<ChannelInfo> {
  return new WeightedTable(CHANNELS.map((channel) => [channel, weights[channel.name] ?? 0] as const));
}

function lossTable(weights: readonly number[]): WeightedTable<LossReason> {
  return new WeightedTable(LOSS_REASONS.map((reason, i) => [reason, weights[i] ?? 0] as const));
}

/** Equal-weight average of normalised mixes. */
function pool(mixes: readonly ChannelWeights[]): ChannelWeights {
  const pooled: Record<string, number> = {};
  for (const mix of mixes) {
    const total = Object.values(mix).reduce((sum, w) => sum + w, 0);
    for (const [name, weight] of Object.entries(mix)) pooled[name] = (pooled[name] ?? 0) + weight / total / mixes.length;
  }
  return pooled;
}

function blend(a: ChannelWeights, b: ChannelWeights): ChannelWeights {
  return pool([a, b]);
}

function tierTable<T>(build: (tier: SizeTier) => T): Record<SizeTier, T> {
  return Object.fromEntries(SIZE_TIERS.map((tier) => [tier, build(tier)])) as Record<SizeTier, T>;
}
