-- Each loaded order_date partition is a complete rewrite of that day's orders: merge the latest version of every
-- staged order, then remove the orders of those days that are no longer there (deleted at the source).
DROP TABLE IF EXISTS order_source;
CREATE TEMP TABLE order_source AS
SELECT order_id, customer_id, status, currency, region, payment_type, created_at, updated_at, line_count, units,
  order_total, order_date
FROM (
  SELECT staged.*, ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY updated_at DESC) AS row_rank
  FROM staging.orders AS staged
) AS ranked
WHERE row_rank = 1;

MERGE INTO reporting.fact_orders
USING order_source AS src
ON fact_orders.order_id = src.order_id
WHEN MATCHED THEN UPDATE SET
  customer_id = src.customer_id, status = src.status, currency = src.currency, region = src.region,
  payment_type = src.payment_type, created_at = src.created_at, updated_at = src.updated_at,
  line_count = src.line_count, units = src.units, order_total = src.order_total, order_date = src.order_date
WHEN NOT MATCHED THEN INSERT (order_id, customer_id, status, currency, region, payment_type, created_at, updated_at,
  line_count, units, order_total, order_date)
  VALUES (src.order_id, src.customer_id, src.status, src.currency, src.region, src.payment_type, src.created_at,
  src.updated_at, src.line_count, src.units, src.order_total, src.order_date);

DELETE FROM reporting.fact_orders
WHERE order_date IN ({{partition_values}})
  AND order_id NOT IN (SELECT order_id FROM order_source);

INSERT INTO reporting.load_audit (run_id, table_name, load_scope, source_rows, loaded_at)
SELECT '{{run_id}}', 'fact_orders', '{{load_scope}}', COUNT(*), GETDATE() FROM order_source;
