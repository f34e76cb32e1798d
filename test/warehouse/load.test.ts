import { LoadError, runLoad, type SqlSession } from '../../local/load-runner';
import { type LoadPlan, renderLoad } from '../../lib/warehouse/load-plan';
import { LAKE_EXTERNAL_SCHEMA, WAREHOUSE_TABLES } from '../../lib/warehouse/warehouse-tables';
import { emulatedWarehouse } from '../support/emulated-warehouse';
import { addChangeBatch, type Row, withLakeEmulated } from '../../local/redshift-emulation';

/**
 * The load's SQL files run here on PostgreSQL 15 exactly as written, except what PostgreSQL lacks: the curated zone as
 * Redshift Spectrum shows it is schema `curated` holding the change batches a test writes (local/redshift-emulation.ts).
 */
const D1 = '2026-11-19';
const D2 = '2026-11-20';
const B1 = '20261120T020000000000Z';
const B2 = '20261121T020000000000Z';
const B3 = '20261121T090000000000Z';
const SETTINGS = { curatedDatabaseName: 'ecommerce_test_curated', lakeRoleArn: 'arn:aws:iam::123456789012:role/lake' };

const product = (sku: string, extra: Row = {}): Row => ({
  sku, product_name: `Product ${sku}`, category: 'BOOKS', list_price: 10, is_active: true, updated_at: '2026-11-01 00:00:00', change_type: 'UPSERT', ...extra,
});
const customer = (id: string, extra: Row = {}): Row => ({
  customer_id: id, email_hash: `hash-${id}`, country: 'IE', segment: 'CONSUMER', signup_date: '2025-01-01', updated_at: '2026-11-01 00:00:00',
  change_type: 'UPSERT', ...extra,
});
const order = (id: string, day: string, extra: Row = {}): Row => ({
  order_id: id, customer_id: 'C1', status: 'PAID', currency: 'EUR', region: 'EU-WEST', payment_type: 'CARD',
  created_at: `${day} 10:00:00`, updated_at: `${day} 10:00:00`, line_count: 1, units: 2, order_total: 20, order_date: day, change_type: 'UPSERT', ...extra,
});
const removed = (id: string, day: string): Row => ({ order_id: id, order_date: day, change_type: 'DELETE' });
const revenue = (day: string, orders: number, units: number, amount: number, extra: Row = {}): Row => ({
  region: 'EU-WEST', category: 'BOOKS', currency: 'EUR', orders, units, revenue: amount, order_date: day, change_type: 'UPSERT', ...extra,
});

const warehouse = emulatedWarehouse();
const session: SqlSession = { execute: async (sql) => { await warehouse.client.query(sql); } };

/** A run of the raw-to-curated job: its batch of each change table, as Spectrum then shows it. */
async function batch(batchId: string, tables: Partial<Record<string, Row[]>>): Promise<void> {
  for (const [table, rows] of Object.entries(tables)) await addChangeBatch(warehouse.client, table, batchId, rows ?? []);
}

const plan = (runId: string): LoadPlan => withLakeEmulated(renderLoad({ runId }, SETTINGS));
const load = (runId: string) => runLoad(plan(runId), session);

/** Every reporting table, rows sorted, as BI would read them. */
async function reporting(): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const { reportingTable } of WAREHOUSE_TABLES) {
    tables[reportingTable] = (await warehouse.client.query(`SELECT * FROM reporting.${reportingTable} ORDER BY 1, 2, 3`)).rows;
  }
  return tables;
}

const orderIds = async () => (await warehouse.client.query('SELECT order_id, status FROM reporting.fact_orders ORDER BY 1')).rows.map((r) => `${r.order_id} ${r.status}`);
const highWaterMarks = async () => Object.fromEntries((await warehouse.client.query(
  'SELECT table_name, max(change_batch_id) AS mark FROM reporting.load_audit GROUP BY 1 ORDER BY 1')).rows.map((r) => [r.table_name, r.mark]));

beforeEach(async () => {
  await warehouse.client.query(`TRUNCATE ${WAREHOUSE_TABLES.flatMap((t) => [`reporting.${t.reportingTable}`, `${LAKE_EXTERNAL_SCHEMA}.${t.changes.name}`]).join(', ')},
    reporting.load_audit`);
  await batch(B1, {
    products_changes: [product('P1'), product('P2')],
    customers_changes: [customer('C1'), customer('C2')],
    orders_changes: [order('O1', D1), order('O2', D2, { customer_id: 'C2', order_total: 35.5 }), order('O3', D2, { order_total: 12 })],
    category_revenue_daily_changes: [revenue(D1, 1, 2, 20), revenue(D2, 2, 4, 47.5)],
  });
  await load('run-1');
});

