-- Applies the staged change batches to reporting.dim_product: the latest change of each product (the last batch wins)
-- replaces its row, or removes it (DELETE). Then records the run with the last batch applied, the high-water mark of the
-- next load; a load with nothing staged records the run and leaves the mark as it was.
DROP TABLE IF EXISTS products_changes_latest;
CREATE TEMP TABLE products_changes_latest AS
SELECT sku, product_name, category, list_price, is_active, updated_at, change_type
FROM (
  SELECT staged.*, ROW_NUMBER() OVER (PARTITION BY sku ORDER BY batch_id DESC) AS change_rank
  FROM staging.products_changes AS staged
) AS ranked
WHERE change_rank = 1;

DELETE FROM reporting.dim_product USING products_changes_latest AS latest
WHERE dim_product.sku = latest.sku;

INSERT INTO reporting.dim_product (sku, product_name, category, list_price, is_active, updated_at)
SELECT sku, product_name, category, list_price, is_active, updated_at FROM products_changes_latest WHERE change_type = 'UPSERT';

INSERT INTO reporting.load_audit (run_id, table_name, load_scope, source_rows, loaded_at, change_batch_id)
SELECT '{{run_id}}', 'dim_product', 'change batches ' || COALESCE(MIN(batch_id) || ' to ' || MAX(batch_id), 'none new'), COUNT(*), GETDATE(),
  MAX(batch_id)
FROM staging.products_changes;
