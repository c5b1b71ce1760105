// Losses' headline: the reason behind most lost deals, in each segment (counted past four).
import type { Row } from "../../contract/row.js";
import { byValue, segmentName, shown, type HeadlineInput } from "./headline-kit.js";

const NAMED = 4;

export function lossesHeadlines(input: HeadlineInput): string[] {
  const groups = new Map<string, Row[]>();
  for (const r of input.rows) groups.set(segmentName(input, r), [...(groups.get(segmentName(input, r)) ?? []), r]);
  const tops = [...groups].flatMap(([segment, rows]) => {
    const [top] = byValue(input, rows, "share");
    return top ? [{ segment, top }] : [];
  });
  const reason = (r: Row) => String(r.loss_reason ?? "");
  const [first] = tops;
  if (!first) return [];
  if (tops.every((t) => reason(t.top) === reason(first.top))) {
    const scope = input.segmentKeys.length ? (tops.length > 1 ? " in every segment" : ` in ${first.segment}`) : "";
    const shares = tops.length > 1 ? "" : `: ${shown(input, "share", first.top.share)} of lost deals`;
    return [`${input.lead}${reason(first.top)} is the top loss reason${scope}${shares}.`];
  }
  const named = tops.slice(0, NAMED).map((t) => `${reason(t.top)} in ${t.segment} (${shown(input, "share", t.top.share)})`);
  const more = tops.length > NAMED ? `, and ${tops.length - NAMED} more segments` : "";
  return [`${input.lead}The top loss reason differs by segment: ${named.join(", ")}${more}.`];
}
