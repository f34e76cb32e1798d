import type { Duration, Size } from 'aws-cdk-lib';
import type * as glue from 'aws-cdk-lib/aws-glue';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { DataRetention } from '../private/data-retention';
import type { LakeZone } from '../lake/lake-zone';
import { ORDER_CHANGE } from '../../contracts';

// The raw zone's layout of order changes, here rather than beside the construct: the local pipeline writes the same
// layout, and must not load aws-cdk-lib to learn it.
export const ORDER_CHANGES_PREFIX = `${ORDER_CHANGE.name}/`;
export const ORDER_CHANGES_ERROR_PREFIX = `errors/${ORDER_CHANGE.name}/`;

export interface OrdersChangeDeliveryProps {
  /** The order change stream Firehose reads. */
  readonly source: kinesis.IStream;
  /** The lake zone the change records land in. */
  readonly rawZone: LakeZone;
  /** The Glue database of that zone; the table describing the records is created in it. */
  readonly database: glue.IDatabase;
  /** How long Firehose buffers before writing: 1 s to 900 s (no zero buffering with dynamic partitioning). */
  readonly bufferingInterval: Duration;
  /** How much Firehose buffers before writing (64 MiB to 128 MiB with dynamic partitioning). */
  readonly bufferingSize: Size;
  /** How long the processor's and the delivery's logs are kept. */
  readonly logRetention: logs.RetentionDays;
  /** Whether the log groups outlive the stack. @default DEFAULT_DATA_RETENTION ('retain') */
  readonly retention?: DataRetention;
  /** Where valid records land, partitioned by event date. @default ORDER_CHANGES_PREFIX ('order_changes/') */
  readonly dataPrefix?: string;
  /** Where records that failed processing or delivery land. @default ORDER_CHANGES_ERROR_PREFIX ('errors/order_changes/') */
  readonly errorPrefix?: string;
  /** CloudWatch namespace of the processor's metrics. @default DEFAULT_STREAMING_METRICS_NAMESPACE ('EcommercePipeline/Streaming') */
  readonly metricsNamespace?: string;
  /** Concurrent executions reserved for the processor. @default - none */
  readonly reservedConcurrency?: number;
}
