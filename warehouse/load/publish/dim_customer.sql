-- The customers dataset is a full snapshot: the dimension becomes exactly the latest version of each staged customer.
DROP TABLE IF EXISTS customer_source;
CREATE TEMP TABLE customer_source AS
SELECT customer_id, email_hash, country, segment, signup_date, updated_at
FROM (
  SELECT staged.*, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY updated_at DESC) AS row_rank
  FROM staging.customers AS staged
) AS ranked
WHERE row_rank = 1;

MERGE INTO reporting.dim_customer
USING customer_source AS src
ON dim_customer.customer_id = src.customer_id
WHEN MATCHED THEN UPDATE SET
  email_hash = src.email_hash, country = src.country, segment = src.segment,
  signup_date = src.signup_date, updated_at = src.updated_at
WHEN NOT MATCHED THEN INSERT (customer_id, email_hash, country, segment, signup_date, updated_at)
  VALUES (src.customer_id, src.email_hash, src.country, src.segment, src.signup_date, src.updated_at);

DELETE FROM reporting.dim_customer WHERE customer_id NOT IN (SELECT customer_id FROM customer_source);

INSERT INTO reporting.load_audit (run_id, table_name, load_scope, source_rows, loaded_at)
SELECT '{{run_id}}', 'dim_customer', 'full snapshot', COUNT(*), GETDATE() FROM customer_source;
