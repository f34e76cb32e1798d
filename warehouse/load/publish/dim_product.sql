-- The products dataset is a full snapshot: the dimension becomes exactly the latest version of each staged SKU.
DROP TABLE IF EXISTS product_source;
CREATE TEMP TABLE product_source AS
SELECT sku, product_name, category, list_price, is_active, updated_at
FROM (
  SELECT staged.*, ROW_NUMBER() OVER (PARTITION BY sku ORDER BY updated_at DESC) AS row_rank
  FROM staging.products AS staged
) AS ranked
WHERE row_rank = 1;

MERGE INTO reporting.dim_product
USING product_source AS src
ON dim_product.sku = src.sku
WHEN MATCHED THEN UPDATE SET
  product_name = src.product_name, category = src.category, list_price = src.list_price,
  is_active = src.is_active, updated_at = src.updated_at
WHEN NOT MATCHED THEN INSERT (sku, product_name, category, list_price, is_active, updated_at)
  VALUES (src.sku, src.product_name, src.category, src.list_price, src.is_active, src.updated_at);

DELETE FROM reporting.dim_product WHERE sku NOT IN (SELECT sku FROM product_source);

INSERT INTO reporting.load_audit (run_id, table_name, load_scope, source_rows, loaded_at)
SELECT '{{run_id}}', 'dim_product', 'full snapshot', COUNT(*), GETDATE() FROM product_source;
