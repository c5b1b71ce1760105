// Every attribution report says how much pipeline is Unattributed and why, in counts (issue #13):
// an opportunity without a journey has no touch at all, or touches only outside its journey's
// window, or an unknown account; touches that reach no opportunity are counted beside them.
import { UNATTRIBUTED_NOTE_START, UNATTRIBUTED_REASONS, type UnattributedReason } from "../contract/attribution.js";
import type { Row } from "../contract/row.js";
import { UNATTRIBUTED } from "../sql/attribution-sql.js";
import { compiledQuery, type CompiledQuery } from "../sql/compiled-query.js";
import type { BaseContext } from "../sql/opportunity-base-sql.js";
import { compileUnattributedReasons, compileUnreachableTouches } from "../sql/unattributed-sql.js";
import type { Workspace } from "../workspace/workspace.js";
import type { CreditPlan } from "./attribution-credits.js";
import { baseContext, runQuery } from "./run-query.js";

export { UNATTRIBUTED_NOTE_START };
const UNATTRIBUTED_RUNS_WHEN = "run only when some pipeline is Unattributed";

export function compileUnattributedQueries(credits: CreditPlan, ctx: BaseContext): CompiledQuery[] {
  const note = [UNATTRIBUTED_RUNS_WHEN];
  return [
    { ...compiledQuery("why opportunities are Unattributed", compileUnattributedReasons(ctx, credits.query)), notes: note },
    { ...compiledQuery("touches that reach no opportunity", compileUnreachableTouches()), notes: note },
  ];
}

export interface UnattributedBreakdown {
  readonly opportunities: number;
  readonly pipeline: number;
  readonly reasons: readonly { readonly reason: UnattributedReason; readonly opportunities: number; readonly pipeline: number }[];
  readonly unreachableTouches: number;
  readonly touches: number;
}

/** How much pipeline is Unattributed and why, as a note (none when every opportunity has a journey). */
export async function explainUnattributed(
  ws: Workspace,
  credits: CreditPlan,
  share: { readonly pipeline: number; readonly of: number } | null,
): Promise<string[]> {
  if (!share) return [];
  const breakdown = await unattributedBreakdown(ws, credits, baseContext(ws));
  return breakdown.opportunities ? [unattributedNote(breakdown, share.of, credits.query.stage, credits.query.lookbackDays)] : [];
}

export async function unattributedBreakdown(ws: Workspace, credits: CreditPlan, ctx: BaseContext): Promise<UnattributedBreakdown> {
  const [reasonQuery, touchQuery] = compileUnattributedQueries(credits, ctx);
  if (!reasonQuery || !touchQuery) throw new Error("the Unattributed breakdown compiles two queries");
  const rows = await runQuery(ws, reasonQuery);
  const [touches] = await runQuery(ws, touchQuery);
  const reasons = rows.map((r) => ({
    reason: String(r.reason) as UnattributedReason,
    opportunities: Number(r.opportunities),
    pipeline: Number(r.pipeline),
  }));
  return {
    opportunities: reasons.reduce((s, r) => s + r.opportunities, 0),
    pipeline: reasons.reduce((s, r) => s + r.pipeline, 0),
    reasons: orderedReasons(reasons),
    unreachableTouches: Number(touches?.touches ?? 0),
    touches: Number(touches?.of_touches ?? 0),
  };
}

function orderedReasons<T extends { reason: UnattributedReason }>(reasons: readonly T[]): T[] {
  const order = Object.keys(UNATTRIBUTED_REASONS);
  return [...reasons].sort((a, b) => order.indexOf(a.reason) - order.indexOf(b.reason));
}

/** The grand total row and the Unattributed channel's total row of a matrix (either may be absent). */
export function unattributedShare(cells: readonly Row[], totals: readonly Row[]): { pipeline: number; of: number } | null {
  const all = totals.find((t) => t.total_of === "all");
  const channelTotal = totals.find((t) => t.total_of === "channel" && t.channel === UNATTRIBUTED);
  const unattributed =
    channelTotal ?? (totals.some((t) => t.total_of === "channel") ? undefined : cells.find((c) => c.channel === UNATTRIBUTED));
  const opportunities = Number(unattributed?.opportunities ?? 0);
  return opportunities > 0 ? { pipeline: Number(unattributed?.pipeline ?? 0), of: Number(all?.pipeline ?? 0) } : null;
}

const money = (x: number) => Math.round(x).toLocaleString("en-US");
const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** Without a single touch, per-opportunity reasons are true but miss the point. */
const NO_TOUCHES =
  " The workspace holds no touchpoint at all: name them under `sources` (canonical `touchpoints`, Salesforce `campaign_member`, Marketo Measure `touchpoints`); if one is named, ingest's warnings say why none was kept.";

/** One note: the share, then each reason with its count, in the report's own terms (end, lookback). */
function unattributedNote(
  b: UnattributedBreakdown,
  totalPipeline: number,
  stage: CreditPlan["query"]["stage"],
  lookbackDays: number,
): string {
  const share = totalPipeline > 0 ? ` (${((100 * b.pipeline) / totalPipeline).toFixed(1)} % of ${money(totalPipeline)})` : "";
  const end =
    stage === "pipeline"
      ? "after the opportunity was created, where pipeline journeys end (`--stage revenue` counts touches up to close)"
      : "after it closed, where revenue journeys end";
  const words: Record<UnattributedReason, string> = {
    no_touch: "with no touch at all on the opportunity or its account",
    after_end: `with touches only ${end}`,
    before_lookback: `with touches only before the ${lookbackDays}-day lookback (raise attribution.lookback_days to reach them)`,
    outside_window: `with touches before the lookback and after the end but none within`,
    account_unknown: "with no touch and an account that is empty or not in accounts",
  };
  const parts = b.reasons.map((r) => `${r.opportunities.toLocaleString("en-US")} (${money(r.pipeline)}) ${words[r.reason]}`);
  const unreachable =
    b.unreachableTouches > 0
      ? ` ${b.unreachableTouches.toLocaleString("en-US")} of ${count(b.touches, "touch", "touches")} reach no opportunity: their account is not in accounts (nor any opportunity's) and their opportunity_id names none — check that the files use the same account ids.`
      : "";
  return `${UNATTRIBUTED_NOTE_START} ${money(b.pipeline)} pipeline${share}, ${count(b.opportunities, "opportunity", "opportunities")}: ${parts.join("; ")}.${unreachable}${b.touches === 0 ? NO_TOUCHES : ""}`;
}
