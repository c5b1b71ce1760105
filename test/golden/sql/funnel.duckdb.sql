-- stage reach per segment
-- params: ["2025-06-20"]
SELECT "seg_size" AS "size", GROUPING("seg_size") > 0 AS __is_total, count(*) FILTER (WHERE reached_rank >= 1) AS "reached_1", count(*) FILTER (WHERE reached_rank >= 2) AS "reached_2", count(*) FILTER (WHERE reached_rank >= 3) AS "reached_3", count(*) FILTER (WHERE won_at_d) AS reached_won, count(*) FILTER (WHERE has_history) AS with_history_count, count(*) FILTER (WHERE unknown_open_stage) AS unknown_stage_count
FROM (SELECT b.*, greatest(1, COALESCE(h.history_rank, 0), CASE WHEN (COALESCE(h.entries_after_d, 0) = 0 AND (b.status = 'open' OR b.close_date IS NULL OR b.close_date <= CAST($1 AS DATE))) THEN (CASE WHEN lower(trim(b.stage)) IN ('closed won') THEN 3 WHEN lower(trim(b.stage)) = 'prospecting' THEN 1 WHEN lower(trim(b.stage)) = 'proposal' THEN 2 WHEN lower(trim(b.stage)) = 'negotiation' THEN 3 ELSE 0 END) ELSE 0 END, CASE WHEN (b.status = 'won' AND (b.close_date IS NULL OR b.close_date <= CAST($1 AS DATE))) THEN 3 ELSE 0 END) AS reached_rank, (b.status = 'won' AND (b.close_date IS NULL OR b.close_date <= CAST($1 AS DATE))) AS won_at_d, (h.opportunity_id IS NOT NULL) AS has_history, ((CASE WHEN lower(trim(b.stage)) IN ('closed won') THEN 3 WHEN lower(trim(b.stage)) = 'prospecting' THEN 1 WHEN lower(trim(b.stage)) = 'proposal' THEN 2 WHEN lower(trim(b.stage)) = 'negotiation' THEN 3 ELSE 0 END) = 0 AND b.status = 'open') AS unknown_open_stage
  FROM (SELECT o.*, (a.account_id IS NOT NULL) AS account_found, (CASE WHEN CAST(a."employees" AS DOUBLE) <= 199 THEN 'SMB' WHEN CAST(a."employees" AS DOUBLE) <= 999 THEN 'Mid-Market' WHEN CAST(a."employees" AS DOUBLE) IS NOT NULL THEN 'Enterprise' ELSE 'Unknown' END) AS "seg_size"
    FROM opportunities o
    LEFT JOIN accounts a ON a.account_id = o.account_id ) b
  LEFT JOIN (SELECT opportunity_id, max((CASE WHEN lower(trim(stage)) IN ('closed won') THEN 3 WHEN lower(trim(stage)) = 'prospecting' THEN 1 WHEN lower(trim(stage)) = 'proposal' THEN 2 WHEN lower(trim(stage)) = 'negotiation' THEN 3 ELSE 0 END)) FILTER (WHERE CAST(entered_at AS DATE) <= CAST($1 AS DATE)) AS history_rank, count(*) FILTER (WHERE CAST(entered_at AS DATE) > CAST($1 AS DATE)) AS entries_after_d
    FROM stage_history
    GROUP BY opportunity_id) h ON h.opportunity_id = b.opportunity_id
  WHERE b.created_date <= CAST($1 AS DATE) AND true) scoped
GROUP BY GROUPING SETS (("seg_size"), ());
