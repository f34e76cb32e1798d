-- Applies the staged change batches to reporting.dim_customer: the latest change of each customer (the last batch wins)
-- replaces its row, or removes it (DELETE). Then records the run with the last batch applied, the high-water mark of the
-- next load; a load with nothing staged records the run and leaves the mark as it was.
DROP TABLE IF EXISTS customers_changes_latest;
CREATE TEMP TABLE customers_changes_latest AS
SELECT customer_id, email_hash, country, segment, signup_date, updated_at, change_type
FROM (
  SELECT staged.*, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY batch_id DESC) AS change_rank
  FROM staging.customers_changes AS staged
) AS ranked
WHERE change_rank = 1;

DELETE FROM reporting.dim_customer USING customers_changes_latest AS latest
WHERE dim_customer.customer_id = latest.customer_id;

INSERT INTO reporting.dim_customer (customer_id, email_hash, country, segment, signup_date, updated_at)
SELECT customer_id, email_hash, country, segment, signup_date, updated_at FROM customers_changes_latest WHERE change_type = 'UPSERT';

INSERT INTO reporting.load_audit (run_id, table_name, load_scope, source_rows, loaded_at, change_batch_id)
SELECT '{{run_id}}', 'dim_customer', 'change batches ' || COALESCE(MIN(batch_id) || ' to ' || MAX(batch_id), 'none new'), COUNT(*), GETDATE(),
  MAX(batch_id)
FROM staging.customers_changes;
