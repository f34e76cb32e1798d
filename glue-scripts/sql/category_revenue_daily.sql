-- Raw -> curated: the category-wise revenue report, one row per order day, region, category and currency.
-- Cancelled and refunded orders earn nothing, so they are left out.
SELECT
  region,
  category,
  currency,
  CAST(count(DISTINCT order_id) AS BIGINT) AS orders,
  CAST(sum(quantity) AS BIGINT) AS units,
  CAST(sum(line_revenue) AS DECIMAL(18,2)) AS revenue,
  order_date
FROM curated_order_lines
WHERE status NOT IN ('CANCELLED', 'REFUNDED')
GROUP BY order_date, region, category, currency
