// A finding leads with one plain sentence a CMO reads (`headline`: who, where, how much; no test
// statistics), followed by the numbers behind it (`evidence`: counts, intervals, z/p/q), plus what
// it puts at stake so findings can be ranked. `sentence` is the two joined, the report's `finding`
// column. Statistical findings carry their p-value and BH-adjusted q-value.

type FindingType = "segment_share" | "simpson_reversal" | "win_rate_move" | "model_rank_change" | "channel_ranking";

export interface Finding {
  readonly type: FindingType;
  /** One plain sentence: no p-, q- or z-values, no intervals. */
  readonly headline: string;
  /** The statistics behind the headline. */
  readonly evidence: string;
  /** headline + " " + evidence. */
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

/** A statistical finding before the BH adjustment: its evidence holds a `{q}` placeholder for the q-value. */
export interface Candidate extends Omit<Finding, "qValue" | "sentence"> {
  readonly pValue: number;
}

/** The finding with its sentence: the headline, then the evidence. */
export function withSentence<F extends Omit<Finding, "sentence">>(finding: F): F & { readonly sentence: string } {
  return { ...finding, sentence: `${finding.headline} ${finding.evidence}` };
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
