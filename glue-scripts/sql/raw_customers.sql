-- Landing -> raw: validates customer master data (CSV). One row out per row in: the typed contract columns and
-- reject_reason, NULL when the row is valid, else every problem found (the job quarantines those rows). Text longer than
-- the warehouse stores (VARCHAR(256) counts UTF-8 bytes: lib/contracts/redshift-types.ts maxBytesOf) is rejected here.
-- Business rule: a customer exported without a segment is a CONSUMER.
WITH cleaned AS (
  SELECT
    NULLIF(btrim(customer_id, ' '), '') AS customer_id,
    NULLIF(btrim(email, ' '), '') AS email,
    NULLIF(btrim(full_name, ' '), '') AS full_name,
    upper(NULLIF(btrim(country, ' '), '')) AS country,
    coalesce(upper(NULLIF(btrim(segment, ' '), '')), 'CONSUMER') AS segment,
    NULLIF(btrim(signup_date, ' '), '') AS signup_date,
    NULLIF(btrim(updated_at, ' '), '') AS updated_at,
    _source_file,
    _raw_record,
    _unexpected_columns,
    _malformed_reason
  FROM landing_customers
),
typed AS (
  SELECT
    c.*,
    CASE WHEN regexp_like(signup_date, '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$') THEN TRY_CAST(signup_date AS DATE) END AS signup_date_value,
    CASE WHEN regexp_like(updated_at, '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{1,6})?Z?$')
      THEN TRY_CAST(updated_at AS TIMESTAMP) END AS updated_at_value,
    allowed_segment.value AS allowed_segment
  FROM cleaned c
  LEFT JOIN (SELECT value FROM allowed_values WHERE dataset_name = 'customers' AND column_name = 'segment') allowed_segment
    ON allowed_segment.value = c.segment
)
SELECT
  customer_id,
  email,
  full_name,
  country,
  segment,
  signup_date_value AS signup_date,
  updated_at_value AS updated_at,
  _source_file AS source_file,
  _raw_record AS raw_record,
  CASE WHEN _malformed_reason IS NOT NULL THEN _malformed_reason ELSE NULLIF(concat_ws('; ',
    CASE WHEN instr(_raw_record, '�') > 0 THEN 'contains bytes that are not valid UTF-8' END,
    CASE WHEN _unexpected_columns <> '' THEN concat('unexpected columns: ', _unexpected_columns) END,
    CASE WHEN customer_id IS NULL THEN 'customer_id is missing' END,
    CASE WHEN email IS NULL THEN 'email is missing' END,
    CASE WHEN email IS NOT NULL AND NOT regexp_like(email, '^[^@ ]+@[^@ ]+$') THEN 'email is not an e-mail address' END,
    CASE WHEN full_name IS NULL THEN 'full_name is missing' END,
    CASE WHEN country IS NULL THEN 'country is missing' END,
    CASE WHEN country IS NOT NULL AND NOT regexp_like(country, '^[A-Z]{2}$') THEN concat('country is not a two-letter code: ', country) END,
    CASE WHEN allowed_segment IS NULL THEN concat('segment is not an allowed value: ', segment) END,
    CASE WHEN signup_date IS NULL THEN 'signup_date is missing' END,
    CASE WHEN signup_date IS NOT NULL AND signup_date_value IS NULL THEN concat('signup_date is not a valid date (yyyy-MM-dd): ', signup_date) END,
    CASE WHEN updated_at IS NULL THEN 'updated_at is missing' END,
    CASE WHEN updated_at IS NOT NULL AND updated_at_value IS NULL THEN concat('updated_at is not a valid UTC timestamp: ', updated_at) END,
    CASE WHEN octet_length(to_binary(customer_id, 'utf-8')) > 256 THEN concat('customer_id is ', CAST(octet_length(to_binary(customer_id, 'utf-8')) AS STRING), ' bytes of UTF-8, over the 256 the warehouse stores') END,
    CASE WHEN octet_length(to_binary(email, 'utf-8')) > 256 THEN concat('email is ', CAST(octet_length(to_binary(email, 'utf-8')) AS STRING), ' bytes of UTF-8, over the 256 the warehouse stores') END,
    CASE WHEN octet_length(to_binary(full_name, 'utf-8')) > 256 THEN concat('full_name is ', CAST(octet_length(to_binary(full_name, 'utf-8')) AS STRING), ' bytes of UTF-8, over the 256 the warehouse stores') END,
    CASE WHEN octet_length(to_binary(country, 'utf-8')) > 256 THEN concat('country is ', CAST(octet_length(to_binary(country, 'utf-8')) AS STRING), ' bytes of UTF-8, over the 256 the warehouse stores') END
  ), '') END AS reject_reason
FROM typed
