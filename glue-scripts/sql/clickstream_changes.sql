-- Raw -> curated: clickstream events seen for the first time in this run (one row per event_id, the first ingested),
-- by event day; an event already curated is not repeated.
SELECT
  n.event_id, n.session_id, n.customer_id, n.event_type, n.sku, n.page_url, n.device, n.event_time,
  CAST(n.event_time AS DATE) AS event_date
FROM (
  SELECT
    c.*,
    ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY ingest_date ASC, event_time ASC) AS event_rank
  FROM raw_clickstream c
) n
LEFT JOIN clickstream e ON e.event_id = n.event_id
WHERE n.event_rank = 1 AND e.event_id IS NULL
