// Touch credits → channel credits. Touches of one channel simply add up, so an opportunity's
// channel credits sum to 1 exactly when its touch credits do.

import { at } from "./checked-at.js";
import type { Touch } from "./touch.js";

export function aggregateByChannel(touches: readonly Touch[], credits: readonly number[]): Map<string, number> {
  if (touches.length !== credits.length) {
    throw new RangeError(`aggregateByChannel: ${touches.length} touches but ${credits.length} credits`);
  }
  const totals = new Map<string, number>();
  touches.forEach((t, i) => totals.set(t.channel, (totals.get(t.channel) ?? 0) + at(credits, i)));
  return totals;
}
