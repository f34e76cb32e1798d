import { runLoad } from '../local/load-runner';
import { renderLoad } from '../lib/warehouse/load-plan';
import { startPostgres } from '../test/support/postgres';
import { addChangeBatch, applyCoreMigrations, emulateLakeExternalSchema, type Row, withLakeEmulated } from '../local/redshift-emulation';

/**
 * The load's SQL on PostgreSQL 15 (the engine the tests use; Redshift timings differ): a first load of DAYS days of
 * orders, the same load again (nothing new), and a batch that corrects a tenth of one day's orders. Spectrum's view of
 * the change batches is stood in for by tables, as in the tests.
 */
const DAYS = 10;
const ORDERS_PER_DAY = 2_000;
const SETTINGS = { curatedDatabaseName: 'bench_curated', lakeRoleArn: 'arn:aws:iam::123456789012:role/lake' };

const day = (i: number) => `2026-11-${String(i + 1).padStart(2, '0')}`;
const batchOf = (i: number) => `202612${String(i + 1).padStart(2, '0')}T020000000000Z`;
const order = (d: number, i: number, status: string): Row => ({
  order_id: `O${d}-${i}`, customer_id: `C${i % 2_000}`, status, currency: 'EUR', region: 'EU-WEST', payment_type: 'CARD',
  created_at: `${day(d)} 10:00:00`, updated_at: `${day(d)} 10:00:00`, line_count: 1, units: 2, order_total: 20, order_date: day(d), change_type: 'UPSERT',
});

export default async function (): Promise<void> {
  const server = await startPostgres();
  const client = await server.connect();
  try {
    await applyCoreMigrations(client);
    await emulateLakeExternalSchema(client);
    const session = { execute: async (sql: string) => { await client.query(sql); } };
    const add = async (batch: string, table: string, rows: Row[]) => {
      for (let i = 0; i < rows.length; i += 1_000) await addChangeBatch(client, table, batch, rows.slice(i, i + 1_000));
    };
    await add(batchOf(0), 'products_changes', Array.from({ length: 500 }, (_, i) => ({
      sku: `P${i}`, product_name: `Product ${i}`, category: 'BOOKS', list_price: 10, is_active: true, updated_at: '2026-11-01 00:00:00', change_type: 'UPSERT',
    })));
    await add(batchOf(0), 'customers_changes', Array.from({ length: 2_000 }, (_, i) => ({
      customer_id: `C${i}`, email_hash: `h${i}`, country: 'IE', segment: 'CONSUMER', signup_date: '2025-01-01', updated_at: '2026-11-01 00:00:00', change_type: 'UPSERT',
    })));
    for (let d = 0; d < DAYS; d++) {
      await add(batchOf(d), 'orders_changes', Array.from({ length: ORDERS_PER_DAY }, (_, i) => order(d, i, 'PAID')));
      await add(batchOf(d), 'category_revenue_daily_changes', [{
        region: 'EU-WEST', category: 'BOOKS', currency: 'EUR', orders: ORDERS_PER_DAY, units: 4_000, revenue: 40_000, order_date: day(d), change_type: 'UPSERT',
      }]);
    }
    const time = async (label: string, runId: string, orders: number) => {
      const start = process.hrtime.bigint();
      await runLoad(withLakeEmulated(renderLoad({ runId }, SETTINGS)), session);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      console.log(`${label}: ${ms.toFixed(0)} ms for ${orders} order changes (staging included)`);
    };
    await time(`first load (${DAYS} batches)`, 'bench-1', DAYS * ORDERS_PER_DAY);
    await time('same load again (nothing new)', 'bench-2', 0);
    await add(batchOf(DAYS), 'orders_changes', Array.from({ length: ORDERS_PER_DAY / 10 }, (_, i) => order(DAYS - 1, i * 10, 'REFUNDED')));
    await time('one correction batch', 'bench-3', ORDERS_PER_DAY / 10);
    const { rows } = await client.query('SELECT count(*)::int AS orders FROM reporting.fact_orders');
    console.log(`reporting.fact_orders rows afterwards: ${rows[0].orders} (expected ${DAYS * ORDERS_PER_DAY})`);
  } finally {
    await client.end();
    server.stop();
  }
}
