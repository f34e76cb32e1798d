import { ORDER_CHANGE, ORDER_LINE_EXPORT, PRODUCT } from '../../lib/contracts';
import { fixtureRow } from '../../local/dataset-fixtures';
import { type Row, runCuratedStep } from './support/sql-file-run';

/**
 * Every join, dedupe order and change rule of the queries that curate order lines, orders and the revenue report
 * (glue-scripts/sql/order_lines_changes.sql, orders_changes.sql, category_revenue_daily_changes.sql), one test each:
 * each file runs once on DuckDB, as deployed, over inputs holding one order (or one day) per rule that only that rule
 * decides. The rule -> test table is in glue-scripts/sql/README.md.
 */
const D1 = '2026-03-01';
const D2 = '2026-03-02';
const T = (hhmm: string, day = D2) => `${day}T${hhmm}:00`;

/** An order as the curated order_versions holds it after this run's merge. */
const version = (order_id: string, extra: Row = {}): Row => ({
  order_id, customer_id: 'C-KNOWN', status: 'PAID', currency: 'EUR', region: 'EU-WEST', payment_type: 'CARD', created_at: T('09:00'),
  updated_at: T('10:00'), version_source: 'CDC', version_time: T('10:00'), sequence_number: '2', source_partition: D2, removed: false,
  order_date: D2, ...extra,
});
/** The version this run read for an order (order_versions_changes): the batch winner. */
const winner = (order_id: string, extra: Row = {}): Row => ({ from_batch: 1, ...version(order_id, extra) });
const cdcRecord = (order_id: string, sequence_number: string, lines: Row[]): Row => ({
  ...fixtureRow(ORDER_CHANGE, 0, { order_id, operation: 'MODIFY', removed_by: null, sequence_number, event_time: T('10:00'), lines }), event_date: D2,
});
const item = (sku: string, quantity = 1, unit_price = 10): Row => ({ sku, quantity, unit_price });
const exportLine = (order_id: string, line_number: number, sku: string, updated_at: string, ingest_date: string): Row =>
  ({ ...fixtureRow(ORDER_LINE_EXPORT, 0, { order_id, line_number, sku, updated_at }), ingest_date });
const curatedLine = (order_id: string, line_number: number, sku: string, extra: Row = {}): Row => ({
  order_id, line_number, sku, product_name: 'as curated', category: 'BOOKS', quantity: 1, unit_price: 10, line_revenue: 10, currency: 'EUR',
  customer_id: 'C-KNOWN', customer_segment: 'CONSUMER', region: 'EU-WEST', status: 'PAID', order_date: D2, ...extra,
});

