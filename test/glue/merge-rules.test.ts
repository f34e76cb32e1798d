import { CLICK_EVENT, PRODUCT } from '../../lib/contracts';
import { fixtureRow } from '../../local/dataset-fixtures';
import { type Row, runCuratedStep } from './support/sql-file-run';

/**
 * The MERGE of each curated table (glue-scripts/sql/merge_*.sql), run once per file on DuckDB, as deployed: which key
 * a change replaces (every part of the key, so a row differing in one part only is left alone), what a DELETE removes,
 * that a DELETE of a key the table lacks inserts nothing, and that an update writes every column. The rule -> test
 * table is in glue-scripts/sql/README.md.
 */
const D1 = '2026-03-01';
const D2 = '2026-03-02';
const T = (hhmm: string) => `${D2}T${hhmm}:00`;

/** The merged table's rows whose `key` column is `value`. */
const keyed = (rows: readonly Row[], key: string) => (value: string) => rows.filter((r) => r[key] === value);

describe.each([
  {
    file: 'merge_products.sql', table: 'products', view: 'products_changes', key: 'sku', label: 'product_name', change: { change_type: 'UPSERT' },
    row: (key: string, version: number) => ({ ...fixtureRow(PRODUCT, 0, { sku: key, product_name: `v${version}`, list_price: version, is_active: version === 1, updated_at: T(`1${version}:00`) }), category: version === 1 ? 'BOOKS' : 'TOYS' }),
  },
  {
    file: 'merge_customers.sql', table: 'customers', view: 'customers_changes', key: 'customer_id', label: 'email_hash', change: { change_type: 'UPSERT' },
    row: (key: string, version: number) => ({
      customer_id: key, email_hash: `v${version}`, country: version === 1 ? 'DE' : 'FR', segment: version === 1 ? 'CONSUMER' : 'VIP',
      signup_date: version === 1 ? D1 : D2, updated_at: T(`1${version}:00`),
    }),
  },
  {
    file: 'merge_order_versions.sql', table: 'order_versions', view: 'order_versions_changes', key: 'order_id', label: 'customer_id', change: { from_batch: 1 },
    row: (key: string, version: number) => ({
      order_id: key, customer_id: `v${version}`, status: version === 1 ? 'PAID' : 'SHIPPED', currency: version === 1 ? 'EUR' : 'GBP',
      region: version === 1 ? 'EU-WEST' : 'UK', payment_type: version === 1 ? 'CARD' : 'PAYPAL', created_at: T(`0${version}:00`),
      updated_at: T(`1${version}:00`), version_source: version === 1 ? 'CDC' : 'EXPORT', version_time: T(`1${version}:00`),
      sequence_number: version === 1 ? '1' : null, source_partition: version === 1 ? D1 : D2, removed: version !== 1, order_date: version === 1 ? D1 : D2,
    }),
  },
])('$file: upserts keyed on $key', ({ file, table, view, key, label, change, row }) => {
  // Version 2 of a row differs from version 1 in every column but the key; `label` names the version.
  let merged: (value: string) => Row[];
  const withoutKey = (r: Row) => Object.fromEntries(Object.entries(r).filter(([column]) => column !== key));
  beforeAll(async () => {
    merged = keyed(await runCuratedStep(file, {
      [table]: [row('K-UPDATED', 1), row('K-KEPT', 1)],
      [view]: [{ ...row('K-UPDATED', 2), ...change }, { ...row('K-NEW', 2), ...change }],
    }), key);
  });

  test('a change replaces every column of the row of its key: the row equals one inserted from the same change', () => {
    expect(merged('K-UPDATED')).toHaveLength(1);
    expect(withoutKey(merged('K-UPDATED')[0])).toEqual(withoutKey(merged('K-NEW')[0]));
  });

  test('a key the table lacks is inserted with every column of its change', () => {
    const [inserted] = merged('K-NEW');
    expect(inserted[label]).toBe('v2');
    expect(Object.keys(inserted).filter((c) => inserted[c] === null)).toEqual(Object.keys(row('K-NEW', 2)).filter((c) => row('K-NEW', 2)[c as never] === null));
  });

  test('a row of another key is left alone', () => expect(merged('K-KEPT').map((r) => r[label])).toEqual(['v1']));
});

