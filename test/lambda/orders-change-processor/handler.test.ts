import { firehoseEvent, orderChange } from '../../../local/order-stream-records';
import { loadProcessorHandler } from './processor-handler';

let handler: typeof import('../../../lambda/orders-change-processor/handler').handler;

beforeAll(async () => {
  handler = await loadProcessorHandler();
});

test('every record comes back, in order, Ok or ProcessingFailed: records in = Ok + failed', async () => {
  const datas = [JSON.stringify(orderChange({}, 1)), 'not json', '', JSON.stringify(orderChange({}, 2)), '{"unrelated":true}'];

  const { records } = await handler(firehoseEvent(datas));

  expect(records.map((r) => [r.recordId, r.result])).toEqual([
    ['record-0', 'Ok'], ['record-1', 'ProcessingFailed'], ['record-2', 'ProcessingFailed'], ['record-3', 'Ok'], ['record-4', 'ProcessingFailed'],
  ]);
});

describe('what the on-call engineer sees of a batch', () => {
  let shared: typeof import('../../../lambda/shared/powertools');
  beforeAll(async () => {
    shared = await import('../../../lambda/shared/powertools');
  });
  afterEach(() => jest.restoreAllMocks());

  const datas = [JSON.stringify(orderChange({}, 1)), 'not json', JSON.stringify(orderChange({}, 2)), ''];

  test('the metrics count the batch: ChangeRecordsOk and ChangeRecordsFailed (which alarms), Ok + failed = received', async () => {
    const addMetric = jest.spyOn(shared.metrics, 'addMetric');
    await handler(firehoseEvent(datas));
    expect(addMetric.mock.calls).toEqual([['ChangeRecordsOk', 'Count', 2], ['ChangeRecordsFailed', 'Count', 2]]);
  });

  test('each failed record is logged as an error with its reason and where it sits on the Kinesis stream', async () => {
    const error = jest.spyOn(shared.logger, 'error');
    await handler(firehoseEvent(datas));
    expect(error.mock.calls).toEqual([1, 3].map((i) => ['Change record failed processing', {
      recordId: `record-${i}`,
      reason: expect.any(String),
      kinesisSequenceNumber: String(49_000_000 + i),
      partitionKey: `ORD-${i}`,
      shardId: 'shardId-000000000000',
    }]));
    expect(error.mock.calls.map(([, fields]) => (fields as { reason: string }).reason)).toEqual([
      expect.stringContaining('not JSON'), 'empty record',
    ]);
  });

  test('each batch is summed up in one info line: received, Ok and failed', async () => {
    const info = jest.spyOn(shared.logger, 'info');
    await handler(firehoseEvent(datas));
    expect(info.mock.calls).toEqual([['Batch processed', { received: 4, ok: 2, failed: 2 }]]);
  });
});
