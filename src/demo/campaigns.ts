// Campaign names such as "Events - SaaStr Annual - 2025-Q2": a few themes per channel, renewed
// each quarter. Names are cached because millions of touches share a few hundred of them.
import { quarterIndex, quarterLabel } from "./calendar.js";
import type { Random } from "./random.js";
import type { ChannelInfo } from "./vocabulary.js";

const cache = new Map<number, string>();

export function campaignFor(rng: Random, channel: ChannelInfo, day: number): string {
  const theme = rng.int(0, channel.campaignThemes.length - 1);
  const quarter = quarterIndex(day);
  const key = (quarter * 64 + theme) * 64 + channel.index; // themes and channels stay below 64
  let name = cache.get(key);
  if (name === undefined) {
    name = `${channel.name} - ${channel.campaignThemes[theme]} - ${quarterLabel(quarter)}`;
    cache.set(key, name);
  }
  return name;
}
