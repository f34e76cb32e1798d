import { renderLoad } from '../../lib/warehouse/load-plan';

const SETTINGS = { curatedBucketName: 'curated-bucket', copyRoleArn: 'arn:aws:iam::123456789012:role/copy' };
const plan = renderLoad({ runId: 'run-2026-11-20', partitions: ['2026-11-20', '2026-11-19', '2026-11-20'] }, SETTINGS);

describe('the Redshift load of a run', () => {
  test('COPYs every partition of the run as Parquet, with the COPY role, into the file-shaped staging table', () => {
    expect(plan.stage.filter((s) => s.step === 'copy').map((s) => s.sql)).toEqual([
      "COPY staging.products FROM 's3://curated-bucket/products/' IAM_ROLE 'arn:aws:iam::123456789012:role/copy' FORMAT AS PARQUET",
      "COPY staging.customers FROM 's3://curated-bucket/customers/' IAM_ROLE 'arn:aws:iam::123456789012:role/copy' FORMAT AS PARQUET",
      "COPY staging.orders_copy FROM 's3://curated-bucket/orders/order_date=2026-11-19/' IAM_ROLE 'arn:aws:iam::123456789012:role/copy' FORMAT AS PARQUET",
      "COPY staging.orders_copy FROM 's3://curated-bucket/orders/order_date=2026-11-20/' IAM_ROLE 'arn:aws:iam::123456789012:role/copy' FORMAT AS PARQUET",
      "COPY staging.category_revenue_daily_copy FROM 's3://curated-bucket/category_revenue_daily/order_date=2026-11-19/' IAM_ROLE 'arn:aws:iam::123456789012:role/copy' FORMAT AS PARQUET",
      "COPY staging.category_revenue_daily_copy FROM 's3://curated-bucket/category_revenue_daily/order_date=2026-11-20/' IAM_ROLE 'arn:aws:iam::123456789012:role/copy' FORMAT AS PARQUET",
    ]);
  });

  test('adds each partition value after its COPY, and checks every table before publishing', () => {
    const orders = plan.stage.filter((s) => s.table === 'fact_orders').map((s) => s.step);
    expect(orders).toEqual(['clear', 'clear', 'copy', 'add-partition', 'add-partition', 'copy', 'add-partition', 'add-partition', 'check']);
    expect(plan.stage.filter((s) => s.step === 'check').map((s) => s.sql)).toContain("CALL staging.assert_rows_staged('run-2026-11-20', 'orders')");
  });

  test('publishes every reporting table and records the run, scoped to the partitions it rewrote', () => {
    expect([...new Set(plan.publish.map((s) => s.table))]).toEqual(['dim_product', 'dim_customer', 'fact_orders', 'category_revenue_daily']);
    expect(plan.publish.map((s) => s.sql)).toContainEqual(expect.stringContaining("WHERE order_date IN (DATE '2026-11-19', DATE '2026-11-20')"));
    expect(plan.publish.map((s) => s.sql)).toContainEqual(expect.stringContaining("'run-2026-11-20', 'fact_orders', 'order_date in (2026-11-19, 2026-11-20)'"));
  });
});

describe('renderLoad refuses what it cannot quote or load', () => {
  test.each([
    [{ runId: "x'; DROP TABLE y; --", partitions: ['2026-11-20'] }, /a run id has letters, digits and _.:- only/],
    [{ runId: 'run-1', partitions: [] }, /^load run run-1: no partitions to load$/],
    [{ runId: 'run-1', partitions: ['20-11-2026'] }, /^load run run-1: partition "20-11-2026" is not a YYYY-MM-DD date$/],
  ])('%j', (run, message) => {
    expect(() => renderLoad(run, SETTINGS)).toThrow(message);
  });

  test('a setting with a quote', () => {
    expect(() => renderLoad({ runId: 'run-1', partitions: ['2026-11-20'] }, { ...SETTINGS, copyRoleArn: "arn'" }))
      .toThrow(/^load run run-1: copyRoleArn "arn'" cannot contain quotes or spaces$/);
  });
});
