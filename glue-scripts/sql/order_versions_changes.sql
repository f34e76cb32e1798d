-- Raw -> curated: the latest version of every order this run has a version of, ranked against the version curated
-- so far (view order_versions): the CDC records and the batch exports this run reads (one version per distinct order
-- header) and the curated version. A CDC record is placed in time by when the change happened (event_time), an export
-- by the order's updated_at; at the same instant CDC wins, then the higher sequence number, then the latest partition,
-- then the version read in this run (from_batch = 1). A REMOVE by a user makes the order removed (a tombstone that an
-- older version arriving later cannot undo); a REMOVE by the table's time to live is not a version at all, so an
-- expired order stays curated at its last version (REMOVAL_KINDS in lib/contracts/datasets/order-change.ts).
-- A key-only REMOVE (its old image failed the ORDER contract: ORDER_CHANGE.keyOnly) carries the order id and none of
-- the order's columns; its tombstone takes them from the order's latest version that has them (curated or read in this
-- run), so the order is deleted from the day it is in. An order never seen with its columns leaves them empty.
WITH new_versions AS (
  SELECT
    order_id, customer_id, upper(btrim(status, ' ')) AS status, upper(btrim(currency, ' ')) AS currency,
    upper(btrim(region, ' ')) AS region, upper(btrim(payment_type, ' ')) AS payment_type, created_at, updated_at,
    'CDC' AS version_source, event_time AS version_time, sequence_number, event_date AS source_partition,
    CASE WHEN operation = 'REMOVE' THEN TRUE ELSE FALSE END AS removed, 1 AS from_batch
  FROM raw_order_changes
  WHERE operation <> 'REMOVE' OR coalesce(removed_by, 'USER') <> 'TTL'
  UNION ALL
  SELECT DISTINCT
    order_id, customer_id, status, currency, region, payment_type, created_at, updated_at,
    'EXPORT' AS version_source, updated_at AS version_time, CAST(NULL AS STRING) AS sequence_number,
    ingest_date AS source_partition, FALSE AS removed, 1 AS from_batch
  FROM raw_order_line_exports
),
candidates AS (
  SELECT * FROM new_versions
  UNION ALL
  SELECT
    v.order_id, v.customer_id, v.status, v.currency, v.region, v.payment_type, v.created_at, v.updated_at,
    v.version_source, v.version_time, v.sequence_number, v.source_partition, v.removed, 0 AS from_batch
  FROM order_versions v
  WHERE v.order_id IN (SELECT order_id FROM new_versions)
),
ranked AS (
  SELECT
    c.*,
    ROW_NUMBER() OVER (
      PARTITION BY order_id
      ORDER BY version_time DESC, CASE WHEN version_source = 'CDC' THEN 1 ELSE 2 END ASC, length(sequence_number) DESC NULLS LAST,
        sequence_number DESC NULLS LAST, source_partition DESC, from_batch DESC
    ) AS version_rank,
    ROW_NUMBER() OVER (
      PARTITION BY order_id
      ORDER BY CASE WHEN created_at IS NULL THEN 1 ELSE 0 END ASC, version_time DESC,
        CASE WHEN version_source = 'CDC' THEN 1 ELSE 2 END ASC, length(sequence_number) DESC NULLS LAST,
        sequence_number DESC NULLS LAST, source_partition DESC, from_batch DESC
    ) AS described_rank
  FROM candidates c
)
SELECT
  w.order_id, coalesce(w.customer_id, d.customer_id) AS customer_id, coalesce(w.status, d.status) AS status,
  coalesce(w.currency, d.currency) AS currency, coalesce(w.region, d.region) AS region,
  coalesce(w.payment_type, d.payment_type) AS payment_type, coalesce(w.created_at, d.created_at) AS created_at,
  coalesce(w.updated_at, d.updated_at) AS updated_at, w.version_source, w.version_time, w.sequence_number,
  w.source_partition, w.removed, w.from_batch, CAST(coalesce(w.created_at, d.created_at) AS DATE) AS order_date
FROM ranked w
JOIN ranked d ON d.order_id = w.order_id AND d.described_rank = 1
WHERE w.version_rank = 1
