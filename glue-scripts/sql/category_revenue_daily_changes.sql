-- Raw -> curated: the category-wise revenue report of every day this run touched (a day of a touched order or line),
-- recomputed from the curated lines: one row per order day, region, category and currency (UPSERT), and the groups of
-- those days that no longer have a line (DELETE, with their old values). Cancelled and refunded orders earn nothing,
-- so they are left out. Also the batch of report changes the warehouse loads.
WITH touched_days AS (
  SELECT DISTINCT order_date
  FROM (
    SELECT order_date FROM orders_changes
    UNION ALL
    SELECT order_date FROM order_lines_changes
  ) days
),
report AS (
  SELECT
    l.region,
    l.category,
    l.currency,
    CAST(count(DISTINCT l.order_id) AS BIGINT) AS orders,
    CAST(sum(l.quantity) AS BIGINT) AS units,
    CAST(sum(l.line_revenue) AS DECIMAL(18,2)) AS revenue,
    l.order_date
  FROM order_lines l
  JOIN touched_days d ON d.order_date = l.order_date
  WHERE l.status NOT IN ('CANCELLED', 'REFUNDED')
  GROUP BY l.order_date, l.region, l.category, l.currency
)
SELECT region, category, currency, orders, units, revenue, order_date, 'UPSERT' AS change_type
FROM report
UNION ALL
SELECT r.region, r.category, r.currency, r.orders, r.units, r.revenue, r.order_date, 'DELETE' AS change_type
FROM category_revenue_daily r
JOIN touched_days d ON d.order_date = r.order_date
LEFT JOIN report n ON n.order_date = r.order_date AND n.region = r.region AND n.category = r.category AND n.currency = r.currency
WHERE n.order_date IS NULL
