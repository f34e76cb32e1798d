-- Raw -> curated: the customer dimension's changes in this run. The latest version of each customer among the raw rows
-- this run reads (by updated_at, then latest ingest), kept when it is at least as recent as the curated one, without
-- direct personal data: the name is dropped and the e-mail replaced by its HMAC-SHA256 under the
-- secret key (view email_hash_key: the key's inner and outer pads), so it equals the forwarder's customer_email_hash
-- and cannot be reversed from a list of addresses without the key.
-- HMAC(K, m) = SHA256(outer_pad || SHA256(inner_pad || m)); || concatenates binary values (never NULL but the e-mail).
-- The customer id and the e-mail are first normalized as lib/contracts/text-normalization.ts declares, step by step:
--   1. btrim of Unicode White_Space and U+FEFF, spelt as percent-encoded UTF-8 (no '+': Spark decodes it to a space);
--   2. for the e-mail, lower-case without a locale: Spark's lower() follows the JVM's default locale outside ASCII, and
--      DuckDB's lowers İ to i where JavaScript gives i + U+0307, so I and İ are replaced first; then the final sigma ς
--      (JavaScript and Java write it at a word's end, DuckDB never) is folded to σ;
--   3. nfc_normalize: DuckDB's built-in; Spark SQL has no Unicode normalization, so raw_to_curated.py registers a
--      function of that name (Python's unicodedata NFC) before it runs this file.
WITH normalized AS (
  SELECT
    nfc_normalize(btrim(c.customer_id, ws.chars)) AS customer_id,
    nfc_normalize(replace(lower(replace(replace(btrim(c.email, ws.chars), 'İ', url_decode('i%CC%87')), 'I', 'i')), 'ς', 'σ')) AS email,
    c.country, c.segment, c.signup_date, c.updated_at, c.ingest_date
  FROM raw_customers c
  CROSS JOIN (
    SELECT url_decode(concat(
      '%09%0A%0B%0C%0D%20%C2%85%C2%A0%E1%9A%80',
      '%E2%80%80%E2%80%81%E2%80%82%E2%80%83%E2%80%84%E2%80%85%E2%80%86%E2%80%87%E2%80%88%E2%80%89%E2%80%8A',
      '%E2%80%A8%E2%80%A9%E2%80%AF%E2%81%9F%E3%80%80%EF%BB%BF'
    )) AS chars
  ) ws
),
latest AS (
  SELECT customer_id, email, country, segment, signup_date, updated_at
  FROM (
    SELECT
      n.*,
      ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY updated_at DESC, ingest_date DESC) AS version_rank
    FROM normalized n
  ) ranked
  WHERE version_rank = 1
)
SELECT
  l.customer_id,
  sha2(k.outer_pad || unhex(sha2(k.inner_pad || to_binary(l.email, 'utf-8'), 256)), 256) AS email_hash,
  l.country, l.segment, l.signup_date, l.updated_at, 'UPSERT' AS change_type
FROM latest l
CROSS JOIN email_hash_key k
LEFT JOIN customers c ON c.customer_id = l.customer_id
WHERE c.customer_id IS NULL OR l.updated_at >= c.updated_at
