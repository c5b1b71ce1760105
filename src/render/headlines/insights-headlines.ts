// Insights' headlines: the plain headline (each row carries it beside the full sentence) of the top
// finding of each kind, in rank order (pipeline at stake), so three findings of one kind — often
// rankings the data leave open — do not crowd out a segment pattern or a win-rate move.
import type { HeadlineInput } from "./headline-kit.js";

const SHOWN = 3;

export function insightsHeadlines(input: HeadlineInput): string[] {
  const kinds = new Set<string>();
  const out: string[] = [];
  for (const r of input.rows) {
    const kind = String(r.type ?? "");
    // Descriptions (how ranks move between models) are not tested: they never lead the report.
    if (r.category === "description" || typeof r.headline !== "string" || !r.headline || kinds.has(kind)) continue;
    kinds.add(kind);
    out.push(r.headline);
  }
  return out.slice(0, SHOWN);
}
