import type { Client } from 'pg';
import { CORE_MIGRATIONS_DIR, postgresStatements, readMigrations } from '../../lib/warehouse/migrations';

/**
 * Redshift built-ins the warehouse SQL uses that PostgreSQL lacks, defined with the same meaning so the SQL files run
 * unchanged. GETDATE() returns the current timestamp without time zone.
 */
const REDSHIFT_BUILTINS = [
  'CREATE OR REPLACE FUNCTION getdate() RETURNS timestamp LANGUAGE sql AS $$ SELECT localtimestamp $$',
];

/** Defines the Redshift built-ins the warehouse SQL uses in the database `client` is connected to. */
export async function emulateRedshiftBuiltins(client: Client): Promise<void> {
  for (const sql of REDSHIFT_BUILTINS) await client.query(sql);
}

/** Applies every core migration, as PostgreSQL runs them, to the database `client` is connected to. */
export async function applyCoreMigrations(client: Client): Promise<void> {
  await emulateRedshiftBuiltins(client);
  for (const migration of readMigrations(CORE_MIGRATIONS_DIR, 'core')) {
    for (const statement of postgresStatements(migration)) await client.query(statement);
  }
}

type Value = string | number | boolean | null;

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
