import { CLICK_EVENT, CUSTOMER, ORDER_LINE_EXPORT, PRODUCT } from '../../lib/contracts';
import { fixtureRow, fixtureRows, toCsv, toJsonLines, writeZoneFile } from '../../local/dataset-fixtures';
import { type LocalLake, type RunClock } from '../../local/local-glue-jobs';
import { localGlueSession } from './support/local-glue-session';

/** The landing-to-raw job, run on DuckDB over fixture files: what reaches the raw zone and what is quarantined why. */
const CLOCK: RunClock = { runDate: '2026-03-03', runTime: '2026-03-03T04:00:00Z' };

const session = localGlueSession();

async function land(files: Record<string, string | Buffer>): Promise<LocalLake> {
  const lake = session.newLake();
  for (const [path, content] of Object.entries(files)) writeZoneFile(lake.landing, path, content);
  await session.jobs.landingToRaw(lake, CLOCK);
  return lake;
}

const reasons = async (lake: LocalLake, dataset: string) => (await session.jobs.quarantined(lake, dataset)).map((r) => r.reason);

describe('valid files', () => {
  test('products CSV becomes typed Parquet in the raw zone, partitioned by ingest date', async () => {
    const lake = await land({ 'products/2026/03/03/products.csv': toCsv(fixtureRows(PRODUCT, 2, (i) => ({ list_price: `${i + 1}.25` }))) });
    const rows = await session.jobs.readRaw(lake, PRODUCT);
    expect(rows).toEqual([
      expect.objectContaining({ sku: 'sku-0', list_price: '1.25', is_active: true, ingest_date: CLOCK.runDate }),
      expect.objectContaining({ sku: 'sku-1', list_price: '2.25', is_active: true, ingest_date: CLOCK.runDate }),
    ]);
  });

  test('order line exports are read from CSV and JSON Lines files alike', async () => {
    const lake = await land({
      'order_line_exports/a.csv': toCsv([fixtureRow(ORDER_LINE_EXPORT, 0)]),
      'order_line_exports/b.jsonl': toJsonLines([fixtureRow(ORDER_LINE_EXPORT, 1)]),
    });
    const rows = await session.jobs.readRaw(lake, ORDER_LINE_EXPORT);
    expect(rows.map((r) => r.order_id)).toEqual(['order_id-0', 'order_id-1']);
  });

  test('values are cleansed: trimmed, enumerations upper-cased, a missing customer segment defaults to CONSUMER', async () => {
    const lake = await land({
      'customers/c.csv': toCsv([fixtureRow(CUSTOMER, 0, { customer_id: '  C-1 ', country: 'de', segment: '' })]),
      'clickstream/e.jsonl': toJsonLines([fixtureRow(CLICK_EVENT, 0, { event_type: ' page_view', device: 'mobile ' })]),
    });
    const [customer] = await session.jobs.readRaw(lake, CUSTOMER);
    expect(customer).toMatchObject({ customer_id: 'C-1', country: 'DE', segment: 'CONSUMER' });
    const [event] = await session.jobs.readRaw(lake, CLICK_EVENT);
    expect(event).toMatchObject({ event_type: 'PAGE_VIEW', device: 'MOBILE' });
  });
});

