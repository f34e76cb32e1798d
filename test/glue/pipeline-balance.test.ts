import { rmSync } from 'node:fs';
import {
  CLICK_EVENT, CURATED_CLICKSTREAM, CURATED_CUSTOMERS, CURATED_DATASETS, CURATED_ORDER_LINES, CURATED_PRODUCTS, CUSTOMER,
  type Dataset, ORDER_LINE_EXPORT, PRODUCT,
} from '../../lib/contracts';
import { type FixtureRow, fixtureRow, toCsv, toJsonLines, writeZoneFile } from '../../local/dataset-fixtures';
import { createLocalLake, type LocalLake, LocalGlueJobs } from '../../local/local-glue-jobs';

/**
 * A landing batch mixing valid rows, duplicates and every kind of bad row: nothing may vanish. For each landing dataset,
 * rows in = curated rows + quarantined rows + duplicates removed, with the duplicates counted by the fixture itself.
 */
interface Batch {
  readonly curated: Dataset;
  readonly files: Record<string, string | Buffer>;
  readonly rowsIn: number;
  readonly duplicates: number;
  /** Rows the fixture made invalid. */
  readonly bad: number;
}

const older = (row: FixtureRow) => ({ ...row, updated_at: '2026-03-01T00:00:00Z' });
const products = Array.from({ length: 5 }, (_, i) => fixtureRow(PRODUCT, i));
const customers = Array.from({ length: 4 }, (_, i) => fixtureRow(CUSTOMER, i));
const lines = ['O-1', 'O-2', 'O-3'].flatMap((order_id, o) =>
  [1, 2].map((line_number) => fixtureRow(ORDER_LINE_EXPORT, o, { order_id, line_number, sku: `S-${line_number}` })));
const events = Array.from({ length: 5 }, (_, i) => fixtureRow(CLICK_EVENT, i));
const notUtf8 = (csv: string) => Buffer.concat([Buffer.from(csv), Buffer.from([0x41, 0xff, 0x2c, 0x0a])]);

const BATCHES: Record<string, Batch> = {
  products: {
    curated: CURATED_PRODUCTS,
    files: {
      'products/p.csv': toCsv([...products, older(products[0]), older(products[1]),
        fixtureRow(PRODUCT, 7, { list_price: -1 }), fixtureRow(PRODUCT, 8, { updated_at: '2026-13-01T00:00:00Z' })]),
      'products/bad-bytes.csv': notUtf8(toCsv([fixtureRow(PRODUCT, 9)])),
    },
    rowsIn: 11,
    duplicates: 2,
    bad: 3,
  },
  customers: {
    curated: CURATED_CUSTOMERS,
    files: {
      'customers/c.csv': toCsv([...customers, older(customers[2]),
        fixtureRow(CUSTOMER, 7, { signup_date: '2026-02-29' }), fixtureRow(CUSTOMER, 8, { email: '' })]),
      'customers/empty.csv': '',
    },
    rowsIn: 7,
    duplicates: 1,
    bad: 2,
  },
  order_line_exports: {
    curated: CURATED_ORDER_LINES,
    files: {
      'order_line_exports/e.csv': toCsv([...lines.slice(0, 4), lines[0], fixtureRow(ORDER_LINE_EXPORT, 7, { quantity: -3 })]),
      'order_line_exports/e.jsonl': toJsonLines([...lines.slice(4), lines[5], fixtureRow(ORDER_LINE_EXPORT, 8, { quantity: 'many' })]),
    },
    rowsIn: 10,
    duplicates: 2,
    bad: 2,
  },
  clickstream: {
    curated: CURATED_CLICKSTREAM,
    files: { 'clickstream/e.jsonl': toJsonLines([...events, events[0], events[3], fixtureRow(CLICK_EVENT, 9, { device: 'FRIDGE' })]) },
    rowsIn: 8,
    duplicates: 2,
    bad: 1,
  },
};

let jobs: LocalGlueJobs;
let lake: LocalLake;
const run = async () => {
  await jobs.landingToRaw(lake, { runDate: '2026-03-03', runTime: '2026-03-03T04:00:00Z' });
  await jobs.rawToCurated(lake);
};
const curatedTables = async () =>
  Object.fromEntries(await Promise.all(CURATED_DATASETS.map(async (d) => [d.name, await jobs.readCurated(lake, d)] as const)));

beforeAll(async () => {
  jobs = await LocalGlueJobs.create();
  lake = createLocalLake();
  for (const batch of Object.values(BATCHES)) {
    for (const [path, content] of Object.entries(batch.files)) writeZoneFile(lake.landing, path, content);
  }
  await run();
});
afterAll(() => {
  jobs.close();
  rmSync(lake.root, { recursive: true, force: true });
});

test.each(Object.keys(BATCHES))('%s: rows in = curated + quarantined + duplicates removed', async (name) => {
  const batch = BATCHES[name];
  const curated = (await jobs.readCurated(lake, batch.curated)).length;
  const quarantined = (await jobs.quarantined(lake, name)).length;
  expect({ curated, quarantined }).toEqual({ curated: batch.rowsIn - batch.bad - batch.duplicates, quarantined: batch.bad });
});

test('re-running both jobs on the same input leaves every curated table unchanged', async () => {
  const before = await curatedTables();
  expect(before.orders).toHaveLength(3);
  await run();
  expect(await curatedTables()).toEqual(before);
});
