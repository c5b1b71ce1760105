// The path-level query Markov's and Shapley's count queries are tested against
// (test/markov-counts.test.ts): each journey's full channel path, grouped per segment. Built in one
// place, src/sql/journey-groups-sql.ts (the bootstrap of Markov's intervals resamples these paths);
// here only the journeys the fit counts (at revenue stage, open ones have no outcome yet).
import type { AttributionQuery } from "../../src/sql/attribution-sql.js";
import { compilePathCounts as compileJourneyPaths } from "../../src/sql/journey-groups-sql.js";
import type { BaseContext } from "../../src/sql/opportunity-base-sql.js";

/** Converting and null journeys as path counts per segment; `path` is a string of channel codes. */
export function compilePathCounts(ctx: BaseContext, q: AttributionQuery): string {
  return `SELECT * FROM (${compileJourneyPaths(ctx, q)}) path_counts WHERE conversions + nulls > 0`;
}
