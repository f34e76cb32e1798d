-- Raw -> curated: clickstream events without duplicates (one row per event_id, the first ingested), by event day.
SELECT event_id, session_id, customer_id, event_type, sku, page_url, device, event_time, CAST(event_time AS DATE) AS event_date
FROM (
  SELECT
    c.*,
    ROW_NUMBER() OVER (PARTITION BY event_id ORDER BY ingest_date ASC, event_time ASC) AS event_rank
  FROM raw_clickstream c
) ranked
WHERE event_rank = 1
