-- Staging receives a run's curated Parquet files; reporting is what BI reads. Migrations are applied once, in order, by
-- the migrator on deploy: never edit an applied migration, add the next version instead.
-- Table attributes after a closing parenthesis (DISTSTYLE, DISTKEY, SORTKEY) are Redshift-only: tests strip them to run
-- this file on PostgreSQL.

CREATE SCHEMA staging;
CREATE SCHEMA reporting;

-- COPY ... FORMAT AS PARQUET fills columns by position and needs exactly the file's columns, and a Hive partition value
-- is not in the file: partitioned datasets land in <name>_copy, then move to <name> with the partition value added.
CREATE TABLE staging.orders_copy (
  order_id VARCHAR(256) NOT NULL,
  customer_id VARCHAR(256) NOT NULL,
  status VARCHAR(256) NOT NULL,
  currency VARCHAR(256) NOT NULL,
  region VARCHAR(256) NOT NULL,
  payment_type VARCHAR(256) NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  line_count INTEGER NOT NULL,
  units INTEGER NOT NULL,
  order_total DECIMAL(12,2) NOT NULL
) DISTSTYLE EVEN;

CREATE TABLE staging.orders (
  order_id VARCHAR(256) NOT NULL,
  customer_id VARCHAR(256) NOT NULL,
  status VARCHAR(256) NOT NULL,
  currency VARCHAR(256) NOT NULL,
  region VARCHAR(256) NOT NULL,
  payment_type VARCHAR(256) NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  line_count INTEGER NOT NULL,
  units INTEGER NOT NULL,
  order_total DECIMAL(12,2) NOT NULL,
  order_date DATE NOT NULL
) DISTKEY (order_id);

CREATE TABLE staging.products (
  sku VARCHAR(256) NOT NULL,
  product_name VARCHAR(256) NOT NULL,
  category VARCHAR(256) NOT NULL,
  list_price DECIMAL(12,2) NOT NULL,
  is_active BOOLEAN NOT NULL,
  updated_at TIMESTAMP NOT NULL
) DISTSTYLE EVEN;

CREATE TABLE staging.customers (
  customer_id VARCHAR(256) NOT NULL,
  email_hash VARCHAR(256) NOT NULL,
  country VARCHAR(256) NOT NULL,
  segment VARCHAR(256) NOT NULL,
  signup_date DATE NOT NULL,
  updated_at TIMESTAMP NOT NULL
) DISTSTYLE EVEN;

CREATE TABLE staging.category_revenue_daily_copy (
  region VARCHAR(256) NOT NULL,
  category VARCHAR(256) NOT NULL,
  currency VARCHAR(256) NOT NULL,
  orders BIGINT NOT NULL,
  units BIGINT NOT NULL,
  revenue DECIMAL(18,2) NOT NULL
) DISTSTYLE EVEN;

CREATE TABLE staging.category_revenue_daily (
  region VARCHAR(256) NOT NULL,
  category VARCHAR(256) NOT NULL,
  currency VARCHAR(256) NOT NULL,
  orders BIGINT NOT NULL,
  units BIGINT NOT NULL,
  revenue DECIMAL(18,2) NOT NULL,
  order_date DATE NOT NULL
) DISTSTYLE EVEN;

-- Reports filter on order_date ranges and join orders to customers: the fact is distributed like the customer
-- dimension (co-located join) and sorted by day; the small product dimension and the daily aggregate are copied to
-- every node and sorted the way reports filter them.
CREATE TABLE reporting.fact_orders (
  order_id VARCHAR(256) NOT NULL,
  customer_id VARCHAR(256) NOT NULL,
  status VARCHAR(256) NOT NULL,
  currency VARCHAR(256) NOT NULL,
  region VARCHAR(256) NOT NULL,
  payment_type VARCHAR(256) NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  line_count INTEGER NOT NULL,
  units INTEGER NOT NULL,
  order_total DECIMAL(12,2) NOT NULL,
  order_date DATE NOT NULL,
  PRIMARY KEY (order_id)
) DISTKEY (customer_id) COMPOUND SORTKEY (order_date, region);

CREATE TABLE reporting.dim_customer (
  customer_id VARCHAR(256) NOT NULL,
  email_hash VARCHAR(256) NOT NULL,
  country VARCHAR(256) NOT NULL,
  segment VARCHAR(256) NOT NULL,
  signup_date DATE NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (customer_id)
) DISTKEY (customer_id) SORTKEY (customer_id);

CREATE TABLE reporting.dim_product (
  sku VARCHAR(256) NOT NULL,
  product_name VARCHAR(256) NOT NULL,
  category VARCHAR(256) NOT NULL,
  list_price DECIMAL(12,2) NOT NULL,
  is_active BOOLEAN NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (sku)
) DISTSTYLE ALL SORTKEY (category, sku);

CREATE TABLE reporting.category_revenue_daily (
  region VARCHAR(256) NOT NULL,
  category VARCHAR(256) NOT NULL,
  currency VARCHAR(256) NOT NULL,
  orders BIGINT NOT NULL,
  units BIGINT NOT NULL,
  revenue DECIMAL(18,2) NOT NULL,
  order_date DATE NOT NULL,
  PRIMARY KEY (order_date, region, category, currency)
) DISTSTYLE ALL COMPOUND SORTKEY (order_date, category, region);

-- One row per table per load: BI can see how fresh each table is, operators what each run did.
CREATE TABLE reporting.load_audit (
  run_id VARCHAR(128) NOT NULL,
  table_name VARCHAR(128) NOT NULL,
  load_scope VARCHAR(4096) NOT NULL,
  source_rows BIGINT NOT NULL,
  loaded_at TIMESTAMP NOT NULL
) DISTSTYLE ALL SORTKEY (loaded_at);

-- Fails the load, naming the run and the table, when a run staged nothing for a table.
CREATE OR REPLACE PROCEDURE staging.assert_rows_staged(p_run_id VARCHAR(128), p_table VARCHAR(128))
AS $$
DECLARE
  staged_rows BIGINT;
BEGIN
  EXECUTE 'SELECT COUNT(*) FROM staging.' || quote_ident(p_table) INTO staged_rows;
  IF staged_rows = 0 THEN
    RAISE EXCEPTION 'load run %: no rows staged for table %: the run has no curated files for it', p_run_id, p_table;
  END IF;
END;
$$ LANGUAGE plpgsql;

-- Read-only BI: the group alone reads reporting, now and in tables created later; nobody else reads staging.
CREATE GROUP bi_readers;
REVOKE ALL ON SCHEMA staging FROM PUBLIC;
REVOKE ALL ON SCHEMA reporting FROM PUBLIC;
GRANT USAGE ON SCHEMA reporting TO GROUP bi_readers;
GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO GROUP bi_readers;
ALTER DEFAULT PRIVILEGES IN SCHEMA reporting GRANT SELECT ON TABLES TO GROUP bi_readers;
