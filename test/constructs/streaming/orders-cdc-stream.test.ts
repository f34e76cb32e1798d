import { Duration } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { QUARANTINED_CHANGES_PREFIX } from '../../../lambda/orders-cdc-forwarder/quarantined-change';
import { CHANGES_QUARANTINED_METRIC, FORWARDER_SERVICE_NAME } from '../../../lambda/shared/streaming-metrics';
import { DataLake } from '../../../lib/constructs/lake/data-lake';
import { EmailHashKey } from '../../../lib/constructs/streaming/email-hash-key';
import {
  DEFAULT_CDC_BATCH_SIZE, DEFAULT_CDC_MAX_RECORD_AGE, DEFAULT_CDC_RETRY_ATTEMPTS,
  DEFAULT_STREAMING_METRICS_NAMESPACE, FAILED_BATCHES_RETENTION, OrdersCdcStream,
} from '../../../lib/constructs/streaming/orders-cdc-stream';
import type { KinesisCapacity } from '../../../lib/config/rules';
import { PIPELINE_FUNCTION_RUNTIME } from '../../../lib/constructs/private/pipeline-function';
import { OrdersTable } from '../../../lib/constructs/streaming/orders-table';
import { newTestStack } from '../../support/pipeline-app';

function build(capacity: KinesisCapacity) {
  const stack = newTestStack();
  const orders = new OrdersTable(stack, 'Orders');
  const emailHashKey = new EmailHashKey(stack, 'EmailHashKey', { encryptionKey: orders.encryptionKey });
  const lake = new DataLake(stack, 'Lake');
  const cdc = new OrdersCdcStream(stack, 'Cdc', {
    table: orders.table,
    emailHashKey: emailHashKey.secret,
    quarantineZone: lake.quarantine,
    capacity,
    streamRetention: Duration.hours(48),
    logRetention: logs.RetentionDays.ONE_MONTH,
  });
  return { stack, orders, emailHashKey, lake, cdc };
}

const { stack, orders, emailHashKey, lake, cdc } = build({ mode: 'ON_DEMAND' });
const template = Template.fromStack(stack);
const resolve = (value: unknown) => stack.resolve(value);

describe('the Kinesis stream', () => {
  test('is encrypted with the construct\'s customer-managed key', () => {
    template.hasResourceProperties('AWS::Kinesis::Stream', {
      StreamEncryption: { EncryptionType: 'KMS', KeyId: resolve(cdc.encryptionKey.keyArn) },
    });
  });

  test('keeps records as long as configured', () => {
    template.hasResourceProperties('AWS::Kinesis::Stream', { RetentionPeriodHours: 48 });
  });

  test('on demand, it has no shard count', () => {
    template.hasResourceProperties('AWS::Kinesis::Stream', { StreamModeDetails: { StreamMode: 'ON_DEMAND' }, ShardCount: Match.absent() });
  });

  test('provisioned, it has the configured shards', () => {
    // Read from the resource itself: a second synthesis would cost seconds for two properties.
    const provisioned = build({ mode: 'PROVISIONED', shardCount: 3 });
    const resource = provisioned.cdc.stream.node.defaultChild as kinesis.CfnStream;
    expect(provisioned.stack.resolve([resource.streamModeDetails, resource.shardCount])).toEqual([{ streamMode: 'PROVISIONED' }, 3]);
  });
});

describe('the event source mapping', () => {
  test('reads the table stream from the oldest record, in bounded batches', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      EventSourceArn: resolve(orders.table.tableStreamArn),
      FunctionName: resolve(cdc.forwarder.function.functionName),
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 100,
      ParallelizationFactor: 1,
    });
  });

  test('retries only the failed records, bisects failing batches, and gives up after 3 retries or 6 hours, well within the stream\'s 24', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 6 * 3600,
    });
    expect([DEFAULT_CDC_BATCH_SIZE, DEFAULT_CDC_RETRY_ATTEMPTS, DEFAULT_CDC_MAX_RECORD_AGE.toHours()]).toEqual([100, 3, 6]);
  });

  test('sends what it gives up on to the failed-batches queue', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      DestinationConfig: { OnFailure: { Destination: resolve(cdc.failedBatches.queueArn) } },
    });
  });
});

