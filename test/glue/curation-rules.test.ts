import { CLICK_EVENT, CUSTOMER, ORDER_CHANGE, ORDER_LINE_EXPORT, PRODUCT } from '../../lib/contracts';
import { fixtureRow } from '../../local/dataset-fixtures';
import { type Row, runCuratedStep } from './support/sql-file-run';

/**
 * Every dedupe order, tie-break, join and change rule of the raw-to-curated queries (glue-scripts/sql/*_changes.sql,
 * touched_orders.sql), one test each: each file runs once on DuckDB, as deployed, over inputs holding one key per rule
 * (or a pair of versions of it) that only that rule decides. The rule -> test table is in glue-scripts/sql/README.md.
 */
const T = (hhmm: string, day = '2026-03-02') => `${day}T${hhmm}:00`;
const D1 = '2026-03-01';
const D2 = '2026-03-02';

const byKey = (rows: readonly Row[], key: string) => (value: string) => rows.filter((r) => r[key] === value);

describe('products_changes.sql: the latest version of each product', () => {
  const raw = (sku: string, product_name: string, updated_at: string, ingest_date: string) =>
    ({ ...fixtureRow(PRODUCT, 0, { sku, product_name, updated_at }), ingest_date });
  const curated = (sku: string, product_name: string, updated_at: string) => fixtureRow(PRODUCT, 0, { sku, product_name, updated_at });
  let product: (sku: string) => Row[];
  beforeAll(async () => {
    product = byKey(await runCuratedStep('products_changes.sql', {
      raw_products: [
        raw('P-LATEST', 'newer', T('11:00'), D1), raw('P-LATEST', 'older', T('10:00'), D2),
        raw('P-TIE', 'ingested first', T('10:00'), D1), raw('P-TIE', 'ingested last', T('10:00'), D2),
        raw('P-SAME', 'corrected', T('10:00'), D2), raw('P-OLDER', 'late', T('10:00'), D2), raw('P-NEW', 'new', T('10:00'), D2),
      ],
      products: [curated('P-SAME', 'curated', T('10:00')), curated('P-OLDER', 'curated', T('11:00'))],
    }), 'sku');
  });

  test('the version updated last wins, even when it was ingested before an older one', () => {
    expect(product('P-LATEST')).toEqual([expect.objectContaining({ product_name: 'newer', change_type: 'UPSERT' })]);
  });

  test('of two versions updated at the same time, the one ingested last wins', () => {
    expect(product('P-TIE')).toEqual([expect.objectContaining({ product_name: 'ingested last' })]);
  });

  test('a version as recent as the curated one replaces it (a re-export corrects a product)', () => {
    expect(product('P-SAME')).toEqual([expect.objectContaining({ product_name: 'corrected' })]);
  });

  test('a version older than the curated one changes nothing', () => {
    expect(product('P-OLDER')).toEqual([]);
  });

  test('a product never curated is added', () => {
    expect(product('P-NEW')).toEqual([expect.objectContaining({ product_name: 'new', change_type: 'UPSERT' })]);
  });
});

describe('customers_changes.sql: the latest version of each customer', () => {
  const raw = (customer_id: string, country: string, updated_at: string, ingest_date: string) =>
    ({ ...fixtureRow(CUSTOMER, 0, { customer_id, country, updated_at }), ingest_date });
  const curated = (customer_id: string, country: string, updated_at: string) =>
    ({ customer_id, email_hash: 'hash', country, segment: 'CONSUMER', signup_date: D1, updated_at });
  let customer: (id: string) => Row[];
  beforeAll(async () => {
    customer = byKey(await runCuratedStep('customers_changes.sql', {
      raw_customers: [
        raw('C-LATEST', 'FR', T('11:00'), D1), raw('C-LATEST', 'DE', T('10:00'), D2),
        raw('C-TIE', 'DE', T('10:00'), D1), raw('C-TIE', 'FR', T('10:00'), D2),
        raw('C-SAME', 'FR', T('10:00'), D2), raw('C-OLDER', 'FR', T('10:00'), D2), raw('C-NEW', 'FR', T('10:00'), D2),
        raw(' C-SPACED\u00a0', 'FR', T('11:00'), D2), raw('C-SPACED', 'DE', T('10:00'), D2),
      ],
      customers: [curated('C-SAME', 'DE', T('10:00')), curated('C-OLDER', 'DE', T('11:00'))],
    }), 'customer_id');
  });

  test('the version updated last wins, even when it was ingested before an older one', () => {
    expect(customer('C-LATEST')).toEqual([expect.objectContaining({ country: 'FR', change_type: 'UPSERT' })]);
  });

  test('of two versions updated at the same time, the one ingested last wins', () => {
    expect(customer('C-TIE')).toEqual([expect.objectContaining({ country: 'FR' })]);
  });

  test('a version as recent as the curated one replaces it', () => {
    expect(customer('C-SAME')).toEqual([expect.objectContaining({ country: 'FR' })]);
  });

  test('a version older than the curated one changes nothing', () => {
    expect(customer('C-OLDER')).toEqual([]);
  });

  test('a customer never curated is added', () => {
    expect(customer('C-NEW')).toEqual([expect.objectContaining({ country: 'FR' })]);
  });

  test('ids that differ only by surrounding white space are versions of one customer', () => {
    expect(customer('C-SPACED')).toEqual([expect.objectContaining({ country: 'FR' })]);
  });
});

