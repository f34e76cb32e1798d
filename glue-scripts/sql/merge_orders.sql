-- Raw -> curated: merges into orders (an Iceberg table on Glue, a DuckDB table locally) every touched order: upserted with its totals, or deleted when a user removed it.
-- The source view has one row per key.
MERGE INTO orders AS t
USING orders_changes AS s
ON t.order_id = s.order_id
WHEN MATCHED AND s.change_type = 'DELETE' THEN DELETE
WHEN MATCHED THEN UPDATE SET customer_id = s.customer_id, status = s.status, currency = s.currency, region = s.region, payment_type = s.payment_type, created_at = s.created_at, updated_at = s.updated_at, line_count = s.line_count, units = s.units, order_total = s.order_total, order_date = s.order_date
WHEN NOT MATCHED AND s.change_type = 'UPSERT' THEN INSERT (order_id, customer_id, status, currency, region, payment_type, created_at, updated_at, line_count, units, order_total, order_date)
  VALUES (s.order_id, s.customer_id, s.status, s.currency, s.region, s.payment_type, s.created_at, s.updated_at, s.line_count, s.units, s.order_total, s.order_date)
