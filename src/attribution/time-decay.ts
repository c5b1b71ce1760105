// time_decay: weight 0.5^((end − occurredAt) / halfLife), normalised. Because the weights are
// normalised, the reference point `end` cancels out: only the gaps between touches matter. We
// measure from the latest touch instead of `end`, which keeps every exponent ≤ 0 (no overflow
// for old touches or tiny half-lives) and makes the creation-day/close-day choice irrelevant.

import type { Touch } from "./touch.js";

export function timeDecayCredits(touches: readonly Touch[], halfLifeDays: number): number[] {
  if (!(halfLifeDays > 0)) throw new RangeError(`time_decay: half-life must be > 0, got ${halfLifeDays}`);
  if (touches.length === 0) return [];
  const latest = touches.reduce((m, t) => Math.max(m, t.occurredAt), -Infinity);
  const weights = touches.map((t) => 0.5 ** ((latest - t.occurredAt) / halfLifeDays));
  const total = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => w / total);
}
