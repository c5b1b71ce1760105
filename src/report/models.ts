// `report models`: each channel's share of its segment's pipeline under every attribution model
// side by side, and how far its rank moves between models — where the choice of model, not the
// data, decides the story.
import type { Row } from "../contract/row.js";
import { modelNames, resolveModel } from "../attribution/model-registry.js";
import { compileAttributionMatrix, type AttributionQuery } from "../sql/attribution-sql.js";
import { compileModelComparison } from "../sql/models-sql.js";
import { positionCreditExpr } from "../sql/position-credit-sql.js";
import { hasPrecomputedJourneys, type Workspace } from "../workspace/workspace.js";
import { creditSource } from "./attribution-credits.js";
import { resolveAttributionOptions, type AttributionOptions } from "./attribution-params.js";
import { paramsRecord, resolveParams } from "./params.js";
import { column, dimensionColumns, type ColumnDef, type ReportResult } from "../contract/report-result.js";
import { baseContext } from "./run-query.js";
import { sortBySegments } from "./segment-order.js";

const REACH_NOTE =
  "markov and shapley (and shapley with --shapley-value subset even more) give credit to channels with heavy reach — channels present in many journeys — even when they add no lift; compare with the position models before acting on a data-driven share.";

export async function models(ws: Workspace, options: AttributionOptions = {}): Promise<ReportResult> {
  const p = resolveParams(ws, { ...options, cohort: true });
  const a = resolveAttributionOptions(options);
  const q: AttributionQuery = { dimensions: p.by, window: p.window, evaluationDate: p.evaluationDate, stage: a.stage, lookbackDays: ws.config.attribution.lookback_days, precomputed: hasPrecomputedJourneys(ws) };
  const ctx = baseContext(ws);
  const names = modelNames(ws.config);
  const resolved = names.map((n) => resolveModel(n, ws.config));
  const positional = resolved.flatMap((m) => (m.kind === "position" ? [{ name: m.name, sql: positionCreditExpr(m.spec, a.stage, ws.config.attribution.half_life_days, ws.engine.dialect) }] : []));
  const key = (r: Row) => JSON.stringify([...p.by.map((d) => r[d]), r.channel]);
  const table = new Map<string, Row>();
  for (const r of await ws.engine.all(compileModelComparison(ctx, q, positional))) table.set(key(r), r);
  const notes: string[] = [REACH_NOTE];
  for (const m of resolved) {
    if (m.kind !== "data_driven") continue;
    const { source, keying, notes: fitNotes } = await creditSource(ws, m, q, a);
    notes.push(...fitNotes);
    for (const r of await ws.engine.all(compileAttributionMatrix(ctx, q, source, keying))) {
      if (Number(r.__grouping) !== 0) continue;
      const row = table.get(key(r)) ?? { ...Object.fromEntries(p.by.map((d) => [d, r[d] ?? null])), channel: r.channel ?? null };
      row[m.name] = r.pipeline ?? 0;
      table.set(key(r), row);
    }
  }
  const rows = toShares([...table.values()], p.by, names);
  return {
    report: "models",
    params: paramsRecord(p, { stage: a.stage, models: names, order: a.order, shapley_value: a.shapleyValue }),
    rows: sortBySegments(rows, p.by, ws.config, ["channel"]),
    totals: [],
    notes,
    columns: [
      ...dimensionColumns(p.by),
      column("channel", "channel", "text"),
      ...names.map((n): ColumnDef => (column(n, n, "rate"))),
      column("rank_best", "best rank", "count"),
      column("rank_worst", "worst rank", "count"),
      column("rank_spread", "spread", "count"),
    ],
  };
}

/** Pipeline per model → share of the segment's pipeline, plus rank range across models. */
function toShares(rows: readonly Row[], dims: readonly string[], names: readonly string[]): Row[] {
  const segKey = (r: Row) => JSON.stringify(dims.map((d) => r[d]));
  const groups = new Map<string, Row[]>();
  for (const r of rows) groups.set(segKey(r), [...(groups.get(segKey(r)) ?? []), r]);
  const out: Row[] = [];
  for (const group of groups.values()) {
    const ranks = new Map<Row, number[]>(group.map((r) => [r, []]));
    for (const name of names) {
      const total = group.reduce((s, r) => s + Number(r[name] ?? 0), 0);
      const ordered = [...group].sort((x, y) => Number(y[name] ?? 0) - Number(x[name] ?? 0) || String(x.channel).localeCompare(String(y.channel)));
      ordered.forEach((r, i) => ranks.get(r)?.push(i + 1));
      for (const r of group) r[name] = total > 0 ? Number(r[name] ?? 0) / total : null;
    }
    for (const r of group) {
      const list = ranks.get(r) ?? [];
      const best = Math.min(...list);
      const worst = Math.max(...list);
      out.push({ ...r, rank_best: best, rank_worst: worst, rank_spread: worst - best });
    }
  }
  return out;
}
