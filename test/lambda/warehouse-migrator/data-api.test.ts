import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import type { Client } from 'pg';
import { type DataApiPolling, dataApiWarehouse } from '../../../lambda/warehouse-migrator/data-api';
import { HISTORY_TABLE, migrate } from '../../../lambda/warehouse-migrator/migrate';
import { fakeRedshiftData, type FakeRedshiftData, type FakeRedshiftDataOptions } from '../../support/fake-redshift-data';
import { startPostgres, type PostgresServer } from '../../support/postgres';
import { emulateRedshiftBuiltins } from '../../../local/redshift-emulation';

/**
 * How the migrator waits for and reads the Redshift Data API, against a stand-in that answers as a busy warehouse does
 * (statements running for several polls, failing, aborted, results in pages), with its SQL run on PostgreSQL. The
 * clock and the waits are fakes: a test waits for nothing.
 */
let server: PostgresServer;
let db: Client;
let dataApi: FakeRedshiftData | undefined;
let clock: number;
let waits: number[];

beforeAll(async () => {
  server = await startPostgres();
  db = await server.connect();
  await emulateRedshiftBuiltins(db);
});
afterAll(async () => {
  await db?.end();
  server?.stop();
});
beforeEach(() => {
  clock = Date.UTC(2026, 10, 30, 10);
  waits = [];
});
afterEach(() => dataApi?.restore());

function warehouseAnswering(options: FakeRedshiftDataOptions, polling: DataApiPolling = {}) {
  dataApi = fakeRedshiftData(db, options);
  return dataApiWarehouse(new RedshiftDataClient({ region: 'eu-west-1' }), { clusterIdentifier: 'c', database: 'd', secretArn: 's' }, {
    now: () => clock,
    sleep: async (ms) => {
      waits.push(ms);
      clock += ms;
    },
    ...polling,
  });
}

describe('waiting for a statement', () => {
  test('a statement submitted, picked and started is polled every second until it has finished, then its rows are read', async () => {
    const warehouse = warehouseAnswering({ statusesBeforeOutcome: ['SUBMITTED', 'PICKED', 'STARTED', 'STARTED'] });

    await expect(warehouse.query("SELECT 'order-1', 2")).resolves.toEqual([['order-1', '2']]);

    expect(dataApi!.described).toEqual(['SUBMITTED', 'PICKED', 'STARTED', 'STARTED', 'FINISHED']);
    expect(waits).toEqual([1000, 1000, 1000, 1000]);
  });

  test('a transaction is complete only once it has finished: nothing follows it before', async () => {
    const warehouse = warehouseAnswering({ statusesBeforeOutcome: ['SUBMITTED', 'STARTED'] });

    await warehouse.transaction(['CREATE TEMP TABLE polled (id INTEGER)', 'INSERT INTO polled VALUES (1)']);

    expect(dataApi!.described).toEqual(['SUBMITTED', 'STARTED', 'FINISHED']);
    expect((await db.query('SELECT count(*)::int AS n FROM polled')).rows).toEqual([{ n: 1 }]);
  });

  test('a failed statement throws the warehouse\'s own error, after it has run', async () => {
    const warehouse = warehouseAnswering({ statusesBeforeOutcome: ['STARTED'] });

    await expect(warehouse.execute('ALTER TABLE no_such_table ADD COLUMN x INTEGER'))
      .rejects.toThrow(/^relation "no_such_table" does not exist$/);
    expect(dataApi!.described).toEqual(['STARTED', 'FAILED']);
  });

  test('a statement a user aborted throws, naming the statement and its status', async () => {
    const warehouse = warehouseAnswering({ aborts: (sql) => sql.startsWith('INSERT') });

    await expect(warehouse.transaction(['CREATE TEMP TABLE aborted (id INTEGER)', 'INSERT INTO aborted VALUES (1)']))
      .rejects.toThrow(/^statement statement-1 ABORTED$/);
    expect((await db.query("SELECT to_regclass('aborted') AS t")).rows).toEqual([{ t: null }]);
  });

  test('a statement still running at the deadline throws before the deadline passes, saying it may still finish', async () => {
    const deadline = clock + 10_000;
    const warehouse = warehouseAnswering({ neverFinishes: () => true }, { deadline });

    await expect(warehouse.execute('VACUUM')).rejects.toThrow(/^statement statement-1 was still STARTED when the migrator had to answer; it may still finish/);

    expect(waits).toEqual(Array(10).fill(1000));
    expect(clock).toBeLessThanOrEqual(deadline);
  });

  test('without a deadline a slow statement is waited for as long as it runs', async () => {
    const warehouse = warehouseAnswering({ statusesBeforeOutcome: Array(30).fill('STARTED') });

    await warehouse.execute('SELECT 1');

    expect(waits).toHaveLength(30);
  });
});

describe('reading a result in pages', () => {
  test('every page is read, in order, following NextToken until a page has none', async () => {
    const warehouse = warehouseAnswering({ recordsPerPage: 2 });

    const rows = await warehouse.query('SELECT n::text FROM generate_series(1, 5) AS n ORDER BY n');

    expect(rows).toEqual([['1'], ['2'], ['3'], ['4'], ['5']]);
    expect(dataApi!.pagesRequested).toEqual([undefined, 'page-2', 'page-4']);
  });

  test('a result that fills its pages exactly ends on the last full page', async () => {
    const warehouse = warehouseAnswering({ recordsPerPage: 2 });

    expect(await warehouse.query('SELECT n::text FROM generate_series(1, 4) AS n ORDER BY n')).toEqual([['1'], ['2'], ['3'], ['4']]);
    expect(dataApi!.pagesRequested).toEqual([undefined, 'page-2']);
  });

  test('a statement without a result set reads no page', async () => {
    const warehouse = warehouseAnswering({ recordsPerPage: 2 });

    expect(await warehouse.query('CREATE TEMP TABLE no_rows (id INTEGER)')).toEqual([]);
    expect(dataApi!.pagesRequested).toEqual([]);
  });

  test('the migrator reads its whole history across pages: a redeploy applies nothing again', async () => {
    await db.query(`DROP SCHEMA IF EXISTS paged CASCADE; DROP TABLE IF EXISTS ${HISTORY_TABLE}; CREATE SCHEMA paged`);
    const migrations = Array.from({ length: 5 }, (_, i) => ({
      id: `core/V00${i + 1}`, checksum: String(i + 1).repeat(64), statements: [`CREATE TABLE paged.t${i + 1} (id INTEGER)`],
    }));
    await migrate(warehouseAnswering({}), migrations);
    dataApi!.restore();

    await expect(migrate(warehouseAnswering({ recordsPerPage: 2 }), migrations)).resolves.toEqual([]);
    expect(dataApi!.pagesRequested).toEqual([undefined, 'page-2', 'page-4']);
  });
});
