import type { Duration } from 'aws-cdk-lib';
import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';

/** A DynamoDB table whose stream a Lambda function reads. */
export interface TableStreamConsumer {
  readonly table: dynamodb.ITable;
  readonly consumer: lambda.IFunction;
}

/** Records a function set aside, whole and with the reason, because they can never be processed. */
export interface RejectedRecords {
  /** The function that sets them aside: the alarm is named after it. */
  readonly producer: lambda.IFunction;
  /** Their count; the alarm sums it over ALARM_PERIOD. */
  readonly metric: cloudwatch.Metric;
  /** Where they are kept, for whoever the alarm reaches. */
  readonly keptIn: string;
}

/**
 * The warehouse, by the metrics its kind publishes: a provisioned cluster its health and disk use (AWS/Redshift); a
 * Redshift Serverless workgroup the RPU-seconds it bills (AWS/Redshift-Serverless `ComputeSeconds`), alarmed when a
 * day uses more than its share of the monthly usage limit.
 */
export type WarehouseHealth =
  | { readonly kind: 'provisioned'; readonly clusterIdentifier: string }
  | { readonly kind: 'serverless'; readonly workgroupName: string; readonly monthlyRpuHoursLimit: number };

export interface PipelineAlarmsProps {
  /** Every alarm and Glue job event is sent here. */
  readonly topic: sns.ITopic;
  /** Batch pipeline: failed and timed-out executions. @default - no state machine alarms */
  readonly stateMachine?: sfn.IStateMachine;
  /** Glue jobs whose failure, timeout or error is sent to the topic. @default - none */
  readonly glueJobNames?: readonly string[];
  /** Functions alarmed on errors and throttles. @default - none */
  readonly functions?: readonly lambda.IFunction[];
  /** DynamoDB streams and the functions that read them: alarmed on the consumer's iterator age. @default - none */
  readonly tableStreams?: readonly TableStreamConsumer[];
  /** Kinesis streams alarmed on GetRecords iterator age. @default - none */
  readonly kinesisStreams?: readonly kinesis.IStream[];
  /** Firehose delivery streams to S3 alarmed on data freshness and failed deliveries. @default - none */
  readonly deliveryStreams?: readonly firehose.IDeliveryStream[];
  /** Records set aside by the pipeline's functions: any one alarms. @default - none */
  readonly rejectedRecords?: readonly RejectedRecords[];
  /** Dead-letter queues: any visible message alarms. @default - none */
  readonly deadLetterQueues?: readonly sqs.IQueue[];
  /** The warehouse, alarmed on the metrics of its kind. @default - no warehouse alarms */
  readonly warehouse?: WarehouseHealth;
  /** Iterator age (DynamoDB stream consumers, Kinesis) above which records count as late. @default DEFAULT_MAX_ITERATOR_AGE */
  readonly maxIteratorAge?: Duration;
  /** Age of the oldest record in Firehose above which delivery counts as stalled. @default DEFAULT_MAX_DATA_FRESHNESS */
  readonly maxDataFreshness?: Duration;
  /** Disk use (percent) of the warehouse above which it alarms. @default DEFAULT_MAX_WAREHOUSE_DISK_PERCENT */
  readonly maxWarehouseDiskPercent?: number;
}
