-- target rows
-- params: []
SELECT period, NULLIF(trim(CAST("size" AS VARCHAR)), '') AS "size", amount
FROM targets
ORDER BY source_line;

-- pipeline open and won in P per segment
-- params: ["2025-04-01","2025-06-30","2025-06-20"]
SELECT true AS __is_total, COALESCE(sum(amount) FILTER (WHERE (open_at_d AND close_date BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE))), 0) AS open_pipeline, count(*) FILTER (WHERE (open_at_d AND close_date BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE))) AS open_pipeline_count, COALESCE(sum(amount) FILTER (WHERE (status = 'won' AND close_date <= CAST($3 AS DATE) AND close_date BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE))), 0) AS won, count(*) FILTER (WHERE (open_at_d AND close_date IS NULL)) AS open_without_close_date_count
FROM (SELECT b.*, (status = 'open' OR close_date > CAST($3 AS DATE)) AS open_at_d, CASE WHEN h.stage_at_d IS NOT NULL AND lower(h.stage_at_d) <> lower(b.stage) THEN (CASE WHEN lower(h.stage_at_d) = 'prospecting' THEN 10 WHEN lower(h.stage_at_d) = 'proposal' THEN 50 WHEN lower(h.stage_at_d) = 'negotiation' THEN 80 END) WHEN status = 'open' THEN COALESCE(b.probability, (CASE WHEN lower(b.stage) = 'prospecting' THEN 10 WHEN lower(b.stage) = 'proposal' THEN 50 WHEN lower(b.stage) = 'negotiation' THEN 80 END)) END AS probability_at_d, COALESCE(h.stage_at_d, b.stage) AS stage_at_d
  FROM (SELECT o.*, (a.account_id IS NOT NULL) AS account_found
    FROM opportunities o
    LEFT JOIN accounts a ON a.account_id = o.account_id ) b
  LEFT JOIN (SELECT opportunity_id, (array_agg(stage ORDER BY entered_at DESC NULLS LAST, source_line DESC NULLS LAST))[1] AS stage_at_d
    FROM stage_history
    WHERE CAST(entered_at AS DATE) <= CAST($3 AS DATE)
    GROUP BY opportunity_id) h ON h.opportunity_id = b.opportunity_id
  WHERE b.created_date <= CAST($3 AS DATE)) scoped
GROUP BY GROUPING SETS (())
HAVING count(*) FILTER (WHERE (open_at_d AND close_date BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE)) OR (status = 'won' AND close_date <= CAST($3 AS DATE) AND close_date BETWEEN CAST($1 AS DATE) AND CAST($2 AS DATE))) > 0 OR true;