describe('each load applies exactly the change batches written since the last one', () => {
  test('a first load applies every batch to every reporting table', async () => {
    const tables = await reporting();
    expect(tables.dim_product).toHaveLength(2);
    expect(tables.dim_customer).toHaveLength(2);
    expect(await orderIds()).toEqual(['O1 PAID', 'O2 PAID', 'O3 PAID']);
    expect(tables.category_revenue_daily).toHaveLength(2);
  });

  test('a status change to an order of an earlier day updates it and its day\'s revenue, and leaves the rest', async () => {
    await batch(B2, {
      orders_changes: [order('O2', D2, { customer_id: 'C2', status: 'REFUNDED', order_total: 35.5, updated_at: '2026-11-21 09:00:00' })],
      category_revenue_daily_changes: [revenue(D2, 1, 2, 12)],
    });
    await load('run-2');
    expect(await orderIds()).toEqual(['O1 PAID', 'O2 REFUNDED', 'O3 PAID']);
    const { rows } = await warehouse.client.query("SELECT to_char(order_date, 'YYYY-MM-DD') AS day, revenue FROM reporting.category_revenue_daily ORDER BY 1");
    expect(rows).toEqual([{ day: D1, revenue: '20.00' }, { day: D2, revenue: '12.00' }]);
  });

  test('a deleted order leaves the warehouse, even the only order of its day, and so does its day\'s revenue', async () => {
    await batch(B2, {
      orders_changes: [removed('O1', D1)],
      category_revenue_daily_changes: [{ ...revenue(D1, 1, 2, 20), change_type: 'DELETE' }],
    });
    await load('run-2');
    expect(await orderIds()).toEqual(['O2 PAID', 'O3 PAID']);
    const { rows } = await warehouse.client.query("SELECT to_char(order_date, 'YYYY-MM-DD') AS day FROM reporting.category_revenue_daily");
    expect(rows).toEqual([{ day: D2 }]);
  });

  test('batches of several runs load together, the later change of a key winning', async () => {
    await batch(B2, { orders_changes: [order('O3', D2, { status: 'SHIPPED' }), order('O4', D2)] });
    await batch(B3, { orders_changes: [removed('O4', D2), order('O3', D2, { status: 'DELIVERED' })] });
    await load('run-2');
    expect(await orderIds()).toEqual(['O1 PAID', 'O2 PAID', 'O3 DELIVERED']);
  });

  test('nothing new to load is a success that changes nothing', async () => {
    const before = await reporting();
    await expect(load('run-2')).resolves.toBeUndefined();
    expect(await reporting()).toEqual(before);
  });

  test('a load run again applies nothing twice, even a change overtaken since in the warehouse', async () => {
    await batch(B2, { orders_changes: [order('O3', D2, { status: 'SHIPPED' })] });
    await load('run-2');
    await warehouse.client.query("UPDATE reporting.fact_orders SET status = 'DELIVERED' WHERE order_id = 'O3'");
    await load('run-2');
    expect(await orderIds()).toContain('O3 DELIVERED');
  });

  test('the audit table keeps, per reporting table, the last batch applied: the high-water mark of the next load', async () => {
    await batch(B2, { orders_changes: [order('O3', D2, { status: 'SHIPPED' })] });
    await load('run-2');
    await load('run-3');
    expect(await highWaterMarks()).toEqual({ category_revenue_daily: B1, dim_customer: B1, dim_product: B1, fact_orders: B2 });
    const { rows } = await warehouse.client.query(
      "SELECT run_id, load_scope, source_rows::int AS source_rows FROM reporting.load_audit WHERE table_name = 'fact_orders' ORDER BY loaded_at, run_id");
    expect(rows).toEqual([
      { run_id: 'run-1', load_scope: `change batches ${B1} to ${B1}`, source_rows: 3 },
      { run_id: 'run-2', load_scope: `change batches ${B2} to ${B2}`, source_rows: 1 },
      { run_id: 'run-3', load_scope: 'change batches none new', source_rows: 0 },
    ]);
  });
});

describe('a load that cannot complete fails clearly and leaves reporting, and its high-water marks, unchanged', () => {
  test('a failure while publishing rolls every table back; the next load applies the same batches', async () => {
    await batch(B2, { orders_changes: [order('O3', D2, { status: 'CANCELLED' })] });
    const failing = plan('run-publish-fails');
    const broken: LoadPlan = { ...failing, publish: [...failing.publish, { runId: failing.runId, table: 'category_revenue_daily', step: 'publish', sql: 'SELECT 1 / 0' }] };
    const before = await reporting();
    const marks = await highWaterMarks();
    await expect(runLoad(broken, session)).rejects.toThrow(/^load run run-publish-fails failed at publish of category_revenue_daily: division by zero/);
    await expect(runLoad(broken, session)).rejects.toBeInstanceOf(LoadError);
    expect(await reporting()).toEqual(before);
    expect(await highWaterMarks()).toEqual(marks);
    await load('run-2');
    expect(await orderIds()).toContain('O3 CANCELLED');
  });
});
