-- channel × segment matrix
-- params: ["2025-06-20"]
WITH scope AS (SELECT *, CASE WHEN status = 'won' AND counted_at_d THEN CASE WHEN type = 'new_business' THEN 3 ELSE 2 END WHEN status = 'lost' AND counted_at_d THEN 1 WHEN closed_at_d THEN -1 ELSE 0 END AS cls
  FROM (SELECT *, (status IN ('won', 'lost') AND (close_date IS NULL OR close_date <= CAST($1 AS DATE))) AS closed_at_d, false AS win_rate_excluded, (status IN ('won', 'lost') AND (close_date IS NULL OR close_date <= CAST($1 AS DATE))) AS counted_at_d, true AS created_in_window, true AS in_scope
    FROM (SELECT o.*, (a.account_id IS NOT NULL) AS account_found, (CASE WHEN CAST(a."employees" AS DOUBLE PRECISION) <= 199 THEN 'SMB' WHEN CAST(a."employees" AS DOUBLE PRECISION) <= 999 THEN 'Mid-Market' WHEN CAST(a."employees" AS DOUBLE PRECISION) IS NOT NULL THEN 'Enterprise' ELSE 'Unknown' END) AS "seg_size"
      FROM opportunities o
      LEFT JOIN accounts a ON a.account_id = o.account_id ) base
    WHERE created_date <= CAST($1 AS DATE)) s
  WHERE in_scope),
channel_ids AS (SELECT channel, channel_id, code
  FROM journey_channels),
journey_touches AS (SELECT j.*, s.opportunity_id, s.created_date, s.close_date, s.closed_at_d, s."seg_size", s.amount, s.status, s.type, s.cls, s.counted_at_d
  FROM journey_touches_pipeline j
  JOIN scope s ON s.source_line = j.opp_key),
opp_sets AS (SELECT opp_key, set_mask AS set_key, first_channel
  FROM journey_sets_pipeline),
opp_groups AS (SELECT s."seg_size", os.set_key, COALESCE(os.first_channel, 'Unattributed') AS first_channel, count(*) AS journeys, sum(s.amount) AS amount, count(*) FILTER (WHERE s.status = 'won' AND s.counted_at_d) AS won, count(*) FILTER (WHERE s.status = 'lost' AND s.counted_at_d) AS lost, sum(s.amount) FILTER (WHERE s.status = 'won' AND s.counted_at_d) AS won_amount, count(*) FILTER (WHERE s.status = 'won' AND s.counted_at_d AND s.type = 'new_business') AS won_new_business
  FROM scope s
  LEFT JOIN opp_sets os ON os.opp_key = s.source_line
  GROUP BY 1, 2, 3),
