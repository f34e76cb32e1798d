-- Raw -> curated: the customer dimension, one row per customer: its latest version (by updated_at, then latest
-- ingest), without direct personal data: the name is dropped and the e-mail replaced by its HMAC-SHA256 under the
-- secret key (view email_hash_key: the key's inner and outer pads), over the trimmed, lower-cased address, so it equals
-- the forwarder's customer_email_hash and cannot be reversed from a list of addresses without the key.
-- HMAC(K, m) = SHA256(outer_pad || SHA256(inner_pad || m)); || concatenates binary values (never NULL but the e-mail).
SELECT
  customer_id,
  sha2(k.outer_pad || unhex(sha2(k.inner_pad || to_binary(lower(trim(email)), 'utf-8'), 256)), 256) AS email_hash,
  country, segment, signup_date, updated_at
FROM (
  SELECT
    c.*,
    ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY updated_at DESC, ingest_date DESC) AS version_rank
  FROM raw_customers c
) ranked
CROSS JOIN email_hash_key k
WHERE version_rank = 1
