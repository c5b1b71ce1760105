-- deals behind the cell, with their credits
-- params: ["2025-06-20"]
WITH scope AS (SELECT *, CASE WHEN status = 'won' AND counted_at_d THEN CASE WHEN type = 'new_business' THEN 3 ELSE 2 END WHEN status = 'lost' AND counted_at_d THEN 1 WHEN closed_at_d THEN -1 ELSE 0 END AS cls
  FROM (SELECT *, (status IN ('won', 'lost') AND (close_date IS NULL OR close_date <= CAST($1 AS DATE))) AS closed_at_d, false AS win_rate_excluded, (status IN ('won', 'lost') AND (close_date IS NULL OR close_date <= CAST($1 AS DATE))) AS counted_at_d, true AS created_in_window, true AS in_scope
    FROM (SELECT o.*, (a.account_id IS NOT NULL) AS account_found, (CASE WHEN CAST(a."employees" AS DOUBLE PRECISION) <= 199 THEN 'SMB' WHEN CAST(a."employees" AS DOUBLE PRECISION) <= 999 THEN 'Mid-Market' WHEN CAST(a."employees" AS DOUBLE PRECISION) IS NOT NULL THEN 'Enterprise' ELSE 'Unknown' END) AS "seg_size", COALESCE("rr_region".region, 'Unknown') AS "seg_region", COALESCE((CASE WHEN lower(NULLIF(trim(CAST(CAST(a."industry" AS VARCHAR) AS VARCHAR)), '')) = 'computer software' THEN 'Software' WHEN lower(NULLIF(trim(CAST(CAST(a."industry" AS VARCHAR) AS VARCHAR)), '')) = 'it' THEN 'Software' ELSE NULLIF(trim(CAST(CAST(a."industry" AS VARCHAR) AS VARCHAR)), '') END), 'Unknown') AS "seg_industry", COALESCE(NULLIF(trim(CAST(CAST(o."type" AS VARCHAR) AS VARCHAR)), ''), 'Unknown') AS "seg_customer_type"
      FROM opportunities o
      LEFT JOIN accounts a ON a.account_id = o.account_id
      LEFT JOIN (SELECT k.v, rr.region
        FROM (SELECT DISTINCT v
          FROM (SELECT CAST(a."country" AS VARCHAR) AS v
            FROM accounts a) vs) k
        JOIN ref_regions rr ON rr.key = (CASE WHEN ((CASE WHEN trim(regexp_replace(upper(replace(regexp_replace(regexp_replace(regexp_replace(normalize(NULLIF(trim(CAST(k.v AS VARCHAR)), ''), NFD), '[̀-ͯ᪰-᫿᷀-᷿⃐-⃿︠-︯]', '', 'g'), '[.''’‘`´]', '', 'g'), '[-‐‑–—_]', ' ', 'g'), '&', ' and ')), '\s+', ' ', 'g')) LIKE 'THE %' THEN substr(trim(regexp_replace(upper(replace(regexp_replace(regexp_replace(regexp_replace(normalize(NULLIF(trim(CAST(k.v AS VARCHAR)), ''), NFD), '[̀-ͯ᪰-᫿᷀-᷿⃐-⃿︠-︯]', '', 'g'), '[.''’‘`´]', '', 'g'), '[-‐‑–—_]', ' ', 'g'), '&', ' and ')), '\s+', ' ', 'g')), 5) ELSE trim(regexp_replace(upper(replace(regexp_replace(regexp_replace(regexp_replace(normalize(NULLIF(trim(CAST(k.v AS VARCHAR)), ''), NFD), '[̀-ͯ᪰-᫿᷀-᷿⃐-⃿︠-︯]', '', 'g'), '[.''’‘`´]', '', 'g'), '[-‐‑–—_]', ' ', 'g'), '&', ' and ')), '\s+', ' ', 'g')) END) ~ '^(?:(\S )+\S)$') THEN replace((CASE WHEN trim(regexp_replace(upper(replace(regexp_replace(regexp_replace(regexp_replace(normalize(NULLIF(trim(CAST(k.v AS VARCHAR)), ''), NFD), '[̀-ͯ᪰-᫿᷀-᷿⃐-⃿︠-︯]', '', 'g'), '[.''’‘`´]', '', 'g'), '[-‐‑–—_]', ' ', 'g'), '&', ' and ')), '\s+', ' ', 'g')) LIKE 'THE %' THEN substr(trim(regexp_replace(upper(replace(regexp_replace(regexp_replace(regexp_replace(normalize(NULLIF(trim(CAST(k.v AS VARCHAR)), ''), NFD), '[̀-ͯ᪰-᫿᷀-᷿⃐-⃿︠-︯]', '', 'g'), '[.''’‘`´]', '', 'g'), '[-‐‑–—_]', ' ', 'g'), '&', ' and ')), '\s+', ' ', 'g')), 5) ELSE trim(regexp_replace(upper(replace(regexp_replace(regexp_replace(regexp_replace(normalize(NULLIF(trim(CAST(k.v AS VARCHAR)), ''), NFD), '[̀-ͯ᪰-᫿᷀-᷿⃐-⃿︠-︯]', '', 'g'), '[.''’‘`´]', '', 'g'), '[-‐‑–—_]', ' ', 'g'), '&', ' and ')), '\s+', ' ', 'g')) END), ' ', '') ELSE (CASE WHEN trim(regexp_replace(upper(replace(regexp_replace(regexp_replace(regexp_replace(normalize(NULLIF(trim(CAST(k.v AS VARCHAR)), ''), NFD), '[̀-ͯ᪰-᫿᷀-᷿⃐-⃿︠-︯]', '', 'g'), '[.''’‘`´]', '', 'g'), '[-‐‑–—_]', ' ', 'g'), '&', ' and ')), '\s+', ' ', 'g')) LIKE 'THE %' THEN substr(trim(regexp_replace(upper(replace(regexp_replace(regexp_replace(regexp_replace(normalize(NULLIF(trim(CAST(k.v AS VARCHAR)), ''), NFD), '[̀-ͯ᪰-᫿᷀-᷿⃐-⃿︠-︯]', '', 'g'), '[.''’‘`´]', '', 'g'), '[-‐‑–—_]', ' ', 'g'), '&', ' and ')), '\s+', ' ', 'g')), 5) ELSE trim(regexp_replace(upper(replace(regexp_replace(regexp_replace(regexp_replace(normalize(NULLIF(trim(CAST(k.v AS VARCHAR)), ''), NFD), '[̀-ͯ᪰-᫿᷀-᷿⃐-⃿︠-︯]', '', 'g'), '[.''’‘`´]', '', 'g'), '[-‐‑–—_]', ' ', 'g'), '&', ' and ')), '\s+', ' ', 'g')) END) END)) "rr_region" ON "rr_region".v = CAST(a."country" AS VARCHAR)) base
    WHERE created_date <= CAST($1 AS DATE)) s
  WHERE in_scope),
