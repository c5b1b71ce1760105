// The shape of the user's journeys that `pipeprism validate` simulates worlds like: per segment,
// how many journeys contain each channel (reach) and how many journeys have k distinct channels
// over n touches, with how many of them converted. Journeys are those of pipeline attribution
// (`--stage pipeline`, the default): every opportunity's journey is a conversion (it reached
// opportunity creation), and a null journey is an account's touches that led to no opportunity
// within the lookback (SPEC §6, the same definition as the null journeys Markov and Shapley count
// in attribution-sql.ts). Plain SQL on both engines; rows are few (segments × channels, segments ×
// distinct × length).
import { WORKSPACE_TABLES } from "../contract/tables.js";
import { compileJourneyCtes, nullTouchesCte, type AttributionQuery } from "./attribution-sql.js";
import type { BaseContext } from "./opportunity-base-sql.js";
import { segColumn } from "./opportunity-base-sql.js";

/** Touch counts at or above this are counted in one bucket (a path of this many touches). */
const SHAPE_LENGTH_CAP = 20;

/**
 * Rows: part 'reach' (segment, channel, journeys containing it, conversions among them) and part
 * 'length' (segment, distinct_channels, touches capped at SHAPE_LENGTH_CAP, journeys, conversions).
 * The segment column is `seg_<dimension>` (NULL for a null journey whose field only opportunities
 * carry); no dimension: no segment column.
 */
export function compileValidateShape(ctx: BaseContext, q: AttributionQuery): string {
  if (q.stage !== "pipeline") throw new Error("validate reads pipeline journeys");
  if (q.window !== null) throw new Error("validate reads every journey (no window)");
  const d = ctx.dialect;
  const segs = q.dimensions.map((dim) => d.quoteIdent(segColumn(dim)));
  const lead = (alias: string) => segs.map((s) => `${alias}${s}, `).join("");
  const segList = segs.map((s) => `${s}, `).join("");
  const text = (x: string) => `CAST(${x} AS VARCHAR)`;
  return `WITH ${compileJourneyCtes(ctx, q)},
${nullTouchesCte(ctx, q)},
shape_touches AS (
  SELECT ${lead("")}${text("'o'")} AS kind, ${text("opp_key")} AS jkey, channel_id, 1 AS outcome FROM journey_touches WHERE channel_id IS NOT NULL
  UNION ALL
  SELECT ${lead("ns.")}${text("'a'")} AS kind, ${text("nt.account_id")} AS jkey, nt.channel_id, 0 AS outcome
  FROM null_touches nt JOIN null_segments ns ON ns.account_id = nt.account_id WHERE nt.channel_id IS NOT NULL
),
shape_journeys AS (SELECT ${segList}kind, jkey, max(outcome) AS outcome, count(*) AS touches, count(DISTINCT channel_id) AS distinct_channels
  FROM shape_touches GROUP BY ${segList}kind, jkey),
shape_channels AS (SELECT DISTINCT ${segList}kind, jkey, channel_id, outcome FROM shape_touches)
SELECT * FROM (
  SELECT ${text("'reach'")} AS part, ${lead("sc.")}ci.channel AS channel, CAST(NULL AS BIGINT) AS distinct_channels, CAST(NULL AS BIGINT) AS touches,
    count(*) AS journeys, CAST(sum(sc.outcome) AS BIGINT) AS conversions
  FROM shape_channels sc JOIN channel_ids ci ON ci.channel_id = sc.channel_id GROUP BY ${lead("sc.")}ci.channel
  UNION ALL
  SELECT ${text("'length'")} AS part, ${segList}CAST(NULL AS VARCHAR) AS channel, CAST(distinct_channels AS BIGINT), CAST(least(touches, ${SHAPE_LENGTH_CAP}) AS BIGINT),
    count(*) AS journeys, CAST(sum(outcome) AS BIGINT) AS conversions
  FROM shape_journeys GROUP BY ${segList}distinct_channels, least(touches, ${SHAPE_LENGTH_CAP})
) shape
ORDER BY ${[...["part", ...segs, "channel"].map(d.textSortKey), "distinct_channels", "touches"].join(", ")}`;
}

/** The ingest's facts a validate run's fingerprint hashes: workspace_info, then ingest_files. */
export const FINGERPRINT_INFO = `SELECT key, value FROM ${WORKSPACE_TABLES.workspaceInfo} ORDER BY key`;
export const FINGERPRINT_FILES = `SELECT * FROM ${WORKSPACE_TABLES.ingestFiles} ORDER BY 1, 2`;
