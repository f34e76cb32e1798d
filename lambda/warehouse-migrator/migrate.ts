import {
  type AppliedMigration, type AvailableMigration, planMigrations, recordedChecksum,
} from '../../lib/warehouse/migration-plan';

/** What the migrator needs from the warehouse: statements, a query, and several statements in one transaction. */
export interface WarehouseSql {
  execute(sql: string): Promise<void>;
  query(sql: string): Promise<string[][]>;
  transaction(statements: readonly string[]): Promise<void>;
}

export const HISTORY_TABLE = 'public.schema_migrations';

const CREATE_HISTORY = `CREATE TABLE IF NOT EXISTS ${HISTORY_TABLE} (
  migration_id VARCHAR(64) NOT NULL,
  checksum CHAR(64) NOT NULL,
  applied_at TIMESTAMP NOT NULL
)`;

const CHECKSUM = /^[0-9a-f]{64}$/;
/** The Data API runs at most 40 statements in one transaction; two of them replace the history row. */
export const MAX_STATEMENTS_PER_MIGRATION = 38;

/** Thrown when one migration fails; the warehouse keeps every migration before it and none of this one. */
export class MigrationFailedError extends Error {
  constructor(public readonly migrationId: string, cause: unknown) {
    super(`migration ${migrationId} failed and was rolled back: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'MigrationFailedError';
  }
}

/**
 * Brings the warehouse schema up to date: reads the recorded history, plans, and applies each pending migration
 * together with its history row in one transaction. A migration applied again because the values it was rendered with
 * changed (a replaced stream) replaces its row. Returns the ids applied, in order.
 */
export async function migrate(sql: WarehouseSql, available: readonly AvailableMigration[]): Promise<string[]> {
  for (const migration of available) {
    if (!CHECKSUM.test(migration.checksum)) throw new Error(`migration ${migration.id}: checksum is not SHA-256 hex`);
    if (migration.statements.length > MAX_STATEMENTS_PER_MIGRATION) {
      throw new Error(`migration ${migration.id} has ${migration.statements.length} statements; split it into versions of at most ${MAX_STATEMENTS_PER_MIGRATION}`);
    }
  }
  await sql.execute(CREATE_HISTORY);
  const applied: AppliedMigration[] = (await sql.query(`SELECT migration_id, checksum FROM ${HISTORY_TABLE}`))
    .map(([id, checksum]) => ({ id, checksum }));
  const pending = planMigrations(available, applied);
  for (const migration of pending) {
    const record = [
      `DELETE FROM ${HISTORY_TABLE} WHERE migration_id = '${migration.id}'`,
      `INSERT INTO ${HISTORY_TABLE} (migration_id, checksum, applied_at) VALUES ('${migration.id}', '${recordedChecksum(migration)}', GETDATE())`,
    ];
    try {
      await sql.transaction([...migration.statements, ...record]);
    } catch (error) {
      throw new MigrationFailedError(migration.id, error);
    }
  }
  return pending.map((m) => m.id);
}
