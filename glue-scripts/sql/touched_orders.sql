-- Raw -> curated: the orders whose curated rows this run may change: those with a new version, and those whose lines
-- name a product, or whose customer is a customer, that changed in this run (their lines are enriched again).
SELECT DISTINCT order_id
FROM (
  SELECT order_id FROM order_versions_changes
  UNION ALL
  SELECT l.order_id FROM order_lines l JOIN products_changes p ON p.sku = l.sku
  UNION ALL
  SELECT o.order_id FROM orders o JOIN customers_changes c ON c.customer_id = o.customer_id
) touched
