// Aggregated journeys, as in ChannelAttribution's path files: one row per distinct channel
// sequence with how many journeys along it converted (and their value) or ended without.

export interface PathRow {
  /** Channels in journey order; repeats are kept (`A > A > B`). */
  readonly channels: readonly string[];
  readonly conversions: number;
  /** Total conversion value of the row's conversions. */
  readonly value: number;
  readonly nulls: number;
}

export function totalConversions(rows: readonly PathRow[]): number {
  return rows.reduce((sum, r) => sum + r.conversions, 0);
}

export function totalValue(rows: readonly PathRow[]): number {
  return rows.reduce((sum, r) => sum + r.value, 0);
}

/** Every channel named in any row, sorted by code point so output order never depends on locale. */
export function channelUniverse(rows: readonly PathRow[]): string[] {
  const seen = new Set<string>();
  for (const r of rows) for (const c of r.channels) seen.add(c);
  return [...seen].sort(compareNames);
}

export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
