import { KinesisClient } from '@aws-sdk/client-kinesis';
import { S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger, metrics } from '../shared/powertools';
import { CHANGES_QUARANTINED_METRIC } from '../shared/streaming-metrics';
import { forwardChanges } from './forward-changes';
import { s3Quarantine } from './s3-quarantine';

const streamName = requireEnv('STREAM_NAME');
const emailKeySecretArn = requireEnv('EMAIL_HASH_KEY_SECRET_ARN');
const quarantine = s3Quarantine(new S3Client({}), requireEnv('QUARANTINE_BUCKET'));
// HTTP/1.1 is all PutRecords needs (the client's HTTP/2 default exists for SubscribeToShard).
const kinesis = new KinesisClient({ requestHandler: new NodeHttpHandler({ requestTimeout: 5000 }) });
const secrets = new SecretsManagerClient({});
let emailKey: Promise<string> | undefined;

/**
 * DynamoDB Streams -> Kinesis. A change that can never be forwarded is quarantined with its reason and reported as
 * handled; only changes that failed for a passing reason are batch item failures, which Lambda retries (checkpointing
 * at the lowest one: https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html).
 */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  emailKey ??= loadEmailKey();
  const outcome = await forwardChanges(event.Records, { kinesis, streamName, emailKey: await emailKey.catch(forgetKey), quarantine });
  for (const change of outcome.quarantined) logger.error('Change quarantined', { ...change });
  for (const change of outcome.deletedByKey) logger.error('Invalid old image quarantined, order deleted by its key', { ...change });
  for (const change of outcome.retried) logger.warn('Change to be retried', { ...change });
  logger.info('Batch forwarded', {
    received: outcome.received, forwarded: outcome.forwarded, deletedByKey: outcome.deletedByKey.length,
    quarantined: outcome.quarantined.length, retried: outcome.retried.length,
  });
  metrics.addMetric('ChangesForwarded', MetricUnit.Count, outcome.forwarded);
  // Every document written to the quarantine alarms: a key-only delete's invalid image needs a look too.
  metrics.addMetric(CHANGES_QUARANTINED_METRIC, MetricUnit.Count, outcome.quarantined.length + outcome.deletedByKey.length);
  metrics.addMetric('ChangesRetried', MetricUnit.Count, outcome.retried.length);
  metrics.publishStoredMetrics();
  return { batchItemFailures: outcome.retried.map((r) => ({ itemIdentifier: r.sequenceNumber })) };
}

async function loadEmailKey(): Promise<string> {
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: emailKeySecretArn }));
  if (!secret.SecretString) throw new Error(`Secret ${emailKeySecretArn} has no string value`);
  return secret.SecretString;
}

/** A failed key load is retried on the next invocation (the whole batch fails and Lambda retries it). */
function forgetKey(error: unknown): never {
  emailKey = undefined;
  throw error;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Environment variable ${name} is not set`);
  return value;
}
