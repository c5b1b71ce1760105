// `pipeprism paths --intervals`: the bootstrap of bootstrap.ts on a path file. Each row's
// conversions and nulls are redrawn as Poisson counts (its value scaled with its conversions), the
// model is run again on the resampled rows, and each channel's share of conversions in every
// replicate gives its 95 % percentile interval.

import { percentileInterval, resampler, type Interval } from "./bootstrap.js";
import type { ChannelResult } from "./channel-result.js";
import type { PathRow } from "./paths.js";

export interface PathShareIntervals {
  /** Each channel's share of conversions in the rows (the point estimate). */
  readonly share: ReadonlyMap<string, number>;
  readonly intervals: ReadonlyMap<string, Interval>;
}

/** Shares of conversions of a model's results; 0 when nothing converts. */
function conversionShares(results: readonly ChannelResult[]): Map<string, number> {
  const total = results.reduce((s, r) => s + r.total_conversions, 0);
  return new Map(results.map((r) => [r.channel, total > 0 ? r.total_conversions / total : 0]));
}

export function pathShareIntervals(
  rows: readonly PathRow[],
  run: (rows: readonly PathRow[]) => ChannelResult[],
  options: { readonly replicates: number; readonly seed: number },
): PathShareIntervals {
  const share = conversionShares(run(rows));
  // The rows have no scope of their own: every journey is counted by the fit, none by a matrix.
  const draw = resampler(
    rows.map((r) => ({
      segment: [],
      channels: r.channels,
      journeys: 0,
      amount: 0,
      conversions: r.conversions,
      value: r.value,
      nulls: r.nulls,
    })),
    options.seed,
  );
  const series = new Map([...share.keys()].map((c) => [c, new Float64Array(options.replicates)]));
  for (let b = 0; b < options.replicates; b++) {
    const resampled = draw()
      .filter((g) => g.conversions + g.nulls > 0)
      .map((g) => ({ channels: g.channels, conversions: g.conversions, value: g.value, nulls: g.nulls }));
    for (const [channel, s] of conversionShares(run(resampled))) {
      const values = series.get(channel);
      if (values) values[b] = s;
    }
  }
  return { share, intervals: new Map([...series].map(([c, values]) => [c, percentileInterval(values)])) };
}
