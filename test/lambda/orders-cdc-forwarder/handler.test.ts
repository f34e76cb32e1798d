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

const KEY = 'key-from-secret';

beforeEach(() => {
  secretsMock.reset();
  secretsMock.on(GetSecretValueCommand, { SecretId: SECRET_ARN }).resolves({ SecretString: KEY });
  s3Mock.reset();
  s3Mock.on(PutObjectCommand).resolves({});
});

type SecretsModule = typeof import('@aws-sdk/client-secrets-manager');
type SecretsMock = typeof secretsMock;

/**
 * The handler as a new execution environment loads it, with no key read yet: its own copy of the module and of the
 * Secrets Manager SDK, whose key reads `answer` sets up. S3 is not called by the tests that use it.
 */
async function coldHandler(answer: (getSecretValue: ReturnType<SecretsMock['on']>) => void) {
  let cold!: { handler: typeof handler; secrets: SecretsMock; GetSecretValue: SecretsModule['GetSecretValueCommand'] };
  await jest.isolateModulesAsync(async () => {
    const sdk: SecretsModule = await import('@aws-sdk/client-secrets-manager');
    const secrets = mockClient(sdk.SecretsManagerClient);
    answer(secrets.on(sdk.GetSecretValueCommand));
    cold = { handler: (await import('../../../lambda/orders-cdc-forwarder/handler')).handler, secrets, GetSecretValue: sdk.GetSecretValueCommand };
  });
  return cold;
}

test('when the key cannot be read, the whole batch fails (Lambda retries it) and the next invocation reads it again', async () => {
  const cold = await coldHandler((getSecretValue) => getSecretValue
    .rejectsOnce(new Error('AccessDeniedException')).resolves({ SecretString: KEY }));
  const change = changeOf('INSERT', orderItem({}, 10));
  const before = await streamed();

  await expect(cold.handler(eventOf(change))).rejects.toThrow('AccessDeniedException');
  expect(await streamed()).toEqual(before);

  await expect(cold.handler(eventOf(change))).resolves.toEqual({ batchItemFailures: [] });
  expect((await streamed()).slice(before.length).map((c) => c.event_id)).toEqual([change.eventID]);
  expect(cold.secrets.commandCalls(cold.GetSecretValue)).toHaveLength(2);
});

test('the key is read once and then reused across invocations', async () => {
  const cold = await coldHandler((getSecretValue) => getSecretValue.resolves({ SecretString: KEY }));

  await cold.handler(eventOf(changeOf('INSERT', orderItem({}, 14))));
  await cold.handler(eventOf(changeOf('INSERT', orderItem({}, 15))));

  expect(cold.secrets.commandCalls(cold.GetSecretValue)).toHaveLength(1);
});

test('the handler forwards a batch to the stream named in its environment, masking with the secret key', async () => {
  const item = orderItem({}, 11);
  const change = changeOf('INSERT', item);

  const response = await handler(eventOf(change));

  expect(response).toEqual({ batchItemFailures: [] });
  const record = (await streamed()).find((c) => c.event_id === change.eventID) as { customer_email_hash?: string };
  expect(record.customer_email_hash).toBe(maskEmail(item.customer_email as string, KEY));
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

describe('what the on-call engineer sees of a batch', () => {
  let shared: typeof import('../../../lambda/shared/powertools');
  beforeAll(async () => {
    shared = await import('../../../lambda/shared/powertools');
  });
  afterEach(() => jest.restoreAllMocks());

  /** One change forwarded, one quarantined (an unknown status), one deleted by its key (its old image invalid). */
  const batch = () => eventOf(
    changeOf('INSERT', orderItem({}, 40)),
    changeOf('INSERT', orderItem({ status: 'ON_HOLD' }, 41)),
    changeOf('REMOVE', orderItem({ order_id: 'ORD-OLD-42', status: 'ON_HOLD' }, 42)),
  );

  test('the metrics count the batch; ChangesQuarantined (which alarms) counts every document written to the quarantine', async () => {
    const addMetric = jest.spyOn(shared.metrics, 'addMetric');
    await handler(batch());
    expect(addMetric.mock.calls).toEqual([['ChangesForwarded', 'Count', 2], ['ChangesQuarantined', 'Count', 2], ['ChangesRetried', 'Count', 0]]);
  });

  test('each quarantined change and each key-only delete is logged as an error, and the batch is summed up in one info line', async () => {
    const error = jest.spyOn(shared.logger, 'error');
    const info = jest.spyOn(shared.logger, 'info');
    await handler(batch());
    expect(error.mock.calls).toEqual([
      ['Change quarantined', expect.objectContaining({ reason: expect.stringContaining('status: "ON_HOLD" is not one of') })],
      ['Invalid old image quarantined, order deleted by its key', expect.objectContaining({ reason: expect.stringContaining('status: "ON_HOLD"') })],
    ]);
    expect(info.mock.calls).toEqual([['Batch forwarded', { received: 3, forwarded: 2, deletedByKey: 1, quarantined: 1, retried: 0 }]]);
  });

  test('a change to be retried is logged as a warning with its reason', async () => {
    s3Mock.on(PutObjectCommand).rejects(new Error('SlowDown'));
    const warn = jest.spyOn(shared.logger, 'warn');
    await handler(eventOf(changeOf('INSERT', orderItem({ status: 'ON_HOLD' }, 43))));
    expect(warn.mock.calls).toEqual([['Change to be retried', expect.objectContaining({ reason: expect.stringContaining('SlowDown') })]]);
  });
});
