// `report models`: each channel's share of its segment's pipeline under every attribution model
// side by side, and how far its rank moves between models — where the choice of model, not the
// data, decides the story.
import { modelNames, resolveModel, type ResolvedModel } from "../attribution/model-registry.js";
import type { ReportResult } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import { compiledQuery, type CompiledQuery } from "../sql/compiled-query.js";
import { UNATTRIBUTED } from "../sql/attribution-sql.js";
import { compileModelComparison } from "../sql/models-sql.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import { positionCreditExpr } from "../sql/position-credit-sql.js";
import { lookupValidateScores } from "../validate/scores-file.js";
import type { Workspace } from "../workspace/workspace.js";
import { matrixQuery, planJourneys } from "./attribution.js";
import { compileCreditInputs, creditSource, type CreditPlan } from "./attribution-credits.js";
import { attributionQuery, resolveSettings, type SettingsFlags } from "./plan/attribution-settings.js";
import { resolveScope, scopeParams, type Scope, type ScopeFlags } from "./plan/scope.js";
import { modelsValidate } from "./models-validate.js";
import { modelsColumns, withDimensions } from "./report-columns.js";
import { baseContext, runQuery } from "./run-query.js";
import { sortBySegments } from "./segment-order.js";
import { explainUnattributed } from "./unattributed.js";

const REACH_NOTE =
  "markov and shapley (and shapley with --shapley-value subset even more) give credit to channels with heavy reach — channels present in many journeys — even when they add no lift; compare with the position models before acting on a data-driven share. lift credits a channel by its estimated effect on conversion, from converting and non-converting journeys alike — observational: a channel aimed at accounts already likely to convert still looks like lift.";

export interface ModelsPlan {
  readonly kind: "models";
  readonly scope: Scope;
  /** Every model, in registry order; one CreditPlan each over the same scope. */
  readonly models: readonly CreditPlan[];
}

export async function planModels(ws: Workspace, flags: ScopeFlags & SettingsFlags): Promise<ModelsPlan> {
  const scope = resolveScope(ws, flags, true);
  const settings = resolveSettings(flags);
  const journeys = await planJourneys(ws);
  const query = attributionQuery(scope, settings, journeys);
  const credit = (model: ResolvedModel): CreditPlan => ({ model, settings, journeys, query, minSample: ws.config.min_sample });
  return { kind: "models", scope, models: modelNames(ws.config).map((n) => credit(resolveModel(n, ws.config))) };
}

/** Every position model in one query, then each data-driven model's fit inputs. */
export function compileModelsPlan(plan: ModelsPlan, ctx: BaseContext): CompiledQuery[] {
  const first = plan.models[0];
  if (!first) return [];
  const positional = plan.models.flatMap((m) =>
    m.model.kind === "position"
      ? [{ name: m.model.name, sql: positionCreditExpr(m.model.spec, m.query.stage, m.journeys.halfLifeDays, ctx.dialect) }]
      : [],
  );
  return [
    compiledQuery("pipeline per channel under every position model", compileModelComparison(ctx, first.query, positional)),
    ...plan.models.flatMap((m) => compileCreditInputs(m, ctx)),
  ];
}

export async function runModels(ws: Workspace, plan: ModelsPlan): Promise<ReportResult> {
  const { scope: p } = plan;
  const ctx = baseContext(ws);
  const names = plan.models.map((m) => m.model.name);
  const key = (r: Row) => JSON.stringify([...p.by.map((d) => r[d] ?? null), r.channel ?? null]);
  const table = new Map<string, Row>();
  const [comparison] = compileModelsPlan(plan, ctx);
  if (comparison) for (const r of await runQuery(ws, comparison)) table.set(key(r), r);
  const notes: string[] = [REACH_NOTE];
  for (const m of plan.models) {
    if (m.model.kind !== "data_driven") continue;
    const { source, notes: fitNotes } = await creditSource(ws, m);
    notes.push(...fitNotes);
    for (const r of await runQuery(ws, matrixQuery(m, ctx, source))) {
      if (Number(r.__grouping) !== 0) continue;
      const row = table.get(key(r)) ?? { ...Object.fromEntries(p.by.map((d) => [d, r[d] ?? null])), channel: r.channel ?? null };
      row[m.model.name] = r.pipeline ?? 0;
      table.set(key(r), row);
    }
  }
  const settings = plan.models[0]?.settings;
  const validate = modelsValidate(await lookupValidateScores(ws), names, settings?.stage ?? "pipeline");
  notes.push(...validate.notes);
  if (plan.models[0]) notes.push(...(await explainUnattributed(ws, plan.models[0], unattributedOf([...table.values()], names[0] ?? ""))));
  return {
    report: "models",
    params: scopeParams(p, {
      stage: settings?.stage ?? "pipeline",
      models: names,
      order: settings?.order ?? 1,
      shapley_value: settings?.shapleyValue ?? "rate",
      validate: validate.params,
    }),
    columns: withDimensions(p.by, modelsColumns(names)),
    rows: sortBySegments(toShares([...table.values()], p.by, names), p.by, ws.config, ["channel"]),
    totals: [],
    notes,
  };
}

/** Unattributed pipeline and all pipeline under one model (every model credits Unattributed the same). */
function unattributedOf(rows: readonly Row[], model: string): { pipeline: number; of: number } | null {
  const pipeline = rows.filter((r) => r.channel === UNATTRIBUTED).reduce((s, r) => s + Number(r[model] ?? 0), 0);
  return pipeline > 0 ? { pipeline, of: rows.reduce((s, r) => s + Number(r[model] ?? 0), 0) } : null;
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
      const ordered = [...group].sort(
        (x, y) => Number(y[name] ?? 0) - Number(x[name] ?? 0) || String(x.channel).localeCompare(String(y.channel)),
      );
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
