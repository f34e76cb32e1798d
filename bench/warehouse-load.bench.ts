import { runLoad } from '../lib/warehouse/load-runner';
import { type LoadPlan, renderLoad } from '../lib/warehouse/load-plan';
import { copyTableOf, WAREHOUSE_TABLES } from '../lib/warehouse/warehouse-tables';
import { startPostgres } from '../test/support/postgres';
import { applyCoreMigrations, insertRows } from '../lib/local/redshift-emulation';

/**
 * The load's SQL on PostgreSQL 15 (the engine the tests use; Redshift timings differ): a first load of DAYS days of
 * orders, the same run again, and a one-day correction. COPY is replaced by INSERTs of generated rows, as in the tests.
 */
const DAYS = 10;
const ORDERS_PER_DAY = 2_000;
const SETTINGS = { curatedBucketName: 'bench-bucket', copyRoleArn: 'arn:aws:iam::123456789012:role/copy' };

type Row = Record<string, string | number | boolean>;
const day = (i: number) => `2026-11-${String(i + 1).padStart(2, '0')}`;

function files(revision: number): Record<string, Row[]> {
  const result: Record<string, Row[]> = {
    'products/': Array.from({ length: 500 }, (_, i) => ({
      sku: `P${i}`, product_name: `Product ${i}`, category: 'BOOKS', list_price: 10, is_active: true, updated_at: '2026-11-01 00:00:00',
    })),
    'customers/': Array.from({ length: 2_000 }, (_, i) => ({
      customer_id: `C${i}`, email_hash: `h${i}`, country: 'IE', segment: 'REGULAR', signup_date: '2025-01-01', updated_at: '2026-11-01 00:00:00',
    })),
  };
  for (let d = 0; d < DAYS; d++) {
    result[`orders/${day(d)}`] = Array.from({ length: ORDERS_PER_DAY }, (_, i) => ({
      order_id: `O${d}-${i}`, customer_id: `C${i % 2_000}`, status: revision > 0 && i % 10 === 0 ? 'REFUNDED' : 'PAID', currency: 'EUR',
      region: 'EU-WEST', payment_type: 'CARD', created_at: `${day(d)} 10:00:00`, updated_at: `${day(d)} 1${revision}:00:00`,
      line_count: 1, units: 2, order_total: 20,
    }));
    result[`category_revenue_daily/${day(d)}`] = [{ region: 'EU-WEST', category: 'BOOKS', currency: 'EUR', orders: ORDERS_PER_DAY, units: 4_000, revenue: 40_000 }];
  }
  return result;
}

function withRows(plan: LoadPlan, curated: Record<string, Row[]>): LoadPlan {
  return {
    ...plan,
    stage: plan.stage.flatMap((s) => {
      if (s.step !== 'copy' || !s.source) return [s];
      const dataset = WAREHOUSE_TABLES.find((t) => t.dataset.name === s.source!.dataset)!.dataset;
      const rows = curated[`${s.source.dataset}/${s.source.partition ?? ''}`];
      const chunks = Array.from({ length: Math.ceil(rows.length / 1_000) }, (_, i) => rows.slice(i * 1_000, (i + 1) * 1_000));
      return chunks.map((chunk) => ({ ...s, sql: insertRows(`staging.${copyTableOf(dataset)}`, chunk) }));
    }),
  };
}

export default async function (): Promise<void> {
  const server = await startPostgres();
  const client = await server.connect();
  try {
    await applyCoreMigrations(client);
    const session = { execute: async (sql: string) => { await client.query(sql); } };
    const allDays = Array.from({ length: DAYS }, (_, d) => day(d));
    const time = async (label: string, partitions: string[], revision: number) => {
      const start = process.hrtime.bigint();
      await runLoad(withRows(renderLoad({ runId: `bench-${revision}`, partitions }, SETTINGS), files(revision)), session);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      console.log(`${label}: ${ms.toFixed(0)} ms for ${partitions.length * ORDERS_PER_DAY} orders (${((partitions.length * ORDERS_PER_DAY) / (ms / 1000)).toFixed(0)} orders/s, staging included)`);
    };
    await time('first load', allDays, 0);
    await time('same run again', allDays, 0);
    await time('one-day correction', [day(DAYS - 1)], 1);
    const { rows } = await client.query('SELECT count(*)::int AS orders FROM reporting.fact_orders');
    console.log(`reporting.fact_orders rows afterwards: ${rows[0].orders} (expected ${DAYS * ORDERS_PER_DAY})`);
  } finally {
    await client.end();
    server.stop();
  }
}