describe('order_lines_changes.sql: the lines of every touched order', () => {
  const orders = [
    'L-CDC', 'L-STALE', 'L-REDELIVERED', 'L-EXPORT', 'L-EXPORT-INGEST', 'L-KEPT', 'L-REPLACED', 'L-REMOVED', 'L-NO-PRODUCT', 'L-NO-CUSTOMER', 'L-AMOUNT', 'L-EMPTY',
  ];
  let lines: (id: string) => Array<[number, string, unknown]>;
  let row: (id: string, lineNumber: number, changeType: string) => Row | undefined;
  beforeAll(async () => {
    const twice = cdcRecord('L-REDELIVERED', '2', [item('SKU-A'), item('SKU-B')]);
    const result = await runCuratedStep('order_lines_changes.sql', {
      order_versions_changes: [
        winner('L-CDC'), winner('L-STALE', { from_batch: 0, sequence_number: '5' }), winner('L-REDELIVERED'), winner('L-REPLACED'), winner('L-NO-PRODUCT'), winner('L-NO-CUSTOMER', { customer_id: 'C-NEVER-SEEN' }),
        winner('L-AMOUNT'), winner('L-EMPTY'), winner('L-REMOVED', { removed: true }),
        winner('L-EXPORT', { version_source: 'EXPORT', sequence_number: null, updated_at: T('11:00') }),
        winner('L-EXPORT-INGEST', { version_source: 'EXPORT', sequence_number: null, updated_at: T('11:00') }),
      ],
      order_versions: [
        ...orders.filter((id) => id !== 'L-REMOVED' && id !== 'L-NO-CUSTOMER').map((id) => version(id)),
        version('L-REMOVED', { removed: true }), version('L-NO-CUSTOMER', { customer_id: 'C-NEVER-SEEN' }), version('L-UNTOUCHED'),
      ],
      touched_orders: orders.map((order_id) => ({ order_id })),
      raw_order_changes: [
        cdcRecord('L-CDC', '1', [item('SKU-OLD-1'), item('SKU-OLD-2')]), cdcRecord('L-CDC', '2', [item('SKU-A')]),
        cdcRecord('L-STALE', '3', [item('SKU-B')]),
        twice, twice,
        cdcRecord('L-REPLACED', '2', [item('SKU-A')]),
        cdcRecord('L-NO-PRODUCT', '2', [item('SKU-NOT-IN-CATALOGUE')]),
        cdcRecord('L-NO-CUSTOMER', '2', [item('SKU-A')]),
        cdcRecord('L-AMOUNT', '2', [item('SKU-A', 2, 5000000000), item('SKU-A', 1, 9999999999.99)]),
        cdcRecord('L-EMPTY', '2', []),
      ],
      raw_order_line_exports: [
        exportLine('L-EXPORT', 1, 'SKU-OLDER-EXPORT', T('10:30'), D2), exportLine('L-EXPORT', 2, 'SKU-OLDER-EXPORT', T('10:30'), D2),
        exportLine('L-EXPORT', 1, 'SKU-A', T('11:00'), D2),
        exportLine('L-EXPORT-INGEST', 1, 'SKU-INGESTED-FIRST', T('11:00'), D1), exportLine('L-EXPORT-INGEST', 1, 'SKU-INGESTED-LAST', T('11:00'), D2),
      ],
      order_lines: [
        curatedLine('L-KEPT', 1, 'SKU-A'), curatedLine('L-STALE', 1, 'SKU-A'),
        curatedLine('L-REPLACED', 1, 'SKU-OLD'), curatedLine('L-REPLACED', 2, 'SKU-GONE', { quantity: 3, line_revenue: 30 }),
        curatedLine('L-REMOVED', 1, 'SKU-A'), curatedLine('L-EMPTY', 1, 'SKU-A'), curatedLine('L-UNTOUCHED', 1, 'SKU-A'),
      ],
      products: [
        ...['SKU-A', 'SKU-B', 'SKU-OLD-1', 'SKU-OLD-2', 'SKU-OLDER-EXPORT', 'SKU-INGESTED-FIRST', 'SKU-INGESTED-LAST']
          .map((sku) => fixtureRow(PRODUCT, 0, { sku, product_name: `name of ${sku}`, category: 'TOYS' })),
      ],
      customers: [{ customer_id: 'C-KNOWN', email_hash: 'hash', country: 'DE', segment: 'VIP', signup_date: D1, updated_at: T('08:00') }],
    });
    lines = (id) => result.filter((r) => r.order_id === id).map((r) => [r.line_number as number, r.change_type as string, r.sku]);
    row = (id, lineNumber, changeType) => result.find((r) => r.order_id === id && r.line_number === lineNumber && r.change_type === changeType);
  });

  test('an order with a CDC version takes that version\'s lines, numbered from 1, not an earlier record\'s', () => {
    expect(lines('L-CDC')).toEqual([[1, 'UPSERT', 'SKU-A']]);
  });

  test('an order whose new record lost to the curated version keeps its curated lines, not the record\'s', () => {
    expect(lines('L-STALE')).toEqual([[1, 'UPSERT', 'SKU-A']]);
  });

  test('a CDC record delivered twice gives its lines once', () => {
    expect(lines('L-REDELIVERED')).toEqual([[1, 'UPSERT', 'SKU-A'], [2, 'UPSERT', 'SKU-B']]);
  });

  test('an order with an export version takes that export\'s lines, not an older export\'s', () => {
    expect(lines('L-EXPORT')).toEqual([[1, 'UPSERT', 'SKU-A']]);
  });

  test('an export delivered on two days gives each line once, as ingested last', () => {
    expect(lines('L-EXPORT-INGEST')).toEqual([[1, 'UPSERT', 'SKU-INGESTED-LAST']]);
  });

  test('a touched order without a new version keeps its curated lines, enriched again', () => {
    expect(lines('L-KEPT')).toEqual([[1, 'UPSERT', 'SKU-A']]);
    expect(row('L-KEPT', 1, 'UPSERT')).toMatchObject({ product_name: 'name of SKU-A', category: 'TOYS', customer_segment: 'VIP' });
  });

  test('a line a new version no longer has is deleted, with its old values; the line it still has is replaced', () => {
    expect(lines('L-REPLACED')).toEqual([[1, 'UPSERT', 'SKU-A'], [2, 'DELETE', 'SKU-GONE']]);
    expect(row('L-REPLACED', 2, 'DELETE')).toMatchObject({ quantity: 3, line_revenue: '30.00' });
  });

  test('a removed order has no lines: its curated lines are deleted', () => {
    expect(lines('L-REMOVED')).toEqual([[1, 'DELETE', 'SKU-A']]);
  });

  test('a CDC version without lines deletes the curated lines', () => {
    expect(lines('L-EMPTY')).toEqual([[1, 'DELETE', 'SKU-A']]);
  });

  test('a line of a SKU missing from the catalogue is kept, labelled UNKNOWN', () => {
    expect(row('L-NO-PRODUCT', 1, 'UPSERT')).toMatchObject({ sku: 'SKU-NOT-IN-CATALOGUE', product_name: 'UNKNOWN', category: 'UNKNOWN' });
  });

  test('a line of a customer missing from the dimension is kept, segment UNKNOWN', () => {
    expect(row('L-NO-CUSTOMER', 1, 'UPSERT')).toMatchObject({ customer_id: 'C-NEVER-SEEN', customer_segment: 'UNKNOWN' });
  });

  test('a CDC line amount of 10,000,000,000 is left empty rather than failing the run; 9,999,999,999.99 is kept', () => {
    expect(row('L-AMOUNT', 1, 'UPSERT')).toMatchObject({ line_revenue: null });
    expect(row('L-AMOUNT', 2, 'UPSERT')).toMatchObject({ line_revenue: '9999999999.99' });
  });

  test('the lines of an order this run did not touch are neither replaced nor deleted', () => {
    expect(lines('L-UNTOUCHED')).toEqual([]);
  });
});

