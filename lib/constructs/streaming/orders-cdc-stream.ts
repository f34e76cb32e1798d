import { Duration, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { QUARANTINED_CHANGES_PREFIX } from '../../../lambda/orders-cdc-forwarder/quarantined-change';
import { CHANGES_QUARANTINED_METRIC, FORWARDER_SERVICE_NAME } from '../../../lambda/shared/streaming-metrics';
import { kinesisCapacityRule, kinesisRetentionHoursRule } from '../../config/rules';
import { waiveControl } from '../private/control-tower-waiver';
import { checkProp } from '../private/prop-checks';
import { DEFAULT_DATA_RETENTION, removalPolicyFor } from '../private/data-retention';
import { limitGrantsToAwsResources } from '../private/key-grants';
import { grantReadSecretOfAnotherStack } from '../private/secret-grants';
import type { OrdersCdcStreamProps } from './orders-cdc-stream-props';
import { PipelineFunction } from '../private/pipeline-function';

export const DEFAULT_CDC_BATCH_SIZE = 100;
export const DEFAULT_CDC_RETRY_ATTEMPTS = 3;
export const DEFAULT_CDC_MAX_RECORD_AGE = Duration.hours(6);
export const DEFAULT_STREAMING_METRICS_NAMESPACE = 'EcommercePipeline/Streaming';

/** The longest SQS keeps a message: time to replay what failed. */
export const FAILED_BATCHES_RETENTION = Duration.days(14);

/**
 * Change data capture for the orders table: the forwarder Lambda reads the table's stream (partial batch responses,
 * bisect on error, bounded retries and record age), normalizes, validates and masks each change, and writes it to an
 * encrypted Kinesis stream keyed by order id. A change that can never be forwarded is written whole, with the reason,
 * to the quarantine zone and counted (`metricChangesQuarantined`); batches that still fail for a passing reason land in
 * an encrypted SQS queue with their stream position, from which they can be replayed.
 */
export class OrdersCdcStream extends Construct {
  public readonly stream: kinesis.Stream;
  /** Encrypts the Kinesis stream and the failed-batches queue. */
  public readonly encryptionKey: kms.Key;
  public readonly forwarder: PipelineFunction;
  /** Where the event source mapping sends the position of batches it gave up on. */
  public readonly failedBatches: sqs.Queue;

  constructor(scope: Construct, id: string, props: OrdersCdcStreamProps) {
    super(scope, id);
    checkProp(this, 'capacity', props.capacity, kinesisCapacityRule);
    checkProp(this, 'streamRetention (hours)', props.streamRetention.toHours(), kinesisRetentionHoursRule);
    const retention = props.retention ?? DEFAULT_DATA_RETENTION;
    const metricsNamespace = props.metricsNamespace ?? DEFAULT_STREAMING_METRICS_NAMESPACE;

    this.encryptionKey = new kms.Key(this, 'Key', {
      description: 'Encrypts the order change stream and its failed-batches queue',
      enableKeyRotation: true,
      removalPolicy: removalPolicyFor(retention),
    });
    limitGrantsToAwsResources(this.encryptionKey);
    this.stream = new kinesis.Stream(this, 'Stream', {
      streamName: props.streamName,
      streamMode: kinesis.StreamMode[props.capacity.mode],
      shardCount: props.capacity.mode === 'PROVISIONED' ? props.capacity.shardCount : undefined,
      retentionPeriod: props.streamRetention,
      encryption: kinesis.StreamEncryption.KMS,
      encryptionKey: this.encryptionKey,
    });
    Validations.of(this.stream).acknowledge({
      id: 'AwsSolutions-KDS3',
      reason: 'A customer-managed key on purpose: its grants limit who can read order changes to the forwarder and Firehose, and it also encrypts the failed-batches queue.',
    });
    this.failedBatches = new sqs.Queue(this, 'FailedBatches', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.encryptionKey,
      enforceSSL: true,
      retentionPeriod: FAILED_BATCHES_RETENTION,
    });
    Validations.of(this.failedBatches).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter destination of the event source mapping; nothing consumes it automatically.',
    });
    waiveControl(this.failedBatches, 'sqs_dlq_check',
      'The event source mapping\'s on-failure destination, a dead-letter queue: nothing consumes it automatically, so it needs no dead-letter queue of its own.');

    this.forwarder = new PipelineFunction(this, 'Forwarder', {
      entry: join(__dirname, '..', '..', '..', 'lambda', 'orders-cdc-forwarder', 'handler.ts'),
      description: 'Forwards order changes from the DynamoDB stream to Kinesis, masked and validated',
      serviceName: FORWARDER_SERVICE_NAME,
      metricsNamespace,
      logRetention: props.logRetention,
      retention,
      reservedConcurrency: props.reservedConcurrency,
      environment: {
        STREAM_NAME: this.stream.streamName,
        EMAIL_HASH_KEY_SECRET_ARN: props.emailHashKey.secretArn,
        QUARANTINE_BUCKET: props.quarantineZone.bucket.bucketName,
      },
    });
    const fn = this.forwarder.function;
    waiveControl(fn, 'lambda_inside_vpc_check',
      'It reads the table\'s stream through its event source mapping and calls Kinesis, S3 and Secrets Manager, AWS APIs outside any VPC; inside one it would need NAT or an endpoint per service and AZ, and gain no boundary.');
    props.quarantineZone.grantWrite(fn, QUARANTINED_CHANGES_PREFIX);

    // Exact actions instead of stream.grantWrite / queue.grantSendMessages, which add kms:ReEncrypt* and kms:GenerateDataKey*.
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['kinesis:PutRecords'], resources: [this.stream.streamArn] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [this.failedBatches.queueArn] }));
    this.encryptionKey.grant(fn, 'kms:GenerateDataKey', 'kms:Decrypt');
    grantReadSecretOfAnotherStack(fn, props.emailHashKey);

    fn.addEventSource(new sources.DynamoEventSource(props.table, {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: props.batchSize ?? DEFAULT_CDC_BATCH_SIZE,
      reportBatchItemFailures: true,
      bisectBatchOnError: true,
      retryAttempts: props.retryAttempts ?? DEFAULT_CDC_RETRY_ATTEMPTS,
      maxRecordAge: props.maxRecordAge ?? DEFAULT_CDC_MAX_RECORD_AGE,
      // One batch per shard at a time: changes to one order reach Kinesis in stream order.
      parallelizationFactor: 1,
      // Not SqsDlq, whose grant adds kms:ReEncrypt* and kms:GenerateDataKey*; the exact grants are above.
      onFailure: { bind: () => ({ destination: this.failedBatches.queueArn }) },
    }));
  }

  /** Changes the forwarder quarantined (Powertools metrics carry the `service` dimension): any one needs a look. */
  public metricChangesQuarantined(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.forwarder.customMetric(CHANGES_QUARANTINED_METRIC, { statistic: cloudwatch.Stats.SUM, ...props });
  }
}
