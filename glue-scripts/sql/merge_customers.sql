-- Raw -> curated: merges into customers (an Iceberg table on Glue, a DuckDB table locally) the customers whose latest version arrived in this run.
-- The source view has one row per key.
MERGE INTO customers AS t
USING customers_changes AS s
ON t.customer_id = s.customer_id
WHEN MATCHED THEN UPDATE SET email_hash = s.email_hash, country = s.country, segment = s.segment, signup_date = s.signup_date, updated_at = s.updated_at
WHEN NOT MATCHED THEN INSERT (customer_id, email_hash, country, segment, signup_date, updated_at)
  VALUES (s.customer_id, s.email_hash, s.country, s.segment, s.signup_date, s.updated_at)