touch_cells AS (SELECT "seg_size", channel_id, cls, sum(credit) AS credit, sum(credit * amount) AS money
  FROM (SELECT "seg_size", channel_id, cls, amount, CAST((trunc((CAST(share AS DOUBLE PRECISION) * 1e12)) + CASE WHEN abs((CAST(share AS DOUBLE PRECISION) * 1e12) - trunc((CAST(share AS DOUBLE PRECISION) * 1e12))) >= 0.5 THEN sign((CAST(share AS DOUBLE PRECISION) * 1e12)) ELSE 0 END) AS BIGINT) AS credit
    FROM (SELECT "seg_size", channel_id, amount, cls, (CASE WHEN (CASE WHEN (1 IS NOT NULL) THEN 1 ELSE 0 END + CASE WHEN (COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END) IS NOT NULL AND COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END) IS DISTINCT FROM 1) THEN 1 ELSE 0 END + CASE WHEN (opp_creation_pos IS NOT NULL AND opp_creation_pos IS DISTINCT FROM 1 AND opp_creation_pos IS DISTINCT FROM COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END)) THEN 1 ELSE 0 END) = 0 THEN (CAST(0.1 + (CASE WHEN (1 IS NOT NULL) THEN 0 ELSE 0.3 END + CASE WHEN (COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END) IS NOT NULL AND COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END) IS DISTINCT FROM 1) THEN 0 ELSE 0.3 END + CASE WHEN (opp_creation_pos IS NOT NULL AND opp_creation_pos IS DISTINCT FROM 1 AND opp_creation_pos IS DISTINCT FROM COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END)) THEN 0 ELSE 0.3 END + CASE WHEN n = (CASE WHEN (1 IS NOT NULL) THEN 1 ELSE 0 END + CASE WHEN (COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END) IS NOT NULL AND COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END) IS DISTINCT FROM 1) THEN 1 ELSE 0 END + CASE WHEN (opp_creation_pos IS NOT NULL AND opp_creation_pos IS DISTINCT FROM 1 AND opp_creation_pos IS DISTINCT FROM COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END)) THEN 1 ELSE 0 END) THEN 0.1 ELSE 0 END) AS DOUBLE PRECISION) / n) WHEN ((1 IS NOT NULL) AND pos = 1) OR ((COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END) IS NOT NULL AND COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END) IS DISTINCT FROM 1) AND pos = COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END)) OR ((opp_creation_pos IS NOT NULL AND opp_creation_pos IS DISTINCT FROM 1 AND opp_creation_pos IS DISTINCT FROM COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END)) AND pos = opp_creation_pos) THEN CASE WHEN (1 IS NOT NULL) AND pos = 1 THEN 0.3 ELSE 0 END + CASE WHEN (COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END) IS NOT NULL AND COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END) IS DISTINCT FROM 1) AND pos = COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END) THEN 0.3 ELSE 0 END + CASE WHEN (opp_creation_pos IS NOT NULL AND opp_creation_pos IS DISTINCT FROM 1 AND opp_creation_pos IS DISTINCT FROM COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END)) AND pos = opp_creation_pos THEN 0.3 ELSE 0 END + (CAST((CASE WHEN (1 IS NOT NULL) THEN 0 ELSE 0.3 END + CASE WHEN (COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END) IS NOT NULL AND COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END) IS DISTINCT FROM 1) THEN 0 ELSE 0.3 END + CASE WHEN (opp_creation_pos IS NOT NULL AND opp_creation_pos IS DISTINCT FROM 1 AND opp_creation_pos IS DISTINCT FROM COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END)) THEN 0 ELSE 0.3 END + CASE WHEN n = (CASE WHEN (1 IS NOT NULL) THEN 1 ELSE 0 END + CASE WHEN (COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END) IS NOT NULL AND COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END) IS DISTINCT FROM 1) THEN 1 ELSE 0 END + CASE WHEN (opp_creation_pos IS NOT NULL AND opp_creation_pos IS DISTINCT FROM 1 AND opp_creation_pos IS DISTINCT FROM COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END)) THEN 1 ELSE 0 END) THEN 0.1 ELSE 0 END) AS DOUBLE PRECISION) / (CASE WHEN (1 IS NOT NULL) THEN 1 ELSE 0 END + CASE WHEN (COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END) IS NOT NULL AND COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END) IS DISTINCT FROM 1) THEN 1 ELSE 0 END + CASE WHEN (opp_creation_pos IS NOT NULL AND opp_creation_pos IS DISTINCT FROM 1 AND opp_creation_pos IS DISTINCT FROM COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END)) THEN 1 ELSE 0 END)) ELSE (CAST(0.1 AS DOUBLE PRECISION) / (n - (CASE WHEN (1 IS NOT NULL) THEN 1 ELSE 0 END + CASE WHEN (COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END) IS NOT NULL AND COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END) IS DISTINCT FROM 1) THEN 1 ELSE 0 END + CASE WHEN (opp_creation_pos IS NOT NULL AND opp_creation_pos IS DISTINCT FROM 1 AND opp_creation_pos IS DISTINCT FROM COALESCE(flagged_pos, CASE WHEN n >= 3 THEN ((n + 1) / (2)) END)) THEN 1 ELSE 0 END))) END) AS share
      FROM journey_touches OFFSET 0) ts OFFSET 0) tc
  GROUP BY 1, 2, 3),
