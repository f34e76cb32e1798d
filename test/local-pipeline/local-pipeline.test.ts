import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { QUARANTINED_CHANGES_PREFIX } from '../../lambda/orders-cdc-forwarder/quarantined-change';
import { CURATED_CUSTOMERS, QUARANTINED_CHANGE, validateRecord } from '../../lib/contracts';
import { readQuarantine } from '../../local/local-quarantine';
import { LocalGlueJobs } from '../../local/local-glue-jobs';
import { type BalanceSheet, balanceSheet, type RunFigures } from '../../scripts/local-pipeline/balance-sheet';
import { BALANCE_SHEET_FILE, SUMMARY_FILE } from '../../scripts/local-pipeline/run-pipeline';

/**
 * `npm run pipeline:local` at a small size, run as users run it (its own Node process: PGlite's WebAssembly loader
 * cannot run inside jest's module sandbox): the deployed handlers and SQL on kinesalite, DuckDB and PGlite over seeded
 * sample data. The figures below are those of seed 42 with 20 orders.
 */
const ROOT = join(__dirname, '..', '..');
const ARGS = ['--orders', '20', '--seed', '42'];

interface Run {
  readonly stdout: string;
  readonly summary: string;
  readonly result: { figures: RunFigures; sheet: BalanceSheet };
  /** What Firehose wrote to the raw zone (JSON Lines), by path. */
  readonly delivered: Record<string, string>;
}

let outDir: string;
let first: Run;
/** What the first run left in the quarantine zone and the curated customers, read before the re-run test may run again. */
let quarantined: ReturnType<typeof readQuarantine>;
let curatedCustomers: Record<string, unknown>[];

/** Every file under a directory with its content, by relative path. */
function filesUnder(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort()
    .map((path) => [path.slice(dir.length + 1), readFileSync(path, 'utf8')]));
}

async function runPipeline(): Promise<Run> {
  const { stdout } = await promisify(execFile)(join(ROOT, 'node_modules/.bin/tsx'), ['scripts/run-local-pipeline.ts', ...ARGS, '--out', outDir], { cwd: ROOT });
  return {
    stdout,
    summary: readFileSync(join(outDir, SUMMARY_FILE), 'utf8'),
    result: JSON.parse(readFileSync(join(outDir, BALANCE_SHEET_FILE), 'utf8')),
    delivered: Object.fromEntries(Object.entries(filesUnder(join(outDir, 'raw'))).filter(([path]) => path.endsWith('.json'))),
  };
}

/** The lines of a summary section: from its title to the next blank line. */
function section(summary: string, title: string): string[] {
  const lines = summary.split('\n');
  const start = lines.findIndex((line) => line.startsWith(title));
  const end = lines.indexOf('', start);
  return lines.slice(start + 1, end === -1 ? undefined : end);
}

/** A run takes about 5 s in its own process on a quiet machine; the limit leaves room for a loaded one. */
const RUN_TIMEOUT_MS = 180_000;

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'local-pipeline-'));
  first = await runPipeline();
  quarantined = readQuarantine(join(outDir, 'quarantine'), QUARANTINED_CHANGES_PREFIX);
  const jobs = await LocalGlueJobs.create();
  try {
    curatedCustomers = await jobs.readCurated({ curated: join(outDir, 'curated') }, CURATED_CUSTOMERS);
  } finally {
    jobs.close();
  }
}, RUN_TIMEOUT_MS);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

test('each stage reports its progress, then the summary is printed', () => {
  const stages = first.stdout.split('\n').filter((line) => /^\[\d\/5\]/.test(line)).map((line) => line.slice(0, line.indexOf(':')));
  expect(stages).toEqual([
    '[1/5] sample data', '[2/5] forwarder -> Kinesis (kinesalite)', '[3/5] Firehose processor -> raw zone',
    '[4/5] Glue SQL on DuckDB', '[5/5] warehouse migrations and load on PGlite',
  ]);
  expect(first.stdout).toContain(first.summary);
});

test('the balance sheet adds up at every stage, and every planted bad record ends where it should', () => {
  expect(first.result.sheet.balanced).toBe(true);
  expect(first.result.sheet.sections.flatMap((s) => s.checks.map((c) => `${c.label}: ${c.equation}`))).toEqual([
    'stream records in = forwarded + quarantined + batch item failures: 49 = 46 + 3 + 0',
    'quarantined = invalid items planted: 3 = 3',
    'records on Kinesis = forwarded + foreign records: 48 = 46 + 2',
    'records on Kinesis = Ok + ProcessingFailed: 48 = 46 + 2',
    'ProcessingFailed = foreign records planted: 2 = 2',
    'Ok = curated orders + superseded versions + duplicates removed + records of removed orders: 46 = 19 + 22 + 1 + 4',
    'curated orders = orders still in the table: 19 = 19',
    'rows in = rows planted: 18 = 18',
    'rows in = curated + quarantined + duplicates removed: 18 = 16 + 1 + 1',
    'quarantined = invalid rows planted: 1 = 1',
    'rows in = rows planted: 12 = 12',
    'rows in = curated + quarantined + duplicates removed: 12 = 10 + 1 + 1',
    'quarantined = invalid rows planted: 1 = 1',
    'rows in = rows planted: 5 = 5',
    'rows in = curated + quarantined + duplicates removed: 5 = 3 + 1 + 1',
    'quarantined = invalid rows planted: 1 = 1',
    'rows in = rows planted: 42 = 42',
    'rows in = curated + quarantined + duplicates removed: 42 = 40 + 1 + 1',
    'quarantined = invalid rows planted: 1 = 1',
    'fact_orders = curated orders: 22 = 22',
    'dim_product = curated products: 16 = 16',
    'dim_customer = curated customers: 10 = 10',
    'warehouse revenue = curated revenue: 13014.26 = 13014.26',
  ]);
  expect(first.summary).toContain('Balanced: every record is accounted for.');
});

