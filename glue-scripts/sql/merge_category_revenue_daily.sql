-- Raw -> curated: merges into category_revenue_daily (an Iceberg table on Glue, a DuckDB table locally) every group of the days this run touched: upserted, or deleted when no line of it is left.
-- The source view has one row per key.
MERGE INTO category_revenue_daily AS t
USING category_revenue_daily_changes AS s
ON t.order_date = s.order_date AND t.region = s.region AND t.category = s.category AND t.currency = s.currency
WHEN MATCHED AND s.change_type = 'DELETE' THEN DELETE
WHEN MATCHED THEN UPDATE SET orders = s.orders, units = s.units, revenue = s.revenue
WHEN NOT MATCHED AND s.change_type = 'UPSERT' THEN INSERT (region, category, currency, orders, units, revenue, order_date)
  VALUES (s.region, s.category, s.currency, s.orders, s.units, s.revenue, s.order_date)