channel_ids AS (SELECT channel, channel_id, code
  FROM journey_channels),
linked AS ( SELECT s.opportunity_id AS opp_key, s.opportunity_id, s.created_date, s.close_date, s.closed_at_d, s."seg_size", s."seg_region", s."seg_industry", s."seg_customer_type", s.amount, s.status, s.type, s.cls, s.counted_at_d, t.touchpoint_id, t.channel, t.occurred_at, t.is_lead_creation
  FROM scope s
  JOIN touchpoints t ON t.opportunity_id = s.opportunity_id
  WHERE t.occurred_at < CAST(s.created_date AS TIMESTAMP) + INTERVAL '1 days'
  UNION ALL
  SELECT s.opportunity_id AS opp_key, s.opportunity_id, s.created_date, s.close_date, s.closed_at_d, s."seg_size", s."seg_region", s."seg_industry", s."seg_customer_type", s.amount, s.status, s.type, s.cls, s.counted_at_d, t.touchpoint_id, t.channel, t.occurred_at, t.is_lead_creation
  FROM scope s
  JOIN touchpoints t ON t.account_id = s.account_id AND t.opportunity_id IS NULL
  WHERE t.occurred_at >= CAST(s.created_date AS TIMESTAMP) - INTERVAL '180 days' AND t.occurred_at < CAST(s.created_date AS TIMESTAMP) + INTERVAL '1 days' ),
