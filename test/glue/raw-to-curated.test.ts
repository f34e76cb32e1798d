import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  CATEGORY_REVENUE_DAILY, CLICK_EVENT, CURATED_CLICKSTREAM, CURATED_CUSTOMERS, CURATED_ORDER_LINES, CURATED_ORDERS, CURATED_PRODUCTS,
  CUSTOMER, ORDER_CHANGE, ORDER_LINE_EXPORT, PRODUCT,
} from '../../lib/contracts';
import { type FixtureRow, fixtureRow, toCsv, toJsonLines, writeZoneFile } from '../../local/dataset-fixtures';
import { maskEmail } from '../../lambda/orders-cdc-forwarder/email-mask';
import { CHANGE_FEEDS } from '../../lib/etl/glue-job-plan';
import { type LocalLake, type RunClock } from '../../local/local-glue-jobs';
import { localGlueSession } from './support/local-glue-session';

/** Both jobs, run on DuckDB over fixture files and CDC records: what the curated tables hold. */
const CLOCK: RunClock = { runDate: '2026-03-03', runTime: '2026-03-03T04:00:00Z' };
const EMAIL_KEY = 'test-email-hash-key';

const session = localGlueSession();

interface Input {
  readonly landing?: Record<string, string>;
  /** CDC records as Firehose writes them, by event date. */
  readonly changes?: Record<string, readonly FixtureRow[]>;
}

function lakeWith(input: Input): LocalLake {
  const lake = session.newLake();
  for (const [path, content] of Object.entries(input.landing ?? {})) writeZoneFile(lake.landing, path, content);
  for (const [day, rows] of Object.entries(input.changes ?? {})) {
    writeZoneFile(lake.raw, `order_changes/event_date=${day}/changes-${day}.json`, toJsonLines(rows));
  }
  return lake;
}

async function runBoth(lake: LocalLake): Promise<void> {
  await session.jobs.landingToRaw(lake, CLOCK);
  await session.jobs.rawToCurated(lake);
}

async function pipeline(input: Input): Promise<LocalLake> {
  const lake = lakeWith(input);
  await runBoth(lake);
  return lake;
}

const change = (sequence: number, operation: string, overrides: FixtureRow = {}): FixtureRow =>
  fixtureRow(ORDER_CHANGE, sequence, {
    order_id: 'O-1', operation, sequence_number: String(sequence), event_time: `2026-03-02T10:0${sequence}:00.000Z`, ...overrides,
  });
const product = (sku: string, overrides: FixtureRow = {}) => fixtureRow(PRODUCT, 0, { sku, ...overrides });
const exportLine = (i: number, overrides: FixtureRow = {}) => fixtureRow(ORDER_LINE_EXPORT, i, overrides);

describe('orders: the latest version of each order', () => {
  test('an order changed by CDC is curated at its last change', async () => {
    const lake = await pipeline({
      changes: { '2026-03-02': [change(1, 'INSERT', { status: 'PENDING' }), change(2, 'MODIFY', { status: 'PAID' })] },
    });
    expect(await session.jobs.readCurated(lake, CURATED_ORDERS)).toEqual([
      expect.objectContaining({ order_id: 'O-1', status: 'PAID', line_count: 1, order_date: '2026-03-02' }),
    ]);
  });

  test('CDC records are ordered by sequence number, whatever the order of the files', async () => {
    const lake = await pipeline({
      changes: { '2026-03-02': [change(9, 'MODIFY', { status: 'SHIPPED', event_time: '2026-03-02T10:00:00.000Z' }),
        change(10, 'MODIFY', { status: 'DELIVERED', event_time: '2026-03-02T10:00:00.000Z' })] },
    });
    expect((await session.jobs.readCurated(lake, CURATED_ORDERS)).map((o) => o.status)).toEqual(['DELIVERED']);
  });

  test('a removed order is gone from orders, order lines and the revenue report', async () => {
    const lake = await pipeline({ changes: { '2026-03-02': [change(1, 'INSERT'), change(2, 'REMOVE')] } });
    expect(await session.jobs.readCurated(lake, CURATED_ORDERS)).toEqual([]);
    expect(await session.jobs.readCurated(lake, CURATED_ORDER_LINES)).toEqual([]);
    expect(await session.jobs.readCurated(lake, CATEGORY_REVENUE_DAILY)).toEqual([]);
  });

  test('a batch export newer than the last CDC record wins, with its own lines', async () => {
    const lake = await pipeline({
      changes: { '2026-03-02': [change(1, 'INSERT', { status: 'PENDING' })] },
      landing: {
        'order_line_exports/e.csv': toCsv([
          exportLine(0, { order_id: 'O-1', status: 'SHIPPED', updated_at: '2026-03-02T12:00:00Z', line_number: 1, quantity: 2 }),
          exportLine(1, { order_id: 'O-1', status: 'SHIPPED', updated_at: '2026-03-02T12:00:00Z', line_number: 2, quantity: 3 }),
        ]),
      },
    });
    expect(await session.jobs.readCurated(lake, CURATED_ORDERS)).toEqual([
      expect.objectContaining({ order_id: 'O-1', status: 'SHIPPED', line_count: 2, units: 5 }),
    ]);
  });

  test('a CDC record delivered twice gives its lines once', async () => {
    const lake = await pipeline({ changes: { '2026-03-02': [change(1, 'INSERT'), change(1, 'INSERT')] } });
    expect(await session.jobs.readCurated(lake, CURATED_ORDER_LINES)).toHaveLength(1);
  });

  test('order totals sum the lines: line count, units and quantity x unit price', async () => {
    const lines = [{ sku: 'A', quantity: 2, unit_price: 10.25 }, { sku: 'B', quantity: 1, unit_price: 5 }];
    const lake = await pipeline({ changes: { '2026-03-02': [change(1, 'INSERT', { lines })] } });
    expect(await session.jobs.readCurated(lake, CURATED_ORDERS)).toEqual([
      expect.objectContaining({ line_count: 2, units: 3, order_total: '25.50' }),
    ]);
  });
});

