// Cost's headline: where a new customer comes cheapest and dearest (CAC: spend over credited new
// wins), channel by segment. Thin cells (few closed deals) and channels without spend are left out.
import type { Row } from "../../contract/row.js";
import { byValue, numberOf, segmentName, shown, thinNote, UNATTRIBUTED_CHANNEL, type HeadlineInput } from "./headline-kit.js";

function where(input: HeadlineInput, row: Row): string {
  const segment = segmentName(input, row);
  const channel = row.channel === null || row.channel === undefined ? "" : String(row.channel);
  return [channel, segment].filter(Boolean).join(" in ") || "the whole population";
}

export function costHeadlines(input: HeadlineInput): string[] {
  const priced = input.rows.filter((r) => String(r.channel ?? "") !== UNATTRIBUTED_CHANNEL && (numberOf(r, "cac") ?? 0) > 0);
  const ranked = byValue(input, priced, "cac");
  const [dearest, cheapest] = [ranked[0], ranked.at(-1)];
  if (!dearest || !cheapest || dearest === cheapest) return [];
  return [
    `${input.lead}New customers come cheapest from ${where(input, cheapest)} (CAC ${shown(input, "cac", cheapest.cac)}) and dearest from ${where(input, dearest)} (CAC ${shown(input, "cac", dearest.cac)}).`,
    ...thinNote(input, "cell"),
  ];
}
