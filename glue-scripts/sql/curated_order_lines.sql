-- Raw -> curated: the lines of every current order (the lines of its latest version), enriched with product and
-- customer attributes. A SKU or customer missing from the dimensions is labelled UNKNOWN, never dropped.
-- Lines of a CDC version are numbered by their position in the order's array, from 1.
WITH cdc_lines AS (
  SELECT DISTINCT
    order_id,
    CAST(line_number AS INT) AS line_number,
    element_at(lines, line_number).sku AS sku,
    element_at(lines, line_number).quantity AS quantity,
    element_at(lines, line_number).unit_price AS unit_price
  FROM (
    SELECT c.order_id, c.lines, explode(sequence(1, size(c.lines))) AS line_number
    FROM raw_order_changes c
    JOIN latest_orders o ON o.order_id = c.order_id AND o.sequence_number = c.sequence_number
    WHERE o.version_source = 'CDC' AND size(c.lines) > 0
  ) exploded
),
export_lines AS (
  SELECT order_id, line_number, sku, quantity, unit_price
  FROM (
    SELECT
      e.order_id, e.line_number, e.sku, e.quantity, e.unit_price,
      ROW_NUMBER() OVER (PARTITION BY e.order_id, e.line_number ORDER BY e.ingest_date DESC) AS line_rank
    FROM raw_order_line_exports e
    JOIN latest_orders o ON o.order_id = e.order_id AND o.updated_at = e.updated_at
    WHERE o.version_source = 'EXPORT'
  ) ranked
  WHERE line_rank = 1
),
order_lines AS (
  SELECT * FROM cdc_lines
  UNION ALL
  SELECT * FROM export_lines
)
SELECT
  l.order_id,
  l.line_number,
  l.sku,
  coalesce(p.product_name, 'UNKNOWN') AS product_name,
  coalesce(p.category, 'UNKNOWN') AS category,
  l.quantity,
  l.unit_price,
  -- A CDC amount too large for the column is left NULL (the data-quality ruleset flags it) rather than failing the run.
  CASE WHEN abs(CAST(l.quantity AS DECIMAL(22,2)) * l.unit_price) < 10000000000 THEN CAST(l.quantity * l.unit_price AS DECIMAL(12,2)) END AS line_revenue,
  o.currency,
  o.customer_id,
  coalesce(c.segment, 'UNKNOWN') AS customer_segment,
  o.region,
  o.status,
  CAST(o.created_at AS DATE) AS order_date
FROM order_lines l
JOIN latest_orders o ON o.order_id = l.order_id
LEFT JOIN curated_products p ON p.sku = l.sku
LEFT JOIN curated_customers c ON c.customer_id = o.customer_id