numbered AS ( SELECT l.*, ci.channel_id, row_number() OVER w AS pos, lag(ci.channel_id, 1) OVER w AS prev_1, lag(ci.channel_id, 2) OVER w AS prev_2, lag(ci.channel_id, 3) OVER w AS prev_3, lag(ci.channel_id, 4) OVER w AS prev_4
  FROM linked l
  LEFT JOIN channel_ids ci ON ci.channel = l.channel
  WINDOW w AS (PARTITION BY l.opp_key ORDER BY l.occurred_at, (l.touchpoint_id) COLLATE "C") ),
journey_roles AS ( SELECT opp_key, count(*) AS n, min(CASE WHEN is_lead_creation THEN pos END) AS flagged_pos, max(CASE WHEN occurred_at < CAST(created_date AS TIMESTAMP) + INTERVAL '1 days' THEN pos END) AS opp_creation_pos, max(CASE WHEN close_date IS NOT NULL AND occurred_at < CAST(close_date AS TIMESTAMP) + INTERVAL '1 days' THEN pos END) AS close_touch_pos, max(occurred_at) AS last_at
  FROM numbered
  GROUP BY opp_key ),
journey_touches AS ( SELECT nb.*, r.n, r.flagged_pos, r.opp_creation_pos, r.close_touch_pos, CAST(extract(epoch FROM r.last_at) AS DOUBLE PRECISION) - CAST(extract(epoch FROM nb.occurred_at) AS DOUBLE PRECISION) AS seconds_before_last
  FROM numbered nb
  JOIN journey_roles r ON r.opp_key = nb.opp_key ),
opp_credits AS (SELECT opp_key, channel_id, CAST(sum(credit) * 0.000000000001 AS NUMERIC(38,12)) AS credit, CAST(sum(money) * 0.000000000001 AS NUMERIC(38,14)) AS money
  FROM (SELECT opp_key, channel_id, units AS credit, units * amount AS money
    FROM (SELECT opp_key, channel_id, amount, CAST((trunc((CAST(share AS DOUBLE PRECISION) * 1e12)) + CASE WHEN abs((CAST(share AS DOUBLE PRECISION) * 1e12) - trunc((CAST(share AS DOUBLE PRECISION) * 1e12))) >= 0.5 THEN sign((CAST(share AS DOUBLE PRECISION) * 1e12)) ELSE 0 END) AS BIGINT) AS units
      FROM (SELECT opp_key, channel_id, amount, ((CAST(1.0 AS DOUBLE PRECISION) / n)) AS share
        FROM journey_touches OFFSET 0) ts OFFSET 0) tu) tc
  GROUP BY opp_key, channel_id),
journey_text AS (SELECT opp_key, count(*) AS touches, string_agg(channel || ' ' || CAST(CAST(occurred_at AS DATE) AS VARCHAR), ' > ' ORDER BY pos) AS journey
  FROM journey_touches
  GROUP BY opp_key),
listed AS (SELECT s.opportunity_id, s.account_id, s."seg_size", s."seg_region", s."seg_industry", s."seg_customer_type", s.stage, s.status, CAST(CAST(s.created_date AS DATE) AS VARCHAR) AS created_date, CAST(CAST(s.close_date AS DATE) AS VARCHAR) AS close_date, s.amount, jt.journey, COALESCE(jt.touches, 0) AS touches, oc.credit AS credit, CAST(oc.money AS NUMERIC(38,14)) AS money
  FROM scope s
  LEFT JOIN journey_text jt ON jt.opp_key = s.opportunity_id
  LEFT JOIN opp_credits oc ON oc.opp_key = s.opportunity_id AND oc.channel_id = (SELECT channel_id
    FROM channel_ids
    WHERE channel = 'Paid Search')
  WHERE oc.credit IS NOT NULL AND oc.credit <> 0),
