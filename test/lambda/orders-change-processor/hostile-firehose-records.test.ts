import type { FirehoseTransformationEvent, FirehoseTransformationResult, FirehoseTransformationResultRecord } from 'aws-lambda';
import { MAX_FIREHOSE_RECORD_BYTES, transformRecord } from '../../../lambda/orders-change-processor/transform-record';
import { firehoseEvent, orderChange } from '../../../local/order-stream-records';
import { loadProcessorHandler } from './processor-handler';

/**
 * Records as any producer on the change stream could write them, and Firehose hand them over, all in one invocation,
 * each with what must become of it: Ok (and how the line reads), or ProcessingFailed, unchanged, with a reason that says
 * why. Every record id comes back exactly once, in order.
 */
type Line = Record<string, unknown> & { lines: Array<Record<string, unknown>> };
type Expected = { readonly ok: (line: Line, partition: string) => void } | { readonly failed: string };

const ok = (check: (line: Line, partition: string) => void = () => undefined): Expected => ({ ok: check });
const failed = (reason: string): Expected => ({ failed: reason });
/** The data as base64, verbatim: for cases about the encoding itself. */
const encoded = (base64: string) => ({ base64 });

const change = (overrides: Record<string, unknown> = {}) => JSON.stringify(orderChange(overrides));
const text = change();
const [firstLine] = orderChange().lines as Array<Record<string, unknown>>;
const withLine = (line: Record<string, unknown>) => change({ lines: [{ ...firstLine, ...line }] });
const canonicalBase64 = Buffer.from(text).toString('base64');
/** The valid change with one string value's bytes replaced: `at` is where the value starts. */
const withBytes = (bytes: number[]) => {
  const at = Buffer.from(text).indexOf('"PAID"') + 1;
  const raw = Buffer.from(text.replace('"PAID"', '"XAID"'));
  return Buffer.concat([raw.subarray(0, at), Buffer.from(bytes), raw.subarray(at + 1)]);
};
const statusOf = orderChange().status as string;

const CASES: ReadonlyArray<readonly [string, string | Buffer | { base64: string }, Expected]> = [
  ['a change as the forwarder writes it', text, ok((line) => expect(`${JSON.stringify(line)}`).toBe(text))],
  ['a REMOVE', change({ operation: 'REMOVE' }), ok((line) => expect(line.operation).toBe('REMOVE'))],
  ['an event time with an offset, late in the day', change({ event_time: '2026-11-22T00:30:01+02:00' }),
    ok((line, partition) => expect([line.event_time, partition]).toEqual(['2026-11-21T22:30:01.000Z', '2026-11-21']))],
  ['a timestamp without a zone', change({ created_at: '2026-11-20 09:15:00' }), ok((line) => expect(line.created_at).toBe('2026-11-20T09:15:00.000Z'))],
  ['a timestamp with microseconds', change({ updated_at: '2026-11-21T10:30:00.123456Z' }), ok((line) => expect(line.updated_at).toBe('2026-11-21T10:30:00.123456Z'))],
  ['nine fractional digits, zeros below the microsecond', change({ updated_at: '2026-11-21T10:30:00.123456000Z' }),
    ok((line) => expect(line.updated_at).toBe('2026-11-21T10:30:00.123456Z'))],
  ['nine fractional digits, nanoseconds set', change({ updated_at: '2026-11-21T10:30:00.123456789Z' }), failed('9 fractional digits: the pipeline keeps 6')],
  ['a timestamp at hour 99', change({ created_at: '2026-11-20T99:15:00Z' }), failed('created_at: expected an ISO 8601 timestamp (hour 99 is not a time of day)')],
  ['a timestamp on 30 February', change({ created_at: '2026-02-30T10:00:00Z' }), failed('day 30 does not exist in 2026-02')],
  ['an offset of +25:00', change({ event_time: '2026-11-21T10:30:01+25:00' }), failed('offset +25:00 is beyond ±18:00')],
  ['a timestamp in year 0', change({ created_at: '0000-11-20T09:15:00Z' }), failed('outside the years 0001 to 9999')],
  ['an event time in epoch seconds', change({ event_time: 1763721001 }), failed('event_time: expected an ISO 8601 timestamp (not text)')],
  ['empty data', '', failed('empty record')],
  ['white space only', ' \n ', failed('not JSON')],
  ['text that is not JSON (another producer\'s format)', 'legacy-feed|ORD-LEGACY-1|PAID', failed('not JSON')],
  ['truncated JSON', text.slice(0, 40), failed('not JSON')],
  ['two objects on one record', `${text}${text}`, failed('not JSON')],
  ['a JSON array', `[${text}]`, failed('record: expected an object, got an array')],
  ['JSON null', 'null', failed('record: expected an object, got null')],
  ['a JSON string', JSON.stringify(text), failed('record: expected an object, got string')],
  ['a change spread over several lines', JSON.stringify(orderChange(), null, 2), ok((line) => expect(JSON.stringify(line)).toBe(text))],
  ['columns in another order', JSON.stringify(Object.fromEntries(Object.entries(orderChange()).reverse())), ok((line) => expect(JSON.stringify(line)).toBe(text))],
  ['a key given twice, the last value valid', text.replace('"status":', '"status":"BOGUS","status":'), failed('key "status" appears twice in one object')],
  ['a key given twice with the same value', text.replace(`"status":"${statusOf}"`, `"status":"${statusOf}","status":"${statusOf}"`), failed('key "status" appears twice')],
  ['a key given twice in an order line', text.replace('"quantity":', '"quantity":999,"quantity":'), failed('key "quantity" appears twice')],
  ['a key given twice, once escaped', text.replace('"status":', '"st\\u0061tus":"BOGUS","status":'), failed('key "status" appears twice')],
  ['a Windows-1252 byte inside a string', withBytes([0x92]), failed('not UTF-8')],
  ['an overlong UTF-8 sequence', withBytes([0xc0, 0xaf]), failed('not UTF-8')],
  ['an encoded surrogate (CESU-8)', withBytes([0xed, 0xa0, 0x80]), failed('not UTF-8')],
  ['a UTF-8 byte-order mark before the JSON', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), failed('starts with a byte-order mark')],
  ['an unpaired surrogate written as an escape', text.replace(/"customer_id":"[^"]*"/, '"customer_id":"CUST-\\ud800"'), failed('customer_id: expected a string of well-formed Unicode')],
  ['base64 with a junk character inside', encoded(`${canonicalBase64.slice(0, 8)}*${canonicalBase64.slice(8)}`), failed('not base64')],
  ['base64 without its padding', encoded(Buffer.from(`${text} `).toString('base64').replace(/=+$/, '')), failed('not base64')],
  ['base64 broken into lines', encoded(canonicalBase64.replace(/(.{76})/g, '$1\n')), failed('not base64')],
  ['base64 whose last digit has unused bits set', encoded('eyJ9Kf=='), failed('not base64: the last digit has bits set that encode no byte')],
  ['a record over 1,000 KiB', withLine({ sku: 'S'.repeat(MAX_FIREHOSE_RECORD_BYTES) }), failed(`over the Firehose limit of ${MAX_FIREHOSE_RECORD_BYTES}`)],
  ['an unmasked e-mail', change({ customer_email: 'jane@example.com' }), failed('customer_email: unknown field')],
  ['an e-mail where its hash belongs', change({ customer_email_hash: 'jane@example.com' }), failed('customer_email_hash: expected a SHA-256 digest in lower-case hex')],
  ['a unit price as text with trailing zeros', withLine({ unit_price: '10.50000000000000000000' }), ok((line) => expect(line.lines[0].unit_price).toBe(10.5))],
  ['a unit price as a number with trailing zeros', text.replace(/"unit_price":[0-9.]+/, '"unit_price":10.50000000000000000000'),
    ok((line) => expect(line.lines[0].unit_price).toBe(10.5))],
  ['a quantity whose digits a double cannot keep', text.replace(/"quantity":\d+/, '"quantity":1.000000000000000000001'),
    failed('number 1.000000000000000000001 has 22 significant digits; only 15 are kept exactly')],
  ['a 38-digit quantity', text.replace(/"quantity":\d+/, '"quantity":12345678901234567890123456789012345678'), failed('lines[0].quantity: expected a 32-bit integer')],
  ['an order id padded with a tab', change({ order_id: 'ORD-00000001\t' }), ok((line) => expect(line.order_id).toBe('ORD-00000001'))],
  ['an unknown operation', change({ operation: 'UPSERT' }), failed('operation: "UPSERT" is not one of INSERT, MODIFY, REMOVE')],
  ['a field the contract does not know', change({ coupon: 'XMAS' }), failed('coupon: unknown field')],
];

