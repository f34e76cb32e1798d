-- Raw -> curated: merges into order_lines (an Iceberg table on Glue, a DuckDB table locally) the lines of every touched order: upserted, or deleted when the order or the line is gone.
-- The source view has one row per key.
MERGE INTO order_lines AS t
USING order_lines_changes AS s
ON t.order_id = s.order_id AND t.line_number = s.line_number
WHEN MATCHED AND s.change_type = 'DELETE' THEN DELETE
WHEN MATCHED THEN UPDATE SET sku = s.sku, product_name = s.product_name, category = s.category, quantity = s.quantity, unit_price = s.unit_price, line_revenue = s.line_revenue, currency = s.currency, customer_id = s.customer_id, customer_segment = s.customer_segment, region = s.region, status = s.status, order_date = s.order_date
WHEN NOT MATCHED AND s.change_type = 'UPSERT' THEN INSERT (order_id, line_number, sku, product_name, category, quantity, unit_price, line_revenue, currency, customer_id, customer_segment, region, status, order_date)
  VALUES (s.order_id, s.line_number, s.sku, s.product_name, s.category, s.quantity, s.unit_price, s.line_revenue, s.currency, s.customer_id, s.customer_segment, s.region, s.status, s.order_date)
