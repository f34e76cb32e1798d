import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ORDER_CHANGE, QUARANTINED_CHANGE, validateRecord } from '../../../lib/contracts';
import { maskEmail } from '../../../lambda/orders-cdc-forwarder/email-mask';
import { forwardChanges, type ForwardDependencies, type ForwardOutcome } from '../../../lambda/orders-cdc-forwarder/forward-changes';
import { MAX_RECORD_BYTES } from '../../../lambda/orders-cdc-forwarder/put-records';
import { QUARANTINED_CHANGES_PREFIX } from '../../../lambda/orders-cdc-forwarder/quarantined-change';
import { changeOf, orderItem, streamRecord } from '../../../local/order-stream-records';
import { type LocalKinesis, startLocalKinesis } from '../../../local/local-kinesis';
import { directoryQuarantine, readQuarantine } from '../../../local/local-quarantine';

const EMAIL_KEY = 'test-hmac-key';
const QUARANTINED_AT = new Date('2026-11-21T10:31:00.000Z');
let kinesis: LocalKinesis;
let quarantineRoot: string;
let streams = 0;

beforeAll(async () => {
  kinesis = await startLocalKinesis();
  quarantineRoot = mkdtempSync(join(tmpdir(), 'forwarder-quarantine-'));
});
afterAll(async () => {
  await kinesis.stop();
  rmSync(quarantineRoot, { recursive: true, force: true });
});

/** A fresh stream and quarantine per test, so each reads back only what it wrote. */
async function freshStream(): Promise<ForwardDependencies & { quarantineDir: string }> {
  const streamName = `order-changes-${++streams}`;
  await kinesis.createStream(streamName, 2);
  const quarantineDir = join(quarantineRoot, streamName);
  return {
    kinesis: kinesis.client, streamName, emailKey: EMAIL_KEY, putOptions: { sleep: async () => undefined },
    quarantine: directoryQuarantine(quarantineDir), now: () => QUARANTINED_AT, quarantineDir,
  };
}

async function readBack(deps: ForwardDependencies) {
  return (await kinesis.readRecords(deps.streamName)).map((r) => ({ partitionKey: r.partitionKey, change: JSON.parse(r.data) }));
}