describe('order lines: enriched with products and customers', () => {
  test('each line carries its product name, category, customer segment and revenue', async () => {
    const lake = await pipeline({
      landing: {
        'products/p.csv': toCsv([product('A', { product_name: 'Lamp', category: 'HOME' })]),
        'customers/c.csv': toCsv([fixtureRow(CUSTOMER, 0, { customer_id: 'C-1', segment: 'VIP' })]),
      },
      changes: { '2026-03-02': [change(1, 'INSERT', { customer_id: 'C-1', lines: [{ sku: 'A', quantity: 3, unit_price: 2.5 }] })] },
    });
    expect(await session.jobs.readCurated(lake, CURATED_ORDER_LINES)).toEqual([expect.objectContaining({
      order_id: 'O-1', line_number: 1, sku: 'A', product_name: 'Lamp', category: 'HOME', quantity: 3, unit_price: '2.50',
      line_revenue: '7.50', customer_id: 'C-1', customer_segment: 'VIP', order_date: '2026-03-02',
    })]);
  });

  test('a line whose product or customer is unknown is kept and labelled UNKNOWN', async () => {
    const lake = await pipeline({ changes: { '2026-03-02': [change(1, 'INSERT')] } });
    expect(await session.jobs.readCurated(lake, CURATED_ORDER_LINES)).toEqual([
      expect.objectContaining({ product_name: 'UNKNOWN', category: 'UNKNOWN', customer_segment: 'UNKNOWN' }),
    ]);
  });
});

test('category revenue by day, region and category counts orders, units and revenue, without cancelled orders', async () => {
  const order = (id: string, sequence: number, overrides: FixtureRow) =>
    change(sequence, 'INSERT', { order_id: id, region: 'UK', currency: 'GBP', created_at: '2026-03-02T09:00:00.000Z', ...overrides });
  const lake = await pipeline({
    landing: { 'products/p.csv': toCsv([product('A', { category: 'TOYS' }), product('B', { category: 'TOYS' })]) },
    changes: {
      '2026-03-02': [
        order('O-1', 1, { lines: [{ sku: 'A', quantity: 1, unit_price: 10 }, { sku: 'B', quantity: 2, unit_price: 1 }] }),
        order('O-2', 2, { lines: [{ sku: 'A', quantity: 1, unit_price: 10 }] }),
        order('O-3', 3, { status: 'CANCELLED', lines: [{ sku: 'A', quantity: 5, unit_price: 10 }] }),
      ],
    },
  });
  expect(await session.jobs.readCurated(lake, CATEGORY_REVENUE_DAILY)).toEqual([{
    order_date: '2026-03-02', region: 'UK', category: 'TOYS', currency: 'GBP', orders: '2', units: '4', revenue: '22.00',
  }]);
});

