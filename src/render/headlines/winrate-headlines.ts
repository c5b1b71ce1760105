// Win rate's headlines: the segment that wins most often and the one that wins least, each with its
// 95 % interval, and whether those intervals overlap (if they do, the data cannot yet tell the two
// apart). Thin segments are left out and counted; an immature cohort is said to be early.
import type { Row } from "../../contract/row.js";
import { byValue, capitalise, numberOf, segmentName, shown, thinNote, type HeadlineInput } from "./headline-kit.js";

const RATE = "win_rate";

function rateText(input: HeadlineInput, row: Row): string {
  const low = row[`${RATE}_low`];
  const high = row[`${RATE}_high`];
  const interval =
    typeof low === "number" && typeof high === "number"
      ? ` (${shown(input, `${RATE}_low`, low)}–${shown(input, `${RATE}_high`, high)})`
      : "";
  const early = row.maturity === "immature" ? ", early: many of its deals are still open" : "";
  return `${shown(input, RATE, row[RATE])}${interval}${early}`;
}

export function winrateHeadlines(input: HeadlineInput): string[] {
  const ranked = byValue(input, input.rows, RATE);
  const [best, worst] = [ranked[0], ranked.at(-1)];
  if (!best || !worst) return [];
  if (input.segmentKeys.length === 0 || best === worst) {
    const whose = input.segmentKeys.length ? `${segmentName(input, best)}'s win rate` : "the win rate";
    return [`${capitalise(`${input.lead}${whose}`)} is ${rateText(input, best)}.`, ...thinNote(input, "segment")];
  }
  const apart = (numberOf(best, `${RATE}_low`) ?? 0) > (numberOf(worst, `${RATE}_high`) ?? 1);
  return [
    `${input.lead}${segmentName(input, best)} wins most often, ${rateText(input, best)}; ${segmentName(input, worst)} least often, ${rateText(input, worst)}.`,
    apart
      ? "Their 95% intervals do not overlap: the gap is more than chance."
      : "Their 95% intervals overlap: the data cannot yet tell them apart.",
    ...thinNote(input, "segment"),
  ];
}
