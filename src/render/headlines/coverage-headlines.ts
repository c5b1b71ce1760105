// Coverage's headline: which segments hold less open pipeline than three times what is left to
// win (the common rule of thumb for a quarter), or, when none does, the thinnest cover.
import type { Row } from "../../contract/row.js";
import { byValue, numberOf, segmentName, shown, type HeadlineInput } from "./headline-kit.js";

/** Coverage below this multiple of target is flagged. */
const COVERAGE_GOAL = 3;
/** Past this many segments under the goal, the rest are counted. */
const NAMED = 4;

const multiple = (input: HeadlineInput, row: Row): string => {
  const text = shown(input, "coverage", row.coverage);
  return text.endsWith("×") ? text : `${text}×`;
};

export function coverageHeadlines(input: HeadlineInput): string[] {
  const ranked = byValue(input, input.rows, "coverage").reverse();
  const lowest = ranked[0];
  if (!lowest) return [];
  if (input.segmentKeys.length === 0) {
    const verdict = (numberOf(lowest, "coverage") ?? 0) < COVERAGE_GOAL ? "under" : "at or above";
    return [`${input.lead}Coverage is ${multiple(input, lowest)}, ${verdict} the ${COVERAGE_GOAL}× rule of thumb.`];
  }
  const under = ranked.filter((r) => (numberOf(r, "coverage") ?? 0) < COVERAGE_GOAL);
  if (under.length === 0)
    return [
      `${input.lead}Every segment has at least ${COVERAGE_GOAL}× coverage; the thinnest is ${segmentName(input, lowest)} at ${multiple(input, lowest)}.`,
    ];
  const named = under.slice(0, NAMED).map((r) => `${segmentName(input, r)} (${multiple(input, r)})`);
  const more = under.length > NAMED ? ` and ${under.length - NAMED} more` : "";
  const verb = under.length === 1 ? "is" : "are";
  return [`${input.lead}${named.join(", ")}${more} ${verb} under ${COVERAGE_GOAL}× coverage of target.`];
}
