// Reading the open-pipeline snapshots successive ingests recorded (SPEC §5): per as-of date and
// segment value of one dimension, summed over stages.
import type { Dialect } from "./dialect.js";

/** One parameter: the dimension name, or "(all)". Rows in as-of, then segment (byte) order. */
export function compileSnapshotSeries(d: Dialect): string {
  return `SELECT CAST(as_of AS VARCHAR) AS as_of, segment, sum(open_count) AS open_pipeline_count, sum(open_amount) AS open_pipeline
     FROM snapshots WHERE dimension = ? GROUP BY 1, 2 ORDER BY 1, ${d.textSortKey("segment")}`;
}
