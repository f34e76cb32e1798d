import { migrate, MigrationFailedError, type WarehouseSql } from '../../../lambda/warehouse-migrator/migrate';
import type { AvailableMigration } from '../../../lib/warehouse/migration-plan';

/**
 * The migrator's conversation with the warehouse, recorded by a stand-in that keeps the history table as rows: what it
 * sends, in which order, and what it refuses before sending anything. (migrate.test.ts runs the same on PostgreSQL.)
 */

const SUM_A = 'a'.repeat(64);
const SUM_B = 'b'.repeat(64);

const migration = (id: string, checksum: string, statements = [`CREATE TABLE t_${id.slice(-3)} (x INT)`]): AvailableMigration =>
  ({ id, checksum, statements });

interface Recording extends WarehouseSql {
  readonly sent: string[];
  readonly transactions: string[][];
}

/** A warehouse whose history holds `history` ([id, checksum] rows); a transaction whose SQL includes `failOn` fails. */
function recordingWarehouse(history: string[][] = [], failOn?: string): Recording {
  const sent: string[] = [];
  const transactions: string[][] = [];
  return {
    sent,
    transactions,
    async execute(sql) { sent.push(sql); },
    async query(sql) {
      sent.push(sql);
      return history;
    },
    async transaction(statements) {
      if (failOn && statements.some((s) => s.includes(failOn))) throw new Error('relation "nowhere" does not exist');
      transactions.push([...statements]);
    },
  };
}

test('the history table is created if missing, then read, before anything is applied', async () => {
  const warehouse = recordingWarehouse();
  await migrate(warehouse, []);
  expect(warehouse.sent).toEqual([
    'CREATE TABLE IF NOT EXISTS public.schema_migrations (\n  migration_id VARCHAR(64) NOT NULL,\n  checksum CHAR(64) NOT NULL,\n'
      + '  applied_at TIMESTAMP NOT NULL\n)',
    'SELECT migration_id, checksum FROM public.schema_migrations',
  ]);
  expect(warehouse.transactions).toEqual([]);
});

test('each pending migration is one transaction: its statements, then its history row replaced', async () => {
  const warehouse = recordingWarehouse();
  const applied = await migrate(warehouse, [migration('core/V001', SUM_A, ['CREATE TABLE a (x INT)', 'CREATE TABLE b (y INT)'])]);
  expect(applied).toEqual(['core/V001']);
  expect(warehouse.transactions).toEqual([[
    'CREATE TABLE a (x INT)',
    'CREATE TABLE b (y INT)',
    "DELETE FROM public.schema_migrations WHERE migration_id = 'core/V001'",
    `INSERT INTO public.schema_migrations (migration_id, checksum, applied_at) VALUES ('core/V001', '${SUM_A}', GETDATE())`,
  ]]);
});

test('migrations already in the history are not applied again; the others are, in order', async () => {
  const warehouse = recordingWarehouse([['core/V001', SUM_A]]);
  const applied = await migrate(warehouse, [migration('core/V001', SUM_A), migration('core/V002', SUM_B), migration('core/V003', SUM_B)]);
  expect(applied).toEqual(['core/V002', 'core/V003']);
  expect(warehouse.transactions.map((t) => t[0])).toEqual(['CREATE TABLE t_002 (x INT)', 'CREATE TABLE t_003 (x INT)']);
});

test('a failed migration names itself and the warehouse\'s error, and nothing after it is applied', async () => {
  const warehouse = recordingWarehouse([], 'nowhere');
  const run = migrate(warehouse, [
    migration('core/V001', SUM_A),
    migration('core/V002', SUM_B, ['INSERT INTO nowhere VALUES (1)']),
    migration('core/V003', SUM_B),
  ]);
  await expect(run).rejects.toThrow(new MigrationFailedError('core/V002', new Error('relation "nowhere" does not exist')));
  await expect(run).rejects.toThrow('migration core/V002 failed and was rolled back: relation "nowhere" does not exist');
  expect(warehouse.transactions).toHaveLength(1);
});

test('a failure that is not an Error is still named in the message', () => {
  const error = new MigrationFailedError('core/V009', 'timed out');
  expect(error.message).toBe('migration core/V009 failed and was rolled back: timed out');
  expect(error.name).toBe('MigrationFailedError');
  expect(error.migrationId).toBe('core/V009');
  expect(error.cause).toBe('timed out');
});

describe('refused before the warehouse is touched', () => {
  test.each([
    ['upper-case hex', 'A'.repeat(64)],
    ['63 digits', 'a'.repeat(63)],
    ['65 digits', 'a'.repeat(65)],
    ['a non-hex letter', `${'a'.repeat(63)}g`],
  ])('a checksum that is not SHA-256 hex (%s)', async (_, checksum) => {
    const warehouse = recordingWarehouse();
    await expect(migrate(warehouse, [migration('core/V001', checksum)])).rejects.toThrow('migration core/V001: checksum is not SHA-256 hex');
    expect(warehouse.sent).toEqual([]);
  });

  test('a migration of 39 statements: the Data API takes 40 in a transaction and the history row needs 2', async () => {
    const warehouse = recordingWarehouse();
    const statements = Array.from({ length: 39 }, (_, i) => `SELECT ${i}`);
    await expect(migrate(warehouse, [migration('core/V001', SUM_A, statements)]))
      .rejects.toThrow('migration core/V001 has 39 statements; split it into versions of at most 38');
    expect(warehouse.sent).toEqual([]);
  });

  test('38 statements fit, with the history row, in one transaction of 40', async () => {
    const warehouse = recordingWarehouse();
    await migrate(warehouse, [migration('core/V001', SUM_A, Array.from({ length: 38 }, (_, i) => `SELECT ${i}`))]);
    expect(warehouse.transactions[0]).toHaveLength(40);
  });
});
