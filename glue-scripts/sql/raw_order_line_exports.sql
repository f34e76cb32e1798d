-- Landing -> raw: validates order lines exported by the shop (CSV or JSON Lines). One row out per row in: the typed
-- contract columns and reject_reason, NULL when the row is valid, else every problem found (the job quarantines
-- those rows). Text longer than the warehouse stores (VARCHAR(256) counts UTF-8 bytes: lib/contracts/redshift-types.ts
-- maxBytesOf) is rejected here.
WITH cleaned AS (
  SELECT
    NULLIF(btrim(order_id, ' '), '') AS order_id,
    NULLIF(btrim(customer_id, ' '), '') AS customer_id,
    upper(NULLIF(btrim(status, ' '), '')) AS status,
    upper(NULLIF(btrim(currency, ' '), '')) AS currency,
    upper(NULLIF(btrim(region, ' '), '')) AS region,
    upper(NULLIF(btrim(payment_type, ' '), '')) AS payment_type,
    NULLIF(btrim(created_at, ' '), '') AS created_at,
    NULLIF(btrim(updated_at, ' '), '') AS updated_at,
    NULLIF(btrim(line_number, ' '), '') AS line_number,
    NULLIF(btrim(sku, ' '), '') AS sku,
    NULLIF(btrim(quantity, ' '), '') AS quantity,
    NULLIF(btrim(unit_price, ' '), '') AS unit_price,
    _source_file,
    _raw_record,
    _unexpected_columns,
    _malformed_reason
  FROM landing_order_line_exports
),
typed AS (
  SELECT
    c.*,
    CASE WHEN regexp_like(created_at, '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{1,6})?Z?$')
      THEN TRY_CAST(created_at AS TIMESTAMP) END AS created_at_value,
    CASE WHEN regexp_like(updated_at, '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{1,6})?Z?$')
      THEN TRY_CAST(updated_at AS TIMESTAMP) END AS updated_at_value,
    CASE WHEN regexp_like(line_number, '^-?[0-9]{1,9}$') THEN CAST(line_number AS INT) END AS line_number_value,
    CASE WHEN regexp_like(quantity, '^-?[0-9]{1,9}$') THEN CAST(quantity AS INT) END AS quantity_value,
    CASE WHEN regexp_like(unit_price, '^-?[0-9]{1,10}([.][0-9]{1,2})?$') THEN CAST(unit_price AS DECIMAL(12,2)) END AS unit_price_value,
    allowed_status.value AS allowed_status,
    allowed_currency.value AS allowed_currency,
    allowed_region.value AS allowed_region,
    allowed_payment_type.value AS allowed_payment_type
  FROM cleaned c
  LEFT JOIN (SELECT value FROM allowed_values WHERE dataset_name = 'order_line_exports' AND column_name = 'status') allowed_status
    ON allowed_status.value = c.status
  LEFT JOIN (SELECT value FROM allowed_values WHERE dataset_name = 'order_line_exports' AND column_name = 'currency') allowed_currency
    ON allowed_currency.value = c.currency
  LEFT JOIN (SELECT value FROM allowed_values WHERE dataset_name = 'order_line_exports' AND column_name = 'region') allowed_region
    ON allowed_region.value = c.region
  LEFT JOIN (SELECT value FROM allowed_values WHERE dataset_name = 'order_line_exports' AND column_name = 'payment_type') allowed_payment_type
    ON allowed_payment_type.value = c.payment_type
)
SELECT
  order_id,
  customer_id,
  status,
  currency,
  region,
  payment_type,
  created_at_value AS created_at,
  updated_at_value AS updated_at,
  line_number_value AS line_number,
  sku,
  quantity_value AS quantity,
  unit_price_value AS unit_price,
  _source_file AS source_file,
  _raw_record AS raw_record,
  CASE WHEN _malformed_reason IS NOT NULL THEN _malformed_reason ELSE NULLIF(concat_ws('; ',
    CASE WHEN instr(_raw_record, '�') > 0 THEN 'contains bytes that are not valid UTF-8' END,
    CASE WHEN _unexpected_columns <> '' THEN concat('unexpected columns: ', _unexpected_columns) END,
    CASE WHEN order_id IS NULL THEN 'order_id is missing' END,
    CASE WHEN customer_id IS NULL THEN 'customer_id is missing' END,
    CASE WHEN status IS NULL THEN 'status is missing' END,
    CASE WHEN status IS NOT NULL AND allowed_status IS NULL THEN concat('status is not an allowed value: ', status) END,
    CASE WHEN currency IS NULL THEN 'currency is missing' END,
    CASE WHEN currency IS NOT NULL AND allowed_currency IS NULL THEN concat('currency is not an allowed value: ', currency) END,
    CASE WHEN region IS NULL THEN 'region is missing' END,
    CASE WHEN region IS NOT NULL AND allowed_region IS NULL THEN concat('region is not an allowed value: ', region) END,
    CASE WHEN payment_type IS NULL THEN 'payment_type is missing' END,
    CASE WHEN payment_type IS NOT NULL AND allowed_payment_type IS NULL THEN concat('payment_type is not an allowed value: ', payment_type) END,
    CASE WHEN created_at IS NULL THEN 'created_at is missing' END,
    CASE WHEN created_at IS NOT NULL AND created_at_value IS NULL THEN concat('created_at is not a valid UTC timestamp: ', created_at) END,
    CASE WHEN updated_at IS NULL THEN 'updated_at is missing' END,
    CASE WHEN updated_at IS NOT NULL AND updated_at_value IS NULL THEN concat('updated_at is not a valid UTC timestamp: ', updated_at) END,
    CASE WHEN line_number IS NULL THEN 'line_number is missing' END,
    CASE WHEN line_number IS NOT NULL AND line_number_value IS NULL THEN concat('line_number is not an integer: ', line_number) END,
    CASE WHEN line_number_value < 1 THEN 'line_number must be at least 1' END,
    CASE WHEN sku IS NULL THEN 'sku is missing' END,
    CASE WHEN quantity IS NULL THEN 'quantity is missing' END,
    CASE WHEN quantity IS NOT NULL AND quantity_value IS NULL THEN concat('quantity is not an integer: ', quantity) END,
    CASE WHEN quantity_value < 1 THEN 'quantity must be at least 1' END,
    CASE WHEN unit_price IS NULL THEN 'unit_price is missing' END,
    CASE WHEN unit_price IS NOT NULL AND unit_price_value IS NULL THEN concat('unit_price is not a decimal with at most 2 places: ', unit_price) END,
    CASE WHEN unit_price_value < 0 THEN 'unit_price is negative' END,
    CASE WHEN CAST(quantity_value AS DECIMAL(22,2)) * unit_price_value >= 10000000000 THEN 'the line amount (quantity x unit_price) does not fit DECIMAL(12,2)' END,
    CASE WHEN octet_length(to_binary(order_id, 'utf-8')) > 256 THEN concat('order_id is ', CAST(octet_length(to_binary(order_id, 'utf-8')) AS STRING), ' bytes of UTF-8, over the 256 the warehouse stores') END,
    CASE WHEN octet_length(to_binary(customer_id, 'utf-8')) > 256 THEN concat('customer_id is ', CAST(octet_length(to_binary(customer_id, 'utf-8')) AS STRING), ' bytes of UTF-8, over the 256 the warehouse stores') END,
    CASE WHEN octet_length(to_binary(sku, 'utf-8')) > 256 THEN concat('sku is ', CAST(octet_length(to_binary(sku, 'utf-8')) AS STRING), ' bytes of UTF-8, over the 256 the warehouse stores') END
  ), '') END AS reject_reason
FROM typed