describe('bad input is quarantined with the reason, never dropped, and never stops the good rows', () => {
  const productsCsv = (rows: ReturnType<typeof fixtureRow>[], columns?: string[]) => ({ 'products/p.csv': toCsv(rows, columns) });

  test('a file without a required column: its rows are quarantined as missing that column', async () => {
    const columns = ORDER_LINE_EXPORT.columns.map((c) => c.name).filter((c) => c !== 'currency');
    const lake = await land({ 'order_line_exports/no-currency.csv': toCsv([fixtureRow(ORDER_LINE_EXPORT, 0)], columns) });
    expect(await session.jobs.readRaw(lake, ORDER_LINE_EXPORT)).toEqual([]);
    expect(await reasons(lake, 'order_line_exports')).toEqual(['currency is missing']);
  });

  test('a file with a column the contract does not know: its rows are quarantined naming the column', async () => {
    const lake = await land(productsCsv([fixtureRow(PRODUCT, 0, { discount_code: 'SPRING' })]));
    expect(await session.jobs.readRaw(lake, PRODUCT)).toEqual([]);
    expect(await reasons(lake, 'products')).toEqual(['unexpected columns: discount_code']);
  });

  test('a JSON record with an unknown key is quarantined naming the key', async () => {
    const lake = await land({ 'clickstream/e.jsonl': toJsonLines([fixtureRow(CLICK_EVENT, 0, { referrer: 'ads' })]) });
    expect(await reasons(lake, 'clickstream')).toEqual(['unexpected columns: referrer']);
  });

  test('values of the wrong type are quarantined with the offending value', async () => {
    const lake = await land({
      'order_line_exports/o.jsonl': toJsonLines([
        fixtureRow(ORDER_LINE_EXPORT, 0, { quantity: 'two' }),
        fixtureRow(ORDER_LINE_EXPORT, 1, { unit_price: 10.555 }),
        fixtureRow(ORDER_LINE_EXPORT, 2),
      ]),
    });
    expect(await reasons(lake, 'order_line_exports')).toEqual(expect.arrayContaining([
      'quantity is not an integer: two',
      'unit_price is not a decimal with at most 2 places: 10.555',
    ]));
    expect((await session.jobs.readRaw(lake, ORDER_LINE_EXPORT)).map((r) => r.order_id)).toEqual(['order_id-2']);
  });

  test('an empty file yields no rows and does not fail the run', async () => {
    const lake = await land({ 'products/empty.csv': '', 'products/p.csv': toCsv([fixtureRow(PRODUCT, 0)]) });
    expect(await session.jobs.readRaw(lake, PRODUCT)).toHaveLength(1);
    expect(await reasons(lake, 'products')).toEqual([]);
  });

  test('a header-only file yields no rows and does not fail the run', async () => {
    const lake = await land({ 'products/header-only.csv': `${PRODUCT.columns.map((c) => c.name).join(',')}\n` });
    expect(await session.jobs.readRaw(lake, PRODUCT)).toEqual([]);
    expect(await reasons(lake, 'products')).toEqual([]);
  });

  test('invalid dates and timestamps are quarantined, with the value', async () => {
    const lake = await land({
      'customers/c.csv': toCsv([
        fixtureRow(CUSTOMER, 0, { signup_date: '2026-02-30' }),
        fixtureRow(CUSTOMER, 1, { updated_at: 'yesterday' }),
        fixtureRow(CUSTOMER, 2, { updated_at: '2026-03-01T10:00:00+02:00' }),
      ]),
    });
    expect(await reasons(lake, 'customers')).toEqual([
      'signup_date is not a valid date (yyyy-MM-dd): 2026-02-30',
      'updated_at is not a valid UTC timestamp: 2026-03-01T10:00:00+02:00',
      'updated_at is not a valid UTC timestamp: yesterday',
    ]);
  });

  test('negative quantities and prices are quarantined', async () => {
    const lake = await land({
      'order_line_exports/o.csv': toCsv([
        fixtureRow(ORDER_LINE_EXPORT, 0, { quantity: -2 }),
        fixtureRow(ORDER_LINE_EXPORT, 1, { quantity: 0, unit_price: -1 }),
      ]),
    });
    expect(await reasons(lake, 'order_line_exports')).toEqual([
      'quantity must be at least 1',
      'quantity must be at least 1; unit_price is negative',
    ]);
  });

  test('a row with bytes that are not UTF-8 is quarantined; the rest of the file is accepted', async () => {
    const good = toCsv([fixtureRow(PRODUCT, 0)]);
    const bad = Buffer.concat([Buffer.from('sku-9,Caf'), Buffer.from([0xe9]), Buffer.from(',HOME,3.50,true,2026-03-02T10:00:00Z\n')]);
    const lake = await land({ 'products/latin1.csv': Buffer.concat([Buffer.from(good), bad]) });
    expect((await session.jobs.readRaw(lake, PRODUCT)).map((r) => r.sku)).toEqual(['sku-0']);
    expect(await reasons(lake, 'products')).toEqual(['contains bytes that are not valid UTF-8']);
  });

  test('text longer than the warehouse stores is quarantined: 100 CJK characters are 300 bytes, over VARCHAR(256)', async () => {
    const lake = await land(productsCsv([fixtureRow(PRODUCT, 0, { product_name: '注'.repeat(100) }), fixtureRow(PRODUCT, 1, { product_name: '注'.repeat(85) })]));
    expect((await session.jobs.readRaw(lake, PRODUCT)).map((r) => r.sku)).toEqual(['sku-1']);
    expect(await reasons(lake, 'products')).toEqual(['product_name is 300 bytes of UTF-8, over the 256 the warehouse stores']);
  });

  test('values outside an enumeration are quarantined with the value', async () => {
    const lake = await land(productsCsv([fixtureRow(PRODUCT, 0, { category: 'garden' })]));
    expect(await reasons(lake, 'products')).toEqual(['category is not an allowed value: GARDEN']);
  });

  test('a quarantined record keeps its dataset, file, the record as received and the run time', async () => {
    const lake = await land(productsCsv([fixtureRow(PRODUCT, 0, { list_price: 'free' })]));
    const [record] = await session.jobs.quarantined(lake, 'products');
    expect(record).toMatchObject({
      source_dataset: 'products',
      source_file: expect.stringMatching(/products\/p\.csv$/),
      reason: 'list_price is not a decimal with at most 2 places: free',
      quarantined_at: '2026-03-03 04:00:00',
      ingest_date: CLOCK.runDate,
    });
    expect(JSON.parse(record.raw_record as string)).toMatchObject({ sku: 'sku-0', list_price: 'free' });
  });
});
