// Firmographics of the demo company's three size tiers: how many accounts each has, how big they
// are, how often they buy and how large their deals are. These hold in both demo modes; what
// segmentEffects=false switches off lives in behaviour.ts.

export const SIZE_TIERS = ["SMB", "Mid-Market", "Enterprise"] as const;
export type SizeTier = (typeof SIZE_TIERS)[number];

export type OpportunityType = "new_business" | "expansion" | "renewal";
export type Motion = "inbound" | "outbound" | "partner";

export interface TierProfile {
  readonly tier: SizeTier;
  readonly accountShare: number;
  /** Inclusive employee range, matching the demo config's size bands. */
  readonly employees: readonly [number, number];
  /** Accounts that are touched by marketing but never open an opportunity (null journeys). */
  readonly prospectShare: number;
  /** Mean opportunities over the 8 quarters for an account that buys at all. */
  readonly opportunitiesPerBuyer: number;
  readonly contacts: readonly [number, number];
  readonly dealMedian: number;
  readonly dealSigma: number;
}

export const TIER_PROFILES: Readonly<Record<SizeTier, TierProfile>> = {
  SMB: {
    tier: "SMB",
    accountShare: 0.55,
    employees: [10, 199],
    prospectShare: 0.35,
    opportunitiesPerBuyer: 2.9,
    contacts: [1, 3],
    dealMedian: 9_000,
    dealSigma: 0.4,
  },
  "Mid-Market": {
    tier: "Mid-Market",
    accountShare: 0.3,
    employees: [200, 999],
    prospectShare: 0.3,
    opportunitiesPerBuyer: 4.2,
    contacts: [2, 6],
    dealMedian: 38_000,
    dealSigma: 0.4,
  },
  Enterprise: {
    tier: "Enterprise",
    accountShare: 0.15,
    employees: [1000, 50_000],
    prospectShare: 0.2,
    opportunitiesPerBuyer: 6.5,
    contacts: [3, 12],
    dealMedian: 190_000,
    dealSigma: 0.5,
  },
};

/** Existing customers buy smaller add-ons, and renew for a little less than they first paid. */
export const TYPE_AMOUNT_FACTOR: Readonly<Record<OpportunityType, number>> = {
  new_business: 1,
  expansion: 0.45,
  renewal: 0.8,
};
