// Benjamini–Hochberg over one family of candidate findings: only those whose adjusted q-value is
// within the threshold become findings.
import { benjaminiHochberg } from "../stats/index.js";
import { withSentence, type Candidate, type Finding } from "./finding.js";

export function keepSignificant(candidates: readonly Candidate[], q: number): Finding[] {
  if (candidates.length === 0) return [];
  const { adjusted } = benjaminiHochberg(
    candidates.map((c) => c.pValue),
    q,
  );
  return candidates.flatMap((c, i) => {
    const qValue = adjusted[i] ?? 1;
    return qValue <= q
      ? [withSentence({ ...c, qValue, evidence: c.evidence.replace("{q}", `q ${qValue < 0.001 ? "< 0.001" : `= ${qValue.toFixed(3)}`}`) })]
      : [];
  });
}
