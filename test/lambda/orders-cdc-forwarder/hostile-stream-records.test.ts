import { KinesisClient, PutRecordsCommand, type PutRecordsRequestEntry } from '@aws-sdk/client-kinesis';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { maskEmail } from '../../../lambda/orders-cdc-forwarder/email-mask';
import { forwardChanges, type ForwardOutcome } from '../../../lambda/orders-cdc-forwarder/forward-changes';
import { QUARANTINED_CHANGES_PREFIX } from '../../../lambda/orders-cdc-forwarder/quarantined-change';
import { type LocalKinesis, startLocalKinesis } from '../../../local/local-kinesis';
import { directoryQuarantine, type QuarantinedDocument, readQuarantine } from '../../../local/local-quarantine';
import { changeOf, orderItem, type PlainRecord, streamRecord } from '../../../local/order-stream-records';

/**
 * DynamoDB Streams records as a new user's table, a replay tool or a bug could hand the forwarder, each with what must
 * become of it: forwarded (and how the change reads), or quarantined whole with a reason that says why. Each case holds
 * alone and in one batch of all of them, on kinesalite. Nothing is retried: none of these fails for a passing reason.
 */
const EMAIL_KEY = 'hostile-test-key';
const STREAM = 'hostile-order-changes';

type Change = Record<string, unknown> & { lines: Array<Record<string, unknown>> };
type Expected =
  | { readonly forwarded: (change: Change) => void }
  | { readonly quarantined: string }
  | { readonly deletedByKey: { readonly orderId: string; readonly reason: string } };

const forwarded = (check: (change: Change) => void = () => undefined): Expected => ({ forwarded: check });
const quarantined = (reason: string): Expected => ({ quarantined: reason });
/** A REMOVE forwarded as a key-only delete of `orderId`, its invalid old image quarantined whole with `reason`. */
const deletedByKey = (orderId: string, reason: string): Expected => ({ deletedByKey: { orderId, reason } });

/** A record changed after it was built (what a marshaller or the stream would never produce). */
function altered(record: DynamoDBRecord, change: (record: DynamoDBRecord) => void): DynamoDBRecord {
  change(record);
  return record;
}

/** An INSERT whose new image has one attribute replaced by a raw attribute value. */
function withAttribute(name: string, value: unknown, item: PlainRecord = orderItem()): DynamoDBRecord {
  const image = { ...changeOf('INSERT', item).dynamodb!.NewImage, [name]: value } as Record<string, AttributeValue>;
  return streamRecord('INSERT', { rawNewImage: image, keys: { order_id: { S: item.order_id } } });
}

/** An INSERT whose first order line has one attribute replaced by a raw attribute value. */
function withLineAttribute(name: string, value: unknown): DynamoDBRecord {
  const item = orderItem();
  const image = changeOf('INSERT', item).dynamodb!.NewImage as Record<string, AttributeValue>;
  const [first, ...rest] = image.lines.L!;
  return withAttribute('lines', { L: [{ M: { ...first.M, [name]: value } }, ...rest] }, item);
}

const insert = (overrides: PlainRecord) => changeOf('INSERT', orderItem(overrides));
const [firstLine] = orderItem().lines as PlainRecord[];
const withLine = (line: PlainRecord) => insert({ lines: [{ ...firstLine, ...line }] });
const cleanHash = maskEmail('jane.doe@example.com', EMAIL_KEY);
const ttlDelete = (item: PlainRecord) => altered(changeOf('REMOVE', item), (r) => {
  r.userIdentity = { type: 'Service', principalId: 'dynamodb.amazonaws.com' };
});

