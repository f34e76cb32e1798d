import type { Duration } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { DataRetention } from './data-retention';
import type { LakeZone } from './lake-zone';

export interface OrdersCdcStreamProps {
  /** The orders table; its stream must carry new and old images, and its key must be set. */
  readonly table: dynamodb.ITableV2;
  /** The HMAC key that masks customer e-mails. */
  readonly emailHashKey: secretsmanager.ISecret;
  /** The lake zone that keeps changes the forwarder can never forward, whole, under QUARANTINED_CHANGES_PREFIX. */
  readonly quarantineZone: LakeZone;
  /** Kinesis capacity mode. */
  readonly streamMode: kinesis.StreamMode;
  /** Shards, used only in PROVISIONED mode. @default DEFAULT_SHARD_COUNT (1) */
  readonly shardCount?: number;
  /** How long Kinesis keeps records. */
  readonly streamRetention: Duration;
  /** How long the forwarder's logs are kept. */
  readonly logRetention: logs.RetentionDays;
  /** Whether the log group and the failure queue's key outlive the stack. @default DEFAULT_DATA_RETENTION ('retain') */
  readonly retention?: DataRetention;
  /** Stream records per forwarder invocation. @default DEFAULT_CDC_BATCH_SIZE (100) */
  readonly batchSize?: number;
  /** Retries of a failing batch before it goes to the on-failure queue. @default DEFAULT_CDC_RETRY_ATTEMPTS (3) */
  readonly retryAttempts?: number;
  /**
   * Records older than this go to the on-failure queue without further retries. Kept well under the 24 h DynamoDB
   * Streams retention, so a failed batch can still be replayed from the stream. @default DEFAULT_CDC_MAX_RECORD_AGE (6 hours)
   */
  readonly maxRecordAge?: Duration;
  /** CloudWatch namespace of the forwarder's metrics. @default DEFAULT_STREAMING_METRICS_NAMESPACE ('EcommercePipeline/Streaming') */
  readonly metricsNamespace?: string;
  /** Concurrent executions reserved for the forwarder. @default - none */
  readonly reservedConcurrency?: number;
}
