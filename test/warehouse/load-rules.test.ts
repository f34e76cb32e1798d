import { runLoad, type SqlSession } from '../../local/load-runner';
import { addChangeBatch, insertRows, type Row, withLakeEmulated } from '../../local/redshift-emulation';
import { renderLoad } from '../../lib/warehouse/load-plan';
import { LAKE_EXTERNAL_SCHEMA, WAREHOUSE_TABLES } from '../../lib/warehouse/warehouse-tables';
import { emulatedWarehouse } from '../support/emulated-warehouse';

/**
 * Every rule of the warehouse load (warehouse/load/stage/changes.sql and each warehouse/load/publish/*.sql), one test
 * each, on PostgreSQL: which staged change of a key wins (the last batch), what a DELETE removes, which keys a change
 * replaces, which batches a load stages (those after the table's own high-water mark) and what the audit records.
 * Each describe seeds one database state holding one key per rule and loads once.
 *
 * | Rule (file)                                                     | Test                                                             |
 * | --------------------------------------------------------------- | ---------------------------------------------------------------- |
 * | ROW_NUMBER() ... ORDER BY batch_id DESC (each publish file)     | of two batches changing a key, the change of the last batch wins |
 * | PARTITION BY the key, every part (each publish file)            | a batch changes each of its keys; changes to groups differing... |
 * | DELETE ... USING latest, on the whole key (each publish file)   | a DELETE removes the row of its key; a group differing only...   |
 * | INSERT ... WHERE change_type = 'UPSERT' (each publish file)     | a key deleted, then upserted is there; upserted, then deleted... |
 * | audit row: MAX(batch_id), scope, COUNT(*) (each publish file)   | the audit records the run, the batches applied and the last one  |
 * | batch_id > the table's MAX(change_batch_id) (stage/changes.sql) | a batch at the table's high-water mark is not applied again      |
 * | ... WHERE table_name = the table (stage/changes.sql)            | a table's mark is its own                                        |
 * | COALESCE(..., '') (stage/changes.sql)                           | a table never loaded before stages every batch                   |
 * | DELETE FROM staging first (stage/changes.sql)                   | rows left in staging by an earlier, failed load are not applied  |
 */
