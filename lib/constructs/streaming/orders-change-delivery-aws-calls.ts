import { type AwsCall, awsArn, viaService } from '../../aws-call';
import { ORDER_CHANGE_PARTITION_KEY } from '../../contracts';
import { ORDER_CHANGES_ERROR_PREFIX, ORDER_CHANGES_PREFIX } from './orders-change-delivery-props';

/**
 * Every AWS call Firehose makes as the delivery role (orders-change-delivery.ts), as its documentation lists them for a
 * Kinesis source, a Lambda processor and an S3 destination: https://docs.aws.amazon.com/firehose/latest/dev/controlling-access.html.
 * Placeholders: `{stream}` is the ARN of the order change stream and `{streamKey}` of its key, `{processor}` the ARN of
 * the processor function, `{rawBucket}` the ARN of the raw zone and `{lakeKey}` of its key, `{logGroup}` and
 * `{logStream}` the names of the delivery log group and stream.
 */
export const ORDERS_CHANGE_DELIVERY_CALLS: readonly AwsCall[] = [
  ...['kinesis:DescribeStream', 'kinesis:ListShards', 'kinesis:GetShardIterator', 'kinesis:GetRecords'].map((action) => ({
    action, resource: '{stream}', why: 'Firehose reads its source stream',
  })),
  { action: 'kms:Decrypt', resource: '{streamKey}', context: viaService('kinesis'), why: 'Kinesis decrypts the records of the encrypted stream for the reader' },
  ...['lambda:InvokeFunction', 'lambda:GetFunctionConfiguration'].map((action) => ({
    action, resource: '{processor}:$LATEST', why: 'Firehose calls the processor by its qualified ARN, and reads its configuration',
  })),
  { action: 's3:GetBucketLocation', resource: '{rawBucket}', why: 'Firehose looks up the destination bucket\'s region' },
  ...[ORDER_CHANGES_PREFIX, ORDER_CHANGES_ERROR_PREFIX].flatMap((prefix) => {
    const object = `{rawBucket}/${prefix}${prefix === ORDER_CHANGES_PREFIX ? `${ORDER_CHANGE_PARTITION_KEY}=2025-01-31` : 'processing-failed/event_date=2025-01-31'}/delivery-1-2025-01-31-00-00-00-0123.gz`;
    return [
      { action: 's3:ListBucket', resource: '{rawBucket}', context: { 's3:prefix': prefix }, why: `Firehose lists ${prefix}` },
      ...['s3:PutObject', 's3:GetObject', 's3:AbortMultipartUpload'].map((action) => ({
        action, resource: object, why: `Firehose writes its GZIP objects (and multipart uploads) under ${prefix}`,
      })),
    ];
  }),
  ...['kms:GenerateDataKey', 'kms:Decrypt'].map((action) => ({
    action, resource: '{lakeKey}', context: viaService('s3'), why: 'S3 encrypts what Firehose writes with the lake key (SSE-KMS) as the writer',
  })),
  {
    action: 'logs:PutLogEvents', resource: awsArn('logs', 'log-group:{logGroup}:log-stream:{logStream}'),
    why: 'Firehose logs delivery errors to its log stream',
  },
];