describe('order_versions_changes.sql: the latest version of each order', () => {
  const cdc = (order_id: string, sequence_number: string, event_time: string, extra: Row = {}) => ({
    ...fixtureRow(ORDER_CHANGE, 0, { order_id, operation: 'MODIFY', removed_by: null, sequence_number, event_time, status: 'PAID' }),
    event_date: event_time.slice(0, 10), ...extra,
  });
  const exported = (order_id: string, updated_at: string, ingest_date: string, extra: Row = {}) =>
    ({ ...fixtureRow(ORDER_LINE_EXPORT, 0, { order_id, updated_at, status: 'PAID' }), ingest_date, ...extra });
  const curated = (order_id: string, extra: Row) => {
    const { lines: _lines, ...header } = fixtureRow(ORDER_CHANGE, 0, { order_id });
    return {
      ...Object.fromEntries(Object.entries(header).filter(([k]) => !['event_id', 'operation', 'removed_by', 'sequence_number', 'event_time', 'customer_email_hash'].includes(k))),
      version_source: 'CDC', source_partition: D2, removed: false, order_date: D2, ...extra,
    };
  };
  let version: (id: string) => Row[];
  beforeAll(async () => {
    version = byKey(await runCuratedStep('order_versions_changes.sql', {
      raw_order_changes: [
        cdc('O-TIME', '20', T('10:00'), { status: 'PAID' }), cdc('O-TIME', '10', T('10:05'), { status: 'SHIPPED' }),
        cdc('O-CDC-FIRST', '1', T('10:00'), { status: 'PAID' }),
        cdc('O-SEQ-LENGTH', '9', T('10:00'), { status: 'SHIPPED' }), cdc('O-SEQ-LENGTH', '10', T('10:00'), { status: 'DELIVERED' }),
        cdc('O-SEQ', '11', T('10:00'), { status: 'PAID' }), cdc('O-SEQ', '12', T('10:00'), { status: 'SHIPPED' }),
        cdc('O-RERUN', '5', T('10:00'), { status: 'SHIPPED' }),
        cdc('O-TOMBSTONE', '3', T('10:00'), { status: 'PAID' }),
        cdc('O-USER', '1', T('10:00')), cdc('O-USER', '2', T('10:01'), { operation: 'REMOVE', removed_by: 'USER' }),
        cdc('O-UNNAMED', '1', T('10:00')), cdc('O-UNNAMED', '2', T('10:01'), { operation: 'REMOVE', removed_by: null }),
        cdc('O-TTL', '1', T('10:00'), { status: 'DELIVERED' }), cdc('O-TTL', '2', T('10:01'), { operation: 'REMOVE', removed_by: 'TTL' }),
        cdc('O-CASE', '1', T('10:00'), { status: ' shipped ', currency: 'eur', region: 'uk', payment_type: 'card' }),
      ],
      raw_order_line_exports: [
        exported('O-CDC-FIRST', T('10:00'), D2, { status: 'SHIPPED' }),
        exported('O-PARTITION', T('10:00'), D1, { status: 'PAID' }), exported('O-PARTITION', T('10:00'), D2, { status: 'SHIPPED' }),
      ],
      order_versions: [
        curated('O-RERUN', { status: 'PAID', version_time: T('10:00'), sequence_number: '5', source_partition: D2 }),
        curated('O-TOMBSTONE', { removed: true, version_time: T('11:00'), sequence_number: '4' }),
        curated('O-UNTOUCHED', { version_time: T('10:00'), sequence_number: '1' }),
      ],
    }), 'order_id');
  });

  test('a version is placed by when it happened: the later change wins over a higher sequence number', () => {
    expect(version('O-TIME')).toEqual([expect.objectContaining({ status: 'SHIPPED' })]);
  });

  test('at the same instant, a CDC record wins over a batch export', () => {
    expect(version('O-CDC-FIRST')).toEqual([expect.objectContaining({ version_source: 'CDC', status: 'PAID' })]);
  });

  test('at the same instant, the higher sequence number wins, compared as a number (10 after 9)', () => {
    expect(version('O-SEQ-LENGTH')).toEqual([expect.objectContaining({ sequence_number: '10', status: 'DELIVERED' })]);
  });

  test('at the same instant, of sequence numbers of one length the higher wins', () => {
    expect(version('O-SEQ')).toEqual([expect.objectContaining({ sequence_number: '12', status: 'SHIPPED' })]);
  });

  test('of two exports of one instant, the one of the later partition wins', () => {
    expect(version('O-PARTITION')).toEqual([expect.objectContaining({ source_partition: D2, status: 'SHIPPED' })]);
  });

  test('a version equal to the curated one in every ranked respect replaces it: a re-delivered record corrects the order', () => {
    expect(version('O-RERUN')).toEqual([expect.objectContaining({ from_batch: 1, status: 'SHIPPED' })]);
  });

  test('an older version arriving after a user\'s removal does not bring the order back: the curated tombstone wins', () => {
    expect(version('O-TOMBSTONE')).toEqual([expect.objectContaining({ from_batch: 0, removed: true })]);
  });

  test('an order without a new version in this run is not a change', () => {
    expect(version('O-UNTOUCHED')).toEqual([]);
  });

  test('a user\'s REMOVE makes the order removed', () => {
    expect(version('O-USER')).toEqual([expect.objectContaining({ removed: true, sequence_number: '2' })]);
  });

  test('a REMOVE that does not say who removed the order counts as a user\'s', () => {
    expect(version('O-UNNAMED')).toEqual([expect.objectContaining({ removed: true, sequence_number: '2' })]);
  });

  test('a REMOVE by the time to live is no version: the order stays at its last version', () => {
    expect(version('O-TTL')).toEqual([expect.objectContaining({ removed: false, status: 'DELIVERED', sequence_number: '1' })]);
  });

  test('a CDC version\'s enumerations are trimmed and upper-cased as the export\'s are', () => {
    expect(version('O-CASE')).toEqual([expect.objectContaining({ status: 'SHIPPED', currency: 'EUR', region: 'UK', payment_type: 'CARD' })]);
  });
});

