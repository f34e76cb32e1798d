import { KinesisClient, PutRecordsCommand, ProvisionedThroughputExceededException } from '@aws-sdk/client-kinesis';
import { mockClient } from 'aws-sdk-client-mock';
import { DEFAULT_RETRY_POLICY, putRecordsWithRetry } from '../../../lambda/orders-cdc-forwarder/put-records';
import { forwardChanges } from '../../../lambda/orders-cdc-forwarder/forward-changes';
import { changeOf, orderItem } from '../../../local/order-stream-records';

// kinesalite never throttles or fails part of a call: these faults are simulated at the client. Call limits are
// tested against kinesalite in put-records-limits.test.ts.
const kinesisMock = mockClient(KinesisClient);
const client = new KinesisClient({ region: 'eu-west-1' });
const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ item: `record-${i}`, entry: { Data: Buffer.from(`{"n":${i}}`), PartitionKey: `ORD-${i}` } }));
const ok = (i: number) => ({ SequenceNumber: `seq-${i}`, ShardId: 'shardId-000000000000' });
const throttled = { ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'Rate exceeded for shard shardId-000000000000' };

let waits: number[];
const options = () => ({ sleep: async (ms: number) => void waits.push(ms), random: () => 1 });

beforeEach(() => {
  kinesisMock.reset();
  waits = [];
});

test('entries throttled in part of a batch are retried alone, and then succeed', async () => {
  kinesisMock.on(PutRecordsCommand)
    .resolvesOnce({ FailedRecordCount: 2, Records: [ok(0), throttled, ok(2), throttled] })
    .resolvesOnce({ FailedRecordCount: 0, Records: [ok(1), ok(3)] });

  const outcome = await putRecordsWithRetry(client, 'stream', entries(4), options());

  expect(outcome.failed).toEqual([]);
  expect(outcome.succeeded.sort()).toEqual(['record-0', 'record-1', 'record-2', 'record-3']);
  const retried = kinesisMock.commandCalls(PutRecordsCommand)[1].args[0].input.Records!.map((r) => r.PartitionKey);
  expect(retried).toEqual(['ORD-1', 'ORD-3']);
});

test('entries still throttled after the last attempt are returned with the error, never dropped', async () => {
  kinesisMock.on(PutRecordsCommand).callsFake(({ Records }) => ({
    FailedRecordCount: 1,
    Records: Records.map((_: unknown, i: number) => (i === 0 ? throttled : ok(i))),
  }));

  const outcome = await putRecordsWithRetry(client, 'stream', entries(3), options());

  expect(outcome.succeeded).toHaveLength(2);
  expect(outcome.failed).toEqual([{ item: 'record-0', reason: `${throttled.ErrorCode}: ${throttled.ErrorMessage}` }]);
  // Four calls: the first and three retries, within a second or so of backoff, well inside the function's timeout.
  expect(kinesisMock.commandCalls(PutRecordsCommand)).toHaveLength(4);
  expect(DEFAULT_RETRY_POLICY).toEqual({ maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2000 });
});

test('retries back off exponentially, capped', async () => {
  kinesisMock.on(PutRecordsCommand).resolves({ FailedRecordCount: 1, Records: [throttled] });

  await putRecordsWithRetry(client, 'stream', entries(1), { ...options(), retry: { maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 500 } });

  expect(waits).toEqual([100, 200, 400, 500, 500]);
});

test('a whole call that throws is retried', async () => {
  kinesisMock.on(PutRecordsCommand)
    .rejectsOnce(new ProvisionedThroughputExceededException({ message: 'slow down', $metadata: {} }))
    .resolves({ FailedRecordCount: 0, Records: [ok(0), ok(1)] });

  expect(await putRecordsWithRetry(client, 'stream', entries(2), options())).toEqual({ succeeded: ['record-0', 'record-1'], failed: [] });
});

test('a whole call that keeps throwing reports every entry with the error', async () => {
  kinesisMock.on(PutRecordsCommand).rejects(new Error('socket hang up'));

  const outcome = await putRecordsWithRetry(client, 'stream', entries(2), options());

  expect(outcome).toEqual({ succeeded: [], failed: [
    { item: 'record-0', reason: 'Error: socket hang up' }, { item: 'record-1', reason: 'Error: socket hang up' },
  ] });
});

test('through the forwarder, a change Kinesis keeps throttling becomes a batch item failure and the counts add up', async () => {
  kinesisMock.on(PutRecordsCommand).callsFake(({ Records }) => ({
    FailedRecordCount: 1,
    Records: Records.map((r: { PartitionKey: string }, i: number) => (r.PartitionKey === 'ORD-00000002' ? throttled : ok(i))),
  }));
  const records = [1, 2, 3].map((n) => changeOf('INSERT', orderItem({}, n)));

  const quarantine = async () => { throw new Error('nothing here is invalid'); };
  const outcome = await forwardChanges(records, { kinesis: client, streamName: 'stream', emailKey: 'k', putOptions: options(), quarantine });

  expect(outcome.forwarded).toBe(2);
  expect(outcome.retried).toEqual([expect.objectContaining({
    sequenceNumber: records[1].dynamodb!.SequenceNumber,
    reason: expect.stringMatching(/^Kinesis rejected it after retries: ProvisionedThroughputExceededException/),
  })]);
});
