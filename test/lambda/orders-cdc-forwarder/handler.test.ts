import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { maskEmail } from '../../../lambda/orders-cdc-forwarder/email-mask';
import { changeOf, orderItem } from '../../../lib/local/order-stream-records';
import { LOCAL_CREDENTIALS, LOCAL_REGION, type LocalKinesis, startLocalKinesis } from '../../../lib/local/local-kinesis';

// No local Secrets Manager exists; the secret is answered by a mock. Kinesis is a real (local) kinesalite.
const secretsMock = mockClient(SecretsManagerClient);
const STREAM = 'order-changes';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:email-hash-key';
let kinesis: LocalKinesis;
let handler: typeof import('../../../lambda/orders-cdc-forwarder/handler').handler;
const saved = { ...process.env };

beforeAll(async () => {
  kinesis = await startLocalKinesis();
  await kinesis.createStream(STREAM);
  Object.assign(process.env, {
    STREAM_NAME: STREAM,
    EMAIL_HASH_KEY_SECRET_ARN: SECRET_ARN,
    AWS_ENDPOINT_URL_KINESIS: kinesis.endpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    POWERTOOLS_SERVICE_NAME: 'orders-cdc-forwarder',
    POWERTOOLS_METRICS_NAMESPACE: 'Test',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
  });
  ({ handler } = await import('../../../lambda/orders-cdc-forwarder/handler'));
});
afterAll(async () => {
  process.env = saved;
  await kinesis.stop();
});

const eventOf = (...records: DynamoDBStreamEvent['Records']): DynamoDBStreamEvent => ({ Records: records });

// In order: the key is loaded by the first invocation that succeeds, and kept.
test('when the key cannot be read, the whole batch fails (Lambda retries it) and the next invocation reads it again', async () => {
  secretsMock.on(GetSecretValueCommand).rejectsOnce(new Error('AccessDeniedException'));

  await expect(handler(eventOf(changeOf('INSERT', orderItem({}, 10))))).rejects.toThrow('AccessDeniedException');
  expect(await kinesis.readRecords(STREAM)).toEqual([]);
});

test('the handler forwards a batch to the stream named in its environment, masking with the secret key', async () => {
  secretsMock.on(GetSecretValueCommand, { SecretId: SECRET_ARN }).resolves({ SecretString: 'key-from-secret' });
  const item = orderItem({}, 11);

  const response = await handler(eventOf(changeOf('INSERT', item)));

  expect(response).toEqual({ batchItemFailures: [] });
  const [record] = await kinesis.readRecords(STREAM);
  expect(JSON.parse(record.data).customer_email_hash).toBe(maskEmail(item.customer_email as string, 'key-from-secret'));
});

test('the handler returns the sequence number of each record it could not forward', async () => {
  const bad = changeOf('MODIFY', orderItem({ region: 'MARS' }, 12));

  const response = await handler(eventOf(changeOf('INSERT', orderItem({}, 13)), bad));

  expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: bad.dynamodb!.SequenceNumber }] });
});

test('the key is read once and then reused across invocations', async () => {
  const calls = secretsMock.commandCalls(GetSecretValueCommand).length;
  await handler(eventOf(changeOf('INSERT', orderItem({}, 14))));
  expect(secretsMock.commandCalls(GetSecretValueCommand)).toHaveLength(calls);
});