describe('valid changes reach Kinesis as change records', () => {
  test.each(['INSERT', 'MODIFY'] as const)('%s publishes the new image, keyed by order id', async (operation) => {
    const deps = await freshStream();
    const item = orderItem({ status: 'SHIPPED' }, 7);
    const record = changeOf(operation, item);

    const outcome = await forwardChanges([record], deps);

    expect(outcome).toEqual({ received: 1, forwarded: 1, deletedByKey: [], quarantined: [], retried: [] });
    const { customer_email: email, ...columns } = item;
    expect(await readBack(deps)).toEqual([{
      partitionKey: item.order_id,
      change: {
        event_id: record.eventID,
        operation,
        removed_by: null,
        sequence_number: record.dynamodb!.SequenceNumber,
        event_time: '2026-11-21T10:30:01.000Z',
        ...columns,
        customer_email_hash: maskEmail(email as string, EMAIL_KEY),
      },
    }]);
  });

  test('REMOVE publishes the old image', async () => {
    const deps = await freshStream();
    const item = orderItem({ status: 'CANCELLED' }, 8);

    await forwardChanges([changeOf('REMOVE', item)], deps);

    const [{ change }] = await readBack(deps);
    expect(change).toMatchObject({ operation: 'REMOVE', order_id: item.order_id, status: 'CANCELLED' });
  });

  test('every published record satisfies the ORDER_CHANGE contract, columns in contract order', async () => {
    const deps = await freshStream();
    await forwardChanges([changeOf('INSERT', orderItem({}, 1)), changeOf('MODIFY', orderItem({}, 2)), changeOf('REMOVE', orderItem({}, 3))], deps);

    const changes = await readBack(deps);
    expect(changes).toHaveLength(3);
    for (const { change } of changes) {
      expect(validateRecord(ORDER_CHANGE, change)).toEqual([]);
      expect(Object.keys(change)).toEqual(ORDER_CHANGE.columns.map((c) => c.name));
    }
  });

  test('the e-mail never leaves unmasked, and one address always gets the same hash', async () => {
    const deps = await freshStream();
    await forwardChanges([
      changeOf('INSERT', orderItem({ customer_email: 'Jane.Doe@Example.com' }, 1)),
      changeOf('INSERT', orderItem({ customer_email: ' jane.doe@example.com' }, 2)),
    ], deps);

    const records = await kinesis.readRecords(deps.streamName);
    expect(records.map((r) => r.data).join('\n')).not.toMatch(/jane\.doe/i);
    const hashes = records.map((r) => JSON.parse(r.data).customer_email_hash);
    expect(hashes[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(hashes[1]).toBe(hashes[0]);
  });
});

describe('a change that can never be forwarded is quarantined whole, with its reason, and the rest is forwarded', () => {
  /** Forwards the bad record between two good ones and returns the one quarantined reason. */
  async function rejectionOf(bad: ReturnType<typeof streamRecord>) {
    const deps = await freshStream();
    const outcome = await forwardChanges([changeOf('INSERT', orderItem({}, 1)), bad, changeOf('INSERT', orderItem({}, 2))], deps);
    expect(outcome.received).toBe(3);
    expect(outcome.forwarded).toBe(2);
    expect(outcome.retried).toEqual([]);
    expect(outcome.quarantined).toHaveLength(1);
    expect(outcome.quarantined[0].sequenceNumber).toBe(bad.dynamodb!.SequenceNumber);
    expect(await readBack(deps)).toHaveLength(2);
    return outcome.quarantined[0].reason;
  }

  test('the quarantine holds the whole stream record, images included, with the reason and the time', async () => {
    const deps = await freshStream();
    const bad = changeOf('MODIFY', orderItem({ status: 'LOST' }, 5));

    const outcome = await forwardChanges([bad], deps);

    const [{ key, document }] = readQuarantine(deps.quarantineDir, QUARANTINED_CHANGES_PREFIX);
    expect(key).toBe(`${QUARANTINED_CHANGES_PREFIX}ingest_date=2026-11-21/${bad.eventID}.json`);
    expect(outcome.quarantined).toEqual([expect.objectContaining({ key, eventId: bad.eventID })]);
    expect(validateRecord(QUARANTINED_CHANGE, document)).toEqual([]);
    expect(document).toMatchObject({ source_dataset: ORDER_CHANGE.name, quarantined_at: QUARANTINED_AT.toISOString() });
    expect(document.reason).toContain('status: "LOST" is not one of');
    expect(JSON.parse(document.raw_record as string)).toEqual(bad);
  });

  test('a record quarantined again (the batch was retried for another record) replaces its own document', async () => {
    const deps = await freshStream();
    const bad = changeOf('INSERT', orderItem({ region: 'MARS' }, 6));

    await forwardChanges([bad], deps);
    await forwardChanges([bad], deps);

    expect(readQuarantine(deps.quarantineDir, QUARANTINED_CHANGES_PREFIX)).toHaveLength(1);
  });

  test('an attribute the contract does not know', async () => {
    expect(await rejectionOf(changeOf('INSERT', orderItem({ coupon_code: 'XMAS' })))).toContain('coupon_code: unknown field');
  });

  test('a missing attribute', async () => {
    const { customer_id: _dropped, ...item } = orderItem();
    expect(await rejectionOf(changeOf('INSERT', item))).toContain('customer_id: missing');
  });

  test('a record without the order id key', async () => {
    expect(await rejectionOf(streamRecord('INSERT', { newImage: orderItem(), keys: {} }))).toContain('dynamodb.Keys.order_id: missing');
  });

  test('an attribute of the wrong type', async () => {
    const item = orderItem();
    const image = { ...streamRecord('INSERT', { newImage: item }).dynamodb!.NewImage } as Record<string, unknown>;
    image.lines = { L: [{ M: { sku: { S: 'SKU-1' }, quantity: { S: 'two' }, unit_price: { N: '9.99' } } }] };
    expect(await rejectionOf(streamRecord('INSERT', { rawNewImage: image, keys: { order_id: { S: item.order_id } } })))
      .toContain('lines[0].quantity: expected a 32-bit integer, got string "two"');
  });

  test('an attribute a change record cannot carry (binary)', async () => {
    const item = orderItem();
    const image = { ...streamRecord('INSERT', { newImage: item }).dynamodb!.NewImage, receipt: { B: 'JVBERi0=' } };
    expect(await rejectionOf(streamRecord('INSERT', { rawNewImage: image, keys: { order_id: { S: item.order_id } } })))
      .toBe('dynamodb.NewImage: cannot be read (receipt: unsupported attribute type B)');
  });

  test('a negative quantity, which would corrupt revenue downstream', async () => {
    const [line] = orderItem().lines as Array<Record<string, unknown>>;
    expect(await rejectionOf(changeOf('MODIFY', orderItem({ lines: [{ ...line, quantity: -3 }] }))))
      .toContain('lines[0].quantity: -3 is less than 1');
  });

  test('a value outside its allowed set', async () => {
    expect(await rejectionOf(changeOf('MODIFY', orderItem({ status: 'LOST' })))).toContain('status: "LOST" is not one of');
  });

  test('an item that is not an order at all', async () => {
    const reason = await rejectionOf(streamRecord('INSERT', { newImage: { pk: 'CONFIG#1', value: 'x' }, keys: { pk: { S: 'CONFIG#1' } } }));
    expect(reason).toContain('pk: unknown field');
    expect(reason).toContain('order_id: missing');
  });

  test('a record without the image its operation needs (stream not NEW_AND_OLD_IMAGES)', async () => {
    expect(await rejectionOf(streamRecord('INSERT', { keys: { order_id: { S: 'ORD-1' } } }))).toContain('dynamodb.NewImage: missing');
  });

  test('an event time that is not epoch seconds (e.g. a replay whose CLI printed ISO dates)', async () => {
    const record = changeOf('INSERT', orderItem());
    (record.dynamodb as Record<string, unknown>).ApproximateCreationDateTime = '2026-11-21T10:30:01Z';
    expect(await rejectionOf(record)).toBe('dynamodb.ApproximateCreationDateTime: expected whole epoch seconds between 2014 and 2100, got "2026-11-21T10:30:01Z"');
  });

  test('an event time in milliseconds, which would be a date thousands of years away', async () => {
    const record = changeOf('INSERT', orderItem());
    record.dynamodb!.ApproximateCreationDateTime = Date.parse('2026-11-21T10:30:01Z');
    expect(await rejectionOf(record)).toMatch(/got 1795257001000 \(milliseconds\?\)$/);
  });


  test('a change over the Kinesis record size limit', async () => {
    // SKUs within the warehouse's 256 bytes each, as many as it takes to pass the Kinesis limit.
    const huge = orderItem({ lines: Array.from({ length: Math.ceil(MAX_RECORD_BYTES / 250) }, (_, i) => ({ sku: `S${i}-${'x'.repeat(240)}`, quantity: 1, unit_price: 1 })) });
    expect(await rejectionOf(changeOf('INSERT', huge))).toMatch(/over the Kinesis record limit of 1048576/);
  });
});

describe('a change that failed for a passing reason is returned for Lambda to retry', () => {
  test('when Kinesis refuses every call, every record is retried and the counts still add up', async () => {
    const deps = { ...(await freshStream()), streamName: 'no-such-stream' };
    const records = [1, 2, 3].map((n) => changeOf('INSERT', orderItem({}, n)));

    const outcome = await forwardChanges(records, deps);

    expect(outcome.forwarded).toBe(0);
    expect(outcome.quarantined).toEqual([]);
    expect(outcome.retried.map((r) => r.sequenceNumber)).toEqual(records.map((r) => r.dynamodb!.SequenceNumber));
    expect(outcome.retried[0].reason).toMatch(/^Kinesis rejected it after retries: ResourceNotFoundException/);
  });

  test('a record that cannot even be read (so nothing of it could be kept) is retried, never dropped', async () => {
    const deps = await freshStream();
    const record = changeOf('INSERT', orderItem());
    Object.defineProperty(record.dynamodb!, 'NewImage', { enumerable: true, get: () => { throw new Error('unreadable'); } });

    const outcome = await forwardChanges([record], deps);

    expect(outcome.retried).toEqual([expect.objectContaining({ sequenceNumber: record.dynamodb!.SequenceNumber })]);
    expect(outcome.retried[0].reason).toBe('could not be quarantined (Error: unreadable); unexpected error: unreadable');
  });

  test('when the quarantine cannot be written, the invalid change is retried with both reasons, never dropped', async () => {
    const deps = { ...(await freshStream()), quarantine: async () => { throw Object.assign(new Error('Slow Down'), { name: 'SlowDown' }); } };
    const bad = changeOf('INSERT', orderItem({ currency: 'XXX' }, 3));

    const outcome = await forwardChanges([changeOf('INSERT', orderItem({}, 4)), bad], deps);

    expect(outcome.forwarded).toBe(1);
    expect(outcome.retried).toEqual([expect.objectContaining({ sequenceNumber: bad.dynamodb!.SequenceNumber })]);
    expect(outcome.retried[0].reason).toMatch(/^could not be quarantined \(SlowDown: Slow Down\); currency: "XXX" is not one of/);
  });
});

test('a mixed batch of 50: received = forwarded + quarantined, Kinesis holds exactly the forwarded ones, the quarantine the rest', async () => {
  const deps = await freshStream();
  const records = Array.from({ length: 50 }, (_, n) => changeOf(
    (['INSERT', 'MODIFY', 'REMOVE'] as const)[n % 3],
    n % 10 === 0 ? orderItem({ currency: 'XXX' }, n) : orderItem({}, n),
  ));

  const outcome = await forwardChanges(records, deps);

  // Of the five invalid changes, the REMOVE (n = 20) is forwarded as a key-only delete, its image quarantined.
  expect(outcome.quarantined).toHaveLength(4);
  expect(outcome.deletedByKey).toHaveLength(1);
  expect(outcome.forwarded + outcome.quarantined.length + outcome.retried.length).toBe(outcome.received);
  expect(await readBack(deps)).toHaveLength(outcome.forwarded);
  expect(readQuarantine(deps.quarantineDir, QUARANTINED_CHANGES_PREFIX)).toHaveLength(5);
});

describe('a REMOVE whose old image fails the ORDER contract still deletes the order, by its key', () => {
  const invalidRemove = (n: number) => changeOf('REMOVE', orderItem({ status: 'ON_HOLD' }, n));
  const deleted = invalidRemove(8);
  const keyless = invalidRemove(9);
  keyless.dynamodb!.Keys = {};
  let deps: Awaited<ReturnType<typeof freshStream>>;
  let outcome: ForwardOutcome;
  let changes: Awaited<ReturnType<typeof readBack>>;

  // One stream for the batch (kinesalite allows 50 shards in all).
  beforeAll(async () => {
    deps = await freshStream();
    outcome = await forwardChanges([deleted, keyless], deps);
    changes = await readBack(deps);
  });

  test('Kinesis gets the key, the operation, removed_by and the event metadata, nothing of the invalid image', () => {
    const empty = Object.fromEntries(ORDER_CHANGE.columns.map((c) => [c.name, null]));
    expect(changes).toEqual([{
      partitionKey: 'ORD-00000008',
      change: {
        ...empty,
        event_id: deleted.eventID, operation: 'REMOVE', removed_by: 'USER', sequence_number: deleted.dynamodb!.SequenceNumber,
        event_time: '2026-11-21T10:30:01.000Z', order_id: 'ORD-00000008',
      },
    }]);
  });

  test('the change is a valid ORDER_CHANGE, as a key-only row', () => {
    expect(validateRecord(ORDER_CHANGE, changes[0].change)).toEqual([]);
  });

  test('the invalid image is quarantined whole, with its reason, and counted as forwarded, not quarantined', () => {
    const document = readQuarantine(deps.quarantineDir, QUARANTINED_CHANGES_PREFIX).find((d) => d.key.includes(deleted.eventID!));
    expect(outcome.forwarded).toBe(1);
    expect(outcome.deletedByKey).toEqual([expect.objectContaining({ key: document?.key, eventId: deleted.eventID, orderId: 'ORD-00000008' })]);
    expect(document?.document.reason).toMatch(/^deleted by its key only; the old image: status: "ON_HOLD" is not one of/);
    expect(JSON.parse(document?.document.raw_record as string)).toEqual(deleted);
  });

  test('a REMOVE whose key cannot be read either is quarantined whole: there is nothing to delete by', () => {
    expect(outcome.quarantined).toEqual([expect.objectContaining({ eventId: keyless.eventID })]);
    expect(outcome.quarantined[0].reason).toContain('no key to delete by: dynamodb.Keys.order_id: missing');
    expect(outcome.retried).toEqual([]);
  });

  test('when the image cannot be quarantined, the delete is retried with the reason, never counted as done', async () => {
    const failing = { ...(await freshStream()), quarantine: async () => { throw Object.assign(new Error('Slow Down'), { name: 'SlowDown' }); } };
    const record = invalidRemove(11);

    const result = await forwardChanges([record], failing);

    expect(result).toMatchObject({ received: 1, forwarded: 0, deletedByKey: [], quarantined: [] });
    expect(result.retried).toEqual([expect.objectContaining({ sequenceNumber: record.dynamodb!.SequenceNumber })]);
    expect(result.retried[0].reason).toMatch(/^could not be quarantined \(SlowDown: Slow Down\); deleted by its key only/);
  });

  test('when Kinesis refuses it, the delete is retried once, not reported as deleted', async () => {
    const record = invalidRemove(12);

    const result = await forwardChanges([record], { ...deps, streamName: 'no-such-stream' });

    expect(result).toMatchObject({ received: 1, forwarded: 0, deletedByKey: [], quarantined: [] });
    expect(result.retried.map((r) => r.sequenceNumber)).toEqual([record.dynamodb!.SequenceNumber]);
  });
});
