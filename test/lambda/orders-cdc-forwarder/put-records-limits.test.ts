import { PutRecordsCommand } from '@aws-sdk/client-kinesis';
import { MAX_BYTES_PER_CALL, MAX_RECORDS_PER_CALL, putRecordsWithRetry } from '../../../lambda/orders-cdc-forwarder/put-records';
import { type LocalKinesis, startLocalKinesis } from '../../../local/local-kinesis';

/** The call limits of PutRecords, against a real local Kinesis (kinesalite), which refuses calls over them. */
let kinesis: LocalKinesis;
let streams = 0;
let callSizes: number[];

beforeAll(async () => {
  kinesis = await startLocalKinesis();
  const send = kinesis.client.send.bind(kinesis.client);
  // Counts the records of each call the code makes, then lets kinesalite answer it.
  kinesis.client.send = ((command: PutRecordsCommand) => {
    if (command instanceof PutRecordsCommand) callSizes.push(command.input.Records!.length);
    return send(command);
  }) as typeof kinesis.client.send;
});
afterAll(async () => kinesis.stop());
beforeEach(() => {
  callSizes = [];
});

async function freshStream(): Promise<string> {
  const name = `limits-${++streams}`;
  await kinesis.createStream(name, 4);
  return name;
}

const entries = (n: number, bytes: number) => Array.from({ length: n }, (_, i) => ({
  item: i,
  entry: { Data: Buffer.alloc(bytes, 'x'), PartitionKey: `ORD-${i}` },
}));

test('kinesalite refuses a call of more than 500 records, as Kinesis does (the limit is real)', async () => {
  const streamName = await freshStream();
  await expect(kinesis.client.send(new PutRecordsCommand({
    StreamName: streamName, Records: entries(MAX_RECORDS_PER_CALL + 1, 10).map((e) => e.entry),
  }))).rejects.toThrow(/500/);
});

test('a batch over 500 records is split into calls within the limit, and every record lands', async () => {
  const streamName = await freshStream();

  const outcome = await putRecordsWithRetry(kinesis.client, streamName, entries(MAX_RECORDS_PER_CALL + 1, 10));

  expect(outcome.failed).toEqual([]);
  expect(callSizes).toEqual([MAX_RECORDS_PER_CALL, 1]);
  expect(await kinesis.readRecords(streamName)).toHaveLength(MAX_RECORDS_PER_CALL + 1);
});

test('a batch over 5 MiB is split into calls within the byte limit, and every record lands', async () => {
  const streamName = await freshStream();
  const recordBytes = 512 * 1024;
  const count = Math.floor(MAX_BYTES_PER_CALL / recordBytes) + 2;

  const outcome = await putRecordsWithRetry(kinesis.client, streamName, entries(count, recordBytes));

  expect(outcome.failed).toEqual([]);
  expect(callSizes.length).toBeGreaterThan(1);
  for (const size of callSizes) expect(size * recordBytes).toBeLessThanOrEqual(MAX_BYTES_PER_CALL);
  expect(await kinesis.readRecords(streamName)).toHaveLength(count);
});
