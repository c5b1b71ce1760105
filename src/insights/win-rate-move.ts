// Finding (c): segments whose win rate moved significantly between the last two complete fiscal
// quarters (two-proportion z-test, BH across segments and dimensions).
import type { Row } from "../contract/row.js";
import { twoProportionZTest } from "../stats/index.js";
import { fmtMoney, fmtPct, fmtP, type Candidate } from "./finding.js";

export interface QuarterRows {
  readonly label: string;
  readonly rows: readonly Row[];
}

export function winRateMoveCandidates(dimension: string, previous: QuarterRows, last: QuarterRows, minSample: number): Candidate[] {
  const before = new Map(previous.rows.map((r) => [String(r[dimension]), r]));
  const out: Candidate[] = [];
  for (const now of last.rows) {
    const segment = String(now[dimension]);
    const then = before.get(segment);
    if (!then) continue;
    const [w1, n1] = [Number(then.won), Number(then.won) + Number(then.lost)];
    const [w2, n2] = [Number(now.won), Number(now.won) + Number(now.lost)];
    if (n1 < minSample || n2 < minSample) continue;
    const test = twoProportionZTest(w2, n2, w1, n1);
    if (!test) continue;
    const closedAmount = Number(now.won_amount ?? 0) + Number(now.lost_amount ?? 0);
    out.push({
      type: "win_rate_move",
      headline: `${segment} (${dimension}) win rate ${test.z > 0 ? "rose" : "fell"} from ${fmtPct(w1 / n1)} in ${previous.label} to ${fmtPct(w2 / n2)} in ${last.label}.`,
      evidence:
        `${w1} of ${n1} closed won in ${previous.label}, ${w2} of ${n2} in ${last.label}; z = ${test.z.toFixed(1)}, p ${fmtP(test.pValue)}, {q}. ` +
        `${fmtMoney(closedAmount)} closed in ${last.label}.`,
      pipelineAtStake: Math.abs(w2 / n2 - w1 / n1) * closedAmount,
      dimension,
      segment,
      channel: null,
      pValue: test.pValue,
      samples: [n1, n2],
    });
  }
  return out;
}