const CASES: ReadonlyArray<readonly [string, DynamoDBRecord, Expected]> = [
  ['an INSERT', insert({}), forwarded((c) => expect(c.operation).toBe('INSERT'))],
  ['a MODIFY', changeOf('MODIFY', orderItem({ status: 'SHIPPED' })), forwarded((c) => expect(c.status).toBe('SHIPPED'))],
  ['a REMOVE by a user: the old image, removed by USER', changeOf('REMOVE', orderItem({ status: 'CANCELLED' })),
    forwarded((c) => expect(c).toMatchObject({ operation: 'REMOVE', removed_by: 'USER', status: 'CANCELLED' }))],
  ['a REMOVE by TTL: the old image, removed by TTL', ttlDelete(orderItem()), forwarded((c) => expect(c).toMatchObject({ operation: 'REMOVE', removed_by: 'TTL' }))],
  ['a REMOVE by another service: removed by USER', altered(changeOf('REMOVE', orderItem()), (r) => {
    r.userIdentity = { type: 'Service', principalId: 'backup.amazonaws.com' };
  }), forwarded((c) => expect(c.removed_by).toBe('USER'))],
  ['an INSERT: removed by nobody', insert({}), forwarded((c) => expect(c.removed_by).toBeNull())],
  ['a TTL REMOVE of a foreign item (a cart): deleted by its key, which the TTL policy then ignores',
    ttlDelete({ order_id: 'CART#C1', customer_id: 'C1', ttl: 1795000000 }), deletedByKey('CART#C1', 'ttl: unknown field')],
  ['a user\'s REMOVE of an order whose old image has a status no longer allowed', changeOf('REMOVE', orderItem({ order_id: 'ORD-OLD-1', status: 'ON_HOLD' })),
    deletedByKey('ORD-OLD-1', 'status: "ON_HOLD" is not one of')],
  ['a user\'s REMOVE whose old image cannot be read at all', streamRecord('REMOVE', {
    keys: { order_id: { S: ' ORD-OLD-2\t' } }, oldImage: { order_id: 'ORD-OLD-2', receipt: new Uint8Array([37, 80]) },
  }), deletedByKey('ORD-OLD-2', 'receipt: unsupported attribute type B')],
  ['a REMOVE with an invalid old image and a key that is not a string: nothing to delete by',
    altered(changeOf('REMOVE', orderItem({ status: 'ON_HOLD' })), (r) => { r.dynamodb!.Keys = { order_id: { N: '42' } }; }),
    quarantined('no key to delete by: dynamodb.Keys.order_id: expected a string')],
  ['a REMOVE with an invalid old image and a key of 300 bytes: nothing to delete by',
    altered(changeOf('REMOVE', orderItem({ status: 'ON_HOLD' })), (r) => { r.dynamodb!.Keys = { order_id: { S: '注'.repeat(100) } }; }),
    quarantined('no key to delete by: dynamodb.Keys.order_id: expected a string of at most 256 bytes')],
  ['a customer id of 100 CJK characters: 300 bytes of UTF-8, over the warehouse\'s VARCHAR(256)', insert({ customer_id: '注'.repeat(100) }),
    quarantined('customer_id: expected a string of at most 256 bytes of UTF-8 (the warehouse\'s VARCHAR counts bytes; this one has 300)')],
  ['a customer id of 85 CJK characters: 255 bytes, forwarded', insert({ customer_id: '注'.repeat(85) }), forwarded((c) => expect(c.customer_id).toBe('注'.repeat(85)))],
  ['a foreign item of a single-table design', streamRecord('INSERT', { newImage: { pk: 'CONFIG#1', value: 'x' }, keys: { pk: { S: 'CONFIG#1' } } }), quarantined('order_id: missing')],
  ['a KEYS_ONLY record', altered(streamRecord('INSERT', { keys: { order_id: { S: 'ORD-1' } } }), (r) => { r.dynamodb!.StreamViewType = 'KEYS_ONLY'; }),
    quarantined('dynamodb.StreamViewType: expected NEW_AND_OLD_IMAGES, got KEYS_ONLY')],
  ['a REMOVE of a NEW_IMAGE stream, without the old image', altered(streamRecord('REMOVE', { keys: { order_id: { S: 'ORD-1' } } }), (r) => { r.dynamodb!.StreamViewType = 'NEW_IMAGE'; }),
    quarantined('dynamodb.StreamViewType: expected NEW_AND_OLD_IMAGES, got NEW_IMAGE')],
  ['a record without the image its operation needs', streamRecord('MODIFY', { keys: { order_id: { S: 'ORD-1' } } }), quarantined('dynamodb.NewImage: missing')],
  ['a binary attribute', withAttribute('receipt', { B: 'JVBERi0=' }), quarantined('receipt: unsupported attribute type B')],
  ['a binary set attribute', withAttribute('scans', { BS: ['JVBERi0='] }), quarantined('scans: unsupported attribute type BS')],
  ['a string set attribute the contract does not know', withAttribute('tags', { SS: ['gift', 'express'] }), quarantined('tags: unknown field')],
  ['order lines written as a number set', withAttribute('lines', { NS: ['1', '2'] }), quarantined('lines[0]: expected an object, got number 1')],
  ['a NULL customer', withAttribute('customer_id', { NULL: true }), quarantined('customer_id: must not be null')],
  ['a NULL order line', withAttribute('lines', { L: [{ NULL: true }] }), quarantined('lines[0]: must not be null')],
  ['an attribute value that is not one', withAttribute('region', null), quarantined('dynamodb.NewImage: cannot be read')],
  ['a 38-digit unit price', withLineAttribute('unit_price', { N: '12345678901234567890123456789012345678' }), quarantined('has 38 significant digits')],
  ['a unit price written with trailing zeros', withLineAttribute('unit_price', { N: '10.50000000000000000000' }), forwarded((c) => expect(c.lines[0].unit_price).toBe(10.5))],
  ['a unit price beyond DECIMAL(12,2)', withLineAttribute('unit_price', { N: '10.505' }), quarantined('lines[0].unit_price: expected a decimal(12,2)')],
  ['a quantity written 2.0', withLineAttribute('quantity', { N: '2.0' }), forwarded((c) => expect(c.lines[0].quantity).toBe(2))],
  ['a quantity of 2.5', withLineAttribute('quantity', { N: '2.5' }), quarantined('lines[0].quantity: expected a 32-bit integer')],
  ['an item near the 400 KB limit', insert({ lines: Array.from({ length: 7000 }, (_, i) => ({ sku: `SKU-${i}`, quantity: 1, unit_price: 1.25 })) }),
    forwarded((c) => expect(c.lines).toHaveLength(7000))],
  // 800 SKUs of 240 control characters: a 200 KB item, each SKU within the warehouse's 256 bytes, 1.2 MB once escaped.
  ['a change over the Kinesis record limit (control characters escape to six bytes)',
    insert({ lines: Array.from({ length: 800 }, (_, i) => ({ sku: `S${i}-${'\u0001'.repeat(240)}`, quantity: 1, unit_price: 1 })) }),
    quarantined('over the Kinesis record limit of 1048576')],
  ['an event time in milliseconds', altered(insert({}), (r) => { r.dynamodb!.ApproximateCreationDateTime = 1795257001000; }), quarantined('(milliseconds?)')],
  ['an event time with a fraction of a second', altered(insert({}), (r) => { r.dynamodb!.ApproximateCreationDateTime = 1795257001.5; }),
    quarantined('dynamodb.ApproximateCreationDateTime: expected whole epoch seconds')],
  ['an event time before DynamoDB Streams existed', altered(insert({}), (r) => { r.dynamodb!.ApproximateCreationDateTime = 0; }),
    quarantined('dynamodb.ApproximateCreationDateTime: expected whole epoch seconds')],
  ['no event time', altered(insert({}), (r) => { delete r.dynamodb!.ApproximateCreationDateTime; }), quarantined('got nothing')],
  ['an unknown event name', altered(insert({}), (r) => { (r as { eventName: string }).eventName = 'UPSERT'; }), quarantined('eventName: expected one of INSERT, MODIFY, REMOVE')],
  ['no event id', altered(insert({}), (r) => { delete r.eventID; }), quarantined('eventID: missing')],
  ['a key that is not the image\'s order id', altered(insert({}), (r) => { r.dynamodb!.Keys = { order_id: { S: 'ORD-OTHER' } }; }),
    quarantined('dynamodb.Keys.order_id: "ORD-OTHER" differs')],
  ['an e-mail padded with a tab, a byte-order mark and no-break spaces', insert({ customer_email: '\t\uFEFF\u00A0Jane.Doe@Example.com\u00A0' }),
    forwarded((c) => expect(c.customer_email_hash).toBe(cleanHash))],
  ['an e-mail with a Turkish dotted capital I', insert({ customer_email: 'İLKNUR@örnek.com.tr' }),
    forwarded((c) => expect(c.customer_email_hash).toBe(maskEmail('i\u0307lknur@örnek.com.tr', EMAIL_KEY)))],
  ['an empty e-mail', insert({ customer_email: '' }), quarantined('customer_email: expected an e-mail address, got a string of 0 characters (personal data, not shown)')],
  ['an e-mail of white space only', insert({ customer_email: ' \u00A0\t' }), quarantined('customer_email: expected an e-mail address')],
  ['an e-mail that is not an address', insert({ customer_email: 'jane.doe' }), quarantined('customer_email: expected an e-mail address')],
  ['an e-mail with two @', insert({ customer_email: 'jane@doe@example.com' }), quarantined('customer_email: expected an e-mail address')],
  ['a SKU padded with a tab', withLine({ sku: 'SKU-0042\t' }), forwarded((c) => expect(c.lines[0].sku).toBe('SKU-0042'))],
  ['an order id padded with spaces, in the image and the key', insert({ order_id: ' ORD-PADDED ' }), forwarded((c) => expect(c.order_id).toBe('ORD-PADDED'))],
  ['a customer id in decomposed form', insert({ customer_id: 'CAFE\u0301-1' }), forwarded((c) => expect(c.customer_id).toBe('CAF\u00C9-1'))],
  ['a customer id with an unpaired surrogate', insert({ customer_id: 'CUST-\uD800' }), quarantined('customer_id: expected a string of well-formed Unicode')],
  ['a timestamp at hour 99', insert({ created_at: '2026-11-20T99:15:00Z' }), quarantined('created_at: expected an ISO 8601 timestamp (hour 99 is not a time of day)')],
  ['a timestamp on 30 February', insert({ created_at: '2026-02-30T10:00:00Z' }), quarantined('(day 30 does not exist in 2026-02)')],
  ['a timestamp with nanoseconds', insert({ updated_at: '2026-11-21T10:30:00.123456789Z' }), quarantined('9 fractional digits: the pipeline keeps 6')],
  ['a timestamp with an offset', insert({ updated_at: '2026-11-21T12:30:00+02:00' }), forwarded((c) => expect(c.updated_at).toBe('2026-11-21T10:30:00.000Z'))],
  ['a timestamp with microseconds', insert({ updated_at: '2026-11-21T10:30:00.123456Z' }), forwarded((c) => expect(c.updated_at).toBe('2026-11-21T10:30:00.123456Z'))],
  ['a status in lower case', insert({ status: 'paid' }), quarantined('status: "paid" is not one of')],
];

