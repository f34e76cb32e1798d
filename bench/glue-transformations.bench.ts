import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { columnNames, CURATED_ORDER_LINES, CUSTOMER, type Dataset, ORDER_LINE_EXPORT, PRODUCT } from '../lib/contracts';
import { createLocalLake, LocalGlueJobs } from '../local/local-glue-jobs';

/**
 * Throughput of the Glue jobs' transformations (the deployed .sql files) run locally on DuckDB: 1,000,000 exported
 * order lines (CSV, 1 in 1,000 invalid, 1 in 100 duplicated) with 5,000 products and 50,000 customers, through
 * landing -> raw (validation, quarantine, Parquet) and raw -> curated (latest versions, enrichment, aggregates).
 */
const ORDER_LINES = 1_000_000;
const PRODUCTS = 5_000;
const CUSTOMERS = 50_000;

/** Generators per column (`i` is the row number); every contract column must have one. */
const GENERATORS: Record<string, Record<string, string>> = {
  [ORDER_LINE_EXPORT.name]: {
    order_id: `'O-' || (i // 3)`,
    customer_id: `'C-' || ((i // 3) % ${CUSTOMERS})`,
    status: `['PAID', 'SHIPPED', 'DELIVERED', 'CANCELLED'][1 + (i // 3) % 4]`,
    currency: `'EUR'`,
    region: `['EU-WEST', 'EU-CENTRAL', 'UK', 'US-EAST', 'US-WEST'][1 + (i // 3) % 5]`,
    payment_type: `'CARD'`,
    created_at: `strftime(TIMESTAMP '2026-01-01' + to_minutes((i // 3)::BIGINT), '%Y-%m-%dT%H:%M:%SZ')`,
    updated_at: `strftime(TIMESTAMP '2026-01-01' + to_minutes((i // 3)::BIGINT + 5), '%Y-%m-%dT%H:%M:%SZ')`,
    line_number: `(i % 3 + 1)::VARCHAR`,
    sku: `'SKU-' || (i % ${PRODUCTS})`,
    quantity: `CASE WHEN i % 1000 = 999 THEN '-1' ELSE (1 + i % 4)::VARCHAR END`,
    unit_price: `(5 + (i % 200) * 0.25)::DECIMAL(12,2)::VARCHAR`,
  },
  [PRODUCT.name]: {
    sku: `'SKU-' || i`,
    product_name: `'Product ' || i`,
    category: `['ELECTRONICS', 'HOME', 'FASHION', 'BEAUTY', 'SPORTS', 'TOYS', 'BOOKS', 'GROCERY'][1 + i % 8]`,
    list_price: `(5 + (i % 200) * 0.25)::DECIMAL(12,2)::VARCHAR`,
    is_active: `'true'`,
    updated_at: `'2026-01-01T00:00:00Z'`,
  },
  [CUSTOMER.name]: {
    customer_id: `'C-' || i`,
    email: `'customer' || i || '@example.com'`,
    full_name: `'Customer ' || i`,
    country: `'DE'`,
    segment: `['CONSUMER', 'BUSINESS', 'VIP'][1 + i % 3]`,
    signup_date: `'2025-06-01'`,
    updated_at: `'2026-01-01T00:00:00Z'`,
  },
};

async function writeCsv(jobs: LocalGlueJobs, dataset: Dataset, rows: number, file: string, duplicateEvery = 0): Promise<void> {
  const generators = GENERATORS[dataset.name];
  const select = columnNames(dataset).map((c) => {
    if (!generators[c]) throw new Error(`no generator for ${dataset.name}.${c}`);
    return `${generators[c]} AS ${c}`;
  });
  const duplicates = duplicateEvery > 0 ? `UNION ALL SELECT ${select.join(', ')} FROM range(0, ${rows}, ${duplicateEvery}) t(i)` : '';
  await jobs.query(`COPY (SELECT ${select.join(', ')} FROM range(${rows}) t(i) ${duplicates}) TO '${file}' (HEADER, DELIMITER ',')`);
}

export default async function bench(): Promise<void> {
  const jobs = await LocalGlueJobs.create();
  const lake = createLocalLake();
  try {
    for (const [dataset, rows, duplicateEvery] of [[ORDER_LINE_EXPORT, ORDER_LINES, 100], [PRODUCT, PRODUCTS, 0], [CUSTOMER, CUSTOMERS, 0]] as const) {
      const dir = join(lake.landing, dataset.name);
      mkdirSync(dir, { recursive: true });
      await writeCsv(jobs, dataset, rows, join(dir, `${dataset.name}.csv`), duplicateEvery);
    }
    const inputRows = ORDER_LINES + ORDER_LINES / 100 + PRODUCTS + CUSTOMERS;

    let started = performance.now();
    const outcomes = await jobs.landingToRaw(lake, { runDate: '2026-03-03', runTime: '2026-03-03T04:00:00Z' });
    const landingSeconds = (performance.now() - started) / 1000;

    started = performance.now();
    await jobs.rawToCurated(lake);
    const curatedSeconds = (performance.now() - started) / 1000;

    const lines = await jobs.curatedRowCount(lake, CURATED_ORDER_LINES);
    const line = (label: string, rows: number, seconds: number) =>
      console.log(`${label.padEnd(34)} ${rows.toLocaleString('en-US').padStart(11)} rows  ${seconds.toFixed(2).padStart(6)} s  ${Math.round(rows / seconds).toLocaleString('en-US').padStart(10)} rows/s`);
    line('landing -> raw (all datasets)', inputRows, landingSeconds);
    line('raw -> curated (all tables)', inputRows, curatedSeconds);
    line('both jobs', inputRows, landingSeconds + curatedSeconds);
    const exports = outcomes.order_line_exports;
    console.log(`order lines: ${exports.rowsRead} read, ${exports.rowsQuarantined} quarantined, ${lines} curated`);
  } finally {
    jobs.close();
    rmSync(lake.root, { recursive: true, force: true });
  }
}
