// `report cost`: spend per channel and segment, and what it bought — cost per opportunity, CAC,
// ROI (net of spend) and return on spend under the selected attribution model. Spend the file
// assigns to a segment stays there; other spend is allocated to segments in proportion to the
// channel's attributed pipeline (§5). Each cell's money is rounded to the cent before anything is
// summed, so rows add up to the totals exactly. Segment totals add sales cost (config) and fully
// loaded CAC, which are not per channel (src/report/sales-cost.ts).
import type { ReportResult } from "../contract/report-result.js";
import type { Row } from "../contract/row.js";
import { compiledQuery, type CompiledQuery } from "../sql/compiled-query.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import { compileSpend } from "../sql/spend-sql.js";
import type { SegmentFilter } from "../model/segment-filter.js";
import { UserError } from "../model/diagnostic.js";
import type { Workspace } from "../workspace/workspace.js";
import { untypedWinsNote } from "./untyped-wins.js";
import { whereLabel } from "./where-notes.js";
import { compileAttributionPlan, planAttribution, runAttribution, type AttributionFlags, type AttributionPlan } from "./attribution.js";
import { compileCampaignCostPlan, runCampaignCost } from "./campaigns.js";
import { roundMoney, sumMoney } from "./cents.js";
import { missingSalesCostNote, NOTE as SALES_COST_NOTE, salesCostInWindow, splitSalesCost, type CostSegment } from "./sales-cost.js";
import { COST_COLUMNS, withDimensions } from "./report-columns.js";
import { baseContext, runQuery } from "./run-query.js";

export interface CostPlan {
  readonly kind: "cost";
  /** Split by --by plus the --where dimensions, unfiltered: spend is allocated across every segment. */
  readonly attribution: AttributionPlan;
  /** --by as asked: rows are summed back to it after the --where segments are picked. */
  readonly by: readonly string[];
  readonly where: readonly SegmentFilter[];
}

/**
 * Spend is allocated to segments pro rata to every segment's attributed pipeline, so --where
 * cannot filter the opportunities first: cost is computed by --by plus the --where dimensions over
 * the whole population, then the --where segments are kept and summed back to --by.
 */
export async function planCost(ws: Workspace, flags: AttributionFlags): Promise<CostPlan> {
  const by = flags.by ?? [];
  const where = flags.where ?? [];
  if (where.length && flags.level === "campaign")
    throw new UserError(
      "report cost: --where is not available with --level campaign yet (use --by to split campaigns by segment)",
      "bad_flag_value",
    );
  const split = [...by, ...where.map((f) => f.dimension).filter((d) => !by.includes(d))];
  const attribution = await planAttribution(ws, { ...flags, by: split, where: [] });
  return { kind: "cost", attribution, by: attribution.scope.by.slice(0, by.length), where };
}

/** The attribution matrix's queries, then spend per channel (and segment, where the file names one). */
export function compileCostPlan(plan: CostPlan, ctx: BaseContext): CompiledQuery[] {
  if (plan.attribution.level === "campaign") return compileCampaignCostPlan(plan.attribution, ctx);
  const s = plan.attribution.scope;
  const spend = compileSpend(ctx, { dimensions: s.by, window: s.window, evaluationDate: s.evaluationDate });
  return [...compileAttributionPlan(plan.attribution, ctx), compiledQuery("spend per channel and segment", spend)];
}

