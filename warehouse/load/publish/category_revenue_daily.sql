-- Applies the staged change batches to reporting.category_revenue_daily: the latest change of each day, region, category and currency (the last batch wins)
-- replaces its row, or removes it (DELETE). Then records the run with the last batch applied, the high-water mark of the
-- next load; a load with nothing staged records the run and leaves the mark as it was.
DROP TABLE IF EXISTS category_revenue_daily_changes_latest;
CREATE TEMP TABLE category_revenue_daily_changes_latest AS
SELECT region, category, currency, orders, units, revenue, order_date, change_type
FROM (
  SELECT staged.*, ROW_NUMBER() OVER (PARTITION BY order_date, region, category, currency ORDER BY batch_id DESC) AS change_rank
  FROM staging.category_revenue_daily_changes AS staged
) AS ranked
WHERE change_rank = 1;

DELETE FROM reporting.category_revenue_daily USING category_revenue_daily_changes_latest AS latest
WHERE category_revenue_daily.order_date = latest.order_date AND category_revenue_daily.region = latest.region AND category_revenue_daily.category = latest.category AND category_revenue_daily.currency = latest.currency;

INSERT INTO reporting.category_revenue_daily (region, category, currency, orders, units, revenue, order_date)
SELECT region, category, currency, orders, units, revenue, order_date FROM category_revenue_daily_changes_latest WHERE change_type = 'UPSERT';

INSERT INTO reporting.load_audit (run_id, table_name, load_scope, source_rows, loaded_at, change_batch_id)
SELECT '{{run_id}}', 'category_revenue_daily', 'change batches ' || COALESCE(MIN(batch_id) || ' to ' || MAX(batch_id), 'none new'), COUNT(*), GETDATE(),
  MAX(batch_id)
FROM staging.category_revenue_daily_changes;
