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