let kinesis: LocalKinesis;
let quarantineDir: string;
let outcome: ForwardOutcome;
let changes: Map<string, Change>;
let documents: QuarantinedDocument[];

beforeAll(async () => {
  kinesis = await startLocalKinesis();
  await kinesis.createStream(STREAM, 2);
  quarantineDir = mkdtempSync(join(tmpdir(), 'hostile-quarantine-'));
  outcome = await forwardChanges(CASES.map(([, record]) => record), {
    kinesis: kinesis.client, streamName: STREAM, emailKey: EMAIL_KEY, quarantine: directoryQuarantine(quarantineDir),
  });
  changes = new Map((await kinesis.readRecords(STREAM)).map((r) => {
    const change = JSON.parse(r.data) as Change;
    return [change.event_id as string, change];
  }));
  documents = readQuarantine(quarantineDir, QUARANTINED_CHANGES_PREFIX);
});
afterAll(async () => {
  await kinesis.stop();
  rmSync(quarantineDir, { recursive: true, force: true });
});

test('the table holds at least 40 hostile records, all in one batch', () => {
  expect(CASES.length).toBeGreaterThanOrEqual(40);
  expect(outcome.received).toBe(CASES.length);
});

test('every record is forwarded or quarantined, none is retried, and each forwarded one is on the stream once', () => {
  expect(outcome.retried).toEqual([]);
  expect(outcome.forwarded + outcome.quarantined.length).toBe(CASES.length);
  expect(changes.size).toBe(outcome.forwarded);
  expect(outcome.deletedByKey).toHaveLength(CASES.filter(([, , expected]) => 'deletedByKey' in expected).length);
  expect(documents).toHaveLength(outcome.quarantined.length + outcome.deletedByKey.length);
});

