-- Raw -> curated: the lines of every touched order as they now are, enriched with product and customer attributes
-- (UPSERT), and the curated lines no longer there (DELETE, with their old values). An order whose version was read in
-- this run takes that version's lines: a CDC version's from its array (numbered from 1), an export's from its rows;
-- any other touched order keeps its curated lines. A removed order has no lines. A SKU or customer missing from the
-- dimensions is labelled UNKNOWN, never dropped.
WITH batch_winners AS (
  SELECT order_id, version_source, sequence_number, updated_at
  FROM order_versions_changes
  WHERE from_batch = 1 AND NOT removed
),
cdc_lines AS (
  SELECT DISTINCT
    order_id,
    CAST(line_number AS INT) AS line_number,
    element_at(lines, line_number).sku AS sku,
    element_at(lines, line_number).quantity AS quantity,
    element_at(lines, line_number).unit_price AS unit_price
  FROM (
    SELECT c.order_id, c.lines, explode(sequence(1, size(c.lines))) AS line_number
    FROM raw_order_changes c
    JOIN batch_winners w ON w.order_id = c.order_id AND w.sequence_number = c.sequence_number
    WHERE w.version_source = 'CDC' AND size(c.lines) > 0
  ) exploded
),
export_lines AS (
  SELECT order_id, line_number, sku, quantity, unit_price
  FROM (
    SELECT
      e.order_id, e.line_number, e.sku, e.quantity, e.unit_price,
      ROW_NUMBER() OVER (PARTITION BY e.order_id, e.line_number ORDER BY e.ingest_date DESC) AS line_rank
    FROM raw_order_line_exports e
    JOIN batch_winners w ON w.order_id = e.order_id AND w.updated_at = e.updated_at
    WHERE w.version_source = 'EXPORT'
  ) ranked
  WHERE line_rank = 1
),
kept_lines AS (
  SELECT l.order_id, l.line_number, l.sku, l.quantity, l.unit_price
  FROM order_lines l
  JOIN touched_orders t ON t.order_id = l.order_id
  LEFT JOIN batch_winners w ON w.order_id = l.order_id
  WHERE w.order_id IS NULL
),
current_lines AS (
  SELECT * FROM cdc_lines
  UNION ALL
  SELECT * FROM export_lines
  UNION ALL
  SELECT * FROM kept_lines
),
enriched AS (
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
  FROM current_lines l
  JOIN order_versions o ON o.order_id = l.order_id AND NOT o.removed
  LEFT JOIN products p ON p.sku = l.sku
  LEFT JOIN customers c ON c.customer_id = o.customer_id
)
SELECT
  order_id, line_number, sku, product_name, category, quantity, unit_price, line_revenue, currency, customer_id,
  customer_segment, region, status, order_date, 'UPSERT' AS change_type
FROM enriched
UNION ALL
SELECT
  l.order_id, l.line_number, l.sku, l.product_name, l.category, l.quantity, l.unit_price, l.line_revenue, l.currency,
  l.customer_id, l.customer_segment, l.region, l.status, l.order_date, 'DELETE' AS change_type
FROM order_lines l
JOIN touched_orders t ON t.order_id = l.order_id
LEFT JOIN enriched e ON e.order_id = l.order_id AND e.line_number = l.line_number
WHERE e.order_id IS NULL
