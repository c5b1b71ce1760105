// Sales cost (config `sales_cost`: the sales team's salaries, commissions and tools per period) for
// fully loaded CAC = (program spend + sales cost) / new-business wins. An entry is pro-rated by the
// days its period overlaps the window, as spend is; it is not per channel, so it lands on segments
// only: an entry's segment filter places it, and within what it matches it is split in proportion
// to new-business wins — every win then carries the same sales cost, so an unfiltered entry moves
// every segment's CAC alike instead of reordering segments by a guess about effort.
import type { SalesCostEntry } from "../model/config-schema.js";
import { parsePeriod } from "../model/period.js";

export interface SalesCostPart {
  /** e.g. `sales_cost[1] (2026, size=Enterprise)`. */
  readonly label: string;
  readonly amount: number;
  readonly filters: readonly { readonly dimension: string; readonly values: readonly string[] }[];
}

/** A segment of the report's split: its dimension values and its new-business wins. */
export interface CostSegment {
  readonly key: string;
  readonly values: Readonly<Record<string, string>>;
  readonly wins: number;
}

export interface SalesCostSplit {
  /** Sales cost per segment key; null when an entry filters on a dimension the split lacks. */
  readonly bySegment: ReadonlyMap<string, number> | null;
  /** Every part in the window, placed or not (the whole population's sales cost). */
  readonly total: number;
  readonly notes: readonly string[];
}

export const NOTE = "fully loaded CAC";

const dayNumber = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

/** Each entry's part in the window, pro-rated by days (whole without a window); none it misses. */
export function salesCostInWindow(
  entries: readonly SalesCostEntry[],
  window: { readonly from: string; readonly to: string } | null,
  evaluationDate: string,
  fiscalStartMonth: number,
): SalesCostPart[] {
  return entries.flatMap((entry, i) => {
    const { period, amount, segments } = entry;
    const p = parsePeriod(period, fiscalStartMonth);
    const from = window && window.from > p.from ? window.from : p.from;
    const to = window && window.to < p.to ? window.to : p.to;
    const overlap = dayNumber(to) - dayNumber(from) + 1;
    if (overlap <= 0 || p.from > evaluationDate) return [];
    const filters = Object.entries(segments).map(([dimension, values]) => ({ dimension, values }));
    const label = `sales_cost[${i}] (${[period, ...filters.map((f) => `${f.dimension}=${f.values.join(",")}`)].join(", ")})`;
    return [{ label, amount: (amount * overlap) / (dayNumber(p.to) - dayNumber(p.from) + 1), filters }];
  });
}

/** Each part onto the segments its filter matches, in proportion to their new-business wins (equally without any). */
export function splitSalesCost(parts: readonly SalesCostPart[], segments: readonly CostSegment[], dims: readonly string[]): SalesCostSplit {
  const bySegment = new Map(segments.map((s) => [s.key, 0]));
  const notes: string[] = [];
  // Entries that cannot be placed, by the dimensions they need: one note per set, not per entry.
  const unplaced = new Map<string, string[]>();
  let placeable = true;
  for (const part of parts) {
    const missing = part.filters.map((f) => f.dimension).filter((d) => !dims.includes(d));
    if (missing.length) {
      placeable = false;
      const key = missing.join(",");
      unplaced.set(key, [...(unplaced.get(key) ?? []), part.label]);
      continue;
    }
    const matched = segments.filter((s) => part.filters.every((f) => f.values.includes(s.values[f.dimension] ?? "")));
    const wins = matched.reduce((sum, s) => sum + s.wins, 0);
    for (const s of matched)
      bySegment.set(s.key, (bySegment.get(s.key) ?? 0) + part.amount * (wins > 0 ? s.wins / wins : 1 / matched.length));
    if (matched.length === 0)
      notes.push(`${NOTE}: ${part.label} matches no segment with attributed pipeline in the window: it is in the total only.`);
  }
  if (dims.length)
    for (const [missing, labels] of unplaced)
      notes.push(
        `${NOTE}: ${labels.length === 1 ? `${labels[0]} is` : `${labels.length} sales_cost entries (${labels.join("; ")}) are`} for ${missing} segments: add --by ${missing} to see fully loaded CAC per segment (the total includes them).`,
      );
  if (dims.length && parts.some((p) => p.filters.length === 0))
    notes.push(`${NOTE}: sales cost without a segment filter is split across segments in proportion to their new-business wins.`);
  return { bySegment: placeable ? bySegment : null, total: parts.reduce((sum, p) => sum + p.amount, 0), notes };
}

/** What to add when there is no sales cost, or none in the window. */
export function missingSalesCostNote(configured: boolean): string {
  return configured
    ? `${NOTE}: no sales_cost entry overlaps the window, so cac_fully_loaded is empty (add an entry for its periods).`
    : `${NOTE}: no sales cost is configured, so cac_fully_loaded is empty and CAC counts program spend only. Add the sales team's cost (salaries, commissions, tools) per period to pipeprism.yaml, e.g. \`sales_cost: [{ period: 2026-Q1, amount: 250000 }]\`, optionally per segment (\`size: Enterprise\`).`;
}
