// Shapley on wide channel sets (issue #19): a seeded path file over 20 channels with 13,077
// distinct paths, 11 of them long (17–20 channels), the shape of the statistical audit's case.
// Times the fit in-process (median of 3) for both coalition values and checks the result against
// enumerating all 2^k coalitions of the widest set.
//
//   npx tsx bench/shapley-wide.ts
import { mulberry32 } from "../src/attribution/prng.js";
import type { PathRow } from "../src/attribution/paths.js";
import { exactShapley } from "../src/attribution/shapley-exact.js";
import { valuesOnSubsets } from "../src/attribution/shapley-game.js";
import { fitShapley, runShapley } from "../src/attribution/shapley.js";

const CHANNELS = Array.from({ length: 20 }, (_, i) => `C${String(i).padStart(2, "0")}`);

function widePaths(seed: number): PathRow[] {
  const random = mulberry32(seed);
  const paths = new Map<string, PathRow>();
  const add = (channels: string[], conversions: number, nulls: number) => {
    const key = channels.join(" > ");
    const row = paths.get(key) ?? { channels, conversions: 0, value: 0, nulls: 0 };
    paths.set(key, { ...row, conversions: row.conversions + conversions, value: row.value + 100 * conversions, nulls: row.nulls + nulls });
  };
  for (let i = 0; i < 11; i++) {
    const shuffled = [...CHANNELS].sort(() => random() - 0.5);
    add(shuffled.slice(0, 17 + (i % 4)), 1 + Math.floor(random() * 3), Math.floor(random() * 5));
  }
  while (paths.size < 13_077) {
    const length = 1 + Math.floor(random() * 8);
    const channels = Array.from({ length }, () => CHANNELS[Math.floor(random() * (random() < 0.5 ? 6 : 20))] as string);
    add(channels, Math.floor(random() * 3), Math.floor(random() * 10));
  }
  return [...paths.values()];
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const rows = widePaths(19);
const sets = new Set(rows.map((r) => [...new Set(r.channels)].sort().join(",")));
const widest = rows.reduce((a, r) => (new Set(r.channels).size > new Set(a.channels).size ? r : a));
console.log(`${rows.length} distinct paths, ${sets.size} distinct channel sets, widest ${new Set(widest.channels).size} channels`);
for (const coalition of ["rate", "subset"] as const) {
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    runShapley(rows, { coalition });
    times.push(performance.now() - start);
  }
  // Second method on the widest set: tabulate v over its 2^k coalitions and enumerate.
  const members = [...new Set(widest.channels)].sort();
  const ids = new Map(members.map((c, i) => [c, i]));
  const observed = new Map<string, { ids: number[]; conversions: number; nulls: number }>();
  for (const r of rows) {
    const set = [...new Set(r.channels)];
    if (!set.every((c) => ids.has(c))) continue;
    const local = set.map((c) => ids.get(c) ?? -1).sort((a, b) => a - b);
    const entry = observed.get(local.join(",")) ?? { ids: local, conversions: 0, nulls: 0 };
    entry.conversions += r.conversions;
    entry.nulls += r.nulls;
    observed.set(local.join(","), entry);
  }
  const enumStart = performance.now();
  const phi = exactShapley(
    valuesOnSubsets(
      members.map((_, i) => i),
      { kind: coalition, sets: observed },
    ),
    members.length,
  );
  const enumMs = performance.now() - enumStart;
  const total = phi.reduce((a, p) => a + Math.max(0, p), 0);
  const shares = fitShapley(rows, { coalition }).sharesFor(members);
  const gap = Math.max(
    ...members.map((c, i) => Math.abs((shares.shares?.[shares.channels.indexOf(c)] ?? NaN) - Math.max(0, phi[i] ?? 0) / total)),
  );
  console.log(
    `${coalition}: fit ${median(times).toFixed(0)} ms (median of 3, ${times.map((t) => t.toFixed(0)).join("/")}); ` +
      `widest set by 2^${members.length} enumeration ${enumMs.toFixed(0)} ms, largest share difference ${gap.toExponential(1)}`,
  );
}
