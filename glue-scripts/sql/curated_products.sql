-- Raw -> curated: the product dimension, one row per SKU: its latest version (by updated_at, then latest ingest).
SELECT sku, product_name, category, list_price, is_active, updated_at
FROM (
  SELECT
    p.*,
    ROW_NUMBER() OVER (PARTITION BY sku ORDER BY updated_at DESC, ingest_date DESC) AS version_rank
  FROM raw_products p
) ranked
WHERE version_rank = 1