describe('orders_changes.sql: every touched order with its totals', () => {
  let order: (id: string) => Row[];
  beforeAll(async () => {
    const line = (order_id: string, line_number: number, quantity: number, line_revenue: number) =>
      curatedLine(order_id, line_number, 'SKU-A', { quantity, line_revenue });
    const result = await runCuratedStep('orders_changes.sql', {
      order_versions: [version('O-NO-LINES'), version('O-TOTALS'), version('O-REMOVED', { removed: true }), version('O-UNTOUCHED')],
      touched_orders: [{ order_id: 'O-NO-LINES' }, { order_id: 'O-TOTALS' }, { order_id: 'O-REMOVED' }],
      order_lines: [line('O-TOTALS', 1, 2, 21), line('O-TOTALS', 2, 1, 5.5), line('O-UNTOUCHED', 1, 1, 10)],
    });
    order = (id) => result.filter((r) => r.order_id === id);
  });

  test('an order without lines is kept, with zero lines, units and total', () => {
    expect(order('O-NO-LINES')).toEqual([expect.objectContaining({ line_count: 0, units: 0, order_total: '0.00', change_type: 'UPSERT' })]);
  });

  test('an order\'s totals are over its lines: count, units and the sum of line revenue', () => {
    expect(order('O-TOTALS')).toEqual([expect.objectContaining({ line_count: 2, units: 3, order_total: '26.50', order_date: D2 })]);
  });

  test('an order a user removed is a DELETE', () => {
    expect(order('O-REMOVED')).toEqual([expect.objectContaining({ change_type: 'DELETE', order_date: D2 })]);
  });

  test('an order this run did not touch is not a change', () => {
    expect(order('O-UNTOUCHED')).toEqual([]);
  });
});