credit_cells AS (SELECT tc."seg_size", ci.channel, CAST(sum(money) * 0.000000000001 AS NUMERIC(38,14)) AS pipeline, CAST(sum(credit) * 0.000000000001 AS NUMERIC(38,12)) AS opportunities, CAST(sum(credit) FILTER (WHERE cls >= 2) * 0.000000000001 AS NUMERIC(38,12)) AS won, CAST(sum(credit) FILTER (WHERE cls = 1) * 0.000000000001 AS NUMERIC(38,12)) AS lost, CAST(sum(money) FILTER (WHERE cls >= 2) * 0.000000000001 AS NUMERIC(38,14)) AS won_amount, CAST(sum(credit) FILTER (WHERE cls = 3) * 0.000000000001 AS NUMERIC(38,12)) AS won_new_business
  FROM touch_cells tc
  LEFT JOIN channel_ids ci ON ci.channel_id = tc.channel_id
  GROUP BY 1, 2),
cells ("seg_size", channel, pipeline, opportunities, won, lost, won_amount, won_new_business, sourced_pipeline, influenced_pipeline, journeys, opps) AS ( SELECT "seg_size", channel, CAST(pipeline AS NUMERIC(38,14)), CAST(opportunities AS NUMERIC(38,12)), CAST(won AS NUMERIC(38,12)), CAST(lost AS NUMERIC(38,12)), CAST(won_amount AS NUMERIC(38,14)), CAST(won_new_business AS NUMERIC(38,12)), CAST(0 AS NUMERIC(38,12)), CAST(0 AS NUMERIC(38,12)), 0, 0
  FROM credit_cells
  UNION ALL
  SELECT og."seg_size", 'Unattributed', CAST(og.amount AS NUMERIC(38,14)), CAST(og.journeys AS NUMERIC(38,12)), CAST(og.won AS NUMERIC(38,12)), CAST(og.lost AS NUMERIC(38,12)), CAST(COALESCE(og.won_amount, 0) AS NUMERIC(38,14)), CAST(og.won_new_business AS NUMERIC(38,12)), CAST(0 AS NUMERIC(38,12)), CAST(og.amount AS NUMERIC(38,12)), og.journeys, 0
  FROM opp_groups og
  WHERE og.set_key IS NULL
  UNION ALL
  SELECT og."seg_size", ci.channel, CAST(0 AS NUMERIC(38,14)), CAST(0 AS NUMERIC(38,12)), CAST(0 AS NUMERIC(38,12)), CAST(0 AS NUMERIC(38,12)), CAST(0 AS NUMERIC(38,14)), CAST(0 AS NUMERIC(38,12)), CAST(0 AS NUMERIC(38,12)), CAST(og.amount AS NUMERIC(38,12)), og.journeys, 0
  FROM opp_groups og
  JOIN channel_ids ci ON ((og.set_key >> ci.channel_id) & 1) = 1
  UNION ALL
  SELECT og."seg_size", og.first_channel, CAST(0 AS NUMERIC(38,14)), CAST(0 AS NUMERIC(38,12)), CAST(0 AS NUMERIC(38,12)), CAST(0 AS NUMERIC(38,12)), CAST(0 AS NUMERIC(38,14)), CAST(0 AS NUMERIC(38,12)), CAST(og.amount AS NUMERIC(38,12)), CAST(0 AS NUMERIC(38,12)), 0, og.journeys
  FROM opp_groups og ),
