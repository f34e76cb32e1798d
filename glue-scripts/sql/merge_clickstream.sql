-- Raw -> curated: adds the events seen for the first time in this run to the curated table clickstream (an Iceberg
-- table on Glue, a DuckDB table locally); an event already curated keeps its first version.
MERGE INTO clickstream AS t
USING clickstream_changes AS s
ON t.event_id = s.event_id
WHEN NOT MATCHED THEN INSERT (event_id, session_id, customer_id, event_type, sku, page_url, device, event_time, event_date)
  VALUES (s.event_id, s.session_id, s.customer_id, s.event_type, s.sku, s.page_url, s.device, s.event_time, s.event_date)
