-- Redshift streaming ingestion: a materialized view over the Kinesis stream of order changes, refreshed by Redshift
-- itself (seconds behind the stream). Applied only on stages with streaming ingestion switched on; the migrator fills
-- in the role and stream at deploy time.
CREATE EXTERNAL SCHEMA orders_stream FROM KINESIS IAM_ROLE '{{streaming_role_arn}}';

CREATE MATERIALIZED VIEW reporting.orders_live AUTO REFRESH YES AS
SELECT approximate_arrival_timestamp, partition_key, shard_id, sequence_number, refresh_time,
  JSON_PARSE(kinesis_data) AS change_event
FROM orders_stream."{{stream_name}}"
WHERE CAN_JSON_PARSE(kinesis_data);

GRANT SELECT ON reporting.orders_live TO GROUP bi_readers;