matrix AS (SELECT "seg_size" AS "size", channel, GROUPING("seg_size", channel) AS __grouping, COALESCE((CASE WHEN abs(CAST(sum(pipeline) AS DOUBLE PRECISION)) > 1e290 THEN CAST(sum(pipeline) AS DOUBLE PRECISION) ELSE (trunc((CAST(sum(pipeline) AS DOUBLE PRECISION) * 1e6)) + CASE WHEN abs((CAST(sum(pipeline) AS DOUBLE PRECISION) * 1e6) - trunc((CAST(sum(pipeline) AS DOUBLE PRECISION) * 1e6))) >= 0.5 THEN sign((CAST(sum(pipeline) AS DOUBLE PRECISION) * 1e6)) ELSE 0 END) / 1e6 END), 0) AS pipeline, (CASE WHEN abs(CAST(sum(opportunities) AS DOUBLE PRECISION)) > 1e290 THEN CAST(sum(opportunities) AS DOUBLE PRECISION) ELSE (trunc((CAST(sum(opportunities) AS DOUBLE PRECISION) * 1e9)) + CASE WHEN abs((CAST(sum(opportunities) AS DOUBLE PRECISION) * 1e9) - trunc((CAST(sum(opportunities) AS DOUBLE PRECISION) * 1e9))) >= 0.5 THEN sign((CAST(sum(opportunities) AS DOUBLE PRECISION) * 1e9)) ELSE 0 END) / 1e9 END) AS opportunities, COALESCE((CASE WHEN abs(CAST(sum(won) AS DOUBLE PRECISION)) > 1e290 THEN CAST(sum(won) AS DOUBLE PRECISION) ELSE (trunc((CAST(sum(won) AS DOUBLE PRECISION) * 1e9)) + CASE WHEN abs((CAST(sum(won) AS DOUBLE PRECISION) * 1e9) - trunc((CAST(sum(won) AS DOUBLE PRECISION) * 1e9))) >= 0.5 THEN sign((CAST(sum(won) AS DOUBLE PRECISION) * 1e9)) ELSE 0 END) / 1e9 END), 0) AS won, COALESCE((CASE WHEN abs(CAST(sum(lost) AS DOUBLE PRECISION)) > 1e290 THEN CAST(sum(lost) AS DOUBLE PRECISION) ELSE (trunc((CAST(sum(lost) AS DOUBLE PRECISION) * 1e9)) + CASE WHEN abs((CAST(sum(lost) AS DOUBLE PRECISION) * 1e9) - trunc((CAST(sum(lost) AS DOUBLE PRECISION) * 1e9))) >= 0.5 THEN sign((CAST(sum(lost) AS DOUBLE PRECISION) * 1e9)) ELSE 0 END) / 1e9 END), 0) AS lost, COALESCE((CASE WHEN abs(CAST(sum(won_amount) AS DOUBLE PRECISION)) > 1e290 THEN CAST(sum(won_amount) AS DOUBLE PRECISION) ELSE (trunc((CAST(sum(won_amount) AS DOUBLE PRECISION) * 1e6)) + CASE WHEN abs((CAST(sum(won_amount) AS DOUBLE PRECISION) * 1e6) - trunc((CAST(sum(won_amount) AS DOUBLE PRECISION) * 1e6))) >= 0.5 THEN sign((CAST(sum(won_amount) AS DOUBLE PRECISION) * 1e6)) ELSE 0 END) / 1e6 END), 0) AS won_amount, COALESCE((CASE WHEN abs(CAST(sum(won_new_business) AS DOUBLE PRECISION)) > 1e290 THEN CAST(sum(won_new_business) AS DOUBLE PRECISION) ELSE (trunc((CAST(sum(won_new_business) AS DOUBLE PRECISION) * 1e9)) + CASE WHEN abs((CAST(sum(won_new_business) AS DOUBLE PRECISION) * 1e9) - trunc((CAST(sum(won_new_business) AS DOUBLE PRECISION) * 1e9))) >= 0.5 THEN sign((CAST(sum(won_new_business) AS DOUBLE PRECISION) * 1e9)) ELSE 0 END) / 1e9 END), 0) AS won_new_business, COALESCE(sum(sourced_pipeline), 0) AS sourced_pipeline, CASE WHEN GROUPING(channel) = 0 THEN COALESCE(sum(influenced_pipeline), 0) END AS influenced_pipeline, CASE WHEN GROUPING(channel) = 0 THEN sum(journeys) ELSE sum(opps) END AS journeys
  FROM cells
  GROUP BY GROUPING SETS (("seg_size", channel), ("seg_size"), (channel), ()))
SELECT *
FROM matrix
ORDER BY __grouping, ("size") COLLATE "C", (channel) COLLATE "C";

