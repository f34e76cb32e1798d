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

  test.each([
    ['129 characters', `r${'x'.repeat(128)}`],
    ['a leading dash', '-run'],
    ['a space', 'run 1'],
    ['nothing', ''],
  ])('a run id of %s', (_, runId) => {
    expect(() => renderLoad({ runId }, SETTINGS)).toThrow(`load run ${JSON.stringify(runId)}: a run id has letters, digits and _.:- only (at most 128)`);
  });

  test('a run id of 128 letters, digits and _.:- is taken, and names every statement', () => {
    const runId = `R0_.:-${'x'.repeat(122)}`;
    const rendered = renderLoad({ runId }, SETTINGS);
    expect([...rendered.stage, ...rendered.publish].every((s) => s.runId === runId)).toBe(true);
    expect(rendered.runId).toBe(runId);
  });

  test.each([['a space', 'ecommerce curated'], ['a backslash', 'db\\x'], ['nothing', '']])('a setting with %s', (_, curatedDatabaseName) => {
    expect(() => renderLoad({ runId: 'run-1' }, { ...SETTINGS, curatedDatabaseName }))
      .toThrow(`load run run-1: curatedDatabaseName ${JSON.stringify(curatedDatabaseName)} cannot contain quotes or spaces`);
  });
});

test('each statement says which table and step it serves: the external schema first, then staging per table', () => {
  const rendered = renderLoad({ runId: 'run-7' }, SETTINGS);
  expect(rendered.stage[0]).toMatchObject({ table: '*', step: 'external-schema' });
  expect(rendered.stage.slice(1).map((s) => `${s.table}:${s.step}`)).toEqual([
    'dim_product:stage', 'dim_product:stage', 'dim_customer:stage', 'dim_customer:stage',
    'fact_orders:stage', 'fact_orders:stage', 'category_revenue_daily:stage', 'category_revenue_daily:stage',
  ]);
  expect(rendered.publish.every((s) => s.step === 'publish')).toBe(true);
  expect(rendered.publish.find((s) => s.table === 'dim_product')!.sql).not.toContain('{{');
});
