// Pipeline's headline: which segment created the most pipeline and which holds the most still
// open, each with its share of the whole. Summary adds win rate's best and worst segment.
import type { Row } from "../../contract/row.js";
import { byValue, numberOf, percent, segmentName, shown, type HeadlineInput } from "./headline-kit.js";
import { winrateHeadlines } from "./winrate-headlines.js";

function largest(input: HeadlineInput, key: string): { row: Row; share: number } | null {
  const [top] = byValue(input, input.rows, key);
  const total = input.rows.reduce((s, r) => s + (numberOf(r, key) ?? 0), 0);
  return top && total > 0 ? { row: top, share: (numberOf(top, key) ?? 0) / total } : null;
}

export function pipelineHeadlines(input: HeadlineInput): string[] {
  if (input.segmentKeys.length === 0 || input.rows.length < 2) return [];
  const created = largest(input, "pipeline_created");
  const open = largest(input, "open_pipeline");
  const part = (x: { row: Row; share: number }, key: string) => `${shown(input, key, x.row[key])} (${percent(x.share)} of the total)`;
  const out: string[] = [];
  if (created) out.push(`${input.lead}${segmentName(input, created.row)} created the most pipeline: ${part(created, "pipeline_created")}.`);
  if (open && open.row !== created?.row)
    out.push(`${input.lead}${segmentName(input, open.row)} holds the most open pipeline: ${part(open, "open_pipeline")}.`);
  else if (open) out.push(`It also holds the most open pipeline: ${part(open, "open_pipeline")}.`);
  return out;
}

export function summaryHeadlines(input: HeadlineInput): string[] {
  return [...pipelineHeadlines(input).slice(0, 1), ...winrateHeadlines(input)];
}
