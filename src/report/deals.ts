// `pipeprism deals` (also `report deals`): the opportunities behind a number of the attribution
// matrix — one row per deal with its amount, status, dates, segments, journey and credit to the
// selected channel. It takes attribution's flags, so the same flags give the same credits: the
// credited amounts of `deals --by size --channel Events` add up, per size, to the Events cells of
// `report attribution --by size`. A --where on a --by dimension picks cells of that matrix rather
// than refiltering the population, so a data-driven model is not refitted on the cell alone.
import { UserError } from "../model/diagnostic.js";
import type { SegmentFilter } from "../model/segment-filter.js";
import { column, dimensionColumns, type ColumnDef, type ReportResult } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import { compileChannelList, UNATTRIBUTED } from "../sql/attribution-sql.js";
import { compiledQuery, type CompiledQuery } from "../sql/compiled-query.js";
import { compileDeals, type DealsQuery } from "../sql/deals-sql.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import { segColumn } from "../sql/opportunity-base-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import { compileFittedInputs, creditSource, positionSource } from "./attribution-credits.js";
import { planAttribution, type AttributionFlags, type AttributionPlan } from "./attribution.js";
import { scopeParams } from "./plan/scope.js";
import { whereLabel } from "./where-notes.js";
import { DEAL_COLUMNS } from "./report-columns.js";
import { baseContext, runQuery } from "./run-query.js";

const DEALS_LABEL = "deals behind the cell, with their credits";

/** Rows shown when --limit is not given; totals always cover every deal. */
const DEFAULT_DEALS_LIMIT = 500;

export interface DealsPlan {
  readonly kind: "deals";
  /** The matrix whose credits the deals carry: --by, the population --where filters, model. */
  readonly attribution: AttributionPlan;
  readonly channel: string | null;
  /** --where filters on a --by dimension: pick cells of the matrix. */
  readonly select: readonly SegmentFilter[];
  readonly limit: number;
  /** Every configured dimension, the --by ones first: each deal shows its segments. */
  readonly shown: readonly string[];
}

export type DealsFlags = AttributionFlags & { readonly channel?: string; readonly limit?: number };

export async function planDeals(ws: Workspace, flags: DealsFlags): Promise<DealsPlan> {
  const by = flags.by ?? [];
  const where = flags.where ?? [];
  const select = where.filter((f) => by.includes(f.dimension));
  const attribution = await planAttribution(ws, { ...flags, where: where.filter((f) => !by.includes(f.dimension)) });
  const channel = flags.channel ?? null;
  if (channel !== null) await checkChannel(ws, channel);
  const shown = [...by, ...Object.keys(ws.config.segments).filter((d) => !by.includes(d))];
  return { kind: "deals", attribution, channel, select, limit: flags.limit ?? DEFAULT_DEALS_LIMIT, shown };
}

async function checkChannel(ws: Workspace, channel: string): Promise<void> {
  const rows = await runQuery(ws, compiledQuery("channels with their ids", compileChannelList(baseContext(ws))));
  const channels = [...rows.map((r) => String(r.channel)), UNATTRIBUTED];
  if (!channels.includes(channel))
    throw new UserError(`--channel: "${channel}" is not a channel of this workspace (channels: ${channels.join(", ")})`, "bad_flag_value");
}

function dealsQuery(plan: DealsPlan): DealsQuery {
  return { matrix: plan.attribution.credits.query, shown: plan.shown, channel: plan.channel, select: plan.select, limit: plan.limit };
}

export function compileDealsPlan(plan: DealsPlan, ctx: BaseContext): CompiledQuery[] {
  const source = positionSource(plan.attribution.credits, ctx);
  if (source) return [compiledQuery(DEALS_LABEL, compileDeals(ctx, dealsQuery(plan), source))];
  return compileFittedInputs(plan.attribution.credits, ctx, "the deals query");
}

const c = column;

function dealsColumns(plan: DealsPlan): ColumnDef[] {
  return [
    { ...c("opportunity_id", "opportunity", "text"), role: "dimension" },
    c("account_id", "account", "text"),
    ...dimensionColumns(plan.shown),
    ...DEAL_COLUMNS,
    ...(plan.channel === null ? [c("credits", "credits by channel", "text")] : []),
  ];
}

export async function runDeals(ws: Workspace, plan: DealsPlan): Promise<ReportResult> {
  const { credits, scope } = plan.attribution;
  const { source, notes } = await creditSource(ws, credits);
  const raw = await runQuery(ws, compiledQuery(DEALS_LABEL, compileDeals(baseContext(ws), dealsQuery(plan), source)));
  const first = raw[0];
  const count = Number(first?.deals ?? 0);
  const rows = raw.map((r) => dealRow(r, plan.shown));
  const totals: Row[] =
    count === 0
      ? []
      : [
          {
            total_of: "all",
            deals: count,
            amount: Number(first?.total_amount ?? 0),
            credit: Number(first?.total_credit ?? 0),
            // Over every deal, listed or not: the matrix cell (with --by, the sum of its cells listed).
            credited_amount: Number(first?.total_credited ?? 0),
          },
        ];
  const { model, settings } = credits;
  return {
    report: "deals",
    params: scopeParams(scope, {
      model: model.name,
      stage: settings.stage,
      ...(model.name === "markov" ? { order: settings.order } : {}),
      ...(model.name === "shapley" ? { shapley_value: settings.shapleyValue } : {}),
      channel: plan.channel,
      ...(plan.select.length ? { cells: Object.fromEntries(plan.select.map((f) => [f.dimension, f.values])) } : {}),
      limit: plan.limit,
      deals: count,
    }),
    columns: dealsColumns(plan),
    rows,
    totals,
    notes: [...notes, ...dealsNotes(plan, count, rows.length)],
  };
}

const numberOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

function dealRow(r: Row, shown: readonly string[]): Row {
  const row: Row = {
    opportunity_id: r.opportunity_id ?? null,
    account_id: r.account_id ?? null,
    ...Object.fromEntries(shown.map((d) => [d, r[segColumn(d)] ?? null])),
    stage: r.stage ?? null,
    status: r.status ?? null,
    created_date: r.created_date ?? null,
    close_date: r.close_date ?? null,
    amount: numberOrNull(r.amount),
    journey: r.journey ?? null,
    touches: Number(r.touches ?? 0),
    credit: Number(r.credit),
    // A deal without an amount is listed, with nothing to credit.
    credited_amount: numberOrNull(r.credited_amount),
  };
  return "credits" in r ? { ...row, credits: r.credits ?? null } : row;
}

function dealsNotes(plan: DealsPlan, count: number, shown: number): string[] {
  const { credits, scope } = plan.attribution;
  const what = plan.channel === null ? "every deal at its full amount" : `deals credited to ${plan.channel} under ${credits.model.name}`;
  const notes = [
    `${what}: credit is the deal's share of the channel, credited = credit × amount, apportioned to the millionth (largest remainder) so each --by segment's credited amounts add up exactly to its cell of \`report attribution\` with the same flags.`,
  ];
  if (plan.select.length)
    notes.push(
      `--where ${whereLabel(plan.select)} picks cells of the --by ${scope.by.join(",")} matrix: credits are those of \`report attribution --by ${scope.by.join(",")}\`, fitted over every ${plan.select.map((f) => f.dimension).join(" and ")}.`,
    );
  if (count > shown)
    notes.push(
      `showing the ${shown.toLocaleString("en-US")} largest of ${count.toLocaleString("en-US")} deals (--limit 0 lists every one); the totals row covers all of them.`,
    );
  if (count === 0) notes.push("no deal in this cell.");
  return notes;
}
