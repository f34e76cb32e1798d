import type { LoadPlan, LoadStatement } from '../warehouse/load-plan';
import { CORE_MIGRATIONS_DIR, postgresStatements, readMigrations } from '../warehouse/migrations';
import { copyTableOf, loadedDatasetNamed } from '../warehouse/warehouse-tables';

/**
 * The warehouse SQL run on PostgreSQL (a server in the tests, embedded PGlite in the local pipeline): Redshift built-ins
 * it lacks, the migrations as PostgreSQL runs them, and COPY stood in for by INSERTs of the rows a curated prefix holds.
 */

/** What the emulation needs of a PostgreSQL connection: pg's `Client` and PGlite both have it. */
export interface PostgresConnection {
  query(sql: string): Promise<unknown>;
}

/**
 * Redshift built-ins the warehouse SQL uses that PostgreSQL lacks, defined with the same meaning so the SQL files run
 * unchanged. GETDATE() returns the current timestamp without time zone.
 */
const REDSHIFT_BUILTINS = [
  'CREATE OR REPLACE FUNCTION getdate() RETURNS timestamp LANGUAGE sql AS $$ SELECT localtimestamp $$',
];

/** Defines the Redshift built-ins the warehouse SQL uses in the database `client` is connected to. */
export async function emulateRedshiftBuiltins(client: PostgresConnection): Promise<void> {
  for (const sql of REDSHIFT_BUILTINS) await client.query(sql);
}

/** Applies every core migration, as PostgreSQL runs them, to the database `client` is connected to. */
export async function applyCoreMigrations(client: PostgresConnection): Promise<void> {
  await emulateRedshiftBuiltins(client);
  for (const migration of readMigrations(CORE_MIGRATIONS_DIR, 'core')) {
    for (const statement of postgresStatements(migration)) await client.query(statement);
  }
}

export type Value = string | number | boolean | null;

/** A SQL literal for a fixture value. */
export function literal(value: Value): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

/** `INSERT INTO table (columns of the rows) VALUES ...`: how the tests stand in for COPY of a file holding `rows`. */
export function insertRows(table: string, rows: readonly Readonly<Record<string, Value>>[]): string {
  const columns = Object.keys(rows[0]);
  const values = rows.map((row) => `(${columns.map((c) => literal(row[c])).join(', ')})`);
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`;
}

export type Row = Readonly<Record<string, Value>>;

/**
 * The plan with every COPY replaced by an INSERT of the rows its curated prefix holds, into the same staging table
 * (PostgreSQL cannot read S3). A prefix without rows stands for a prefix without files.
 */
export function withCopiesAsInserts(plan: LoadPlan, rowsOf: (source: NonNullable<LoadStatement['source']>) => readonly Row[]): LoadPlan {
  const stage = plan.stage.map((statement) => {
    if (statement.step !== 'copy' || !statement.source) return statement;
    const dataset = loadedDatasetNamed(statement.source.dataset);
    const rows = rowsOf(statement.source);
    return { ...statement, sql: rows.length > 0 ? insertRows(`staging.${copyTableOf(dataset)}`, rows) : 'SELECT 1' };
  });
  return { ...plan, stage };
}