apportioned AS (SELECT l.*, floor(l.money * 1000000) AS floor_units, row_number() OVER (PARTITION BY l."seg_size" ORDER BY l.money * 1000000 - floor(l.money * 1000000) DESC NULLS LAST, (l.opportunity_id) COLLATE "C") AS remainder_rank, round((CASE WHEN abs(CAST(sum(l.money) OVER (PARTITION BY l."seg_size") AS DOUBLE PRECISION)) > 1e290 THEN CAST(sum(l.money) OVER (PARTITION BY l."seg_size") AS DOUBLE PRECISION) ELSE (trunc((CAST(sum(l.money) OVER (PARTITION BY l."seg_size") AS DOUBLE PRECISION) * 1e6)) + CASE WHEN abs((CAST(sum(l.money) OVER (PARTITION BY l."seg_size") AS DOUBLE PRECISION) * 1e6) - trunc((CAST(sum(l.money) OVER (PARTITION BY l."seg_size") AS DOUBLE PRECISION) * 1e6))) >= 0.5 THEN sign((CAST(sum(l.money) OVER (PARTITION BY l."seg_size") AS DOUBLE PRECISION) * 1e6)) ELSE 0 END) / 1e6 END) * 1000000) - sum(floor(l.money * 1000000)) OVER (PARTITION BY l."seg_size") AS spare_units
  FROM listed l),
credited AS (SELECT a.*, a.floor_units + CASE WHEN a.remainder_rank <= a.spare_units THEN 1 ELSE 0 END AS credited_units
  FROM apportioned a)
SELECT opportunity_id, account_id, "seg_size", "seg_region", "seg_industry", "seg_customer_type", stage, status, created_date, close_date, amount, journey, touches, (CASE WHEN abs(CAST(credit AS DOUBLE PRECISION)) > 1e290 THEN CAST(credit AS DOUBLE PRECISION) ELSE (trunc((CAST(credit AS DOUBLE PRECISION) * 1e9)) + CASE WHEN abs((CAST(credit AS DOUBLE PRECISION) * 1e9) - trunc((CAST(credit AS DOUBLE PRECISION) * 1e9))) >= 0.5 THEN sign((CAST(credit AS DOUBLE PRECISION) * 1e9)) ELSE 0 END) / 1e9 END) AS credit, CAST(credited_units / CAST(1000000 AS NUMERIC(38,0)) AS DOUBLE PRECISION) AS credited_amount, count(*) OVER () AS deals, sum(amount) OVER () AS total_amount, (CASE WHEN abs(CAST(sum(credit) OVER () AS DOUBLE PRECISION)) > 1e290 THEN CAST(sum(credit) OVER () AS DOUBLE PRECISION) ELSE (trunc((CAST(sum(credit) OVER () AS DOUBLE PRECISION) * 1e9)) + CASE WHEN abs((CAST(sum(credit) OVER () AS DOUBLE PRECISION) * 1e9) - trunc((CAST(sum(credit) OVER () AS DOUBLE PRECISION) * 1e9))) >= 0.5 THEN sign((CAST(sum(credit) OVER () AS DOUBLE PRECISION) * 1e9)) ELSE 0 END) / 1e9 END) AS total_credit, CAST(sum(credited_units) OVER () / CAST(1000000 AS NUMERIC(38,0)) AS DOUBLE PRECISION) AS total_credited
FROM credited
ORDER BY credited_amount DESC NULLS LAST, (opportunity_id) COLLATE "C" LIMIT 500;