test('the failed-batches queue is encrypted with the stream key, TLS-only, and keeps messages 14 days', () => {
  template.hasResourceProperties('AWS::SQS::Queue', {
    KmsMasterKeyId: resolve(cdc.encryptionKey.keyArn),
    MessageRetentionPeriod: 14 * 24 * 3600,
  });
  // 14 days, SQS's maximum: a batch given up on is there to replay long after the stream has dropped it.
  expect(FAILED_BATCHES_RETENTION.toDays()).toBe(14);
  template.hasResourceProperties('AWS::SQS::QueuePolicy', {
    PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
  });
});

describe('the forwarder function', () => {
  test('runs the latest Node.js on ARM64, reserving no concurrency unless told to', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: PIPELINE_FUNCTION_RUNTIME.name,
      Architectures: ['arm64'],
      ReservedConcurrentExecutions: Match.absent(),
      Environment: { Variables: Match.objectLike({
        STREAM_NAME: resolve(cdc.stream.streamName),
        EMAIL_HASH_KEY_SECRET_ARN: resolve(emailHashKey.secret.secretArn),
        QUARANTINE_BUCKET: resolve(lake.quarantine.bucket.bucketName),
      }) },
    });
  });

  test('logs JSON to its own log group, kept as configured', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'WARN', LogGroup: resolve(cdc.forwarder.logGroup.logGroupName) },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  test('may do exactly this and nothing more', () => {
    const policy = Object.values(template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [resolve(cdc.forwarder.role.roleName)] },
    }))[0];
    const grants = policy.Properties.PolicyDocument.Statement.map((s: { Action: string | string[]; Resource: unknown }) => [[s.Action].flat().sort(), s.Resource]);
    expect(grants).toEqual(expect.arrayContaining([
      [['kinesis:PutRecords'], resolve(cdc.stream.streamArn)],
      [['sqs:SendMessage'], resolve(cdc.failedBatches.queueArn)],
      // The stream key (Kinesis, SQS) and the lake key (the quarantine zone): one statement.
      [['kms:Decrypt', 'kms:GenerateDataKey'], [resolve(cdc.encryptionKey.keyArn), resolve(lake.key.keyArn)]],
      [['secretsmanager:GetSecretValue'], resolve(emailHashKey.secret.secretArn)],
      [['kms:Decrypt'], resolve(orders.encryptionKey.keyArn)],
      [['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams'], resolve(orders.table.tableStreamArn)],
      [['kms:Decrypt', 'kms:DescribeKey'], resolve(orders.encryptionKey.keyArn)],
      [['logs:CreateLogStream', 'logs:PutLogEvents'], resolve(cdc.forwarder.logGroup.logGroupArn)],
      [['s3:AbortMultipartUpload', 's3:PutObject'], resolve(lake.quarantine.bucket.arnForObjects(`${QUARANTINED_CHANGES_PREFIX}*`))],
    ]));
    expect(grants).toHaveLength(9);
  });

  test('counts quarantined changes in a metric of its namespace, by service', () => {
    expect(resolve(cdc.metricChangesQuarantined().toMetricConfig().metricStat)).toMatchObject({
      namespace: DEFAULT_STREAMING_METRICS_NAMESPACE,
      metricName: CHANGES_QUARANTINED_METRIC,
      dimensions: [{ name: 'service', value: FORWARDER_SERVICE_NAME }],
      statistic: 'Sum',
    });
  });

  test('has no managed policy (not even the basic execution role, which writes to any log group)', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })] }),
      ManagedPolicyArns: Match.absent(),
    });
  });
});

describe('OrdersCdcStream without optional props', () => {
  // Read from the construct tree: these two properties do not need a third synthesis in this file.
  const defaultsStack = newTestStack();
  const defaultsOrders = new OrdersTable(defaultsStack, 'Orders');
  const defaults = new OrdersCdcStream(defaultsStack, 'Cdc', {
    table: defaultsOrders.table,
    emailHashKey: new EmailHashKey(defaultsStack, 'EmailHashKey', { encryptionKey: defaultsOrders.encryptionKey }).secret,
    quarantineZone: new DataLake(defaultsStack, 'Lake').quarantine,
    capacity: { mode: 'ON_DEMAND' },
    streamRetention: Duration.hours(24),
    logRetention: logs.RetentionDays.ONE_WEEK,
  });

  test('the forwarder publishes its metrics under the default namespace', () => {
    const environment = defaultsStack.resolve((defaults.forwarder.function.node.defaultChild as lambda.CfnFunction).environment);
    expect(environment.variables.POWERTOOLS_METRICS_NAMESPACE).toBe(DEFAULT_STREAMING_METRICS_NAMESPACE);
  });
});