/** A case's record in the batch's outcome: its change on the stream, its documents in the quarantine. */
function inBatch(record: DynamoDBRecord): Sent {
  return {
    change: changes.get(record.eventID!),
    documents: documents.filter(({ document }) => JSON.parse(document.raw_record as string).dynamodb?.SequenceNumber === record.dynamodb?.SequenceNumber),
  };
}

interface Sent {
  readonly change?: Change;
  readonly documents: readonly QuarantinedDocument[];
}

/**
 * The record forwarded alone, inside its own test, to a Kinesis that answers every entry as written: each case's code
 * then runs in its test, where a mutation tool's per-test coverage sees it (work in `beforeAll` belongs to no test).
 */
async function forwardedAlone(record: DynamoDBRecord): Promise<Sent> {
  const kinesisMock = mockClient(KinesisClient);
  const entries: PutRecordsRequestEntry[] = [];
  kinesisMock.on(PutRecordsCommand).callsFake(({ Records }: { Records: PutRecordsRequestEntry[] }) => {
    entries.push(...Records);
    return { Records: Records.map((_, i) => ({ SequenceNumber: String(i), ShardId: 'shardId-000000000000' })) };
  });
  const kept: QuarantinedDocument[] = [];
  try {
    await forwardChanges([record], {
      kinesis: new KinesisClient({ region: 'eu-west-1' }), streamName: STREAM, emailKey: EMAIL_KEY,
      quarantine: async ({ key, body }) => { kept.push({ key, document: JSON.parse(body) as Record<string, unknown> }); },
    });
  } finally {
    kinesisMock.restore();
  }
  expect(entries.length).toBeLessThanOrEqual(1);
  return { change: entries[0] && JSON.parse(Buffer.from(entries[0].Data!).toString('utf8')) as Change, documents: kept };
}

