// Finding (d): channels whose rank changes across attribution models — where the choice of model,
// not the data, decides whether a channel looks like a leader.
import type { Row } from "../contract/row.js";
import { fmtMoney, fmtPct, ordinal, withSentence, type Finding } from "./finding.js";

export interface RankInput {
  readonly rows: readonly Row[];
  readonly models: readonly string[];
  readonly totalPipeline: number;
  /** Smallest share gap between a channel's best and worst model worth reporting. */
  readonly minShareGap: number;
}

export function modelRankFindings(input: RankInput): Finding[] {
  const { rows, models, totalPipeline, minShareGap } = input;
  const ranked = models.map((m) =>
    [...rows]
      .filter((r) => r.channel !== "Unattributed")
      .sort((x, y) => Number(y[m] ?? 0) - Number(x[m] ?? 0) || String(x.channel).localeCompare(String(y.channel))),
  );
  const out: Finding[] = [];
  for (const row of rows) {
    if (row.channel === "Unattributed") continue;
    const ranks = ranked.map((list) => list.indexOf(row) + 1);
    const best = ranks.indexOf(Math.min(...ranks));
    const worst = ranks.indexOf(Math.max(...ranks));
    const bestShare = Number(row[models[best] ?? ""] ?? 0);
    const worstShare = Number(row[models[worst] ?? ""] ?? 0);
    if ((ranks[worst] ?? 0) - (ranks[best] ?? 0) < 2 || bestShare - worstShare < minShareGap) continue;
    out.push(
      withSentence({
        type: "model_rank_change",
        headline: `${String(row.channel)} ranks ${ordinal(ranks[best] ?? 0)} under ${models[best]} but ${ordinal(ranks[worst] ?? 0)} under ${models[worst]}: the choice of attribution model, not the data, decides its place.`,
        evidence:
          `Share of pipeline ${fmtPct(bestShare)} under ${models[best]}, ${fmtPct(worstShare)} under ${models[worst]}: ` +
          `${fmtMoney((bestShare - worstShare) * totalPipeline)} of pipeline moves with the choice of model.`,
        pipelineAtStake: (bestShare - worstShare) * totalPipeline,
        dimension: null,
        segment: null,
        channel: String(row.channel),
        pValue: null,
        qValue: null,
        samples: [],
      }),
    );
  }
  return out;
}