export async function runCost(ws: Workspace, plan: CostPlan): Promise<ReportResult> {
  if (plan.attribution.level === "campaign") return runCampaignCost(ws, plan.attribution);
  const matrix = await runAttribution(ws, plan.attribution);
  const dims = plan.attribution.scope.by;
  const spendQuery = compileCostPlan(plan, baseContext(ws)).at(-1);
  const spendRows = spendQuery ? await runQuery(ws, spendQuery) : [];
  const { cells, unallocated } = allocateSpend(matrix.rows, spendRows, dims);
  const inCents = cells.map(moneyInCents);
  const rows = pickWhere(inCents, plan).map(moneyInCents).map(withCostRatios);
  const sales = salesCostBy(ws, plan, inCents);
  // With --where the matrix spans every segment: its notes say so rather than pass for the filtered rows'.
  const notes = plan.where.length
    ? matrix.notes.map((n) => `every segment, before --where ${whereLabel(plan.where)}: ${n}`)
    : [...matrix.notes];
  if (spendRows.length === 0) notes.push("the spend table is empty: every cost figure is null (add sources.spend).");
  notes.push(...sales.notes);
  for (const [channel, amount] of unallocated)
    notes.push(
      `spend of ${Math.round(amount)} on "${channel}" has no attributed pipeline to allocate it by: it is in no segment's cost (check the channel names in spend against touchpoints).`,
    );
  if (plan.where.length)
    notes.push(
      `--where ${whereLabel(plan.where)}: spend is allocated across every segment first (by ${dims.join(",")}), then these segments are kept${plan.by.length < dims.length ? ` and summed back to ${plan.by.length ? `--by ${plan.by.join(",")}` : "one row per channel"}` : ""}; credits are those of \`report attribution --by ${dims.join(",")}\`.`,
    );
  const params = {
    ...matrix.params,
    by: plan.by,
    ...(plan.where.length ? { where: Object.fromEntries(plan.where.map((f) => [f.dimension, f.values])) } : {}),
  };
  const totals = totalsBy(rows, plan.by, sales);
  if (spendRows.length > 0 && !totals.some((t) => Number(t.won_new_business) > 0)) notes.push(...(await untypedWinsNote(ws)));
  return { report: "cost", params, columns: withDimensions(plan.by, COST_COLUMNS), rows, totals, notes };
}

/** Sales cost per --by segment and in all, or null where it cannot be told (with notes saying why). */
interface SalesCostBy {
  readonly segment: (key: string) => number | null;
  readonly all: number | null;
  readonly notes: readonly string[];
}

/**
 * Sales cost in the window, split over the segments of the cost split (--by plus --where dimensions,
 * every segment), then the --where ones kept and summed back to --by as spend is.
 */
function salesCostBy(ws: Workspace, plan: CostPlan, cells: readonly Row[]): SalesCostBy {
  const { by: dims, window, evaluationDate } = plan.attribution.scope;
  const entries = ws.config.sales_cost;
  const parts = salesCostInWindow(entries, window, evaluationDate, ws.config.fiscal_year_start_month);
  if (parts.length === 0) return { segment: () => null, all: null, notes: [missingSalesCostNote(entries.length > 0)] };
  const segments = new Map<string, CostSegment>();
  for (const c of cells) {
    const key = segKeyOf(c, dims);
    const wins = (segments.get(key)?.wins ?? 0) + Number(c.won_new_business ?? 0);
    segments.set(key, { key, values: Object.fromEntries(dims.map((d) => [d, String(c[d])])), wins });
  }
  const split = splitSalesCost(parts, [...segments.values()], dims);
  const kept = [...segments.values()].filter((s) => plan.where.every((f) => f.values.includes(s.values[f.dimension] ?? "")));
  const byKey = new Map<string, number>();
  for (const s of kept) {
    const key = JSON.stringify(plan.by.map((d) => s.values[d] ?? null));
    byKey.set(key, sumMoney([byKey.get(key) ?? 0, split.bySegment?.get(s.key) ?? 0]));
  }
  const placed = split.bySegment !== null;
  const all = plan.where.length === 0 ? roundMoney(split.total) : placed ? sumMoney([...byKey.values()]) : null;
  const notes = [...split.notes];
  if (all === null)
    notes.push(
      `${SALES_COST_NOTE}: with --where, such an entry has no share in the kept segments to tell, so the total shows none either.`,
    );
  return { segment: (key) => (placed ? (byKey.get(key) ?? 0) : null), all, notes };
}

/** The rows of the --where segments, summed back to --by and channel (cost's figures add up; its ratios are recomputed after). */
function pickWhere(cells: readonly Row[], plan: CostPlan): Row[] {
  if (plan.where.length === 0) return [...cells];
  const kept = cells.filter((c) => plan.where.every((f) => f.values.includes(String(c[f.dimension]))));
  const groups = new Map<string, Row>();
  for (const c of kept) {
    const key = JSON.stringify([...plan.by.map((d) => c[d]), c.channel]);
    const into = groups.get(key);
    if (!into) {
      groups.set(key, { ...Object.fromEntries([...plan.by, "channel"].map((k) => [k, c[k] ?? null])), ...additive(c, null) });
      continue;
    }
    Object.assign(into, additive(c, into));
  }
  return [...groups.values()];
}

const ADDITIVE = ["spend", "pipeline", "opportunities", "won", "lost", "won_new_business", "won_amount"] as const;
const MONEY = ["spend", "pipeline", "won_amount"] as const;

/** A cell's money to the cent (spend, pipeline, won amount): what every sum and ratio after uses. */
function moneyInCents(c: Row): Row {
  return { ...c, ...Object.fromEntries(MONEY.filter((k) => typeof c[k] === "number").map((k) => [k, roundMoney(Number(c[k]))])) };
}

