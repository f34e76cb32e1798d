import type { FirehoseTransformationEventRecord } from 'aws-lambda';
import { columnNames, ORDER_CHANGE } from '../../../lib/contracts';
import { MAX_FIREHOSE_RECORD_BYTES, transformRecord } from '../../../lambda/orders-change-processor/transform-record';
import { firehoseEvent, keyOnlyRemove, orderChange } from '../../../local/order-stream-records';

const recordOf = (data: string | Buffer): FirehoseTransformationEventRecord => firehoseEvent([data]).records[0];
const decode = (data: string | undefined) => Buffer.from(data ?? '', 'base64').toString('utf8');

describe('a valid change record', () => {
  const change = orderChange({ event_time: '2026-11-22T00:30:01+02:00' });
  const { output, reason } = transformRecord(recordOf(JSON.stringify(change)));

  test('is Ok, keeps its record id, and has no reason', () => {
    expect(output.result).toBe('Ok');
    expect(output.recordId).toBe('record-0');
    expect(reason).toBeUndefined();
  });

  test('becomes one JSON line with the contract columns in contract order', () => {
    const text = decode(output.data);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trimEnd()).not.toContain('\n');
    expect(Object.keys(JSON.parse(text))).toEqual(columnNames({ ...ORDER_CHANGE, partitionKeys: [] }));
  });

  test('has its timestamps in UTC with milliseconds, and nothing else changed', () => {
    expect(JSON.parse(decode(output.data))).toEqual({ ...change, event_time: '2026-11-21T22:30:01.000Z' });
  });

  test('is partitioned by the UTC date of its event', () => {
    expect(output.metadata).toEqual({ partitionKeys: { event_date: '2026-11-21' } });
  });
});

test('a timestamp without a zone is read as UTC, whatever the local time zone', () => {
  const saved = process.env.TZ;
  process.env.TZ = 'America/New_York';
  try {
    const { output } = transformRecord(recordOf(JSON.stringify(orderChange({ created_at: '2026-11-20 09:15:00' }))));
    expect(JSON.parse(decode(output.data)).created_at).toBe('2026-11-20T09:15:00.000Z');
  } finally {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
});

test('a change already in normal form is kept byte for byte, as one line', () => {
  const text = JSON.stringify(orderChange());
  expect(decode(transformRecord(recordOf(text)).output.data)).toBe(`${text}\n`);
});

test('a change spread over several lines becomes one line', () => {
  const change = orderChange();
  const { output } = transformRecord(recordOf(JSON.stringify(change, null, 2)));
  expect(output.result).toBe('Ok');
  expect(decode(output.data)).toBe(`${JSON.stringify(change)}\n`);
});

describe('a key-only delete (ORDER_CHANGE.keyOnly)', () => {
  test('is Ok and delivered as it is, its empty columns kept as nulls', () => {
    const text = JSON.stringify(keyOnlyRemove());
    const { output, reason } = transformRecord(recordOf(text));
    expect(reason).toBeUndefined();
    expect(decode(output.data)).toBe(`${text}\n`);
    expect(output.metadata).toEqual({ partitionKeys: { event_date: '2026-11-21' } });
  });

  test('with its order id padded, has the key normalized as any change', () => {
    const { output } = transformRecord(recordOf(JSON.stringify(keyOnlyRemove({ order_id: '\tORD-00000001 ' }))));
    expect(JSON.parse(decode(output.data)).order_id).toBe('ORD-00000001');
  });

  test.each([
    ['of an INSERT', { operation: 'INSERT', removed_by: null }, 'status: must not be null'],
    ['carrying some order columns but not all', { status: 'PAID' }, 'customer_id: must not be null'],
    ['without its order id', { order_id: null }, 'order_id: must not be null'],
    ['without its sequence number', { sequence_number: null }, 'sequence_number: must not be null'],
  ])('%s is ProcessingFailed', (_label, overrides, expected) => {
    const { output, reason } = transformRecord(recordOf(JSON.stringify(keyOnlyRemove(overrides))));
    expect(output.result).toBe('ProcessingFailed');
    expect(reason).toContain(expected);
  });
});

describe('a record that cannot be delivered is ProcessingFailed, unchanged, with the reason', () => {
  test.each([
    ['empty data', '', 'empty record'],
    ['data that is not JSON', 'order ORD-1 shipped', 'not JSON'],
    ['truncated JSON', '{"event_id": "e-1", "operation": "INS', 'not JSON'],
    ['JSON that is not an object', '[1, 2, 3]', 'record: expected an object, got an array'],
    ['an object that is not an order change', '{"page": "/home", "clicks": 3}', 'page: unknown field'],
    ['a change with an unknown operation', JSON.stringify(orderChange({ operation: 'UPSERT' })), 'operation: "UPSERT" is not one of INSERT, MODIFY, REMOVE'],
    ['a change without its order id', JSON.stringify(orderChange({ order_id: undefined })), 'order_id: missing'],
    ['a change with a wrongly typed column', JSON.stringify(orderChange({ event_time: 1763721001 })), 'event_time: expected an ISO 8601 timestamp'],
    ['a change with an unmasked e-mail', JSON.stringify(orderChange({ customer_email: 'jane@example.com' })), 'customer_email: unknown field'],
  ])('%s', (_case, data, expectedReason) => {
    const record = recordOf(data);
    const { output, reason } = transformRecord(record);
    expect(output).toEqual({ recordId: record.recordId, result: 'ProcessingFailed', data: record.data });
    expect(reason).toContain(expectedReason);
  });

  test('a record over the Firehose size limit', () => {
    const big = JSON.stringify(orderChange({ lines: [{ sku: 'S'.repeat(MAX_FIREHOSE_RECORD_BYTES), quantity: 1, unit_price: 1 }] }));
    const { output, reason } = transformRecord(recordOf(big));
    expect(output.result).toBe('ProcessingFailed');
    expect(reason).toMatch(/over the Firehose limit of 1024000/);
  });
});

// A Firehose record's data is at most 1,000 KiB (1,024,000 bytes) before base64
// (https://docs.aws.amazon.com/firehose/latest/APIReference/API_Record.html); JSON allows the padding spaces after the value.
const paddedTo = (bytes: number) => {
  const change = JSON.stringify(orderChange());
  return change + ' '.repeat(bytes - Buffer.byteLength(change));
};

test('a valid change of exactly 1,024,000 bytes is delivered; one byte more is refused for its size', () => {
  expect(MAX_FIREHOSE_RECORD_BYTES).toBe(1_024_000);
  expect(transformRecord(recordOf(paddedTo(1_024_000)))).toMatchObject({ output: { result: 'Ok' } });
  expect(transformRecord(recordOf(paddedTo(1_024_001)))).toMatchObject({
    output: { result: 'ProcessingFailed' }, reason: 'record is 1024001 bytes, over the Firehose limit of 1024000',
  });
});
