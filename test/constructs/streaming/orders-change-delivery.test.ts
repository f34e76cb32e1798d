import { Duration, Size } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ORDER_CHANGE } from '../../../lib/contracts';
import { DataLake } from '../../../lib/constructs/lake/data-lake';
import { LakeCatalog } from '../../../lib/constructs/lake/lake-catalog';
import {
  EVENT_DATE_PROJECTION_START, OrdersChangeDelivery, TIMESTAMP_FORMAT,
} from '../../../lib/constructs/streaming/orders-change-delivery';
import { ORDER_CHANGES_ERROR_PREFIX, ORDER_CHANGES_PREFIX } from '../../../lib/constructs/streaming/orders-change-delivery-props';
import { newTestStack } from '../../support/pipeline-app';
import { stageNames } from '../../../lib/constructs/private/stage-names';

const stack = newTestStack();
const lake = new DataLake(stack, 'Lake');
const catalog = new LakeCatalog(stack, 'Catalog', { lake, names: stageNames('test') });
const source = new kinesis.Stream(stack, 'Source', { encryption: kinesis.StreamEncryption.KMS });
const delivery = new OrdersChangeDelivery(stack, 'Delivery', {
  source,
  rawZone: lake.raw,
  database: catalog.rawDatabase,
  bufferingInterval: Duration.seconds(120),
  bufferingSize: Size.mebibytes(96),
  logRetention: logs.RetentionDays.ONE_WEEK,
});
const template = Template.fromStack(stack);
const resolve = (value: unknown) => stack.resolve(value);
const destination = (expected: Record<string, unknown>) =>
  template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', { ExtendedS3DestinationConfiguration: Match.objectLike(expected) });

describe('the delivery stream', () => {
  test('reads the order change stream', () => {
    template.hasResourceProperties('AWS::KinesisFirehose::DeliveryStream', {
      DeliveryStreamType: 'KinesisStreamAsSource',
      KinesisStreamSourceConfiguration: { KinesisStreamARN: resolve(source.streamArn), RoleARN: resolve(delivery.role.roleArn) },
    });
  });

  test('writes to the raw zone, encrypted with the lake key', () => {
    destination({
      BucketARN: resolve(lake.raw.bucket.bucketArn),
      EncryptionConfiguration: { KMSEncryptionConfig: { AWSKMSKeyARN: resolve(lake.key.keyArn) } },
    });
  });

  test('partitions records by the event date the processor assigns', () => {
    destination({
      DynamicPartitioningConfiguration: { Enabled: true },
      Prefix: `${ORDER_CHANGES_PREFIX}event_date=!{partitionKeyFromLambda:event_date}/`,
    });
  });

  test('puts failed records under the error prefix, by kind of failure', () => {
    destination({ ErrorOutputPrefix: `${ORDER_CHANGES_ERROR_PREFIX}!{firehose:error-output-type}/event_date=!{timestamp:yyyy-MM-dd}/` });
  });

  test('runs every record through the processor function', () => {
    destination({
      ProcessingConfiguration: {
        Enabled: true,
        Processors: [{
          Type: 'Lambda',
          Parameters: Match.arrayWith([{ ParameterName: 'LambdaArn', ParameterValue: resolve(delivery.processor.function.functionArn) }]),
        }],
      },
    });
  });

  test('compresses with GZIP and buffers as configured', () => {
    destination({ CompressionFormat: 'GZIP', BufferingHints: { IntervalInSeconds: 120, SizeInMBs: 96 } });
  });

  test('logs delivery errors to its own log group, encrypted with its own key', () => {
    destination({ CloudWatchLoggingOptions: Match.objectLike({ Enabled: true, LogGroupName: resolve(delivery.logGroup.logGroupName) }) });
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/aws/kinesisfirehose/Test/order-changes', RetentionInDays: 7, KmsKeyId: Match.anyValue(),
    });
  });
});

describe('the delivery role', () => {
  const statements = (): Array<{ Action: string | string[]; Resource: unknown; Condition?: unknown }> =>
    Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [resolve(delivery.role.roleName)] } }))
      .flatMap((p) => p.Properties.PolicyDocument.Statement);
  const s3Statements = () => statements().filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));

  test('may put and read objects only under its two prefixes, and never delete', () => {
    const objects = s3Statements().filter((s) => [s.Action].flat().includes('s3:PutObject'));
    expect(objects).toHaveLength(1);
    expect([objects[0].Action].flat().sort()).toEqual(['s3:AbortMultipartUpload', 's3:GetObject', 's3:PutObject']);
    expect(objects[0].Resource).toEqual(expect.arrayContaining([ORDER_CHANGES_PREFIX, ORDER_CHANGES_ERROR_PREFIX].map((prefix) => ({
      'Fn::Join': ['', [resolve(lake.raw.bucket.bucketArn), `/${prefix}*`]],
    }))));
    expect(JSON.stringify(statements())).not.toMatch(/s3:Delete|s3:\*|"s3:[A-Za-z]*\*"/);
  });

  test('may list the bucket only under its prefixes', () => {
    const lists = s3Statements().filter((s) => [s.Action].flat().includes('s3:ListBucket'));
    expect(lists.map((s) => s.Condition)).toEqual([
      { StringLike: { 's3:prefix': [`${ORDER_CHANGES_PREFIX}*`] } },
      { StringLike: { 's3:prefix': [`${ORDER_CHANGES_ERROR_PREFIX}*`] } },
    ]);
  });

  test('has no wildcard action on any key', () => {
    const kmsActions = statements().flatMap((s) => [s.Action].flat()).filter((a) => a.startsWith('kms:'));
    expect(kmsActions.filter((a) => a.includes('*'))).toEqual([]);
  });
});

describe('the Glue table', () => {
  const table = () => Object.values(template.findResources('AWS::Glue::Table'))[0].Properties.TableInput;

  test('is in the raw database, named after the dataset', () => {
    template.hasResourceProperties('AWS::Glue::Table', { DatabaseName: resolve(catalog.rawDatabase.databaseName), TableInput: Match.objectLike({ Name: ORDER_CHANGE.name }) });
  });

  test('has the ORDER_CHANGE columns, and event_date as partition key', () => {
    expect(table().StorageDescriptor.Columns.map((c: { Name: string }) => c.Name)).toEqual(ORDER_CHANGE.columns.map((c) => c.name));
    expect(table().PartitionKeys).toEqual([expect.objectContaining({ Name: 'event_date', Type: 'string' })]);
  });

  test('reads the GZIP JSON lines Firehose writes, with the processor\'s timestamp format', () => {
    template.hasResourceProperties('AWS::Glue::Table', {
      TableInput: Match.objectLike({
        StorageDescriptor: Match.objectLike({
          Location: { 'Fn::Join': ['', ['s3://', resolve(lake.raw.bucket.bucketName), `/${ORDER_CHANGES_PREFIX}`]] },
          Compressed: true,
          SerdeInfo: { SerializationLibrary: 'org.apache.hive.hcatalog.data.JsonSerDe', Parameters: { 'timestamp.formats': TIMESTAMP_FORMAT } },
        }),
      }),
    });
  });

  test('projects event-date partitions, so Athena sees new days without a crawler', () => {
    expect(table().Parameters).toMatchObject({
      'projection.enabled': 'true',
      'projection.event_date.type': 'date',
      'projection.event_date.format': 'yyyy-MM-dd',
      'projection.event_date.range': `${EVENT_DATE_PROJECTION_START},NOW`,
    });
  });
});
