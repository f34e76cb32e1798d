-- Raw -> curated: the customer dimension, one row per customer: its latest version (by updated_at, then latest
-- ingest), without direct personal data: the name is dropped and the e-mail replaced by the SHA-256 of its lower case.
SELECT customer_id, sha2(lower(email), 256) AS email_hash, country, segment, signup_date, updated_at
FROM (
  SELECT
    c.*,
    ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY updated_at DESC, ingest_date DESC) AS version_rank
  FROM raw_customers c
) ranked
WHERE version_rank = 1
