import type { Client } from 'pg';
import { LoadError, runLoad, type SqlSession } from '../../lib/warehouse/load-runner';
import { type LoadPlan, type LoadRun, renderLoad } from '../../lib/warehouse/load-plan';
import { WAREHOUSE_TABLES } from '../../lib/warehouse/warehouse-tables';
import { startPostgres, type PostgresServer } from '../support/postgres';
import { applyCoreMigrations, withCopiesAsInserts } from '../../lib/local/redshift-emulation';

/**
 * The load's SQL files run here on PostgreSQL 15 exactly as written, except COPY: PostgreSQL cannot read S3, so each
 * rendered COPY is replaced by an INSERT of the fixture rows of that curated prefix into the same staging table, with
 * the columns the "file" has. A prefix without rows stands for a prefix without files.
 */
type Row = Record<string, string | number | boolean | null>;
type CuratedFiles = Record<string, Row[]>;

const D1 = '2026-11-19';
const D2 = '2026-11-20';
const SETTINGS = { curatedBucketName: 'curated-bucket', copyRoleArn: 'arn:aws:iam::123456789012:role/copy' };

const product = (sku: string, extra: Row = {}): Row => ({
  sku, product_name: `Product ${sku}`, category: 'BOOKS', list_price: 10, is_active: true, updated_at: '2026-11-01 00:00:00', ...extra,
});
const customer = (id: string, extra: Row = {}): Row => ({
  customer_id: id, email_hash: `hash-${id}`, country: 'IE', segment: 'REGULAR', signup_date: '2025-01-01', updated_at: '2026-11-01 00:00:00', ...extra,
});
const order = (id: string, day: string, extra: Row = {}): Row => ({
  order_id: id, customer_id: 'C1', status: 'PAID', currency: 'EUR', region: 'EU-WEST', payment_type: 'CARD',
  created_at: `${day} 10:00:00`, updated_at: `${day} 10:00:00`, line_count: 1, units: 2, order_total: 20, ...extra,
});
const revenue = (orders: number, units: number, amount: number, extra: Row = {}): Row => ({
  region: 'EU-WEST', category: 'BOOKS', currency: 'EUR', orders, units, revenue: amount, ...extra,
});

const BASELINE: CuratedFiles = {
  'products/': [product('P1'), product('P2')],
  'customers/': [customer('C1'), customer('C2')],
  [`orders/${D1}`]: [order('O1', D1)],
  [`orders/${D2}`]: [order('O2', D2, { customer_id: 'C2', order_total: 35.5 }), order('O3', D2, { order_total: 12 })],
  [`category_revenue_daily/${D1}`]: [revenue(1, 2, 20)],
  [`category_revenue_daily/${D2}`]: [revenue(2, 4, 47.5)],
};

let server: PostgresServer;
let client: Client;
const session: SqlSession = { execute: async (sql) => { await client.query(sql); } };

/** The plan with every COPY replaced by an INSERT of the fixture rows of its prefix. */
const withFixtureFiles = (plan: LoadPlan, files: CuratedFiles) =>
  withCopiesAsInserts(plan, (source) => files[`${source.dataset}/${source.partition ?? ''}`] ?? []);

async function load(run: LoadRun, files: CuratedFiles): Promise<void> {
  await runLoad(withFixtureFiles(renderLoad(run, SETTINGS), files), session);
}

/** Every reporting table, rows sorted, as BI would read them. */
async function reporting(): Promise<Record<string, unknown[]>> {
  const tables: Record<string, unknown[]> = {};
  for (const { reportingTable } of WAREHOUSE_TABLES) {
    tables[reportingTable] = (await client.query(`SELECT * FROM reporting.${reportingTable} ORDER BY 1, 2, 3`)).rows;
  }
  return tables;
}

const orderRow = async (id: string) => (await client.query('SELECT * FROM reporting.fact_orders WHERE order_id = $1', [id])).rows[0];

beforeAll(async () => {
  server = await startPostgres();
  client = await server.connect();
  await applyCoreMigrations(client);
});

afterAll(async () => {
  await client?.end();
  server?.stop();
});

beforeEach(async () => {
  await client.query(`TRUNCATE ${WAREHOUSE_TABLES.map((t) => `reporting.${t.reportingTable}`).join(', ')}, reporting.load_audit`);
  await load({ runId: 'run-1', partitions: [D1, D2] }, BASELINE);
});

