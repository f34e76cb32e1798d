-- Raw -> curated: the latest version of every order, from the CDC records and the batch exports (one version per
-- distinct order header). A CDC record is placed in time by when the change happened (event_time), an export by the
-- order's updated_at; at the same instant CDC wins, then the higher sequence number, then the latest partition.
-- An order whose latest version is a REMOVE is deleted: it is left out here, so from every curated table.
WITH versions AS (
  SELECT
    order_id, customer_id, upper(btrim(status, ' ')) AS status, upper(btrim(currency, ' ')) AS currency,
    upper(btrim(region, ' ')) AS region, upper(btrim(payment_type, ' ')) AS payment_type, created_at, updated_at,
    operation, event_time AS version_time, 1 AS source_rank, sequence_number, event_date AS source_partition
  FROM raw_order_changes
  UNION ALL
  SELECT DISTINCT
    order_id, customer_id, status, currency, region, payment_type, created_at, updated_at,
    'EXPORT' AS operation, updated_at AS version_time, 2 AS source_rank, CAST(NULL AS STRING) AS sequence_number,
    ingest_date AS source_partition
  FROM raw_order_line_exports
),
ranked AS (
  SELECT
    v.*,
    ROW_NUMBER() OVER (
      PARTITION BY order_id
      ORDER BY version_time DESC, source_rank ASC, length(sequence_number) DESC NULLS LAST,
        sequence_number DESC NULLS LAST, source_partition DESC
    ) AS version_rank
  FROM versions v
)
SELECT
  order_id, customer_id, status, currency, region, payment_type, created_at, updated_at,
  CASE WHEN source_rank = 1 THEN 'CDC' ELSE 'EXPORT' END AS version_source,
  sequence_number
FROM ranked
WHERE version_rank = 1 AND operation <> 'REMOVE'