test('the category revenue report is read from the warehouse, with the seeded figures', () => {
  expect(section(first.summary, 'Category revenue report').map((line) => line.trim().split(/\s+/).join(' '))).toEqual([
    'category currency orders units revenue',
    'BEAUTY EUR 3 10 1486.28', 'BOOKS EUR 1 3 561.60', 'BOOKS GBP 1 5 394.15', 'BOOKS USD 1 3 236.49', 'ELECTRONICS EUR 3 5 681.87',
    'FASHION EUR 3 11 942.43', 'FASHION USD 1 8 1064.56', 'GROCERY EUR 3 11 1318.52', 'GROCERY USD 1 4 206.88', 'HOME EUR 3 12 2517.58',
    'SPORTS EUR 1 4 867.08', 'SPORTS USD 1 4 867.08', 'TOYS EUR 2 4 571.20', 'TOYS GBP 2 5 1104.35', 'TOYS USD 1 3 194.19',
  ]);
});

test('the quarantine zone keeps each change the forwarder refused, whole, with the reason', () => {
  const documents = quarantined;
  expect(documents.map(({ key }) => key.split('/').slice(0, 2).join('/'))).toEqual(Array(3).fill(`${QUARANTINED_CHANGES_PREFIX}ingest_date=2026-11-21`));
  for (const { document } of documents) {
    expect(validateRecord(QUARANTINED_CHANGE, document)).toEqual([]);
    expect(JSON.parse(document.raw_record as string).dynamodb.NewImage).toBeDefined();
  }
});

test('bad records are rejected with their reasons: by the forwarder, the processor and the landing-to-raw job', () => {
  expect(section(first.summary, 'Rejected on purpose').map((line) => line.trim().split(';')[0])).toEqual([
    'quarantined (forwarder, whole, under quarantine/quarantined_order_changes/): 3',
    'ORD-BAD-1: customer_id: missing',
    'ORD-BAD-2: created_at: expected an ISO 8601 timestamp (day 30 does not exist in 2026-02), got string "2026-02-30T10:00:00.000Z"',
    'CART#CUST-00001: cart_items: unknown field',
    'batch item failures (forwarder, retried by Lambda): 0',
    'ProcessingFailed (processor, under the error prefix): 2',
    'partition key legacy-feed: not JSON: Unexpected token \'l\', "legacy-fee"... is not valid JSON',
    'partition key legacy-feed: event_id: missing',
    'quarantined products: 1',
    '1 x list_price is negative',
    'quarantined customers: 1',
    '1 x signup_date is not a valid date (yyyy-MM-dd): 2026-02-30',
    'quarantined order_line_exports: 1',
    '1 x quantity must be at least 1',
    'quarantined clickstream: 1',
    '1 x device is not an allowed value: FRIDGE',
  ]);
});

test('the raw zone has the layout Firehose writes: Ok records by event date, ProcessingFailed under the error prefix', () => {
  expect(Object.keys(first.delivered)).toEqual([
    'errors/order_changes/processing-failed/event_date=2026-11-21/order-changes-0001.json',
    'order_changes/event_date=2026-11-18/order-changes-0001.json',
    'order_changes/event_date=2026-11-19/order-changes-0001.json',
    'order_changes/event_date=2026-11-20/order-changes-0001.json',
    'order_changes/event_date=2026-11-21/order-changes-0001.json',
  ]);
  const [error] = Object.values(first.delivered)[0].trim().split('\n').map((line) => JSON.parse(line));
  expect(error).toMatchObject({ errorCode: 'Lambda.ProcessingFailed', errorMessage: expect.stringMatching(/^not JSON/) });
});

test('curated customers carry the same keyed e-mail hash as their order changes, so the two join (a third typed with padding and capitals)', () => {
  const hashOf = new Map(curatedCustomers.map((c) => [c.customer_id, c.email_hash]));
  const changes = Object.entries(first.delivered).filter(([path]) => path.startsWith('order_changes/'))
    .flatMap(([, lines]) => lines.trim().split('\n').map((line) => JSON.parse(line) as { customer_id: string; customer_email_hash: string }));
  expect(changes.length).toBeGreaterThan(0);
  expect(changes.filter((c) => hashOf.get(c.customer_id) !== c.customer_email_hash)).toEqual([]);
});

test('a record lost on the way unbalances the sheet, naming the equations that fail', () => {
  const { figures } = first.result;
  const sheet = balanceSheet({ ...figures, delivery: { ...figures.delivery, ok: figures.delivery.ok - 1 } });
  expect(sheet.balanced).toBe(false);
  expect(sheet.sections.flatMap((s) => s.checks).filter((c) => !c.holds).map((c) => c.label)).toEqual([
    'records on Kinesis = Ok + ProcessingFailed',
    'Ok = curated orders + superseded versions + duplicates removed + records of removed orders',
  ]);
});

test('a second run on the same data, in the same directory, prints the same summary and delivers the same change records', async () => {
  const second = await runPipeline();
  expect(second.summary).toBe(first.summary);
  expect(second.result).toEqual(first.result);
  expect(second.delivered).toEqual(first.delivered);
}, RUN_TIMEOUT_MS);