describe('category_revenue_daily_changes.sql: the report of every touched day', () => {
  const day = (n: number) => `2026-03-${String(n).padStart(2, '0')}`;
  const line = (order_id: string, n: number, extra: Row = {}) =>
    curatedLine(order_id, 1, 'SKU-A', { category: 'BOOKS', quantity: 1, line_revenue: 10, order_date: day(n), ...extra });
  const group = (n: number, extra: Row = {}) =>
    ({ region: 'EU-WEST', category: 'BOOKS', currency: 'EUR', orders: 7, units: 7, revenue: 70, order_date: day(n), ...extra });
  let report: (n: number) => Array<[string, string, string, string]>;
  let upsert: (n: number) => Row | undefined;
  beforeAll(async () => {
    const result = await runCuratedStep('category_revenue_daily_changes.sql', {
      orders_changes: [1, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ order_id: `O-${n}`, order_date: day(n), change_type: 'UPSERT' })),
      order_lines_changes: [{ order_id: 'O-MOVED', line_number: 1, order_date: day(2), change_type: 'DELETE' }],
      order_lines: [
        line('R-1', 1),
        line('R-3-PAID', 3), line('R-3-CANCELLED', 3, { status: 'CANCELLED', quantity: 5, line_revenue: 500 }),
        line('R-4-PAID', 4), line('R-4-REFUNDED', 4, { status: 'REFUNDED', quantity: 5, line_revenue: 500 }),
        line('R-5', 5), { ...line('R-5', 5), line_number: 2, quantity: 2, line_revenue: 20 },
        line('R-6', 6), line('R-7', 7), line('R-8', 8), line('R-9', 9),
      ],
      category_revenue_daily: [
        group(2), group(10),
        group(6, { region: 'UK' }), group(7, { category: 'TOYS' }), group(8, { currency: 'GBP' }), group(9),
      ],
    });
    report = (n) => result.filter((r) => r.order_date === day(n)).map((r) => [r.change_type, r.region, r.category, r.currency] as [string, string, string, string]).sort();
    upsert = (n) => result.find((r) => r.order_date === day(n) && r.change_type === 'UPSERT');
  });

  test('a day of an order that changed is recomputed from the curated lines', () => {
    expect(report(1)).toEqual([['UPSERT', 'EU-WEST', 'BOOKS', 'EUR']]);
    expect(upsert(1)).toMatchObject({ orders: '1', units: '1', revenue: '10.00' });
  });

  test('a day only a line change touched (a line moved to another day) is recomputed: its emptied group is deleted', () => {
    expect(report(2)).toEqual([['DELETE', 'EU-WEST', 'BOOKS', 'EUR']]);
  });

  test('a cancelled order earns nothing', () => {
    expect(upsert(3)).toMatchObject({ orders: '1', units: '1', revenue: '10.00' });
  });

  test('a refunded order earns nothing', () => {
    expect(upsert(4)).toMatchObject({ orders: '1', units: '1', revenue: '10.00' });
  });

  test('an order with two lines in a category counts as one order, with the units and revenue of both', () => {
    expect(upsert(5)).toMatchObject({ orders: '1', units: '3', revenue: '30.00' });
  });

  test('a group of another region than the lines left that day is deleted, with its old values', () => {
    expect(report(6)).toEqual([['DELETE', 'UK', 'BOOKS', 'EUR'], ['UPSERT', 'EU-WEST', 'BOOKS', 'EUR']]);
  });

  test('a group of another category than the lines left that day is deleted', () => {
    expect(report(7)).toEqual([['DELETE', 'EU-WEST', 'TOYS', 'EUR'], ['UPSERT', 'EU-WEST', 'BOOKS', 'EUR']]);
  });

  test('a group of another currency than the lines left that day is deleted', () => {
    expect(report(8)).toEqual([['DELETE', 'EU-WEST', 'BOOKS', 'GBP'], ['UPSERT', 'EU-WEST', 'BOOKS', 'EUR']]);
  });

  test('a touched day whose group has lines is an UPSERT, not a DELETE', () => {
    expect(report(9)).toEqual([['UPSERT', 'EU-WEST', 'BOOKS', 'EUR']]);
  });

  test('a day no change touched is left alone, even with no lines', () => {
    expect(report(10)).toEqual([]);
  });
});
