import { RedshiftDataClient } from '@aws-sdk/client-redshift-data';
import type { Client } from 'pg';
import { dataApiWarehouse } from '../../../lambda/warehouse-migrator/data-api';
import { HISTORY_TABLE, MAX_STATEMENTS_PER_MIGRATION, migrate, MigrationFailedError } from '../../../lambda/warehouse-migrator/migrate';
import { type AvailableMigration, recordedChecksum } from '../../../lib/warehouse/migration-plan';
import { CORE_MIGRATIONS_DIR, postgresStatements, readMigrations } from '../../../lib/warehouse/migrations';
import { fakeRedshiftData, type FakeRedshiftData } from '../../support/fake-redshift-data';
import { freshWarehouses, type FreshWarehouses } from '../../support/fresh-warehouses';
import { startPostgres, type PostgresServer } from '../../support/postgres';

/**
 * The migrator against PostgreSQL through a Data API fake: the repository's migrations in their PostgreSQL form. Each
 * test starts from a new warehouse and deploys what it needs first, as deploys follow each other.
 */
let server: PostgresServer;
let warehouses: FreshWarehouses;
let db: Client;
let dataApi: FakeRedshiftData | undefined;
const warehouse = () => dataApiWarehouse(new RedshiftDataClient({}), { clusterIdentifier: 'c', database: 'd', secretArn: 's' }, { pollMs: 0 });

const CORE: AvailableMigration[] = readMigrations(CORE_MIGRATIONS_DIR, 'core')
  .map((m) => ({ id: m.id, checksum: m.checksum, statements: postgresStatements(m) }));
const extra = (id: string, statements: string[]): AvailableMigration => ({ id, checksum: 'a'.repeat(64), statements });
/** The repository's migrations, and the ids the next two would get. */
const CORE_IDS = CORE.map((m) => m.id);
const nextId = (n: number) => `core/V${String(CORE.length + n).padStart(3, '0')}`;
const tableExists = async (name: string) => (await db.query('SELECT to_regclass($1) AS t', [name])).rows[0].t !== null;
const history = async () => (await db.query(`SELECT migration_id FROM ${HISTORY_TABLE} ORDER BY applied_at, migration_id`)).rows.map((r) => r.migration_id);

beforeAll(async () => {
  server = await startPostgres();
  warehouses = await freshWarehouses(server);
});
afterAll(async () => {
  await warehouses?.close();
  server?.stop();
});
beforeEach(async () => {
  db = await warehouses.create();
  dataApi = fakeRedshiftData(db);
});
afterEach(async () => {
  dataApi?.restore();
  await warehouses.dropAll();
});

test('a new warehouse gets the whole schema and a history row per migration', async () => {
  await expect(migrate(warehouse(), CORE)).resolves.toEqual(CORE_IDS);
  expect(await tableExists('reporting.fact_orders')).toBe(true);
  expect(await history()).toEqual(CORE_IDS);
});

test('a redeploy without new migrations changes nothing', async () => {
  await migrate(warehouse(), CORE);
  const before = dataApi!.received.length;
  await expect(migrate(warehouse(), CORE)).resolves.toEqual([]);
  expect(dataApi!.received.slice(before).filter((sql) => !/^(CREATE TABLE IF NOT EXISTS|SELECT)/.test(sql))).toEqual([]);
});

test('a new migration is applied alone, after those already applied', async () => {
  await migrate(warehouse(), CORE);
  const next = extra(nextId(1), ['ALTER TABLE reporting.dim_product ADD COLUMN brand VARCHAR(256)']);
  await expect(migrate(warehouse(), [...CORE, next])).resolves.toEqual([nextId(1)]);
  expect(await history()).toEqual([...CORE_IDS, nextId(1)]);
});

test('a failing migration is rolled back entirely, named, and not recorded', async () => {
  const failing = extra(nextId(2), ['CREATE TABLE reporting.half_done (id INTEGER)', 'ALTER TABLE reporting.no_such_table ADD COLUMN x INTEGER']);
  const applied = extra(nextId(1), ['ALTER TABLE reporting.dim_product ADD COLUMN brand VARCHAR(256)']);
  await migrate(warehouse(), [...CORE, applied]);
  const failure = migrate(warehouse(), [...CORE, applied, failing]);
  await expect(failure).rejects.toThrow(MigrationFailedError);
  await expect(failure).rejects.toThrow(new RegExp(`^migration ${nextId(2)} failed and was rolled back: relation "reporting.no_such_table" does not exist$`));
  expect(await tableExists('reporting.half_done')).toBe(false);
  expect(await history()).toEqual([...CORE_IDS, nextId(1)]);
});

test('a migration bound to a stream is applied again when the stream it names changes, replacing its history row', async () => {
  const liveView = (stream: string): AvailableMigration => ({
    id: 'streaming/V001', checksum: 'c'.repeat(64), values: { stream_name: stream },
    statements: ['DROP VIEW IF EXISTS reporting.orders_live_test', `CREATE VIEW reporting.orders_live_test AS SELECT '${stream}' AS stream_name`],
  });
  const schema = [...CORE, extra(nextId(1), ['ALTER TABLE reporting.dim_product ADD COLUMN brand VARCHAR(256)'])];
  const streamOfView = async () => (await db.query('SELECT stream_name FROM reporting.orders_live_test')).rows[0].stream_name;
  await migrate(warehouse(), schema);
  await expect(migrate(warehouse(), [...schema, liveView('order-changes')])).resolves.toEqual(['streaming/V001']);
  await expect(migrate(warehouse(), [...schema, liveView('order-changes')])).resolves.toEqual([]);
  await expect(migrate(warehouse(), [...schema, liveView('order-changes-v2')])).resolves.toEqual(['streaming/V001']);
  expect(await streamOfView()).toBe('order-changes-v2');
  const rows = await db.query(`SELECT checksum FROM ${HISTORY_TABLE} WHERE migration_id = 'streaming/V001'`);
  expect(rows.rows.map((r) => r.checksum)).toEqual([recordedChecksum(liveView('order-changes-v2'))]);
});

test('an applied migration that was edited stops the deploy before anything runs', async () => {
  await migrate(warehouse(), CORE);
  const edited = { ...CORE[0], checksum: 'b'.repeat(64) };
  const before = dataApi!.received.length;
  await expect(migrate(warehouse(), [edited])).rejects.toThrow(/^migration core\/V001 was changed after it was applied/);
  expect(dataApi!.received.slice(before).filter((sql) => !/^(CREATE TABLE IF NOT EXISTS|SELECT)/.test(sql))).toEqual([]);
});

test('a migration too large for one Data API transaction is refused before anything runs', async () => {
  const before = dataApi!.received.length;
  const huge = extra('core/V009', Array.from({ length: MAX_STATEMENTS_PER_MIGRATION + 1 }, () => 'SELECT 1'));
  await expect(migrate(warehouse(), [...CORE, huge])).rejects.toThrow(/^migration core\/V009 has 39 statements; split it/);
  expect(dataApi!.received.length).toBe(before);
});