function additive(c: Row, into: Row | null): Row {
  return Object.fromEntries(ADDITIVE.map((k) => [k, Number(into?.[k] ?? 0) + Number(c[k] ?? 0)]));
}

const segKeyOf = (r: Row, dims: readonly string[]) => JSON.stringify(dims.map((d) => r[d]));

/** Direct spend where the file names the segment, the rest pro rata to attributed pipeline. */
function allocateSpend(
  cells: readonly Row[],
  spend: readonly Row[],
  dims: readonly string[],
): { cells: Row[]; unallocated: Map<string, number> } {
  const out = cells.map((c) => ({ ...c, spend: 0 }) as Row);
  const byChannel = new Map<string, Row[]>();
  for (const c of out) byChannel.set(String(c.channel), [...(byChannel.get(String(c.channel)) ?? []), c]);
  const unallocated = new Map<string, number>();
  for (const s of spend) {
    const channel = String(s.channel);
    const amount = Number(s.spend ?? 0);
    const targets = byChannel.get(channel) ?? [];
    const direct =
      dims.length > 0 && dims.every((d) => s[d] !== null) ? targets.find((c) => segKeyOf(c, dims) === segKeyOf(s, dims)) : undefined;
    if (direct) {
      direct.spend = Number(direct.spend) + amount;
      continue;
    }
    const pipeline = targets.reduce((sum, c) => sum + Number(c.pipeline ?? 0), 0);
    if (!(pipeline > 0)) {
      unallocated.set(channel, (unallocated.get(channel) ?? 0) + amount);
      continue;
    }
    for (const c of targets) c.spend = Number(c.spend) + (amount * Number(c.pipeline ?? 0)) / pipeline;
  }
  return { cells: out, unallocated };
}

const per = (a: unknown, b: unknown) => (Number(b) > 0 ? Number(a) / Number(b) : null);

/** ROI is net of spend ((won − spend) / spend); return on spend the plain ratio won / spend. */
function returns(won: unknown, spend: number): Row {
  const ratio = per(won, spend);
  return { roi: ratio === null ? null : ratio - 1, return_on_spend: ratio };
}

function withCostRatios(c: Row): Row {
  const spend = Number(c.spend);
  return {
    ...Object.fromEntries(Object.entries(c).filter(([k]) => !["win_rate_shrunk", "expected_bookings", "quality_index"].includes(k))),
    cost_per_opportunity: spend > 0 ? per(spend, c.opportunities) : null,
    cac: spend > 0 ? per(spend, c.won_new_business) : null,
    ...returns(c.won_amount, spend),
    sales_cost: null,
    cac_fully_loaded: null,
  };
}

/** Per segment (and overall): spend, attributed totals, the segment's CAC and its fully loaded CAC. */
function totalsBy(rows: readonly Row[], dims: readonly string[], sales: SalesCostBy): Row[] {
  const groups = new Map<string, Row[]>();
  for (const r of rows) groups.set(segKeyOf(r, dims), [...(groups.get(segKeyOf(r, dims)) ?? []), r]);
  const sum = (list: readonly Row[], k: string) => list.reduce((s, r) => s + Number(r[k] ?? 0), 0);
  const money = (list: readonly Row[], k: string) => sumMoney(list.map((r) => Number(r[k] ?? 0)));
  const total = (list: readonly Row[], keys: Row, totalOf: string, salesCost: number | null): Row => {
    const spend = money(list, "spend");
    const won = sum(list, "won_new_business");
    const wonAmount = money(list, "won_amount");
    return {
      ...keys,
      total_of: totalOf,
      spend,
      pipeline: money(list, "pipeline"),
      opportunities: sum(list, "opportunities"),
      won_new_business: won,
      won_amount: wonAmount,
      cost_per_opportunity: spend > 0 ? per(spend, sum(list, "opportunities")) : null,
      cac: spend > 0 ? per(spend, won) : null,
      ...returns(wonAmount, spend),
      sales_cost: salesCost,
      cac_fully_loaded: salesCost === null ? null : per(spend + salesCost, won),
    };
  };
  const segs = dims.length
    ? [...groups.entries()].map(([key, list]) =>
        total(list, Object.fromEntries(dims.map((d) => [d, list[0]?.[d] ?? null])), "segment", sales.segment(key)),
      )
    : [];
  return [...segs, total(rows, {}, "all", sales.all)];
}
