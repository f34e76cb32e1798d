import { renderLoad } from '../../lib/warehouse/load-plan';

const SETTINGS = { curatedDatabaseName: 'ecommerce_prod_curated', lakeRoleArn: 'arn:aws:iam::123456789012:role/lake' };
const plan = renderLoad({ runId: 'run-2026-11-20' }, SETTINGS);

describe('the Redshift load of a run', () => {
  test('reads the curated database through Spectrum with the cluster\'s lake role', () => {
    expect(plan.stage[0].sql).toBe(
      "CREATE EXTERNAL SCHEMA IF NOT EXISTS curated FROM DATA CATALOG DATABASE 'ecommerce_prod_curated' IAM_ROLE 'arn:aws:iam::123456789012:role/lake'");
  });

  test('stages, per table, the change batches after the last batch the audit table records for it', () => {
    const orders = plan.stage.filter((s) => s.table === 'fact_orders').map((s) => s.sql);
    expect(orders).toEqual([
      'DELETE FROM staging.orders_changes',
      expect.stringMatching(/^INSERT INTO staging\.orders_changes \(order_id, .*, order_date, change_type, batch_id\)\nSELECT .*\nFROM curated\.orders_changes\n/),
    ]);
    expect(orders[1]).toContain("WHERE batch_id > (\n  SELECT COALESCE(MAX(change_batch_id), '') FROM reporting.load_audit WHERE table_name = 'fact_orders'\n)");
  });

  test('publishes every reporting table and records the run with the last batch applied', () => {
    expect([...new Set(plan.publish.map((s) => s.table))]).toEqual(['dim_product', 'dim_customer', 'fact_orders', 'category_revenue_daily']);
    expect(plan.publish.map((s) => s.sql)).toContainEqual(expect.stringContaining("SELECT 'run-2026-11-20', 'fact_orders', 'change batches '"));
  });
});

describe('renderLoad refuses what it cannot quote', () => {
  test('a run id with a quote', () => {
    expect(() => renderLoad({ runId: "x'; DROP TABLE y; --" }, SETTINGS)).toThrow(/a run id has letters, digits and _.:- only/);
  });

  test('a setting with a quote', () => {
    expect(() => renderLoad({ runId: 'run-1' }, { ...SETTINGS, lakeRoleArn: "arn'" }))
      .toThrow(/^load run run-1: lakeRoleArn "arn'" cannot contain quotes or spaces$/);
  });
});