describe.each(CASES.map(([label, record, expected], i) => [label, record, expected, i] as const))('%s', (_label, record, expected) => {
  /** The record alone, checked as `check` says, and the batch's outcome for it the same. */
  const alone = async (check: (sent: Sent) => void) => {
    const sent = await forwardedAlone(record);
    check(sent);
    check(inBatch(record));
  };
  if ('forwarded' in expected) {
    test('is forwarded as its change', () => alone(({ change }) => {
      expect(change).toBeDefined();
      expected.forwarded(change!);
    }));
  } else if ('deletedByKey' in expected) {
    test('is forwarded as a delete carrying only the key and the event metadata', () => alone(({ change }) => {
      expect(change).toMatchObject({ operation: 'REMOVE', order_id: expected.deletedByKey.orderId, sequence_number: record.dynamodb!.SequenceNumber });
      expect(Object.entries(change!).filter(([, value]) => value !== null).map(([name]) => name).sort())
        .toEqual(['event_id', 'event_time', 'operation', 'order_id', 'removed_by', 'sequence_number']);
    }));
    test('has its old image quarantined whole, with the reason', () => alone(({ documents: matches }) => {
      expect(matches).toHaveLength(1);
      expect(JSON.parse(matches[0].document.raw_record as string)).toEqual(JSON.parse(JSON.stringify(record)));
      expect(matches[0].document.reason).toContain('deleted by its key only');
      expect(matches[0].document.reason).toContain(expected.deletedByKey.reason);
    }));
  } else {
    test('is quarantined whole, with the reason', () => alone(({ change, documents: matches }) => {
      expect(change).toBeUndefined();
      expect(matches).toHaveLength(1);
      expect(JSON.parse(matches[0].document.raw_record as string)).toEqual(JSON.parse(JSON.stringify(record)));
      expect(matches[0].document.reason).toContain(expected.quarantined);
    }));
  }
});
