// `report leads`: lead-stage conversion (lead → MQL → SQL → opportunity, as `lead_stages` lists
// them) per segment, over the leads whose first status falls in the window, followed to as-of like
// a cohort, with a Wilson interval per step. Needs the lead status history (sources.lead_history).
import type { ReportResult } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import type { Config } from "../model/config-schema.js";
import { UserError } from "../model/diagnostic.js";
import { compiledQuery, type CompiledQuery } from "../sql/compiled-query.js";
import { COUNT_LEAD_HISTORY, compileLeadFunnel, leadReachedColumn } from "../sql/leads-sql.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import { resolveScope, scopeParams, type Scope, type ScopeFlags } from "./plan/scope.js";
import { conversionSteps } from "./funnel.js";
import { FUNNEL_COLUMNS, withDimensions } from "./report-columns.js";
import { baseContext, runGrouped, runQuery } from "./run-query.js";

export interface LeadsPlan {
  readonly kind: "leads";
  readonly scope: Scope;
}

/** Leads whose first status falls in the window are followed up to as-of. */
export function planLeads(ws: Workspace, flags: ScopeFlags): LeadsPlan {
  return { kind: "leads", scope: resolveScope(ws, flags, true) };
}

export function compileLeadsPlan(plan: LeadsPlan, ctx: BaseContext): CompiledQuery[] {
  const s = plan.scope;
  const compiled = compileLeadFunnel(ctx, { dimensions: s.by, window: s.window, evaluationDate: s.evaluationDate });
  return [compiledQuery("lead status reach per segment", compiled.sql, compiled.notes)];
}

export async function runLeads(ws: Workspace, plan: LeadsPlan): Promise<ReportResult> {
  const p = plan.scope;
  if (!ws.columns.has("lead_history"))
    throw new UserError("this workspace was ingested before lead history existed: run `pipeprism ingest` again", "table_missing");
  const { rows, totals, notes } = await runGrouped(ws, compileLeadsPlan(plan, baseContext(ws)), p.by);
  const [history] = await runQuery(ws, compiledQuery("lead history rows", COUNT_LEAD_HISTORY));
  const stepRows = rows.flatMap((r) => leadSteps(r, p.by, ws.config));
  return {
    report: "leads",
    params: scopeParams(p, { mode: "cohort", lead_stages: ws.config.lead_stages, min_sample: ws.config.min_sample }),
    columns: withDimensions(p.by, FUNNEL_COLUMNS),
    rows: stepRows,
    totals: totals.flatMap((r) => leadSteps(r, p.by, ws.config)),
    notes: [...notes, ...leadNotes(ws, Number(history?.n ?? 0), totals[0], stepRows, p.by)],
  };
}

/** Steps L1→L2 … of one segment's reach counts, in lifecycle order. */
function leadSteps(reach: Row, dims: readonly string[], config: Config): Row[] {
  const counts = config.lead_stages.map((_, i) => Number(reach[leadReachedColumn(i + 1)] ?? 0));
  const values = Object.fromEntries(dims.map((d) => [d, reach[d] ?? null]));
  return conversionSteps(config.lead_stages, counts, values, config.min_sample);
}

function leadNotes(ws: Workspace, historyRows: number, total: Row | undefined, steps: readonly Row[], dims: readonly string[]): string[] {
  if (historyRows === 0)
    return [
      "no lead status history in the workspace: every count is 0. Add sources.lead_history (lead_id, account_id, status, entered_at: one row per status a lead entered) and list the statuses in order under lead_stages.",
    ];
  const notes: string[] = [];
  const unknown = Number(total?.unknown_status_count ?? 0);
  if (unknown > 0)
    notes.push(
      `${unknown} leads have no status listed in lead_stages (${ws.config.lead_stages.join(", ")}) by as-of: they are in no step (pipeprism audit lists the statuses).`,
    );
  const opportunityOnly = dims.filter((d) => {
    const field = ws.config.segments[d]?.field;
    return field !== undefined && !ws.columns.get("accounts")?.has(field);
  });
  if (opportunityOnly.length)
    notes.push(
      `--by ${opportunityOnly.join(", ")}: a field of opportunities, which leads do not have: every lead is ${ws.config.unknown_label} there (segment leads by account fields).`,
    );
  const thin = steps.filter((s) => s.sample === "thin").length;
  if (thin > 0)
    notes.push(
      `${thin} of ${steps.length} steps start from fewer than ${ws.config.min_sample} leads: their conversion is directional (see conversion_low/high).`,
    );
  return notes;
}