describe('touched_orders.sql: the orders a run may change', () => {
  let touched: string[];
  beforeAll(async () => {
    const line = (order_id: string, sku: string) => ({ order_id, line_number: 1, sku });
    const order = (order_id: string, customer_id: string) => ({ order_id, customer_id });
    touched = (await runCuratedStep('touched_orders.sql', {
      order_versions_changes: [{ order_id: 'T-NEW' }, { order_id: 'T-BOTH' }],
      products_changes: [{ sku: 'SKU-CHANGED' }],
      customers_changes: [{ customer_id: 'C-CHANGED' }],
      order_lines: [line('T-PRODUCT', 'SKU-CHANGED'), line('T-BOTH', 'SKU-CHANGED'), line('T-UNTOUCHED', 'SKU-SAME')],
      orders: [order('T-CUSTOMER', 'C-CHANGED'), order('T-BOTH', 'C-CHANGED'), order('T-UNTOUCHED', 'C-SAME')],
    })).map((r) => r.order_id as string);
  });

  test('an order with a new version is touched', () => expect(touched).toContain('T-NEW'));
  test('an order with a line of a product that changed is touched, to be enriched again', () => expect(touched).toContain('T-PRODUCT'));
  test('an order of a customer who changed is touched, to be enriched again', () => expect(touched).toContain('T-CUSTOMER'));
  test('an order nothing changed is not touched', () => expect(touched).not.toContain('T-UNTOUCHED'));
  test('an order touched for several reasons is listed once', () => expect(touched.filter((id) => id === 'T-BOTH')).toHaveLength(1));
});

describe('clickstream_changes.sql: each event once, its first version', () => {
  const raw = (event_id: string, page_url: string, event_time: string, ingest_date: string) =>
    ({ ...fixtureRow(CLICK_EVENT, 0, { event_id, page_url, event_time }), ingest_date });
  let event: (id: string) => Row[];
  beforeAll(async () => {
    event = byKey(await runCuratedStep('clickstream_changes.sql', {
      raw_clickstream: [
        raw('E-FIRST', '/ingested-last', T('10:00'), D2), raw('E-FIRST', '/ingested-first', T('11:00'), D1),
        raw('E-TIE', '/late', T('10:05'), D2), raw('E-TIE', '/early', T('10:00'), D2),
        raw('E-CURATED', '/again', T('10:00'), D2), raw('E-DAY', '/day', T('23:59', D1), D2),
      ],
      clickstream: [{ ...fixtureRow(CLICK_EVENT, 0, { event_id: 'E-CURATED', page_url: '/first', event_time: T('10:00') }), event_date: D2 }],
    }), 'event_id');
  });

  test('an event delivered twice keeps the version ingested first, even if it says it happened later', () => {
    expect(event('E-FIRST')).toEqual([expect.objectContaining({ page_url: '/ingested-first' })]);
  });

  test('of two deliveries ingested the same day, the one that says it happened first is kept', () => {
    expect(event('E-TIE')).toEqual([expect.objectContaining({ page_url: '/early' })]);
  });

  test('an event already curated is not added again', () => {
    expect(event('E-CURATED')).toEqual([]);
  });

  test('an event is filed under the UTC day it happened, not the day it was ingested', () => {
    expect(event('E-DAY')).toEqual([expect.objectContaining({ event_date: D1 })]);
  });
});