describe('merge_order_lines.sql: keyed on order and line number', () => {
  const line = (order_id: string, line_number: number, sku: string, extra: Row = {}): Row => ({
    order_id, line_number, sku, product_name: `name of ${sku}`, category: 'BOOKS', quantity: 1, unit_price: 10, line_revenue: 10, currency: 'EUR',
    customer_id: 'C-1', customer_segment: 'CONSUMER', region: 'EU-WEST', status: 'PAID', order_date: D2, ...extra,
  });
  let skus: (orderId: string) => Array<[number, string]>;
  let updated: Row | undefined;
  beforeAll(async () => {
    const merged = await runCuratedStep('merge_order_lines.sql', {
      order_lines: [line('L-UPD', 1, 'OLD'), line('L-UPD', 2, 'SAME'), line('L-OTHER', 1, 'SAME'), line('L-DEL', 1, 'GONE'), line('L-DEL', 2, 'SAME')],
      order_lines_changes: [
        { ...line('L-UPD', 1, 'NEW', { quantity: 2, unit_price: 5.5, line_revenue: 11, currency: 'GBP', customer_id: 'C-2', customer_segment: 'VIP', region: 'UK', status: 'SHIPPED', order_date: D1, product_name: 'renamed', category: 'TOYS' }), change_type: 'UPSERT' },
        { ...line('L-DEL', 1, 'GONE'), change_type: 'DELETE' },
        { ...line('L-INS', 1, 'NEW'), change_type: 'UPSERT' },
        { ...line('L-GHOST', 1, 'GONE'), change_type: 'DELETE' },
      ],
    });
    skus = (orderId) => merged.filter((r) => r.order_id === orderId).map((r) => [r.line_number as number, r.sku as string]);
    updated = merged.find((r) => r.order_id === 'L-UPD' && r.line_number === 1);
  });

  test('an UPSERT replaces every column of the line of its order and number', () => {
    expect(updated).toEqual({
      order_id: 'L-UPD', line_number: 1, sku: 'NEW', product_name: 'renamed', category: 'TOYS', quantity: 2, unit_price: '5.50', line_revenue: '11.00',
      currency: 'GBP', customer_id: 'C-2', customer_segment: 'VIP', region: 'UK', status: 'SHIPPED', order_date: D1,
    });
  });
  test('another line of the same order is left alone', () => expect(skus('L-UPD')).toContainEqual([2, 'SAME']));
  test('the line of the same number in another order is left alone', () => expect(skus('L-OTHER')).toEqual([[1, 'SAME']]));
  test('a DELETE removes its line only', () => expect(skus('L-DEL')).toEqual([[2, 'SAME']]));
  test('a new line is inserted', () => expect(skus('L-INS')).toEqual([[1, 'NEW']]));
  test('a DELETE of a line the table lacks inserts nothing', () => expect(skus('L-GHOST')).toEqual([]));
});