describe('loading a run', () => {
  test('a first load fills every reporting table from the run\'s curated files', async () => {
    const tables = await reporting();
    expect(tables.dim_product).toHaveLength(2);
    expect(tables.dim_customer).toHaveLength(2);
    expect(tables.fact_orders.map((r) => (r as Row).order_id)).toEqual(['O1', 'O2', 'O3']);
    expect(await orderRow('O2')).toMatchObject({ customer_id: 'C2', order_total: '35.50', order_date: expect.any(Date) });
    expect(tables.category_revenue_daily).toHaveLength(2);
  });

  test('the partition value from the S3 path becomes the order_date of each row', async () => {
    const { rows } = await client.query("SELECT order_id, to_char(order_date, 'YYYY-MM-DD') AS day FROM reporting.fact_orders ORDER BY 1");
    expect(rows).toEqual([{ order_id: 'O1', day: D1 }, { order_id: 'O2', day: D2 }, { order_id: 'O3', day: D2 }]);
  });

  test('loading the same run again leaves the same reporting rows', async () => {
    const before = await reporting();
    await load({ runId: 'run-1', partitions: [D1, D2] }, BASELINE);
    expect(await reporting()).toEqual(before);
  });

  test('every load is recorded per table in the audit table, re-runs included', async () => {
    await load({ runId: 'run-1', partitions: [D1, D2] }, BASELINE);
    const { rows } = await client.query(
      "SELECT table_name, load_scope, source_rows::int AS source_rows, count(*)::int AS loads FROM reporting.load_audit WHERE run_id = 'run-1' GROUP BY 1, 2, 3 ORDER BY 1",
    );
    expect(rows).toEqual([
      { table_name: 'category_revenue_daily', load_scope: `order_date in (${D1}, ${D2})`, source_rows: 2, loads: 2 },
      { table_name: 'dim_customer', load_scope: 'full snapshot', source_rows: 2, loads: 2 },
      { table_name: 'dim_product', load_scope: 'full snapshot', source_rows: 2, loads: 2 },
      { table_name: 'fact_orders', load_scope: `order_date in (${D1}, ${D2})`, source_rows: 3, loads: 2 },
    ]);
  });

  test('a late correction updates the order and its day\'s revenue, and leaves other days alone', async () => {
    await load({ runId: 'run-2', partitions: [D2] }, {
      ...BASELINE,
      [`orders/${D2}`]: [
        order('O2', D2, { customer_id: 'C2', status: 'REFUNDED', order_total: 35.5, updated_at: '2026-11-22 09:00:00' }),
        order('O3', D2, { order_total: 12 }),
      ],
      [`category_revenue_daily/${D2}`]: [revenue(1, 2, 12)],
    });
    expect(await orderRow('O2')).toMatchObject({ status: 'REFUNDED' });
    const { rows } = await client.query("SELECT to_char(order_date, 'YYYY-MM-DD') AS day, revenue FROM reporting.category_revenue_daily ORDER BY 1");
    expect(rows).toEqual([{ day: D1, revenue: '20.00' }, { day: D2, revenue: '12.00' }]);
  });

  test('an order missing from a rewritten day is deleted; orders of days not loaded stay', async () => {
    await load({ runId: 'run-3', partitions: [D2] }, { ...BASELINE, [`orders/${D2}`]: [order('O3', D2, { order_total: 12 })] });
    const { rows } = await client.query('SELECT order_id FROM reporting.fact_orders ORDER BY 1');
    expect(rows.map((r) => r.order_id)).toEqual(['O1', 'O3']);
  });

  test('a product missing from the snapshot is removed from the product dimension', async () => {
    await load({ runId: 'run-4', partitions: [D2] }, { ...BASELINE, 'products/': [product('P1')] });
    const { rows } = await client.query('SELECT sku FROM reporting.dim_product');
    expect(rows).toEqual([{ sku: 'P1' }]);
  });

  test('duplicate versions of an order in the files keep the latest one', async () => {
    await load({ runId: 'run-5', partitions: [D2] }, {
      ...BASELINE,
      [`orders/${D2}`]: [
        order('O3', D2, { status: 'SHIPPED', updated_at: '2026-11-21 08:00:00' }),
        order('O3', D2, { status: 'PAID', updated_at: '2026-11-20 10:00:00' }),
      ],
    });
    expect(await orderRow('O3')).toMatchObject({ status: 'SHIPPED' });
  });
});

describe('a load that cannot complete fails clearly and leaves reporting unchanged', () => {
  async function expectFailure(run: LoadRun, files: CuratedFiles, message: RegExp, table: string): Promise<void> {
    const before = await reporting();
    const failure = load(run, files);
    await expect(failure).rejects.toThrow(LoadError);
    await expect(failure).rejects.toThrow(message);
    await expect(failure).rejects.toMatchObject({ runId: run.runId, table });
    expect(await reporting()).toEqual(before);
  }

  test('a run with no files for a table names the run and the table', async () => {
    const { [`orders/${D2}`]: _dropped, ...withoutOrders } = BASELINE;
    await expectFailure({ runId: 'run-empty', partitions: [D2] }, withoutOrders,
      /^load run run-empty failed at check of fact_orders: load run run-empty: no rows staged for table orders/, 'fact_orders');
  });

  test('a file with an unexpected column names the run, the table and the column', async () => {
    await expectFailure({ runId: 'run-extra-column', partitions: [D2] },
      { ...BASELINE, [`orders/${D2}`]: [order('O3', D2, { coupon_code: 'WINTER' })] },
      /^load run run-extra-column failed at copy of fact_orders: .*coupon_code/, 'fact_orders');
  });

  test('a COPY error (a value of the wrong type) names the run, the table and the value', async () => {
    await expectFailure({ runId: 'run-bad-value', partitions: [D2] },
      { ...BASELINE, [`category_revenue_daily/${D2}`]: [revenue(1, 2, 12, { units: 'many' })] },
      /^load run run-bad-value failed at copy of category_revenue_daily: .*"many"/, 'category_revenue_daily');
  });

  test('a failure while publishing rolls every table back, including those already merged', async () => {
    const plan = withFixtureFiles(renderLoad({ runId: 'run-publish-fails', partitions: [D2] }, SETTINGS), {
      ...BASELINE, [`orders/${D2}`]: [order('O3', D2, { status: 'CANCELLED' })],
    });
    const failing: LoadPlan = {
      ...plan,
      publish: [...plan.publish, { runId: plan.runId, table: 'category_revenue_daily', step: 'publish', sql: 'SELECT 1 / 0' }],
    };
    const before = await reporting();
    await expect(runLoad(failing, session)).rejects.toThrow(/^load run run-publish-fails failed at publish of category_revenue_daily: division by zero/);
    expect(await reporting()).toEqual(before);
  });
});
