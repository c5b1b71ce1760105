// Finding (e): how settled a channel ranking is. Under one data-driven model, in the whole
// population and in each segment with enough data, channels are ranked by their share of the
// pipeline, and adjacent channels are compared on the bootstrap: the 95 % interval of the gap
// between their shares, taken on the same replicates (share-replicates.ts). A gap whose interval
// excludes zero settles the order; one that includes zero leaves it to chance. Findings: the
// leader, settled or not, and the 2nd against the 3rd when their order is not settled.
import type { Interval } from "../attribution/bootstrap.js";
import { percentileInterval } from "../attribution/bootstrap.js";
import type { Row } from "../contract/row.js";
import { fmtCount, fmtPct, ordinal, withSentence, type Finding } from "./finding.js";
import { differenceInterval, type ShareReplicates } from "./share-replicates.js";

export interface RankingInput {
  /** The matrix's dimension (cells carry its value), or null for the whole population. */
  readonly dimension: string | null;
  /** Matrix cells under the ranking model: channel, pipeline, opportunities, share_of_segment. */
  readonly cells: readonly Row[];
  readonly replicates: ShareReplicates;
  /** The model as the sentence names it, e.g. "lift" or "markov (order 2)". */
  readonly model: string;
  /** A segment needs this many opportunities to be ranked on its own. */
  readonly minSample: number;
  /** The channel of opportunities without a journey: never ranked. */
  readonly unattributed: string;
}

interface Ranked {
  readonly channel: string;
  readonly share: number;
  readonly opportunities: number;
  readonly interval: Interval;
  readonly draws: Float64Array;
}

export function channelRankingFindings(input: RankingInput): Finding[] {
  const { dimension, cells, replicates, minSample, unattributed } = input;
  const valueOf = (r: Row) => (dimension === null ? null : r[dimension] === null || r[dimension] === undefined ? "" : String(r[dimension]));
  const populations = new Map<string | null, Row[]>();
  for (const r of cells) populations.set(valueOf(r), [...(populations.get(valueOf(r)) ?? []), r]);
  const out: Finding[] = [];
  for (const [segment, rows] of populations) {
    const opportunities = rows.reduce((s, r) => s + Number(r.opportunities ?? 0), 0);
    const pipeline = rows.reduce((s, r) => s + Number(r.pipeline ?? 0), 0);
    if (opportunities < minSample || !(pipeline > 0)) continue;
    const key = segment === null ? [] : [segment];
    const ranked = rows
      .filter((r) => String(r.channel) !== unattributed && typeof r.share_of_segment === "number")
      .flatMap((r): Ranked[] => {
        const draws = replicates.shares(key, String(r.channel));
        return draws
          ? [
              {
                channel: String(r.channel),
                share: Number(r.share_of_segment),
                opportunities: Number(r.opportunities ?? 0),
                interval: percentileInterval(draws),
                draws,
              },
            ]
          : [];
      })
      .sort((a, b) => b.share - a.share || (a.channel < b.channel ? -1 : a.channel > b.channel ? 1 : 0));
    const population = { dimension, segment, opportunities, pipeline, model: input.model };
    const [first, second, third] = ranked;
    if (!first || !second) continue;
    out.push(compare(first, second, 1, population).finding);
    const next = third ? compare(second, third, 2, population) : null;
    if (next && !next.settled) out.push(next.finding);
  }
  return out;
}

interface Population {
  readonly dimension: string | null;
  readonly segment: string | null;
  readonly opportunities: number;
  readonly pipeline: number;
  readonly model: string;
}

const points = (x: number) => (x * 100).toFixed(1);

/** The finding on channels ranked `rank` and `rank` + 1: settled when the gap's interval excludes zero. */
function compare(a: Ranked, b: Ranked, rank: number, p: Population): { finding: Finding; settled: boolean } {
  const gap = differenceInterval(a.draws, b.draws);
  const settled = gap.low > 0;
  const where = p.segment === null ? "overall pipeline" : `${p.segment} (${p.dimension}) pipeline`;
  const interval = (c: Ranked) => `${fmtPct(c.interval.low)}–${fmtPct(c.interval.high)}`;
  const samples = `${a.channel} is credited with ${fmtCount(a.opportunities)} and ${b.channel} with ${fmtCount(b.opportunities)} of ${fmtCount(p.opportunities)} opportunities`;
  const gapText = `${points(a.share - b.share)} points (95% interval ${points(gap.low)} to ${points(gap.high)})`;
  const position = rank === 1 ? `leads ${where}` : `is ${ordinal(rank)} in ${where}`;
  const headline = settled
    ? `${a.channel} ${position} with ${fmtPct(a.share)}, clearly ahead of ${b.channel} at ${fmtPct(b.share)}.`
    : `${a.channel} and ${b.channel} are ${ordinal(rank)} and ${ordinal(rank + 1)} in ${where} at ${fmtPct(a.share)} and ${fmtPct(b.share)}, ` +
      "but the data do not say which brings more.";
  const evidence = settled
    ? `Under ${p.model}, 95% intervals ${interval(a)} and ${interval(b)}: the ${rank === 1 ? "lead" : "gap"} of ${gapText} excludes zero, so the order is settled (${samples}).`
    : `Under ${p.model}, 95% intervals ${interval(a)} and ${interval(b)}: the gap of ${gapText} includes zero (${samples}).`;
  const finding: Finding = withSentence({
    type: "channel_ranking",
    headline,
    evidence,
    // Settled: the lead's worth. Not settled: the widest gap the data allow either way, the pipeline an order taken as known could misplace.
    pipelineAtStake: (settled ? a.share - b.share : Math.max(-gap.low, gap.high, 0)) * p.pipeline,
    dimension: p.dimension,
    segment: p.segment,
    channel: `${a.channel} vs ${b.channel}`,
    pValue: null,
    qValue: null,
    samples: [p.opportunities, a.opportunities, b.opportunities],
  });
  return { finding, settled };
}
