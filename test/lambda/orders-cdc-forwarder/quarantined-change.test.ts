import { createHash } from 'node:crypto';
import { quarantineDocument } from '../../../lambda/orders-cdc-forwarder/quarantined-change';
import { changeOf, orderItem } from '../../../local/order-stream-records';

/**
 * Where a quarantined change is kept: one object per change, named after its event id so that a retried batch rewrites
 * the same object, or after the SHA-256 of the record when the id cannot be a file name.
 */
const AT = new Date('2026-11-30T23:59:59.999Z');
const CHANGE = changeOf('INSERT', orderItem({}, 1));
const record = (eventID: string | undefined) => ({ ...CHANGE, eventID });
const keyOf = (eventID: string | undefined) => quarantineDocument(record(eventID), 'a reason', AT).key;
const hashedKey = (eventID: string | undefined) =>
  `quarantined_order_changes/ingest_date=2026-11-30/sha256-${createHash('sha256').update(JSON.stringify(record(eventID))).digest('hex')}.json`;

test('a DynamoDB event id names the object, under the quarantined changes prefix and the UTC day it was quarantined', () => {
  expect(keyOf('0123456789abcdef0123456789abcdef')).toBe('quarantined_order_changes/ingest_date=2026-11-30/0123456789abcdef0123456789abcdef.json');
});

test('the same change quarantined again (a retried batch) is the same object', () => {
  expect(keyOf('e-1')).toBe(keyOf('e-1'));
});

test.each([
  ['a path separator', 'a/../b'],
  ['a character outside letters, digits, dot, dash and underscore', 'id with spaces'],
  ['no characters', ''],
  ['129 characters', 'x'.repeat(129)],
])('an event id with %s is replaced by the SHA-256 of the whole record', (_, eventID) => {
  expect(keyOf(eventID)).toBe(hashedKey(eventID));
});

test('an event id of 128 safe characters is kept, and a record without one is named by its hash', () => {
  expect(keyOf(`A.-_${'9'.repeat(124)}`)).toBe(`quarantined_order_changes/ingest_date=2026-11-30/A.-_${'9'.repeat(124)}.json`);
  expect(keyOf(undefined)).toBe(hashedKey(undefined));
});

test('the body is one JSON line: the source dataset, the reason, the whole record and when', () => {
  const { body } = quarantineDocument(record('e-2'), 'status: "ON_HOLD" is not one of', AT);
  expect(body.endsWith('\n') && !body.slice(0, -1).includes('\n')).toBe(true);
  expect(JSON.parse(body)).toEqual({
    source_dataset: 'order_changes', source_file: null, reason: 'status: "ON_HOLD" is not one of',
    raw_record: JSON.stringify(record('e-2')), quarantined_at: '2026-11-30T23:59:59.999Z',
  });
});
