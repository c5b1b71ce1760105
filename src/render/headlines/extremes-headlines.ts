// Headlines that name the segment highest and lowest on one measure: velocity (pipeline that
// closes won per day) and LTV : CAC. Thin segments are left out.
import { byValue, segmentName, shown, type HeadlineInput } from "./headline-kit.js";

function extremes(input: HeadlineInput, key: string, high: string, low: string, unit = ""): string[] {
  if (input.segmentKeys.length === 0) return [];
  const ranked = byValue(input, input.rows, key);
  const [top, bottom] = [ranked[0], ranked.at(-1)];
  if (!top || !bottom || top === bottom) return [];
  return [
    `${input.lead}${segmentName(input, top)} ${high} (${shown(input, key, top[key])}${unit}); ${segmentName(input, bottom)} ${low} (${shown(input, key, bottom[key])}${unit}).`,
  ];
}

export const velocityHeadlines = (input: HeadlineInput): string[] =>
  extremes(input, "velocity", "turns pipeline into wins fastest", "slowest", " a day");

export const ltvHeadlines = (input: HeadlineInput): string[] =>
  extremes(input, "ltv_to_cac", "returns the most lifetime value per acquisition cost", "the least");