describe('merge_orders.sql: keyed on the order', () => {
  const order = (order_id: string, status: string, extra: Row = {}): Row => ({
    order_id, customer_id: 'C-1', status, currency: 'EUR', region: 'EU-WEST', payment_type: 'CARD', created_at: T('09:00'), updated_at: T('10:00'),
    line_count: 1, units: 1, order_total: 10, order_date: D2, ...extra,
  });
  let merged: (id: string) => Row[];
  beforeAll(async () => {
    merged = keyed(await runCuratedStep('merge_orders.sql', {
      orders: [order('O-UPD', 'PAID'), order('O-DEL', 'PAID'), order('O-KEPT', 'PAID')],
      orders_changes: [
        { ...order('O-UPD', 'SHIPPED', { customer_id: 'C-2', currency: 'GBP', region: 'UK', payment_type: 'PAYPAL', created_at: T('08:00'), updated_at: T('11:00'), line_count: 2, units: 3, order_total: 30, order_date: D1 }), change_type: 'UPSERT' },
        { order_id: 'O-DEL', order_date: D2, change_type: 'DELETE' },
        { ...order('O-NEW', 'PAID'), change_type: 'UPSERT' },
        { order_id: 'O-GHOST', order_date: D2, change_type: 'DELETE' },
      ],
    }), 'order_id');
  });

  test('an UPSERT replaces every column of its order', () => {
    expect(merged('O-UPD')).toEqual([{
      order_id: 'O-UPD', customer_id: 'C-2', status: 'SHIPPED', currency: 'GBP', region: 'UK', payment_type: 'PAYPAL', created_at: '2026-03-02 08:00:00',
      updated_at: '2026-03-02 11:00:00', line_count: 2, units: 3, order_total: '30.00', order_date: D1,
    }]);
  });
  test('a DELETE removes the order', () => expect(merged('O-DEL')).toEqual([]));
  test('another order is left alone', () => expect(merged('O-KEPT')).toEqual([expect.objectContaining({ status: 'PAID' })]));
  test('a new order is inserted', () => expect(merged('O-NEW')).toHaveLength(1));
  test('a DELETE of an order the table lacks inserts nothing', () => expect(merged('O-GHOST')).toEqual([]));
});

describe('merge_category_revenue_daily.sql: keyed on day, region, category and currency', () => {
  const group = (extra: Row = {}): Row => ({ region: 'EU-WEST', category: 'BOOKS', currency: 'EUR', orders: 1, units: 1, revenue: 10, order_date: D1, ...extra });
  const SIBLING: Record<string, Row> = { day: { order_date: D2 }, region: { region: 'UK' }, category: { category: 'TOYS' }, currency: { currency: 'GBP' } };
  let orders: (row: Row) => unknown[];
  beforeAll(async () => {
    const merged = await runCuratedStep('merge_category_revenue_daily.sql', {
      category_revenue_daily: [group(), ...Object.values(SIBLING).map((s) => group(s)), group({ region: 'US-EAST' })],
      category_revenue_daily_changes: [
        { ...group({ orders: 9, units: 8, revenue: 70 }), change_type: 'UPSERT' },
        { ...group({ region: 'US-EAST' }), change_type: 'DELETE' },
        { ...group({ region: 'US-WEST' }), change_type: 'UPSERT' },
        { ...group({ region: 'EU-CENTRAL' }), change_type: 'DELETE' },
      ],
    });
    orders = (row) => merged.filter((r) => ['region', 'category', 'currency', 'order_date'].every((k) => r[k] === row[k])).map((r) => [r.orders, r.units, r.revenue]);
  });

  test('an UPSERT replaces the figures of its group', () => expect(orders(group())).toEqual([['9', '8', '70.00']]));
  test.each(Object.keys(SIBLING))('a group differing only in its %s is left alone', (part) => expect(orders(group(SIBLING[part]))).toEqual([['1', '1', '10.00']]));
  test('a DELETE removes its group', () => expect(orders(group({ region: 'US-EAST' }))).toEqual([]));
  test('a new group is inserted', () => expect(orders(group({ region: 'US-WEST' }))).toHaveLength(1));
  test('a DELETE of a group the table lacks inserts nothing', () => expect(orders(group({ region: 'EU-CENTRAL' }))).toEqual([]));
});

describe('merge_clickstream.sql: events are added once', () => {
  const event = (event_id: string, page_url: string) => ({ ...fixtureRow(CLICK_EVENT, 0, { event_id, page_url, event_time: T('10:00') }), event_date: D2 });
  let pages: (id: string) => unknown[];
  beforeAll(async () => {
    const merged = await runCuratedStep('merge_clickstream.sql', {
      clickstream: [event('E-OLD', '/first')],
      clickstream_changes: [event('E-OLD', '/again'), event('E-NEW', '/new')],
    });
    pages = (id) => merged.filter((r) => r.event_id === id).map((r) => r.page_url);
  });

  test('an event already curated keeps its first version', () => expect(pages('E-OLD')).toEqual(['/first']));
  test('a new event is added', () => expect(pages('E-NEW')).toEqual(['/new']));
});
