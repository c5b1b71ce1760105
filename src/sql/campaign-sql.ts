// Attribution by campaign within channel (`--level campaign`): the matrix's credits, one level
// down. A position model's credit is per touch, so a touch's share goes to its own campaign and a
// channel's campaigns add up to the channel exactly (same fixed-point units). A fitted model
// credits channels, not touches: a journey's credit to a channel is split over that channel's
// touches in the journey equally, so each campaign gets the share of the channel's touches it
// holds (decisions.md). Touches without a campaign are grouped under NO_CAMPAIGN.
import {
  compileJourneyCtes,
  CREDIT_SCALE,
  oppSetsSql,
  segNames,
  setCreditsCte,
  type AttributionQuery,
  type CreditSource,
} from "./attribution-sql.js";
import { journeyKeys } from "./journeys-sql.js";
import type { BaseContext } from "./opportunity-base-sql.js";
import { groupByLeading } from "./report-sql.js";

export const NO_CAMPAIGN = "(no campaign)";

/**
 * Rows: seg_<dim> per dimension, channel, campaign, pipeline, opportunities, won, lost, won_amount,
 * won_new_business (credit sums, as the matrix's cells), and journeys (deals touched by the campaign).
 */
export function compileCampaignCredits(ctx: BaseContext, q: AttributionQuery, source: CreditSource): string {
  const d = ctx.dialect;
  const journeys: AttributionQuery = { ...q, withCampaign: true };
  const segs = segNames(ctx, q.dimensions);
  const campaign = `COALESCE(NULLIF(trim(campaign), ''), ${d.literal(NO_CAMPAIGN)})`;
  const order = [...q.dimensions.map((dim) => d.quoteIdent(dim)), "channel", "campaign"].map(d.textSortKey);
  return `WITH ${compileJourneyCtes(ctx, journeys)},
${source.kind === "expression" ? touchShares(ctx, segs, campaign, source.sql) : splitSetCredits(ctx, journeys, segs, campaign, source)},
touched AS (SELECT ${[...segs, "channel_id", `${campaign} AS campaign`].join(", ")}, count(DISTINCT opp_key) AS journeys
  FROM journey_touches ${groupByLeading(segs.length + 2)}),
cells AS (SELECT ${[...segs, "channel_id", "campaign"].join(", ")},
  sum(money) AS pipeline, sum(credit) AS opportunities,
  COALESCE(sum(credit) FILTER (WHERE cls >= 2), 0) AS won, COALESCE(sum(credit) FILTER (WHERE cls = 1), 0) AS lost,
  COALESCE(sum(money) FILTER (WHERE cls >= 2), 0) AS won_amount, COALESCE(sum(credit) FILTER (WHERE cls = 3), 0) AS won_new_business
  FROM campaign_credits ${groupByLeading(segs.length + 2)})
SELECT * FROM (SELECT ${[...q.dimensions.map((dim, i) => `c.${segs[i] ?? ""} AS ${d.quoteIdent(dim)}`), "ci.channel", "c.campaign"].join(", ")},
  ${["pipeline", "opportunities", "won", "lost", "won_amount", "won_new_business"].map((m) => `${d.roundDouble(`c.${m}`, 9)} AS ${m}`).join(", ")},
  COALESCE(t.journeys, 0) AS journeys
FROM cells c JOIN channel_ids ci ON ci.channel_id = c.channel_id
LEFT JOIN touched t ON ${[...segs.map((n) => `t.${n} IS NOT DISTINCT FROM c.${n}`), "t.channel_id = c.channel_id", "t.campaign = c.campaign"].join(" AND ")}) campaign_rows
ORDER BY ${order.join(", ")}`;
}

/** A position model: each touch's share and share × amount, in the matrix's exact units, under its campaign. */
function touchShares(ctx: BaseContext, segs: readonly string[], campaign: string, share: string): string {
  const d = ctx.dialect;
  return `campaign_credits AS (SELECT ${[...segs, "channel_id", "campaign", "cls"].join(", ")},
  ${d.creditValue("units", CREDIT_SCALE)} AS credit, ${d.creditValue(d.creditTimes("units", "amount", CREDIT_SCALE), CREDIT_SCALE, 2)} AS money
  FROM (SELECT ${[...segs, "channel_id", `${campaign} AS campaign`, "cls", "amount"].join(", ")}, ${d.creditUnits("share", CREDIT_SCALE)} AS units
    FROM (SELECT *, ${share} AS share FROM journey_touches${d.fence}) ts${d.fence}) tu)`;
}

/** A fitted model: each journey's credit to a channel, split over the channel's touches in it. */
function splitSetCredits(
  ctx: BaseContext,
  q: AttributionQuery,
  segs: readonly string[],
  campaign: string,
  source: Extract<CreditSource, { kind: "set_credits" }>,
): string {
  const d = ctx.dialect;
  const keys = journeyKeys(q);
  const share = `${d.castDouble("sc.credit")} * ct.touches / ct.channel_touches`;
  return `opp_sets AS (${oppSetsSql(ctx, q, source.keying)}),
${setCreditsCte(ctx, segs, source)},
campaign_touches AS (SELECT opp_key, channel_id, campaign, touches, sum(touches) OVER (PARTITION BY opp_key, channel_id) AS channel_touches
  FROM (SELECT opp_key, channel_id, ${campaign} AS campaign, count(*) AS touches FROM journey_touches GROUP BY opp_key, channel_id, ${campaign}) g),
campaign_credits AS (SELECT ${[...segs.map((n) => `s.${n}`), "ci.channel_id", "ct.campaign", "s.cls"].join(", ")},
  ${share} AS credit, ${share} * s.amount AS money
  FROM scope s JOIN opp_sets os ON os.opp_key = s.${keys.scopeKey}
  JOIN set_credits sc ON ${[...segs.map((n) => `sc.${n} = s.${n}`), "sc.set_key = os.set_key"].join(" AND ")}
  JOIN channel_ids ci ON ci.channel = sc.channel
  JOIN campaign_touches ct ON ct.opp_key = s.${keys.scopeKey} AND ct.channel_id = ci.channel_id)`;
}
