// Times the phases of a data-driven (markov / shapley) attribution matrix on an ingested demo
// workspace: the two SQL queries that feed the fit, the fit itself, the size of the credit list
// handed back to SQL, and the final matrix query. `tsx bench/profile-data-driven.ts DIR MODEL [ORDER]`
import path from "node:path";
import { performance } from "node:perf_hooks";
import { dataDrivenCredits, type SegmentPathRow } from "../src/attribution/data-driven-credits.js";
import { compileAttributionMatrix, compileJourneySets, compilePathCounts, PATH_SEPARATOR, type AttributionQuery } from "../src/sql/attribution-sql.js";
import { segColumn } from "../src/sql/opportunity-base-sql.js";
import { baseContext } from "../src/report/run-query.js";
import { resolveParams } from "../src/report/params.js";
import { openWorkspace } from "../src/workspace/workspace.js";

const [dir, model = "markov", order = "1"] = process.argv.slice(2);
const ws = await openWorkspace(path.join(String(dir), "pipeprism.yaml"));
const p = resolveParams(ws, { by: "size", cohort: true });
const q: AttributionQuery = { dimensions: p.by, window: p.window, evaluationDate: p.evaluationDate, stage: "pipeline", lookbackDays: ws.config.attribution.lookback_days };
const ctx = baseContext(ws);
const rss = () => `${Math.round(process.memoryUsage().rss / 2 ** 20)} MB rss`;
let t = performance.now();
const lap = (label: string) => {
  const now = performance.now();
  process.stdout.write(`${label.padEnd(44)} ${((now - t) / 1000).toFixed(3)} s   ${rss()}\n`);
  t = now;
};
const segmentOf = (r: Record<string, unknown>) => q.dimensions.map((d) => (r[segColumn(d)] === null ? null : String(r[segColumn(d)])));
const pathRows = await ws.engine.all(compilePathCounts(ctx, q));
lap(`path counts query (${pathRows.length} rows)`);
const paths: SegmentPathRow[] = pathRows.map((r) => ({ segment: segmentOf(r), channels: String(r.path).split(PATH_SEPARATOR), conversions: Number(r.conversions), value: Number(r.value), nulls: Number(r.nulls) }));
const setRows = await ws.engine.all(compileJourneySets(ctx, q));
lap(`journey sets query (${setRows.length} rows)`);
const sets = setRows.map((r) => ({ segment: segmentOf(r).map((v) => v ?? ""), set: String(r.set_key) }));
const { credits } = dataDrivenCredits(paths, sets, PATH_SEPARATOR, { model: model as "markov" | "shapley", order: Number(order), shapleyValue: "rate", seed: 0, minSample: ws.config.min_sample });
lap(`fit in TypeScript (${credits.length} set credits)`);
let sql = compileAttributionMatrix(ctx, q, { kind: "set_credits", credits });
// `FIX=1`: the candidate fix — one composite join key (segment values + set), so the planner
// cannot join scope to the credit list on the segment alone (a near cross product).
if (process.env.FIX) sql = compositeKeyJoin(sql, q.dimensions.map(segColumn));
lap(`compile matrix SQL (${(sql.length / 2 ** 20).toFixed(1)} MiB of SQL text)`);
const matrix = await ws.engine.all(sql);
lap("matrix query with VALUES credit list");
// `CHECK=1` (with FIX=1): the rewritten query must return the same matrix as the shipped one.
if (process.env.CHECK && process.env.FIX) {
  const shipped = await ws.engine.all(compileAttributionMatrix(ctx, q, { kind: "set_credits", credits }));
  const key = (r: Record<string, unknown>) => JSON.stringify([r.size, r.channel, r.__grouping]);
  const want = new Map(shipped.map((r) => [key(r), r]));
  const bad = matrix.filter((r) => { const w = want.get(key(r)); return !w || Math.abs(Number(w.pipeline) - Number(r.pipeline)) > 1e-6 * Math.abs(Number(w.pipeline)) || Math.abs(Number(w.opportunities) - Number(r.opportunities)) > 1e-9 * Math.abs(Number(w.opportunities)); });
  lap(`CHECK shipped query: ${shipped.length} rows vs ${matrix.length}; ${bad.length} differ`);
}
await ws.close();
process.stdout.write(`peak ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`);

// `PROFILE=1`: EXPLAIN ANALYZE of the matrix query, operators sorted by time.
if (process.env.PROFILE) {
  const again = await openWorkspace(path.join(String(dir), "pipeprism.yaml"));
  const plan = await again.engine.all(`EXPLAIN ANALYZE ${sql}`);
  const text = String(plan[0]?.explain_value ?? Object.values(plan[0] ?? {}).pop());
  process.stdout.write(`${text}\n`);
  await again.close();
}

/** Rewrites the credit join of a compiled matrix query to use one composite key. */
function compositeKeyJoin(text: string, segCols: readonly string[]): string {
  const seg = (alias: string) => segCols.map((c) => `COALESCE(${alias}."${c}", '') || chr(31)`).join(" || ");
  const from = /opp_channel AS \(SELECT js\.opportunity_id, sc\.channel, sc\.credit\s+FROM journey_sets js JOIN scope s ON s\.opportunity_id = js\.opportunity_id JOIN set_credits sc ON [^)]*\)/;
  if (!from.test(text)) throw new Error("FIX: credit join not found in the compiled SQL (src changed?)");
  const keyed = segCols.length ? `${seg("s")} || js.set_key` : "js.set_key";
  const credKey = segCols.length ? `${seg("set_credits")} || set_credits.set_key` : "set_credits.set_key";
  return text.replace(from, `keyed_credits AS (SELECT ${credKey} AS k, channel, credit FROM set_credits),
keyed_sets AS (SELECT js.opportunity_id, ${keyed} AS k FROM journey_sets js JOIN scope s ON s.opportunity_id = js.opportunity_id),
opp_channel AS (SELECT ks.opportunity_id, kc.channel, kc.credit FROM keyed_sets ks JOIN keyed_credits kc ON kc.k = ks.k)`);
}
