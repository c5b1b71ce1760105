// A finding is one plain sentence backed by its numbers, plus what it puts at stake so findings
// can be ranked. Statistical findings carry their p-value and BH-adjusted q-value.

type FindingType = "segment_share" | "simpson_reversal" | "win_rate_move" | "model_rank_change" | "channel_ranking";

export interface Finding {
  readonly type: FindingType;
  readonly sentence: string;
  readonly pipelineAtStake: number;
  readonly dimension: string | null;
  readonly segment: string | null;
  readonly channel: string | null;
  readonly pValue: number | null;
  readonly qValue: number | null;
  /** Sample sizes behind the finding, e.g. [segment opportunities, rest]. */
  readonly samples: readonly number[];
}

export interface Candidate extends Omit<Finding, "qValue"> {
  readonly pValue: number;
}

const money = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
export const fmtMoney = (x: number) => money.format(Math.round(x));
export const fmtPct = (x: number) => `${(x * 100).toFixed(1)}%`;
const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });
/** Credit-weighted counts are fractional; whole numbers print without a decimal. */
export const fmtCount = (x: number) => (Math.abs(x - Math.round(x)) < 1e-6 ? money.format(Math.round(x)) : oneDecimal.format(x));

export function fmtP(p: number): string {
  if (p < 0.001) return "< 0.001";
  return `= ${p.toFixed(3)}`;
}

export function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? "th" : (({ 1: "st", 2: "nd", 3: "rd" } as Record<number, string>)[n % 10] ?? "th");
  return `${n}${suffix}`;
}
