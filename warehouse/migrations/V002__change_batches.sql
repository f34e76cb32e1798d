-- The load takes exactly what changed since its last successful load: the change batches the raw-to-curated job
-- writes (one per run and table, under changes/<table>/batch_id=<batch>/ in the curated zone, each row an UPSERT or a
-- DELETE of a key), read through Redshift Spectrum and applied in batch order. The last batch applied to each table is
-- kept in the audit table: the high-water mark of the next load. The run-date COPY staging of V001 goes.

ALTER TABLE reporting.load_audit ADD COLUMN change_batch_id VARCHAR(256) DEFAULT NULL;

DROP PROCEDURE staging.assert_rows_staged(VARCHAR, VARCHAR);
DROP TABLE staging.orders_copy;
DROP TABLE staging.orders;
DROP TABLE staging.products;
DROP TABLE staging.customers;
DROP TABLE staging.category_revenue_daily_copy;
DROP TABLE staging.category_revenue_daily;

-- The staged batches of each change table: its columns (all but the key empty for a DELETE), then the batch.
CREATE TABLE staging.products_changes (
  sku VARCHAR(256) NOT NULL,
  product_name VARCHAR(256),
  category VARCHAR(256),
  list_price DECIMAL(12,2),
  is_active BOOLEAN,
  updated_at TIMESTAMP,
  change_type VARCHAR(256) NOT NULL,
  batch_id VARCHAR(256) NOT NULL
) DISTSTYLE EVEN;

CREATE TABLE staging.customers_changes (
  customer_id VARCHAR(256) NOT NULL,
  email_hash VARCHAR(256),
  country VARCHAR(256),
  segment VARCHAR(256),
  signup_date DATE,
  updated_at TIMESTAMP,
  change_type VARCHAR(256) NOT NULL,
  batch_id VARCHAR(256) NOT NULL
) DISTSTYLE EVEN;

CREATE TABLE staging.orders_changes (
  order_id VARCHAR(256) NOT NULL,
  customer_id VARCHAR(256),
  status VARCHAR(256),
  currency VARCHAR(256),
  region VARCHAR(256),
  payment_type VARCHAR(256),
  created_at TIMESTAMP,
  updated_at TIMESTAMP,
  line_count INTEGER,
  units INTEGER,
  order_total DECIMAL(12,2),
  order_date DATE,
  change_type VARCHAR(256) NOT NULL,
  batch_id VARCHAR(256) NOT NULL
) DISTSTYLE EVEN;

CREATE TABLE staging.category_revenue_daily_changes (
  region VARCHAR(256) NOT NULL,
  category VARCHAR(256) NOT NULL,
  currency VARCHAR(256) NOT NULL,
  orders BIGINT,
  units BIGINT,
  revenue DECIMAL(18,2),
  order_date DATE NOT NULL,
  change_type VARCHAR(256) NOT NULL,
  batch_id VARCHAR(256) NOT NULL
) DISTSTYLE EVEN;
