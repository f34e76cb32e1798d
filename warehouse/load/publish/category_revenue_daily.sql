-- Each loaded order_date partition holds the complete aggregate of that day: merge it, then remove the day's groups
-- that no longer exist (every order of a category cancelled, say).
DROP TABLE IF EXISTS category_revenue_source;
CREATE TEMP TABLE category_revenue_source AS
SELECT region, category, currency, orders, units, revenue, order_date
FROM (
  SELECT staged.*, ROW_NUMBER() OVER (
    PARTITION BY order_date, region, category, currency ORDER BY revenue DESC, orders DESC, units DESC
  ) AS row_rank
  FROM staging.category_revenue_daily AS staged
) AS ranked
WHERE row_rank = 1;

MERGE INTO reporting.category_revenue_daily
USING category_revenue_source AS src
ON category_revenue_daily.order_date = src.order_date AND category_revenue_daily.region = src.region
  AND category_revenue_daily.category = src.category AND category_revenue_daily.currency = src.currency
WHEN MATCHED THEN UPDATE SET orders = src.orders, units = src.units, revenue = src.revenue
WHEN NOT MATCHED THEN INSERT (region, category, currency, orders, units, revenue, order_date)
  VALUES (src.region, src.category, src.currency, src.orders, src.units, src.revenue, src.order_date);

DELETE FROM reporting.category_revenue_daily
WHERE order_date IN ({{partition_values}})
  AND NOT EXISTS (
    SELECT 1 FROM category_revenue_source AS src
    WHERE src.order_date = category_revenue_daily.order_date AND src.region = category_revenue_daily.region
      AND src.category = category_revenue_daily.category AND src.currency = category_revenue_daily.currency
  );

INSERT INTO reporting.load_audit (run_id, table_name, load_scope, source_rows, loaded_at)
SELECT '{{run_id}}', 'category_revenue_daily', '{{load_scope}}', COUNT(*), GETDATE() FROM category_revenue_source;
