-- Raw -> curated: every touched order as it now is, with totals over its curated lines (UPSERT), or, once a user
-- removed it, its key and day (DELETE). Also the batch of order changes the warehouse loads.
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
  CAST(o.created_at AS DATE) AS order_date,
  CASE WHEN o.removed THEN 'DELETE' ELSE 'UPSERT' END AS change_type
FROM order_versions o
JOIN touched_orders t ON t.order_id = o.order_id
LEFT JOIN order_lines l ON l.order_id = o.order_id
GROUP BY o.order_id, o.customer_id, o.status, o.currency, o.region, o.payment_type, o.created_at, o.updated_at, o.removed
