-- Raw -> curated: one row per current order (its latest version) with totals over its curated lines.
SELECT
  o.order_id,
  o.customer_id,
  o.status,
  o.currency,
  o.region,
  o.payment_type,
  o.created_at,
  o.updated_at,
  CAST(count(l.line_number) AS INT) AS line_count,
  CAST(coalesce(sum(l.quantity), 0) AS INT) AS units,
  CAST(coalesce(sum(l.line_revenue), 0) AS DECIMAL(12,2)) AS order_total,
  CAST(o.created_at AS DATE) AS order_date
FROM latest_orders o
LEFT JOIN curated_order_lines l ON l.order_id = o.order_id
GROUP BY o.order_id, o.customer_id, o.status, o.currency, o.region, o.payment_type, o.created_at, o.updated_at
