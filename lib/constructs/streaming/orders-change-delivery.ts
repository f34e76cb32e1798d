import { Duration, Size, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { CHANGE_RECORDS_FAILED_METRIC, PROCESSOR_SERVICE_NAME } from '../../../lambda/shared/streaming-metrics';
import { ORDER_CHANGE, ORDER_CHANGE_PARTITION_KEY } from '../../contracts';
import { glueColumns, gluePartitionKeys } from '../../contracts/glue-columns';
import { firehoseBufferIntervalSecondsRule, firehoseBufferSizeMiBRule } from '../../config/rules';
import { waiveControl } from '../private/control-tower-waiver';
import { checkProp } from '../private/prop-checks';
import { DEFAULT_DATA_RETENTION } from '../private/data-retention';
import { EncryptedLogGroup } from '../private/encrypted-log-group';
import { DEFAULT_STREAMING_METRICS_NAMESPACE } from './orders-cdc-stream';
import { ORDER_CHANGES_ERROR_PREFIX, ORDER_CHANGES_PREFIX, type OrdersChangeDeliveryProps } from './orders-change-delivery-props';
import { PipelineFunction } from '../private/pipeline-function';
import { acknowledgeWildcardResource } from '../private/wildcard-acknowledgement';

/** Processor batches: small enough that a response stays under Lambda's 6 MB payload limit. */
export const PROCESSOR_BUFFER_INTERVAL = Duration.seconds(60);
export const PROCESSOR_BUFFER_SIZE = Size.mebibytes(1);
/** First day partition projection lets Athena see. */
export const EVENT_DATE_PROJECTION_START = '2024-01-01';
/**
 * How the processor writes timestamps (UTC ISO 8601 with milliseconds, or microseconds when a value has them), for the
 * Hive JSON SerDe: Joda's `SSS` reads up to nine fractional digits
 * (https://www.joda.org/joda-time/apidocs/org/joda/time/format/DateTimeFormat.html).
 */
export const TIMESTAMP_FORMAT = "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'";

/**
 * Delivers order change records from Kinesis to the raw zone: Firehose with a Lambda processor that validates and
 * normalizes each record (invalid ones go under the error prefix, with the reason in the processor's log), dynamic
 * partitioning by event date, GZIP, buffering from configuration, and delivery logging. Its role may write only under
 * its own two prefixes. A Glue table (JSON, partition projection on the event date) makes the records queryable in
 * Athena as soon as they land.
 */
export class OrdersChangeDelivery extends Construct {
  public readonly deliveryStream: firehose.DeliveryStream;
  public readonly processor: PipelineFunction;
  public readonly table: glue.S3Table;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: OrdersChangeDeliveryProps) {
    super(scope, id);
    checkProp(this, 'bufferingInterval (seconds)', props.bufferingInterval.toSeconds(), firehoseBufferIntervalSecondsRule);
    checkProp(this, 'bufferingSize (MiB)', props.bufferingSize.toMebibytes(), firehoseBufferSizeMiBRule);
    const retention = props.retention ?? DEFAULT_DATA_RETENTION;
    const dataPrefix = props.dataPrefix ?? ORDER_CHANGES_PREFIX;
    const errorPrefix = props.errorPrefix ?? ORDER_CHANGES_ERROR_PREFIX;

    this.processor = new PipelineFunction(this, 'Processor', {
      entry: join(__dirname, '..', '..', '..', 'lambda', 'orders-change-processor', 'handler.ts'),
      description: 'Validates and normalizes order change records on their way to the raw zone',
      serviceName: PROCESSOR_SERVICE_NAME,
      metricsNamespace: props.metricsNamespace ?? DEFAULT_STREAMING_METRICS_NAMESPACE,
      logRetention: props.logRetention,
      retention,
      reservedConcurrency: props.reservedConcurrency,
    });
    waiveControl(this.processor.function, 'lambda_inside_vpc_check',
      'Firehose invokes it and it calls no other service: there is no network for it to be inside of.');
    this.logGroup = new EncryptedLogGroup(this, 'DeliveryLogs', {
      logGroupName: `/aws/kinesisfirehose/${Stack.of(this).stackName}/order-changes`,
      logRetention: props.logRetention,
      retention,
    }).logGroup;

    // The S3 destination would grant the role s3:GetObject*, s3:List*, s3:DeleteObject* on the whole bucket; it gets
    // an immutable view of the role instead, and the grants below name exact actions and prefixes.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('firehose.amazonaws.com'),
      description: 'Firehose: reads the order change stream, invokes the processor, writes under its raw-zone prefixes',
    });
    for (const prefix of [dataPrefix, errorPrefix]) {
      props.rawZone.grantWrite(this.role, prefix);
      props.rawZone.grantRead(this.role, prefix);
    }
    this.processor.function.grantInvoke(this.role);
    // Firehose also reads the processor's configuration: https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html#using-iam-s3
    this.role.addToPolicy(new iam.PolicyStatement({
      actions: ['lambda:GetFunctionConfiguration'],
      resources: [this.processor.function.functionArn, `${this.processor.function.functionArn}:*`],
    }));
    this.logGroup.grantWrite(this.role);
    acknowledgeWildcardResource(this.role, `${this.processor.function.functionArn}:*`,
      'Firehose invokes the processor by its qualified ARN ($LATEST); the wildcard covers versions of this one function.');

    this.deliveryStream = new firehose.DeliveryStream(this, 'DeliveryStream', {
      source: new firehose.KinesisStreamSource(props.source),
      role: this.role,
      destination: new firehose.S3Bucket(props.rawZone.bucket, {
        role: this.role.withoutPolicyUpdates(),
        processors: [new firehose.LambdaFunctionProcessor(this.processor.function, {
          bufferInterval: PROCESSOR_BUFFER_INTERVAL,
          bufferSize: PROCESSOR_BUFFER_SIZE,
        })],
        dynamicPartitioning: { enabled: true },
        dataOutputPrefix: `${dataPrefix}${ORDER_CHANGE_PARTITION_KEY}=!{partitionKeyFromLambda:${ORDER_CHANGE_PARTITION_KEY}}/`,
        errorOutputPrefix: `${errorPrefix}!{firehose:error-output-type}/${ORDER_CHANGE_PARTITION_KEY}=!{timestamp:yyyy-MM-dd}/`,
        compression: firehose.Compression.GZIP,
        bufferingInterval: props.bufferingInterval,
        bufferingSize: props.bufferingSize,
        encryptionKey: props.rawZone.encryptionKey,
        loggingConfig: new firehose.EnableLogging(this.logGroup),
      }),
    });
    Validations.of(this.deliveryStream).acknowledge({
      id: 'AwsSolutions-KDF1',
      reason: 'Firehose refuses server-side encryption when its source is a Kinesis stream; the source stream (KMS) and the raw zone (SSE-KMS) encrypt the data at rest.',
    });

    this.table = new glue.S3Table(this, 'Table', {
      database: props.database,
      tableName: ORDER_CHANGE.name,
      description: ORDER_CHANGE.description,
      columns: glueColumns(ORDER_CHANGE),
      partitionKeys: gluePartitionKeys(ORDER_CHANGE),
      dataFormat: new glue.DataFormat({
        inputFormat: glue.InputFormat.TEXT,
        outputFormat: glue.OutputFormat.HIVE_IGNORE_KEY_TEXT,
        serializationLibrary: glue.SerializationLibrary.HIVE_JSON,
        classificationString: glue.ClassificationString.JSON,
      }),
      compressed: true,
      storage: glue.S3TableStorage.fromBucket(props.rawZone.bucket),
      s3Prefix: dataPrefix,
      partitionProjection: {
        [ORDER_CHANGE_PARTITION_KEY]: glue.PartitionProjectionConfiguration.date({
          min: EVENT_DATE_PROJECTION_START,
          max: 'NOW',
          format: 'yyyy-MM-dd',
        }),
      },
    });
    (this.table.node.defaultChild as glue.CfnTable).addPropertyOverride(
      'TableInput.StorageDescriptor.SerdeInfo.Parameters',
      { 'timestamp.formats': TIMESTAMP_FORMAT },
    );
  }

  /** Records the processor marked ProcessingFailed (kept under the error prefix, with their data): any one needs a look. */
  public metricRecordsFailed(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.processor.customMetric(CHANGE_RECORDS_FAILED_METRIC, { statistic: cloudwatch.Stats.SUM, ...props });
  }
}
