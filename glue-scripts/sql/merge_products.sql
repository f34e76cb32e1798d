-- Raw -> curated: merges into products (an Iceberg table on Glue, a DuckDB table locally) the SKUs whose latest version arrived in this run.
-- The source view has one row per key.
MERGE INTO products AS t
USING products_changes AS s
ON t.sku = s.sku
WHEN MATCHED THEN UPDATE SET product_name = s.product_name, category = s.category, list_price = s.list_price, is_active = s.is_active, updated_at = s.updated_at
WHEN NOT MATCHED THEN INSERT (sku, product_name, category, list_price, is_active, updated_at)
  VALUES (s.sku, s.product_name, s.category, s.list_price, s.is_active, s.updated_at)
