-- Landing -> raw: validates the product catalogue (CSV). One row out per row in: the typed contract columns and
-- reject_reason, NULL when the row is valid, else every problem found (the job quarantines those rows). Text longer than
-- the warehouse stores (VARCHAR(256) counts UTF-8 bytes: lib/contracts/redshift-types.ts maxBytesOf) is rejected here.
-- Business rule: a product exported without is_active is on sale.
WITH cleaned AS (
  SELECT
    NULLIF(btrim(sku, ' '), '') AS sku,
    NULLIF(btrim(product_name, ' '), '') AS product_name,
    upper(NULLIF(btrim(category, ' '), '')) AS category,
    NULLIF(btrim(list_price, ' '), '') AS list_price,
    lower(NULLIF(btrim(is_active, ' '), '')) AS is_active,
    NULLIF(btrim(updated_at, ' '), '') AS updated_at,
    _source_file,
    _raw_record,
    _unexpected_columns,
    _malformed_reason
  FROM landing_products
),
typed AS (
  SELECT
    c.*,
    CASE WHEN regexp_like(list_price, '^-?[0-9]{1,10}([.][0-9]{1,2})?$') THEN CAST(list_price AS DECIMAL(12,2)) END AS list_price_value,
    CASE WHEN regexp_like(updated_at, '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{1,6})?Z?$')
      THEN TRY_CAST(updated_at AS TIMESTAMP) END AS updated_at_value,
    allowed_category.value AS allowed_category
  FROM cleaned c
  LEFT JOIN (SELECT value FROM allowed_values WHERE dataset_name = 'products' AND column_name = 'category') allowed_category
    ON allowed_category.value = c.category
)
SELECT
  sku,
  product_name,
  category,
  list_price_value AS list_price,
  CASE WHEN is_active IS NULL THEN TRUE WHEN is_active = 'true' THEN TRUE WHEN is_active = 'false' THEN FALSE END AS is_active,
  updated_at_value AS updated_at,
  _source_file AS source_file,
  _raw_record AS raw_record,
  CASE WHEN _malformed_reason IS NOT NULL THEN _malformed_reason ELSE NULLIF(concat_ws('; ',
    CASE WHEN instr(_raw_record, '�') > 0 THEN 'contains bytes that are not valid UTF-8' END,
    CASE WHEN _unexpected_columns <> '' THEN concat('unexpected columns: ', _unexpected_columns) END,
    CASE WHEN sku IS NULL THEN 'sku is missing' END,
    CASE WHEN product_name IS NULL THEN 'product_name is missing' END,
    CASE WHEN category IS NULL THEN 'category is missing' END,
    CASE WHEN category IS NOT NULL AND allowed_category IS NULL THEN concat('category is not an allowed value: ', category) END,
    CASE WHEN list_price IS NULL THEN 'list_price is missing' END,
    CASE WHEN list_price IS NOT NULL AND list_price_value IS NULL THEN concat('list_price is not a decimal with at most 2 places: ', list_price) END,
    CASE WHEN list_price_value < 0 THEN 'list_price is negative' END,
    CASE WHEN is_active IS NOT NULL AND is_active NOT IN ('true', 'false') THEN concat('is_active is not true or false: ', is_active) END,
    CASE WHEN updated_at IS NULL THEN 'updated_at is missing' END,
    CASE WHEN updated_at IS NOT NULL AND updated_at_value IS NULL THEN concat('updated_at is not a valid UTC timestamp: ', updated_at) END,
    CASE WHEN octet_length(to_binary(sku, 'utf-8')) > 256 THEN concat('sku is ', CAST(octet_length(to_binary(sku, 'utf-8')) AS STRING), ' bytes of UTF-8, over the 256 the warehouse stores') END,
    CASE WHEN octet_length(to_binary(product_name, 'utf-8')) > 256 THEN concat('product_name is ', CAST(octet_length(to_binary(product_name, 'utf-8')) AS STRING), ' bytes of UTF-8, over the 256 the warehouse stores') END
  ), '') END AS reject_reason
FROM typed