-- why opportunities are Unattributed
-- note: run only when some pipeline is Unattributed
-- params: ["2025-06-20"]
WITH scope AS (SELECT *, CASE WHEN status = 'won' AND counted_at_d THEN CASE WHEN type = 'new_business' THEN 3 ELSE 2 END WHEN status = 'lost' AND counted_at_d THEN 1 WHEN closed_at_d THEN -1 ELSE 0 END AS cls
  FROM (SELECT *, (status IN ('won', 'lost') AND (close_date IS NULL OR close_date <= CAST($1 AS DATE))) AS closed_at_d, false AS win_rate_excluded, (status IN ('won', 'lost') AND (close_date IS NULL OR close_date <= CAST($1 AS DATE))) AS counted_at_d, true AS created_in_window, true AS in_scope
    FROM (SELECT o.*, (a.account_id IS NOT NULL) AS account_found, (CASE WHEN CAST(a."employees" AS DOUBLE PRECISION) <= 199 THEN 'SMB' WHEN CAST(a."employees" AS DOUBLE PRECISION) <= 999 THEN 'Mid-Market' WHEN CAST(a."employees" AS DOUBLE PRECISION) IS NOT NULL THEN 'Enterprise' ELSE 'Unknown' END) AS "seg_size"
      FROM opportunities o
      LEFT JOIN accounts a ON a.account_id = o.account_id ) base
    WHERE created_date <= CAST($1 AS DATE)) s
  WHERE in_scope),
channel_ids AS (SELECT channel, channel_id, code
  FROM journey_channels),
journey_touches AS (SELECT j.*, s.opportunity_id, s.created_date, s.close_date, s.closed_at_d, s."seg_size", s.amount, s.status, s.type, s.cls, s.counted_at_d
  FROM journey_touches_pipeline j
  JOIN scope s ON s.source_line = j.opp_key),
bare AS (SELECT s.opportunity_id, s.account_id, s.account_found, s.amount, CAST(s.created_date AS TIMESTAMP) - INTERVAL '180 days' AS journey_start, CAST(s.created_date AS TIMESTAMP) + INTERVAL '1 days' AS journey_end
  FROM scope s
  WHERE NOT EXISTS (SELECT 1
    FROM journey_touches_pipeline j
    WHERE j.opp_key = s.source_line)),
near AS ( SELECT b.opportunity_id, CASE WHEN t.occurred_at >= b.journey_end THEN 1 ELSE 0 END AS after_end, 0 AS before_start
  FROM bare b
  JOIN touchpoints t ON t.opportunity_id = b.opportunity_id
  UNION ALL
  SELECT b.opportunity_id, CASE WHEN t.occurred_at >= b.journey_end THEN 1 ELSE 0 END, CASE WHEN t.occurred_at < b.journey_start THEN 1 ELSE 0 END
  FROM bare b
  JOIN touchpoints t ON t.account_id = b.account_id AND t.opportunity_id IS NULL ),
sides AS (SELECT opportunity_id, sum(after_end) AS after_end, sum(before_start) AS before_start
  FROM near
  GROUP BY opportunity_id),
classed AS (SELECT b.amount, CASE WHEN sd.opportunity_id IS NULL THEN CASE WHEN NOT b.account_found THEN 'account_unknown' ELSE 'no_touch' END WHEN sd.before_start > 0 AND sd.after_end > 0 THEN 'outside_window' WHEN sd.before_start > 0 THEN 'before_lookback' ELSE 'after_end' END AS reason
  FROM bare b
  LEFT JOIN sides sd ON sd.opportunity_id = b.opportunity_id)
SELECT reason, count(*) AS opportunities, COALESCE(sum(amount), 0) AS pipeline
FROM classed
GROUP BY reason
ORDER BY reason;

-- touches that reach no opportunity
-- note: run only when some pipeline is Unattributed
-- params: []
SELECT count(*) AS touches, (SELECT count(*)
  FROM touchpoints) AS of_touches
FROM touchpoints t
WHERE NOT EXISTS (SELECT 1
  FROM opportunities o
  WHERE o.opportunity_id = t.opportunity_id) AND NOT EXISTS (SELECT 1
  FROM accounts a
  WHERE a.account_id = t.account_id) AND NOT EXISTS (SELECT 1
  FROM opportunities o
  WHERE o.account_id = t.account_id);
