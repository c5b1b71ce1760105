// The shape of a workspace's pipeline journeys, read with one SQL query (validate-shape-sql.ts).
import { UserError } from "../model/diagnostic.js";
import { compiledQuery } from "../sql/compiled-query.js";
import { compileValidateShape } from "../sql/validate-shape-sql.js";
import { baseContext, runQuery } from "../report/run-query.js";
import { hasPrecomputedJourneys, type Workspace } from "../workspace/workspace.js";
import { shapeFromRows, type DataShape } from "./shape.js";

/** --by, else the config's first segment dimension, else none. */
export function shapeDimension(ws: Workspace, by: string | undefined): string | null {
  const valid = Object.keys(ws.config.segments);
  if (by === undefined) return valid[0] ?? null;
  if (!Object.hasOwn(ws.config.segments, by)) {
    throw new UserError(
      `--by: unknown dimension "${by}" (valid: ${valid.join(", ") || "none configured under segments"})`,
      "bad_dimension",
    );
  }
  return by;
}

export async function readShape(ws: Workspace, dimension: string | null): Promise<DataShape> {
  const sql = compileValidateShape(baseContext(ws), {
    dimensions: dimension === null ? [] : [dimension],
    window: null,
    evaluationDate: ws.dataAsOf,
    stage: "pipeline",
    lookbackDays: ws.config.attribution.lookback_days,
    precomputed: hasPrecomputedJourneys(ws),
  });
  const rows = await runQuery(ws, compiledQuery("journey shape for validate", sql));
  return shapeFromRows(rows, dimension, ws.config.unknown_label);
}
