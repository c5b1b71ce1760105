// Running totals that spend and targets are derived from, so both stay consistent with the
// generated activity at any scale: spend follows touch volume per channel and month, targets
// follow the pipeline each size tier brings to each quarter. The totals are a few hundred numbers.
import { AS_OF_DAY, FIRST_CREATED_DAY, FIRST_TOUCH_DAY, monthIndex, monthLabel, quarterIndex, quarterLabel } from "./calendar.js";
import type { OpportunityPlan } from "./company.js";
import type { Random } from "./random.js";
import { SIZE_TIERS, type SizeTier } from "./segment-profiles.js";
import { CHANNELS, type ChannelInfo } from "./vocabulary.js";

/**
 * Pipeline each tier plans per unit of bookings target, between 3x and 4x as the rule of thumb
 * says. Enterprise plans for 4.2x but wins only about one deal in six, so it misses its targets
 * while its coverage looks the healthiest: the segment story the coverage report should tell.
 */
const PLANNED_COVERAGE: Readonly<Record<SizeTier, number>> = { SMB: 3, "Mid-Market": 3.4, Enterprise: 4.2 };

const FIRST_MONTH = monthIndex(FIRST_TOUCH_DAY);
const LAST_MONTH = monthIndex(AS_OF_DAY);
const FIRST_QUARTER = quarterIndex(FIRST_CREATED_DAY);
// Targets run one quarter past as-of: a company has next quarter's plan, which coverage is about.
const LAST_QUARTER = quarterIndex(AS_OF_DAY) + 1;

export type SpendRow = readonly [month: string, channel: string, amount: number];
export type TargetRow = readonly [period: string, size: SizeTier, amount: number];

export class DemoLedger {
  private readonly touches = CHANNELS.map(() => new Array<number>(LAST_MONTH - FIRST_MONTH + 1).fill(0));
  private readonly pipeline = new Map<number, number>();

  countTouch(channel: ChannelInfo, day: number): void {
    const counts = this.touches[channel.index] as number[];
    const month = monthIndex(day) - FIRST_MONTH;
    counts[month] = (counts[month] ?? 0) + 1;
  }

  countOpportunity(plan: OpportunityPlan): void {
    const key = pipelineKey(plan.account.tier, quarterIndex(plan.closeDay));
    this.pipeline.set(key, (this.pipeline.get(key) ?? 0) + plan.amount);
  }

  /** Monthly spend per paid channel: touch volume x cost per touch, +-15 % month-to-month noise. */
  spendRows(rng: Random): SpendRow[] {
    const rows: SpendRow[] = [];
    for (let month = FIRST_MONTH; month <= LAST_MONTH; month++) {
      for (const channel of CHANNELS) {
        if (channel.costPerTouch === 0) continue;
        const touches = this.touches[channel.index]?.[month - FIRST_MONTH] ?? 0;
        rows.push([monthLabel(month), channel.name, Math.round(touches * channel.costPerTouch * rng.between(0.85, 1.15))]);
      }
    }
    return rows;
  }

  /** Quarterly bookings targets per size tier, rounded to the thousand as plans are. */
  targetRows(): TargetRow[] {
    const rows: TargetRow[] = [];
    for (let quarter = FIRST_QUARTER; quarter <= LAST_QUARTER; quarter++) {
      for (const tier of SIZE_TIERS) {
        const pipeline = this.pipeline.get(pipelineKey(tier, quarter)) ?? 0;
        rows.push([quarterLabel(quarter), tier, Math.round(pipeline / PLANNED_COVERAGE[tier] / 1000) * 1000]);
      }
    }
    return rows;
  }
}

function pipelineKey(tier: SizeTier, quarter: number): number {
  return quarter * SIZE_TIERS.length + SIZE_TIERS.indexOf(tier);
}
