// Funnel's (and leads') headline: the step where the fewest get through — the weakest conversion
// of any segment, with its 95 % interval — and, by segment, the segment that converts best end to
// end. Thin steps are left out.
import type { Row } from "../../contract/row.js";
import { byValue, segmentName, shown, thinNote, type HeadlineInput } from "./headline-kit.js";

const where = (input: HeadlineInput, row: Row): string => (input.segmentKeys.length ? ` in ${segmentName(input, row)}` : "");

export function funnelHeadlines(input: HeadlineInput): string[] {
  const weakest = byValue(input, input.rows, "conversion").at(-1);
  if (!weakest) return [];
  const low = shown(input, "conversion_low", weakest.conversion_low);
  const high = shown(input, "conversion_high", weakest.conversion_high);
  const out = [
    `${input.lead}The weakest step is ${String(weakest.from_stage)} → ${String(weakest.to_stage)}${where(input, weakest)}: ${shown(input, "conversion", weakest.conversion)} get through (${low}–${high}).`,
  ];
  if (input.segmentKeys.length) {
    // A segment's last step holds its end-to-end share (cumulative).
    const lastSteps = [...new Map(input.rows.map((r) => [segmentName(input, r), r])).values()];
    const [best] = byValue(input, lastSteps, "cumulative");
    if (best && lastSteps.length > 1)
      out.push(
        `${segmentName(input, best)} converts best end to end: ${shown(input, "cumulative", best.cumulative)} reach ${String(best.to_stage)}.`,
      );
  }
  return [...out, ...thinNote(input, "step")];
}
