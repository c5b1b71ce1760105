// A seeded synthetic ChannelAttribution-style path file: `rows` distinct paths over 16 channels,
// 1–12 touches each (skewed short, as real journeys are), with conversions, value and nulls.
// Same seed → byte-identical file, so every run and every machine benchmarks the same input.
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { once } from "node:events";
import { mulberry32 } from "../src/attribution/prng.js";

const CHANNELS = [
  "paid_search",
  "organic_search",
  "display",
  "paid_social",
  "organic_social",
  "email",
  "webinar",
  "event",
  "content",
  "referral",
  "partner",
  "direct",
  "sdr_outbound",
  "review_site",
  "podcast",
  "retargeting",
];

/** Writes the file; returns the number of distinct paths written. */
export async function writePathFile(file: string, rows: number, seed: number): Promise<number> {
  await mkdir(path.dirname(file), { recursive: true });
  const rng = mulberry32(seed);
  // Channel popularity falls off geometrically, so some channels are common and some rare.
  const weights = CHANNELS.map((_, i) => 0.8 ** i);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative = weights.map((_, i) => weights.slice(0, i + 1).reduce((a, b) => a + b, 0) / total);
  const pick = () => {
    const u = rng();
    const i = cumulative.findIndex((c) => u < c);
    return CHANNELS[i < 0 ? CHANNELS.length - 1 : i] as string;
  };
  const seen = new Set<string>();
  const out = createWriteStream(file);
  let buffer = "path;total_conversions;total_conversion_value;total_null\n";
  while (seen.size < rows) {
    const length = 1 + Math.min(11, Math.floor(-Math.log(1 - rng()) * 3));
    const channels: string[] = [];
    for (let i = 0; i < length; i++) channels.push(pick());
    const key = channels.join(" > ");
    if (seen.has(key)) continue;
    seen.add(key);
    const conversions = rng() < 0.3 ? 1 + Math.floor(rng() * 5) : 0;
    const value = conversions > 0 ? Math.round(conversions * (50 + rng() * 450) * 100) / 100 : 0;
    const nulls = conversions === 0 || rng() < 0.5 ? 1 + Math.floor(rng() * 20) : 0;
    buffer += `${key};${conversions};${value};${nulls}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
  return seen.size;
}
