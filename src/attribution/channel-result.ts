// The row every path model returns, named like ChannelAttribution's output columns so results
// can be diffed against that package directly.

import { compareNames } from "./paths.js";

export interface ChannelResult {
  readonly channel: string;
  readonly total_conversions: number;
  readonly total_conversion_value: number;
  /** Markov: 1 − P(conversion | channel removed) / P(conversion). */
  readonly removal_effect?: number;
  /** Markov: the same on expected conversion value. */
  readonly removal_effect_value?: number;
  /** Shapley: standard error of total_conversions from Monte-Carlo sampling (0 when exact). */
  readonly std_error?: number;
}

/** Builds sorted results from per-channel sums; channels without credit still get a row. */
export function channelResults(
  channels: readonly string[],
  conversions: ReadonlyMap<string, number>,
  value: ReadonlyMap<string, number>,
): ChannelResult[] {
  return [...channels].sort(compareNames).map((channel) => ({
    channel,
    total_conversions: conversions.get(channel) ?? 0,
    total_conversion_value: value.get(channel) ?? 0,
  }));
}

export function addTo(map: Map<string, number>, key: string, amount: number): void {
  map.set(key, (map.get(key) ?? 0) + amount);
}
