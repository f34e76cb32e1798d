import { type AwsCall, awsArn, viaService } from '../../lib/aws-call';
import { QUARANTINED_CHANGES_PREFIX } from './quarantined-change';

/**
 * Every AWS call made as the forwarder's role (lib/constructs/streaming/orders-cdc-stream.ts): by the handler, and by Lambda's
 * event source mapping and log delivery. Placeholders: `{stream}`, `{failedBatches}`, `{tableStream}`, `{secret}` are
 * ARNs of the order change stream, the failed-batches queue, the orders table's stream and the e-mail hash key;
 * `{streamKey}`, `{tableKey}` the ARNs of the keys that encrypt the first two and the last two; `{quarantineBucket}` the
 * ARN of the quarantine zone and `{lakeKey}` of its key; `{logGroup}` the name of the function's log group. Only the test
 * reads this file; the handler must not import it.
 */
export const ORDERS_CDC_FORWARDER_CALLS: readonly AwsCall[] = [
  { action: 'kinesis:PutRecords', resource: '{stream}', why: 'put-records.ts sends each batch with PutRecordsCommand' },
  {
    action: 'kms:GenerateDataKey', resource: '{streamKey}', context: viaService('kinesis'),
    why: 'Kinesis encrypts the records put into the KMS-encrypted stream with a data key generated as the producer',
  },
  {
    action: 's3:PutObject', resource: `{quarantineBucket}/${QUARANTINED_CHANGES_PREFIX}ingest_date=2025-01-31/c4ca4238a0b923820dcc509a6f75849b.json`,
    why: 's3-quarantine.ts writes each change it can never forward, whole, with PutObjectCommand',
  },
  {
    action: 'kms:GenerateDataKey', resource: '{lakeKey}', context: viaService('s3'),
    why: 'S3 encrypts the quarantined change with the lake key (SSE-KMS, the bucket default) as the writer',
  },
  { action: 'secretsmanager:GetSecretValue', resource: '{secret}', why: 'handler.ts loads the e-mail hash key (GetSecretValueCommand)' },
  {
    action: 'kms:Decrypt', resource: '{tableKey}', context: viaService('secretsmanager'),
    why: 'Secrets Manager decrypts the e-mail hash key, encrypted with the orders key, as the caller',
  },
  ...['dynamodb:DescribeStream', 'dynamodb:GetShardIterator', 'dynamodb:GetRecords'].map((action) => ({
    action, resource: '{tableStream}', why: 'the event source mapping reads the orders table stream as the function role',
  })),
  {
    action: 'kms:Decrypt', resource: '{tableKey}', context: viaService('dynamodb'),
    why: 'records of the stream of a table encrypted with a customer-managed key are decrypted as the reader',
  },
  { action: 'sqs:SendMessage', resource: '{failedBatches}', why: 'the event source mapping sends batches it gave up on to its on-failure queue' },
  ...['kms:GenerateDataKey', 'kms:Decrypt'].map((action) => ({
    action, resource: '{streamKey}', context: viaService('sqs'),
    why: 'SQS encrypts messages sent to the KMS-encrypted failed-batches queue as the sender',
  })),
  ...['logs:CreateLogStream', 'logs:PutLogEvents'].map((action) => ({
    action, resource: awsArn('logs', 'log-group:{logGroup}:log-stream:2025/01/31/[$LATEST]0123456789abcdef'),
    why: 'Lambda writes the function\'s logs to its log group as the function role',
  })),
];
