-- Applies the staged change batches to reporting.fact_orders: the latest change of each order (the last batch wins)
-- replaces its row, or removes it (DELETE). Then records the run with the last batch applied, the high-water mark of the
-- next load; a load with nothing staged records the run and leaves the mark as it was.
DROP TABLE IF EXISTS orders_changes_latest;
CREATE TEMP TABLE orders_changes_latest AS
SELECT order_id, customer_id, status, currency, region, payment_type, created_at, updated_at, line_count, units, order_total, order_date, change_type
FROM (
  SELECT staged.*, ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY batch_id DESC) AS change_rank
  FROM staging.orders_changes AS staged
) AS ranked
WHERE change_rank = 1;

DELETE FROM reporting.fact_orders USING orders_changes_latest AS latest
WHERE fact_orders.order_id = latest.order_id;

INSERT INTO reporting.fact_orders (order_id, customer_id, status, currency, region, payment_type, created_at, updated_at, line_count, units, order_total, order_date)
SELECT order_id, customer_id, status, currency, region, payment_type, created_at, updated_at, line_count, units, order_total, order_date FROM orders_changes_latest WHERE change_type = 'UPSERT';

INSERT INTO reporting.load_audit (run_id, table_name, load_scope, source_rows, loaded_at, change_batch_id)
SELECT '{{run_id}}', 'fact_orders', 'change batches ' || COALESCE(MIN(batch_id) || ' to ' || MAX(batch_id), 'none new'), COUNT(*), GETDATE(),
  MAX(batch_id)
FROM staging.orders_changes;
