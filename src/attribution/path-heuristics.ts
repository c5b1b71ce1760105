// Position models on aggregated paths. A path has no dates, so it is read as a pipeline journey
// whose i-th touch happened on day i and whose opportunity was created on the last touch's day.
// With that reading the §6 role rules reproduce ChannelAttribution's first/last/linear and DP6's
// 40/20/40 position model exactly, and time_decay halves a touch's weight every `halfLife`
// positions before the last touch.

import { addTo, channelResults, type ChannelResult } from "./channel-result.js";
import { at } from "./checked-at.js";
import { channelUniverse, type PathRow } from "./paths.js";
import { creditTouches, type PositionModelSpec } from "./position-models.js";
import type { CreditContext, Touch } from "./touch.js";

export interface PathHeuristicOptions {
  /** time_decay half-life in positions (touches); default 1: each step back halves the weight. */
  readonly halfLife?: number;
}

export function runPathHeuristic(rows: readonly PathRow[], spec: PositionModelSpec, options: PathHeuristicOptions = {}): ChannelResult[] {
  const conversions = new Map<string, number>();
  const value = new Map<string, number>();
  for (const row of rows) {
    if (row.conversions === 0 && row.value === 0) continue;
    const { touches, ctx } = pathAsJourney(row.channels, options.halfLife ?? 1);
    const credits = creditTouches(touches, spec, ctx);
    touches.forEach((t, i) => {
      const credit = at(credits, i);
      addTo(conversions, t.channel, row.conversions * credit);
      addTo(value, t.channel, row.value * credit);
    });
  }
  return channelResults(channelUniverse(rows), conversions, value);
}

function pathAsJourney(channels: readonly string[], halfLife: number): { touches: Touch[]; ctx: CreditContext } {
  const touches = channels.map((channel, i) => ({ channel, occurredAt: i, isLeadCreation: false }));
  const ctx: CreditContext = { stage: "pipeline", createdDay: channels.length - 1, closeDay: null, halfLifeDays: halfLife };
  return { touches, ctx };
}
