// Counts ingest checks itself against: rows kept per table (rows read = kept + quarantined), the
// channels numbered for journeys, and whether each opportunity has a line of its own.
import { quoteIdent as q } from "../dialect.js";
import { CHANNEL_TABLE } from "../journeys-sql.js";

/** One row, `n`. */
export const compileCountRows = (table: string): string => `SELECT count(*) AS n FROM ${q(table)}`;

/** One row, `n`: channels numbered in the channel table. */
export const COUNT_CHANNELS = compileCountRows(CHANNEL_TABLE);

/** One row: `n` opportunities and `lines` distinct source lines (ingest-built journeys need n = lines). */
export const COUNT_OPPORTUNITY_LINES = "SELECT count(*) AS n, count(DISTINCT source_line) AS lines FROM opportunities";