describe('customer e-mails', () => {
  const customersWithEmails = async (emails: readonly string[], emailHashKey?: string) => {
    const lake = lakeWith({ landing: { 'customers/c.csv': toCsv(emails.map((email, i) => fixtureRow(CUSTOMER, i, { email }))) } });
    await session.jobs.landingToRaw(lake, CLOCK);
    await session.jobs.rawToCurated(lake, { emailHashKey });
    return session.jobs.readCurated(lake, CURATED_CUSTOMERS);
  };

  test('customers carry the forwarder\'s keyed hash of the e-mail (customer_email_hash) and no name', async () => {
    const emails = [' Ada@Example.COM ', 'zoë.åberg@exämple.se', 'ÉLODIE@EXAMPLE.FR', '   grace.HOPPER@example.com   ', '山田@例え.jp'];
    const customers = await customersWithEmails(emails, EMAIL_KEY);
    expect(customers.map((c) => c.email_hash)).toEqual(emails.map((email) => maskEmail(email, EMAIL_KEY)));
    expect(Object.keys(customers[0])).not.toContain('full_name');
    expect(Object.keys(customers[0])).not.toContain('email');
  });

  test('the hash depends on the key: an unkeyed SHA-256 of a guessed address does not match it', async () => {
    const [customer] = await customersWithEmails(['ada@example.com'], EMAIL_KEY);
    expect(customer.email_hash).not.toBe(createHash('sha256').update('ada@example.com').digest('hex'));
    expect(customer.email_hash).not.toBe(maskEmail('ada@example.com', 'another-key'));
  });

  test('a key longer than the SHA-256 block is hashed first, as HMAC does', async () => {
    const longKey = 'k'.repeat(65);
    const [customer] = await customersWithEmails(['ada@example.com'], longKey);
    expect(customer.email_hash).toBe(maskEmail('ada@example.com', longKey));
  });
});

describe('duplicates', () => {
  test('duplicate business keys keep the latest version (by updated_at)', async () => {
    const lake = await pipeline({
      landing: {
        'products/p.csv': toCsv([
          product('A', { list_price: 1, updated_at: '2026-03-01T00:00:00Z' }),
          product('A', { list_price: 3, updated_at: '2026-03-02T00:00:00Z' }),
          product('A', { list_price: 2, updated_at: '2026-03-01T12:00:00Z' }),
        ]),
      },
    });
    expect(await session.jobs.readCurated(lake, CURATED_PRODUCTS)).toEqual([expect.objectContaining({ sku: 'A', list_price: '3.00' })]);
  });

  test('a clickstream event delivered twice is curated once, partitioned by its day', async () => {
    const event = fixtureRow(CLICK_EVENT, 0, { event_id: 'E-1', event_time: '2026-03-01T23:59:59Z' });
    const lake = await pipeline({ landing: { 'clickstream/a.jsonl': toJsonLines([event]), 'clickstream/b.jsonl': toJsonLines([event]) } });
    expect(await session.jobs.readCurated(lake, CURATED_CLICKSTREAM)).toEqual([
      expect.objectContaining({ event_id: 'E-1', event_date: '2026-03-01' }),
    ]);
  });
});

test('each run writes one Snappy Parquet change batch per change table the warehouse loads, named by the run', async () => {
  const lake = lakeWith({ changes: { '2026-03-02': [change(1, 'INSERT', { created_at: '2026-02-28T08:00:00.000Z' })] } });
  await session.jobs.landingToRaw(lake, CLOCK);
  const { batchId } = await session.jobs.rawToCurated(lake, { runTime: CLOCK.runTime });
  expect(batchId).toBe('20260303T040000000000Z');
  expect(readdirSync(join(lake.curated, 'changes')).sort()).toEqual(CHANGE_FEEDS.map((f) => f.table.name).sort());
  expect(readdirSync(join(lake.curated, 'changes', 'orders_changes'))).toEqual([`batch_id=${batchId}`]);
  const [{ compression }] = await session.jobs.query<{ compression: string }>(
    `SELECT DISTINCT compression FROM parquet_metadata('${lake.curated}/changes/orders_changes/**/*.parquet')`);
  expect(compression).toBe('SNAPPY');
});

describe('a poison record already in the raw zone', () => {
  const good = JSON.stringify(change(1, 'INSERT'));
  const poison: Record<string, string> = {
    'a line that is not JSON': '{"order_id": "O-9", "operation":',
    'a key given twice': good.replace('{', '{"status":"BOGUS",').replace('"O-1"', '"O-9"'),
    'an impossible timestamp': JSON.stringify(change(2, 'INSERT', { order_id: 'O-9', event_time: '2026-03-02T99:00:00Z' })),
    'a quantity that is not a number': JSON.stringify(change(2, 'INSERT', { order_id: 'O-9', lines: [{ sku: 'S-1', quantity: 'many', unit_price: 1 }] })),
    'a JSON array': `[${good}]`,
  };

  test.each(Object.keys(poison))('%s: is left out and counted, and neither this run nor the next fails', async (name) => {
    const lake = lakeWith({});
    writeZoneFile(lake.raw, 'order_changes/event_date=2026-03-02/changes.json', `${good}\n${poison[name]}\n`);
    await session.jobs.landingToRaw(lake, CLOCK);
    expect((await session.jobs.rawToCurated(lake)).unreadableRawRows).toEqual({ order_changes: 1 });
    // The next run does not read the file again: it is in the ledger, poison and all.
    await session.jobs.landingToRaw(lake, CLOCK);
    expect((await session.jobs.rawToCurated(lake)).newRawFiles.order_changes).toBe(0);
    expect((await session.jobs.readCurated(lake, CURATED_ORDERS)).map((o) => o.order_id)).toEqual(['O-1']);
  });
});