let handler: typeof import('../../../lambda/orders-change-processor/handler').handler;
let event: FirehoseTransformationEvent;
let result: FirehoseTransformationResult;

beforeAll(async () => {
  handler = await loadProcessorHandler();
  event = firehoseEvent(CASES.map(([, data]) => (typeof data === 'object' && 'base64' in data ? '' : data)));
  CASES.forEach(([, data], i) => {
    if (typeof data === 'object' && 'base64' in data) event.records[i].data = data.base64;
  });
  result = await handler(event);
});

test('the table holds at least 40 hostile records, all in one invocation', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(40);
});

test('every record id comes back exactly once, in order', () => {
  expect(result.records.map((r) => r.recordId)).toEqual(event.records.map((r) => r.recordId));
});

/**
 * The case's record as the handler returns it alone, from an invocation inside its own test (so a mutation tool's
 * per-test coverage sees which case runs which code: work in `beforeAll` belongs to no test), after checking that the
 * one invocation of all cases returned the same for it.
 */
async function outputAlone(i: number): Promise<FirehoseTransformationResultRecord> {
  const [output] = (await handler({ ...event, records: [event.records[i]] })).records;
  expect(output).toEqual(result.records[i]);
  return output;
}

describe.each(CASES.map(([label, , expected], i) => [label, expected, i] as const))('%s', (_label, expected, i) => {
  if ('ok' in expected) {
    test('is Ok, as one line partitioned by its UTC event date', async () => {
      const output = await outputAlone(i);
      expect(output.result).toBe('Ok');
      const lineText = Buffer.from(output.data ?? '', 'base64').toString('utf8');
      expect(lineText).toMatch(/^[^\n]+\n$/);
      expected.ok(JSON.parse(lineText) as Line, output.metadata!.partitionKeys.event_date);
    });
  } else {
    test('is ProcessingFailed with its data unchanged, and the reason says why', async () => {
      expect(await outputAlone(i)).toEqual({ recordId: event.records[i].recordId, result: 'ProcessingFailed', data: event.records[i].data });
      // The handler logs the reason; Firehose keeps only the data.
      expect(transformRecord(event.records[i]).reason).toContain(expected.failed);
    });
  }
});
