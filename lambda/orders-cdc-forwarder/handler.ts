import { KinesisClient } from '@aws-sdk/client-kinesis';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { logger, metrics } from '../shared/powertools';
import { forwardChanges } from './forward-changes';

const streamName = requireEnv('STREAM_NAME');
const emailKeySecretArn = requireEnv('EMAIL_HASH_KEY_SECRET_ARN');
// HTTP/1.1 is all PutRecords needs (the client's HTTP/2 default exists for SubscribeToShard).
const kinesis = new KinesisClient({ requestHandler: new NodeHttpHandler({ requestTimeout: 5000 }) });
const secrets = new SecretsManagerClient({});
let emailKey: Promise<string> | undefined;

/** DynamoDB Streams -> Kinesis: reports every record it could not forward as a batch item failure. */
export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  emailKey ??= loadEmailKey();
  const outcome = await forwardChanges(event.Records, { kinesis, streamName, emailKey: await emailKey.catch(forgetKey) });
  for (const rejected of outcome.rejected) logger.error('Change not forwarded', { ...rejected });
  logger.info('Batch forwarded', { received: outcome.received, forwarded: outcome.forwarded, rejected: outcome.rejected.length });
  metrics.addMetric('ChangesForwarded', MetricUnit.Count, outcome.forwarded);
  metrics.addMetric('ChangesRejected', MetricUnit.Count, outcome.rejected.length);
  metrics.publishStoredMetrics();
  return { batchItemFailures: outcome.rejected.map((r) => ({ itemIdentifier: r.sequenceNumber })) };
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
