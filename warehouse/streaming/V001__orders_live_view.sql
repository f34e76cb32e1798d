-- Redshift streaming ingestion: a materialized view over the Kinesis stream of order changes, refreshed by Redshift
-- itself (seconds behind the stream). Applied only on stages with streaming ingestion switched on; the migrator fills
-- in the role and stream at deploy time, and applies this file again whenever they change (a replaced stream or role),
-- so it first drops what it creates. The view then reads the new stream from its oldest record; what it held from the
-- old stream is also in the lake and the warehouse's batch tables.
DROP MATERIALIZED VIEW IF EXISTS reporting.orders_live;
DROP SCHEMA IF EXISTS orders_stream;

CREATE EXTERNAL SCHEMA orders_stream FROM KINESIS IAM_ROLE '{{streaming_role_arn}}';

-- The stream's name is lower case: Redshift folds identifiers to lower case, quoted ones too (streamNameForRedshift).
CREATE MATERIALIZED VIEW reporting.orders_live AUTO REFRESH YES AS
SELECT approximate_arrival_timestamp, partition_key, shard_id, sequence_number, refresh_time,
  JSON_PARSE(kinesis_data) AS change_event
FROM orders_stream."{{stream_name}}"
WHERE CAN_JSON_PARSE(kinesis_data);

GRANT SELECT ON reporting.orders_live TO GROUP bi_readers;
