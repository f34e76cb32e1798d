-- Landing -> raw: validates clickstream events (JSON Lines). One row out per row in: the typed contract columns and
-- reject_reason, NULL when the row is valid, else every problem found (the job quarantines those rows). Text longer than
-- the warehouse stores (VARCHAR(256) counts UTF-8 bytes: lib/contracts/redshift-types.ts maxBytesOf) is rejected here.
WITH cleaned AS (
  SELECT
    NULLIF(btrim(event_id, ' '), '') AS event_id,
    NULLIF(btrim(session_id, ' '), '') AS session_id,
    NULLIF(btrim(customer_id, ' '), '') AS customer_id,
    upper(NULLIF(btrim(event_type, ' '), '')) AS event_type,
    NULLIF(btrim(sku, ' '), '') AS sku,
    NULLIF(btrim(page_url, ' '), '') AS page_url,
    upper(NULLIF(btrim(device, ' '), '')) AS device,
    NULLIF(btrim(event_time, ' '), '') AS event_time,
    _source_file,
    _raw_record,
    _unexpected_columns,
    _malformed_reason
  FROM landing_clickstream
),
typed AS (
  SELECT
    c.*,
    CASE WHEN regexp_like(event_time, '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{1,6})?Z?$')
      THEN TRY_CAST(event_time AS TIMESTAMP) END AS event_time_value,
    allowed_event_type.value AS allowed_event_type,
    allowed_device.value AS allowed_device
  FROM cleaned c
  LEFT JOIN (SELECT value FROM allowed_values WHERE dataset_name = 'clickstream' AND column_name = 'event_type') allowed_event_type
    ON allowed_event_type.value = c.event_type
  LEFT JOIN (SELECT value FROM allowed_values WHERE dataset_name = 'clickstream' AND column_name = 'device') allowed_device
    ON allowed_device.value = c.device
)
SELECT
  event_id,
  session_id,
  customer_id,
  event_type,
  sku,
  page_url,
  device,
  event_time_value AS event_time,
  _source_file AS source_file,
  _raw_record AS raw_record,
  CASE WHEN _malformed_reason IS NOT NULL THEN _malformed_reason ELSE NULLIF(concat_ws('; ',
    CASE WHEN instr(_raw_record, '�') > 0 THEN 'contains bytes that are not valid UTF-8' END,
    CASE WHEN _unexpected_columns <> '' THEN concat('unexpected columns: ', _unexpected_columns) END,
    CASE WHEN event_id IS NULL THEN 'event_id is missing' END,
    CASE WHEN session_id IS NULL THEN 'session_id is missing' END,
    CASE WHEN event_type IS NULL THEN 'event_type is missing' END,
    CASE WHEN event_type IS NOT NULL AND allowed_event_type IS NULL THEN concat('event_type is not an allowed value: ', event_type) END,
    CASE WHEN page_url IS NULL THEN 'page_url is missing' END,
    CASE WHEN device IS NULL THEN 'device is missing' END,
    CASE WHEN device IS NOT NULL AND allowed_device IS NULL THEN concat('device is not an allowed value: ', device) END,
    CASE WHEN event_time IS NULL THEN 'event_time is missing' END,
    CASE WHEN event_time IS NOT NULL AND event_time_value IS NULL THEN concat('event_time is not a valid UTC timestamp: ', event_time) END,
    CASE WHEN octet_length(to_binary(event_id, 'utf-8')) > 256 THEN concat('event_id is ', CAST(octet_length(to_binary(event_id, 'utf-8')) AS STRING), ' bytes of UTF-8, over the 256 the warehouse stores') END,
    CASE WHEN octet_length(to_binary(session_id, 'utf-8')) > 256 THEN concat('session_id is ', CAST(octet_length(to_binary(session_id, 'utf-8')) AS STRING), ' bytes of UTF-8, over the 256 the warehouse stores') END,
    CASE WHEN octet_length(to_binary(customer_id, 'utf-8')) > 256 THEN concat('customer_id is ', CAST(octet_length(to_binary(customer_id, 'utf-8')) AS STRING), ' bytes of UTF-8, over the 256 the warehouse stores') END,
    CASE WHEN octet_length(to_binary(sku, 'utf-8')) > 256 THEN concat('sku is ', CAST(octet_length(to_binary(sku, 'utf-8')) AS STRING), ' bytes of UTF-8, over the 256 the warehouse stores') END,
    CASE WHEN octet_length(to_binary(page_url, 'utf-8')) > 256 THEN concat('page_url is ', CAST(octet_length(to_binary(page_url, 'utf-8')) AS STRING), ' bytes of UTF-8, over the 256 the warehouse stores') END
  ), '') END AS reject_reason
FROM typed
