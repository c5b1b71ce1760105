// Attribution's headlines: which channel brings the most, and — by segment — the channel whose
// share differs most between segments ("Events bring 41.2% of Enterprise pipeline but 9.0% of
// SMB"), the pattern an overall ranking hides. Thin cells and Unattributed are never headlined.
import type { Row } from "../../contract/row.js";
import { byValue, numberOf, segmentName, shown, UNATTRIBUTED_CHANNEL, type HeadlineInput } from "./headline-kit.js";

const SHARE = "share_of_segment";
/** Past this many segments, leaders are counted rather than named one by one. */
const NAMED_SEGMENTS = 4;
/** Past this many leading channels, the others are counted. */
const NAMED_LEADERS = 3;

const channelOf = (row: Row): string => String(row.channel ?? "");

export function attributionHeadlines(input: HeadlineInput): string[] {
  const cells = input.rows.filter(
    (r) => r.channel !== null && r.channel !== undefined && channelOf(r) !== UNATTRIBUTED_CHANNEL && numberOf(r, SHARE) !== null,
  );
  if (cells.length === 0) return [];
  const noun = input.report.params.stage === "revenue" ? "revenue" : "pipeline";
  if (input.segmentKeys.length === 0) return overall(input, cells, noun);
  return [...leaders(input, cells, noun), ...contrast(input, cells, noun)];
}

function overall(input: HeadlineInput, cells: readonly Row[], noun: string): string[] {
  const [first, second] = byValue(input, cells, SHARE);
  if (!first) return [];
  const lead = `${input.lead}${channelOf(first)} brings the most ${noun}: ${shown(input, SHARE, first[SHARE])} (${shown(input, "pipeline", first.pipeline)})`;
  return [second ? `${lead}, ahead of ${channelOf(second)} at ${shown(input, SHARE, second[SHARE])}.` : `${lead}.`];
}

/** Each segment's cells, segments in the report's order. */
function bySegment(input: HeadlineInput, cells: readonly Row[]): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const r of cells) groups.set(segmentName(input, r), [...(groups.get(segmentName(input, r)) ?? []), r]);
  return groups;
}

function leaders(input: HeadlineInput, cells: readonly Row[], noun: string): string[] {
  const tops = [...bySegment(input, cells)].flatMap(([segment, rows]) => {
    const top = byValue(input, rows, SHARE)[0];
    return top ? [{ segment, top }] : [];
  });
  if (tops.length === 0) return [];
  if (tops.length <= NAMED_SEGMENTS) {
    const named = tops.map(({ segment, top }) => `${channelOf(top)} in ${segment} (${shown(input, SHARE, top[SHARE])})`);
    return [`${input.lead}The leading channel of each segment's ${noun}: ${named.join(", ")}.`];
  }
  const counts = new Map<string, number>();
  for (const { top } of tops) counts.set(channelOf(top), (counts.get(channelOf(top)) ?? 0) + 1);
  const [[channel, n] = ["", 0], ...rest] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (rest.length === 0) return [`${input.lead}${channel} leads ${noun} in all ${tops.length} segments.`];
  const named = rest
    .slice(0, NAMED_LEADERS - 1)
    .map(([c, k]) => `, ${c} ${k}`)
    .join("");
  const unnamed = rest.length - (NAMED_LEADERS - 1);
  const others = unnamed > 0 ? `; ${unnamed === 1 ? "1 other channel leads" : `${unnamed} other channels lead`} the rest` : "";
  return [`${input.lead}The leading channel differs by segment: ${channel} leads ${n} of ${tops.length}${named}${others}.`];
}

/** The channel whose share of its segment's pipeline differs most between two segments. */
function contrast(input: HeadlineInput, cells: readonly Row[], noun: string): string[] {
  const byChannel = new Map<string, Row[]>();
  for (const r of cells) byChannel.set(channelOf(r), [...(byChannel.get(channelOf(r)) ?? []), r]);
  let best: { high: Row; low: Row; spread: number } | null = null;
  for (const [, rows] of [...byChannel].sort((a, b) => a[0].localeCompare(b[0]))) {
    const ordered = byValue(input, rows, SHARE);
    const [high, low] = [ordered[0], ordered.at(-1)];
    if (!high || !low || high === low) continue;
    const spread = (numberOf(high, SHARE) ?? 0) - (numberOf(low, SHARE) ?? 0);
    if (!best || spread > best.spread) best = { high, low, spread };
  }
  if (!best) return [];
  const { high, low } = best;
  return [
    `${input.lead}${channelOf(high)} brings ${shown(input, SHARE, high[SHARE])} of ${segmentName(input, high)} ${noun} but ${shown(input, SHARE, low[SHARE])} of ${segmentName(input, low)}.`,
  ];
}
