// Stable row order: bands in their configured order, other values alphabetically, the unknown
// label last, so outputs diff cleanly between runs.
import type { Row } from "../contract/row.js";
import type { Config } from "../model/config-schema.js";

function segmentRank(config: Config, dim: string): (value: string) => [number, string] {
  const seg = config.segments[dim];
  const bandIndex = new Map((seg?.bands ?? []).map((b, i) => [b.name, i]));
  return (value) => {
    if (value === config.unknown_label) return [Number.MAX_SAFE_INTEGER, value];
    return [bandIndex.get(value) ?? 0, value];
  };
}

export function sortBySegments(rows: Row[], dims: readonly string[], config: Config, extraKeys: readonly string[] = []): Row[] {
  const ranks = dims.map((dim) => ({ dim, rank: segmentRank(config, dim) }));
  return rows.sort((a, b) => {
    for (const { dim, rank } of ranks) {
      const [ra, sa] = rank(String(a[dim]));
      const [rb, sb] = rank(String(b[dim]));
      if (ra !== rb) return ra - rb;
      if (sa !== sb) return sa < sb ? -1 : 1;
    }
    for (const key of extraKeys) {
      const x = String(a[key]);
      const y = String(b[key]);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  });
}

/** Splits GROUPING SETS output into segment rows and the grand-total row. */
export function splitTotals(rows: readonly Row[], dims: readonly string[]): { rows: Row[]; totals: Row[] } {
  const strip = (r: Row): Row => {
    const { __is_total: _ignored, ...rest } = r;
    return rest;
  };
  const totals = rows.filter((r) => r.__is_total === true).map(strip);
  const segmentRows = rows.filter((r) => r.__is_total !== true).map(strip);
  return { rows: dims.length ? segmentRows : totals.map((t) => ({ ...t })), totals };
}

/** A row's segment as a map key: its values of the given dimensions, in order. */
export function segmentKey(row: Row, dims: readonly string[]): string {
  return JSON.stringify(dims.map((d) => row[d] ?? null));
}
