// The data-quality section of `report summary` (issue #13): the few issues most likely to bend its
// numbers — quarantined records, kept rows the audit flags, pipeline no touch explains — each as a
// note with its count, so a reader sees them without running `pipeprism audit`.
import { compiledQuery, type CompiledQuery } from "../sql/compiled-query.js";
import { compileFlagCounts, compileQuarantineTop } from "../sql/data-quality-sql.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import type { CreditPlan } from "./attribution-credits.js";
import { runQuery } from "./run-query.js";
import { compileUnattributedQueries, explainUnattributed } from "./unattributed.js";

/** At most this many issues of each kind: the top of the list, the rest is in `pipeprism audit`. */
const TOP = 3;
const DATA_QUALITY_PREFIX = "data quality:";

export function compileDataQuality(ctx: BaseContext, credits: CreditPlan | null): CompiledQuery[] {
  const hasCode = ctx.columns.get("quarantine")?.has("code") ?? false;
  return [
    compiledQuery("quarantined records by table and reason", compileQuarantineTop(ctx.dialect, hasCode, TOP)),
    compiledQuery("kept rows the audit flags", compileFlagCounts(ctx.dialect, ctx.config)),
    ...(credits ? compileUnattributedQueries(credits, ctx) : []),
  ];
}

export async function dataQualityNotes(
  ws: Workspace,
  ctx: BaseContext,
  credits: CreditPlan | null,
  /** Pipeline created in the window: what the Unattributed share is of. */
  totalPipeline: number,
): Promise<string[]> {
  const [quarantine, flags] = compileDataQuality(ctx, null);
  if (!quarantine || !flags) throw new Error("data quality compiles two queries");
  const notes: string[] = [];
  for (const q of await runQuery(ws, quarantine))
    notes.push(
      `${Number(q.n).toLocaleString("en-US")} ${String(q.table_name)} records quarantined${q.code ? ` (${String(q.code)})` : ""}: left out of every figure`,
    );
  for (const f of (await runQuery(ws, flags)).slice(0, TOP))
    notes.push(`${Number(f.n).toLocaleString("en-US")} ${String(f.table_name)} rows kept with ${String(f.flag)}: ${String(f.description)}`);
  if (credits) notes.push(...(await explainUnattributed(ws, credits, { pipeline: 0, of: totalPipeline })));
  return notes
    .map((n) => `${DATA_QUALITY_PREFIX} ${n}${n.endsWith(".") ? "" : "."}`)
    .concat(notes.length ? ["data quality: `pipeprism audit` lists every row."] : []);
}
