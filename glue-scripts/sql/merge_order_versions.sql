-- Raw -> curated: merges into order_versions (an Iceberg table on Glue, a DuckDB table locally) the latest version of every order this run touched, removals included.
-- The source view has one row per key.
MERGE INTO order_versions AS t
USING order_versions_changes AS s
ON t.order_id = s.order_id
WHEN MATCHED THEN UPDATE SET customer_id = s.customer_id, status = s.status, currency = s.currency, region = s.region, payment_type = s.payment_type, created_at = s.created_at, updated_at = s.updated_at, version_source = s.version_source, version_time = s.version_time, sequence_number = s.sequence_number, source_partition = s.source_partition, removed = s.removed, order_date = s.order_date
WHEN NOT MATCHED THEN INSERT (order_id, customer_id, status, currency, region, payment_type, created_at, updated_at, version_source, version_time, sequence_number, source_partition, removed, order_date)
  VALUES (s.order_id, s.customer_id, s.status, s.currency, s.region, s.payment_type, s.created_at, s.updated_at, s.version_source, s.version_time, s.sequence_number, s.source_partition, s.removed, s.order_date)
