// Finding (b): Simpson reversals — channel A wins more often than B overall, yet less often in
// every segment with enough data, because A sells where deals are easy to win. The aggregate
// difference must itself be significant (BH across pairs), so noise alone cannot produce one.
import type { Row } from "../contract/row.js";
import { twoProportionZTest } from "../stats/index.js";
import { fmtMoney, fmtPct, fmtP, type Candidate } from "./finding.js";

interface Rate {
  readonly won: number;
  readonly closed: number;
  readonly pipeline: number;
}

const rateOf = (r: Row): Rate => ({
  won: Number(r.won ?? 0),
  closed: Number(r.won ?? 0) + Number(r.lost ?? 0),
  pipeline: Number(r.pipeline ?? 0),
});

export function simpsonCandidates(dimension: string, aggregate: readonly Row[], cells: readonly Row[], minSample: number): Candidate[] {
  const overall = new Map(aggregate.filter((r) => r.channel !== "Unattributed").map((r) => [String(r.channel), rateOf(r)]));
  const segments = [...new Set(cells.map((c) => String(c[dimension])))];
  const cell = new Map(cells.map((c) => [`${String(c[dimension])}\u0000${String(c.channel)}`, rateOf(c)]));
  const out: Candidate[] = [];
  for (const [a, ra] of overall) {
    for (const [b, rb] of overall) {
      if (a === b || ra.closed < minSample || rb.closed < minSample) continue;
      const test = twoProportionZTest(ra.won, ra.closed, rb.won, rb.closed);
      if (!test || test.z <= 0) continue;
      const comparable = segments.flatMap((s) => {
        const ca = cell.get(`${s}\u0000${a}`);
        const cb = cell.get(`${s}\u0000${b}`);
        return ca && cb && ca.closed >= minSample && cb.closed >= minSample ? [{ s, ca, cb }] : [];
      });
      if (comparable.length < 2 || !comparable.every(({ ca, cb }) => ca.won / ca.closed < cb.won / cb.closed)) continue;
      const detail = comparable.map(({ s, ca, cb }) => `${s} ${fmtPct(ca.won / ca.closed)} vs ${fmtPct(cb.won / cb.closed)}`).join(", ");
      out.push({
        type: "simpson_reversal",
        headline:
          `${a} wins more often than ${b} overall but less often in every ${dimension} segment with enough data: ` +
          `the overall figure reflects where ${a} sells, not how well.`,
        evidence:
          `Overall ${fmtPct(ra.won / ra.closed)} of ${ra.closed.toFixed(0)} closed vs ${fmtPct(rb.won / rb.closed)} of ${rb.closed.toFixed(0)} ` +
          `(z = ${test.z.toFixed(1)}, p ${fmtP(test.pValue)}, {q}); by ${dimension}: ${detail}. ${fmtMoney(ra.pipeline + rb.pipeline)} of pipeline is judged on it.`,
        pipelineAtStake: ra.pipeline + rb.pipeline,
        dimension,
        segment: null,
        channel: `${a} vs ${b}`,
        pValue: test.pValue,
        samples: [ra.closed, rb.closed],
      });
    }
  }
  return out;
}