const B1 = '20261120T020000000000Z';
const B2 = '20261121T020000000000Z';
const B3 = '20261122T020000000000Z';
const B4 = '20261123T020000000000Z';
const SETTINGS = { curatedDatabaseName: 'ecommerce_test_curated', lakeRoleArn: 'arn:aws:iam::123456789012:role/lake' };
const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}`;

/** Per reporting table: a full row whose key is made from `key` and whose one value column holds `value`, and how to read both back. */
interface TableRows {
  readonly table: string;
  readonly changes: string;
  row(key: number, value: number): Row;
  /** The key of a row as the test builds it, and as `keySql` reads it back. */
  keyOf(key: number): string;
  readonly keySql: string;
  /** The value column, read back as text. */
  readonly valueSql: string;
}

const TABLES: readonly TableRows[] = [
  {
    table: 'dim_product', changes: 'products_changes', keySql: 'sku', valueSql: 'list_price::int::text', keyOf: (key) => `P${key}`,
    row: (key, value) => ({ sku: `P${key}`, product_name: 'Book', category: 'BOOKS', list_price: value, is_active: true, updated_at: '2026-11-01 00:00:00' }),
  },
  {
    table: 'dim_customer', changes: 'customers_changes', keySql: 'customer_id', valueSql: 'email_hash', keyOf: (key) => `C${key}`,
    row: (key, value) => ({ customer_id: `C${key}`, email_hash: String(value), country: 'IE', segment: 'VIP', signup_date: '2025-01-01', updated_at: '2026-11-01 00:00:00' }),
  },
  {
    table: 'fact_orders', changes: 'orders_changes', keySql: 'order_id', valueSql: 'units::text', keyOf: (key) => `O${key}`,
    row: (key, value) => ({
      order_id: `O${key}`, customer_id: 'C1', status: 'PAID', currency: 'EUR', region: 'EU-WEST', payment_type: 'CARD', created_at: `${day(1)} 10:00:00`,
      updated_at: `${day(1)} 10:00:00`, line_count: 1, units: value, order_total: 20, order_date: day(1),
    }),
  },
  {
    table: 'category_revenue_daily', changes: 'category_revenue_daily_changes', valueSql: 'orders::text', keyOf: (key) => `${day(key)} EU-WEST BOOKS EUR`,
    keySql: "to_char(order_date, 'YYYY-MM-DD') || ' ' || region || ' ' || category || ' ' || currency",
    row: (key, value) => ({ region: 'EU-WEST', category: 'BOOKS', currency: 'EUR', orders: value, units: 1, revenue: 10, order_date: day(key) }),
  },
];

const warehouse = emulatedWarehouse();
const session: SqlSession = { execute: async (sql) => { await warehouse.client.query(sql); } };
const load = (runId: string) => runLoad(withLakeEmulated(renderLoad({ runId }, SETTINGS)), session);
const upsert = (row: Row): Row => ({ ...row, change_type: 'UPSERT' });
const remove = (row: Row): Row => ({ ...row, change_type: 'DELETE' });

async function reset(): Promise<void> {
  await warehouse.client.query(`TRUNCATE ${WAREHOUSE_TABLES.flatMap((t) => [`reporting.${t.reportingTable}`, `${LAKE_EXTERNAL_SCHEMA}.${t.changes.name}`, `staging.${t.changes.name}`]).join(', ')},
    reporting.load_audit`);
}

/** Records that an earlier load applied `table` up to `batchId`. */
const markLoaded = (table: string, batchId: string) => warehouse.client.query(insertRows('reporting.load_audit',
  [{ run_id: 'earlier', table_name: table, load_scope: 'earlier', source_rows: 1, loaded_at: '2026-11-01 00:00:00', change_batch_id: batchId }]));

/** The value of each key of a reporting table. */
async function reportingValues(spec: TableRows): Promise<Map<string, string>> {
  const { rows } = await warehouse.client.query(`SELECT ${spec.keySql} AS key, ${spec.valueSql} AS value FROM reporting.${spec.table}`);
  return new Map(rows.map((r) => [r.key, r.value]));
}

describe.each(TABLES.map((spec) => ({ spec, file: `publish/${spec.table}.sql` })))('$file: the latest staged change of each key', ({ spec }) => {
  // Keys: 1 last batch wins, 2 and 3 one batch with two keys, 4 deleted, 5 kept, 6 deleted then upserted, 7 upserted then deleted, 8 inserted.
  const K = { last: 1, first: 2, second: 3, deleted: 4, kept: 5, revived: 6, dropped: 7, inserted: 8 };
  let values: Map<string, string>;
  const valueOf = (key: number) => values.get(spec.keyOf(key));
  let audit: Row[];
  beforeAll(async () => {
    await reset();
    await warehouse.client.query(insertRows(`reporting.${spec.table}`, [K.last, K.first, K.deleted, K.kept, K.dropped].map((k) => spec.row(k, 1))));
    await markLoaded(spec.table, B2);
    await addChangeBatch(warehouse.client, spec.changes, B3, [
      upsert(spec.row(K.last, 3)), upsert(spec.row(K.first, 3)), upsert(spec.row(K.second, 3)), remove(spec.row(K.deleted, 1)),
      remove(spec.row(K.revived, 1)), upsert(spec.row(K.dropped, 3)), upsert(spec.row(K.inserted, 3)),
    ]);
    await addChangeBatch(warehouse.client, spec.changes, B4, [upsert(spec.row(K.last, 4)), upsert(spec.row(K.revived, 4)), remove(spec.row(K.dropped, 3))]);
    await load('rules');
    values = await reportingValues(spec);
    audit = (await warehouse.client.query(`SELECT run_id, load_scope, source_rows::int AS source_rows, change_batch_id FROM reporting.load_audit
      WHERE table_name = '${spec.table}' AND run_id = 'rules'`)).rows;
  });

  test('of two batches changing a key, the change of the last batch wins', () => expect(valueOf(K.last)).toBe('4'));
  test('a batch changes each of its keys, not one per batch', () => {
    expect(valueOf(K.first)).toBe('3');
    expect(valueOf(K.second)).toBe('3');
  });
  test('a DELETE removes the row of its key', () => expect(values.has(spec.keyOf(K.deleted))).toBe(false));
  test('a row no batch changes stays as it was', () => expect(valueOf(K.kept)).toBe('1'));
  test('a key deleted in one batch and upserted in a later one is there, as upserted', () => expect(valueOf(K.revived)).toBe('4'));
  test('a key upserted in one batch and deleted in a later one is gone', () => expect(values.has(spec.keyOf(K.dropped))).toBe(false));
  test('a new key is inserted', () => expect(valueOf(K.inserted)).toBe('3'));
  test('the audit records the run, the batches applied and the last one: the next high-water mark', () => {
    expect(audit).toEqual([{ run_id: 'rules', load_scope: `change batches ${B3} to ${B4}`, source_rows: 10, change_batch_id: B4 }]);
  });
});

describe('publish/category_revenue_daily.sql: a change replaces exactly the group of its day, region, category and currency', () => {
  /** A group on day `n`, and the groups that differ from it in one part of the key only. */
  const group = (n: number, extra: Row = {}): Row => ({ region: 'EU-WEST', category: 'BOOKS', currency: 'EUR', orders: 1, units: 1, revenue: 10, order_date: day(n), ...extra });
  const SIBLING: Record<string, (n: number) => Row> = {
    day: (n) => group(n + 1), region: (n) => group(n, { region: 'UK' }), category: (n) => group(n, { category: 'TOYS' }), currency: (n) => group(n, { currency: 'GBP' }),
  };
  const PARTS = Object.keys(SIBLING);
  let orders: (row: Row) => string | undefined;
  beforeAll(async () => {
    await reset();
    await warehouse.client.query(insertRows('reporting.category_revenue_daily', [group(1), ...PARTS.map((part) => SIBLING[part](1))]));
    await addChangeBatch(warehouse.client, 'category_revenue_daily_changes', B1, [group(1, { orders: 9 }), group(5, { orders: 5 }), ...PARTS.map((part) => ({ ...SIBLING[part](5), orders: 5 }))].map(upsert));
    await load('groups');
    const { rows } = await warehouse.client.query("SELECT to_char(order_date, 'YYYY-MM-DD') AS day, region, category, currency, orders::text AS orders FROM reporting.category_revenue_daily");
    orders = (row) => rows.find((r) => r.day === row.order_date && r.region === row.region && r.category === row.category && r.currency === row.currency)?.orders;
  });

  test('the changed group takes the change', () => expect(orders(group(1))).toBe('9'));
  test.each(PARTS)('a group differing from a changed one only in its %s keeps its row', (part) => expect(orders(SIBLING[part](1))).toBe('1'));
  test.each(PARTS)('changes to groups differing only in their %s are each applied', (part) => {
    expect(orders(group(5))).toBe('5');
    expect(orders(SIBLING[part](5))).toBe('5');
  });
});

describe('stage/changes.sql: a load stages the batches after each table\'s own high-water mark', () => {
  const [product, customer, order] = TABLES;
  let present: (spec: TableRows, key: number) => Promise<boolean>;
  beforeAll(async () => {
    await reset();
    await markLoaded('fact_orders', B2);
    await markLoaded('dim_customer', B1);
    await markLoaded('category_revenue_daily', B4);
    await addChangeBatch(warehouse.client, 'orders_changes', B2, [upsert(order.row(1, 1))]);
    await addChangeBatch(warehouse.client, 'orders_changes', B3, [upsert(order.row(2, 1))]);
    await addChangeBatch(warehouse.client, 'customers_changes', B2, [upsert(customer.row(1, 1))]);
    await addChangeBatch(warehouse.client, 'products_changes', B1, [upsert(product.row(1, 1))]);
    await warehouse.client.query(insertRows('staging.products_changes', [{ ...upsert(product.row(2, 1)), batch_id: B4 }]));
    await load('stage');
    present = async (spec, key) => (await reportingValues(spec)).has(spec.keyOf(key));
  });

  test('a batch at the table\'s high-water mark is not applied again', async () => expect(await present(order, 1)).toBe(false));
  test('a batch after the mark is applied', async () => expect(await present(order, 2)).toBe(true));
  test('a table\'s mark is its own: a later mark of another table does not hold its batches back', async () => {
    expect(await present(customer, 1)).toBe(true);
  });
  test('a table never loaded before stages every batch', async () => expect(await present(product, 1)).toBe(true));
  test('rows left in staging by an earlier, failed load are not applied', async () => expect(await present(product, 2)).toBe(false));
});
