-- Raw -> curated: the product dimension's changes in this run. The latest version of each SKU among the raw rows this
-- run reads (by updated_at, then latest ingest), kept when it is at least as recent as the curated one: the rows to
-- upsert, and the batch of changes the warehouse loads.
SELECT n.sku, n.product_name, n.category, n.list_price, n.is_active, n.updated_at, 'UPSERT' AS change_type
FROM (
  SELECT
    p.*,
    ROW_NUMBER() OVER (PARTITION BY sku ORDER BY updated_at DESC, ingest_date DESC) AS version_rank
  FROM raw_products p
) n
LEFT JOIN products c ON c.sku = n.sku
WHERE n.version_rank = 1 AND (c.sku IS NULL OR n.updated_at >= c.updated_at)
