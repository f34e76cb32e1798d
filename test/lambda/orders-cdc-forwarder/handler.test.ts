import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { maskEmail } from '../../../lambda/orders-cdc-forwarder/email-mask';
import { QUARANTINED_CHANGES_PREFIX } from '../../../lambda/orders-cdc-forwarder/quarantined-change';
import { changeOf, orderItem } from '../../../local/order-stream-records';
import { LOCAL_CREDENTIALS, LOCAL_REGION, type LocalKinesis, startLocalKinesis } from '../../../local/local-kinesis';

// No local Secrets Manager or S3 exists here; they are answered by mocks. Kinesis is a real (local) kinesalite.
const secretsMock = mockClient(SecretsManagerClient);
const s3Mock = mockClient(S3Client);
const STREAM = 'order-changes';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:email-hash-key';
const QUARANTINE_BUCKET = 'quarantine-zone';
let kinesis: LocalKinesis;
let handler: typeof import('../../../lambda/orders-cdc-forwarder/handler').handler;
const saved = { ...process.env };

beforeAll(async () => {
  kinesis = await startLocalKinesis();
  await kinesis.createStream(STREAM);
  Object.assign(process.env, {
    STREAM_NAME: STREAM,
    EMAIL_HASH_KEY_SECRET_ARN: SECRET_ARN,
    QUARANTINE_BUCKET,
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
/** Every change record on the stream so far, by event id. */
const streamed = async () => (await kinesis.readRecords(STREAM)).map((r) => JSON.parse(r.data) as { event_id: string });

beforeEach(() => {
  s3Mock.reset();
  s3Mock.on(PutObjectCommand).resolves({});
});

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

test('one invalid change among good ones: the good ones are forwarded exactly once, the bad one is quarantined whole, nothing is retried', async () => {
  const good = [21, 22, 23].map((n) => changeOf('INSERT', orderItem({}, n)));
  const bad = changeOf('MODIFY', orderItem({ region: 'MARS' }, 12));
  const before = await streamed();

  const response = await handler(eventOf(good[0], bad, good[1], good[2]));

  // An empty list is a complete success: Lambda retries nothing (https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-batchfailurereporting.html).
  expect(response).toEqual({ batchItemFailures: [] });
  expect((await streamed()).slice(before.length).map((c) => c.event_id)).toEqual(good.map((r) => r.eventID));
  const puts = s3Mock.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
  expect(puts).toEqual([expect.objectContaining({ Bucket: QUARANTINE_BUCKET, Key: expect.stringMatching(`^${QUARANTINED_CHANGES_PREFIX}ingest_date=`) })]);
  const document = JSON.parse(puts[0].Body as string);
  expect(JSON.parse(document.raw_record)).toEqual(bad);
  expect(document.reason).toContain('region: "MARS" is not one of');
});

test('a change the quarantine cannot take is returned as a batch item failure, for Lambda to retry', async () => {
  s3Mock.on(PutObjectCommand).rejects(Object.assign(new Error('Service Unavailable'), { name: 'ServiceUnavailable' }));
  const bad = changeOf('MODIFY', orderItem({ region: 'MARS' }, 24));

  const response = await handler(eventOf(changeOf('INSERT', orderItem({}, 25)), bad));

  expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: bad.dynamodb!.SequenceNumber }] });
});

test('the key is read once and then reused across invocations', async () => {
  const calls = secretsMock.commandCalls(GetSecretValueCommand).length;
  await handler(eventOf(changeOf('INSERT', orderItem({}, 14))));
  expect(secretsMock.commandCalls(GetSecretValueCommand)).toHaveLength(calls);
});
