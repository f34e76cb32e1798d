import { KinesisClient, PutRecordsCommand, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import { mockClient } from 'aws-sdk-client-mock';
import { entrySize, MAX_BYTES_PER_CALL, MAX_RECORD_BYTES, putRecordsWithRetry } from '../../../lambda/orders-cdc-forwarder/put-records';

/**
 * PutRecords takes at most 5 MiB per request "including partition keys", and 1 MiB per record, its key included
 * (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html). kinesalite does not check request
 * sizes, so the calls are counted at the client, one byte under, at and over each limit.
 */
const kinesisMock = mockClient(KinesisClient);
const client = new KinesisClient({ region: 'eu-west-1' });
let calls: PutRecordsRequestEntry[][];

beforeEach(() => {
  kinesisMock.reset();
  calls = [];
  kinesisMock.on(PutRecordsCommand).callsFake(({ Records }) => {
    calls.push(Records);
    return { FailedRecordCount: 0, Records: Records.map((_: unknown, i: number) => ({ SequenceNumber: `${i}`, ShardId: 'shardId-000000000000' })) };
  });
});
afterAll(() => kinesisMock.restore());

test('the limits are those of Kinesis: 5 MiB a call and 1 MiB a record', () => {
  expect([MAX_BYTES_PER_CALL, MAX_RECORD_BYTES]).toEqual([5 * 1024 * 1024, 1024 * 1024]);
});

test('an entry\'s size is its data plus its partition key in UTF-8 bytes', () => {
  expect(entrySize({ Data: Buffer.alloc(10), PartitionKey: 'ORD-é' })).toBe(10 + 6);
});

/** Eight entries of 640 KiB each (data and key), 5 MiB together, the last `delta` bytes longer. */
function fiveMiB(delta: number) {
  const key = (i: number) => `ORD-${String(i).padStart(4, '0')}`;
  return Array.from({ length: 8 }, (_, i) => ({
    item: i,
    entry: { PartitionKey: key(i), Data: Buffer.alloc(640 * 1024 - key(i).length + (i === 7 ? delta : 0), 'x') },
  }));
}
const bytesOf = (call: PutRecordsRequestEntry[]) => call.reduce((sum, entry) => sum + entrySize(entry), 0);

test.each([
  ['one byte under 5 MiB', -1, [8]],
  ['exactly 5 MiB', 0, [8]],
  ['one byte over 5 MiB', 1, [7, 1]],
])('a batch of %s, keys counted, is sent in calls within the limit', async (_case, delta, sizes) => {
  const outcome = await putRecordsWithRetry(client, 'stream', fiveMiB(delta));

  expect(outcome.failed).toEqual([]);
  expect(calls.map((call) => call.length)).toEqual(sizes);
  for (const call of calls) expect(bytesOf(call)).toBeLessThanOrEqual(5 * 1024 * 1024);
});

test('data of exactly 5 MiB is split once the partition keys are counted', async () => {
  const entries = fiveMiB(0).map(({ item, entry }) => ({ item, entry: { ...entry, Data: Buffer.alloc(640 * 1024, 'x') } }));

  await putRecordsWithRetry(client, 'stream', entries);

  expect(calls.map((call) => call.length)).toEqual([7, 1]);
});
