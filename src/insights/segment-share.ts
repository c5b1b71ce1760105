// Finding (a): a channel whose share of a segment's opportunities departs from its share of all
// other segments' — the pattern aggregates hide. Two-proportion z-test on credit-weighted counts
// (effective n = credit sum), the segment against the rest of the population. The headline gives
// the two shares; the evidence the counts, interval and test.
import type { Row } from "../contract/row.js";
import { twoProportionZTest, wilsonInterval } from "../stats/index.js";
import { fmtCount, fmtMoney, fmtPct, fmtP, type Candidate } from "./finding.js";

export interface ShareInput {
  readonly dimension: string;
  /** Matrix cells by [dimension]: segment value, channel, opportunities (credit), pipeline. */
  readonly cells: readonly Row[];
  readonly minSample: number;
}

export function segmentShareCandidates(input: ShareInput): Candidate[] {
  const { dimension, cells, minSample } = input;
  const sum = (rows: readonly Row[], k: string) => rows.reduce((s, r) => s + Number(r[k] ?? 0), 0);
  const totalOpps = sum(cells, "opportunities");
  const out: Candidate[] = [];
  for (const segment of new Set(cells.map((c) => String(c[dimension])))) {
    const inSeg = cells.filter((c) => String(c[dimension]) === segment);
    const n1 = sum(inSeg, "opportunities");
    const n2 = totalOpps - n1;
    const segPipeline = sum(inSeg, "pipeline");
    if (n1 < minSample || n2 < minSample) continue;
    for (const cell of inSeg) {
      const channel = String(cell.channel);
      if (channel === "Unattributed") continue;
      const channelRows = cells.filter((c) => String(c.channel) === channel);
      const x1 = Number(cell.opportunities);
      const x2 = sum(channelRows, "opportunities") - x1;
      const overall = (x1 + x2) / totalOpps;
      if (Math.max(x1, overall * n1) < minSample) continue;
      const test = twoProportionZTest(x1, n1, x2, n2);
      if (!test) continue;
      const segShare = segPipeline > 0 ? Number(cell.pipeline) / segPipeline : 0;
      const ci = wilsonInterval(x1, n1);
      const [p1, p2] = [x1 / n1, x2 / n2];
      out.push({
        type: "segment_share",
        headline: `${channel} is credited with ${fmtPct(p1)} of ${segment} (${dimension}) opportunities but ${fmtPct(p2)} in other segments.`,
        evidence:
          `${fmtCount(x1)} of ${fmtCount(n1)} opportunities ` +
          `(${p2 > 0 ? `${(p1 / p2).toFixed(1)}× other segments; ` : ""}95% CI ${fmtPct(ci?.low ?? 0)}–${fmtPct(ci?.high ?? 0)}; ` +
          `z = ${test.z.toFixed(1)}, p ${fmtP(test.pValue)}, {q}); ${fmtPct(segShare)} of ${segment} pipeline, ${fmtMoney(Number(cell.pipeline))}.`,
        pipelineAtStake: Math.abs(p1 - p2) * segPipeline,
        dimension,
        segment,
        channel,
        pValue: test.pValue,
        samples: [n1, n2],
      });
    }
  }
  return out;
}
