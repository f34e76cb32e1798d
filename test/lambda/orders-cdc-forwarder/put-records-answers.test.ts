import { KinesisClient, PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { mockClient } from 'aws-sdk-client-mock';
import { entrySize, putRecordsWithRetry } from '../../../lambda/orders-cdc-forwarder/put-records';

/** Answers of Kinesis that put-records.test.ts does not script: none at all, and the sizes Kinesis counts. */
const kinesisMock = mockClient(KinesisClient);
const client = new KinesisClient({ region: 'eu-west-1' });
const noWait = { sleep: async () => undefined, random: () => 0 };

beforeEach(() => kinesisMock.reset());
afterAll(() => kinesisMock.restore());

test('an entry Kinesis gives no result for is retried, then returned with that reason, never counted as written', async () => {
  kinesisMock.on(PutRecordsCommand).resolves({});
  const outcome = await putRecordsWithRetry(client, 'changes', [{ item: 'a', entry: { Data: Buffer.from('{}'), PartitionKey: 'ORD-1' } }], noWait);
  expect(outcome).toEqual({ succeeded: [], failed: [{ item: 'a', reason: 'NoResult: Kinesis returned no result for this entry' }] });
  expect(kinesisMock.commandCalls(PutRecordsCommand)).toHaveLength(4);
});

test('a result without a sequence number is not a success', async () => {
  kinesisMock.on(PutRecordsCommand).resolves({ Records: [{ ErrorCode: 'InternalFailure' }] });
  const outcome = await putRecordsWithRetry(client, 'changes', [{ item: 'a', entry: { Data: Buffer.from('{}'), PartitionKey: 'k' } }],
    { ...noWait, retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } });
  expect(outcome.failed).toEqual([{ item: 'a', reason: 'InternalFailure: Kinesis returned no result for this entry' }]);
});

test('without a sleep of its own, a retry waits on the clock and still succeeds', async () => {
  kinesisMock.on(PutRecordsCommand).resolvesOnce({ Records: [{ ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'slow down' }] })
    .resolves({ Records: [{ SequenceNumber: '1', ShardId: 's' }] });
  const outcome = await putRecordsWithRetry(client, 'changes', [{ item: 'a', entry: { Data: Buffer.from('{}'), PartitionKey: 'k' } }],
    { retry: { maxAttempts: 2, baseDelayMs: 2, maxDelayMs: 2 } });
  expect(outcome).toEqual({ succeeded: ['a'], failed: [] });
});

test('Kinesis counts the data and the partition key, in UTF-8 bytes', () => {
  expect(entrySize({ Data: Buffer.from('{"a":1}'), PartitionKey: 'ORD-é' })).toBe(7 + 6);
  expect(entrySize({ Data: Buffer.from('xyz') })).toBe(3);
});

test('a batch Kinesis accepts at once is one call, with no wait', async () => {
  kinesisMock.on(PutRecordsCommand).resolves({ Records: [{ SequenceNumber: '1', ShardId: 's' }] });
  const sleep = jest.fn(async () => undefined);
  await putRecordsWithRetry(client, 'changes', [{ item: 'a', entry: { Data: Buffer.from('{}'), PartitionKey: 'k' } }], { sleep, random: () => 0.5 });
  expect(kinesisMock.commandCalls(PutRecordsCommand)).toHaveLength(1);
  expect(sleep).not.toHaveBeenCalled();
});

test('without a sleep of its own, a retry waits on the clock before calling again (backoff relieves a throttled shard)', async () => {
  jest.useFakeTimers();
  try {
    kinesisMock.on(PutRecordsCommand).resolvesOnce({ Records: [{ ErrorCode: 'ProvisionedThroughputExceededException', ErrorMessage: 'slow down' }] })
      .resolves({ Records: [{ SequenceNumber: '1', ShardId: 's' }] });
    const outcome = putRecordsWithRetry(client, 'changes', [{ item: 'a', entry: { Data: Buffer.from('{}'), PartitionKey: 'k' } }],
      { random: () => 0.5, retry: { maxAttempts: 2, baseDelayMs: 1000, maxDelayMs: 1000 } });
    await jest.advanceTimersByTimeAsync(499);
    expect(kinesisMock.commandCalls(PutRecordsCommand)).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(await outcome).toEqual({ succeeded: ['a'], failed: [] });
    expect(kinesisMock.commandCalls(PutRecordsCommand)).toHaveLength(2);
  } finally {
    jest.useRealTimers();
  }
});
