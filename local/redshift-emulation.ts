import { type Column, redshiftColumnDefinition } from '../lib/contracts';
import type { LoadPlan } from '../lib/warehouse/load-plan';
import { CORE_MIGRATIONS_DIR, postgresStatements, readMigrations } from '../lib/warehouse/migrations';
import { LAKE_EXTERNAL_SCHEMA, WAREHOUSE_TABLES } from '../lib/warehouse/warehouse-tables';

/**
 * The warehouse SQL run on PostgreSQL (a server in the tests, embedded PGlite in the local pipeline): Redshift built-ins
 * it lacks, the migrations as PostgreSQL runs them, and Redshift Spectrum's view of the curated zone stood in for by
 * tables holding the change batches the curated zone holds.
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

/**
 * A table statement as PostgreSQL must run it to reject what Redshift rejects: Redshift's VARCHAR(n) holds n bytes of
 * UTF-8 (https://docs.aws.amazon.com/redshift/latest/dg/r_Character_types.html), PostgreSQL's n characters, so each
 * VARCHAR column of a CREATE TABLE or ALTER TABLE gets a byte check, named for the error it raises.
 */
export function withVarcharByteLimits(statement: string): string {
  if (!/^(CREATE|ALTER)\s+TABLE/i.test(statement)) return statement;
  return statement.replace(/\b(\w+) VARCHAR\((\d+)\)/gi, (_match, column: string, bytes: string) =>
    `${column} VARCHAR(${bytes}) CONSTRAINT "${column}: over ${bytes} bytes of UTF-8" CHECK (octet_length(${column}) <= ${bytes})`);
}

/** Applies every core migration, as PostgreSQL runs them, to the database `client` is connected to. */
export async function applyCoreMigrations(client: PostgresConnection): Promise<void> {
  await emulateRedshiftBuiltins(client);
  for (const migration of readMigrations(CORE_MIGRATIONS_DIR, 'core')) {
    for (const statement of postgresStatements(migration)) await client.query(withVarcharByteLimits(statement));
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
 * Stands in for the curated database as Redshift Spectrum shows it: schema `curated` with one table per change table,
 * its columns then the batch, as the external table has them. Fill it with `addChangeBatch`, as runs write to S3.
 * Every value reaches the local warehouse through these tables, so they hold it to its column's scale (`externalColumnDefinition`).
 */
export async function emulateLakeExternalSchema(client: PostgresConnection): Promise<void> {
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${LAKE_EXTERNAL_SCHEMA}`);
  for (const { changes } of WAREHOUSE_TABLES) {
    const columns = [...changes.columns, ...(changes.partitionKeys ?? [])].map(externalColumnDefinition);
    await client.query(`CREATE TABLE IF NOT EXISTS ${LAKE_EXTERNAL_SCHEMA}.${changes.name} (${columns.join(', ')})`);
  }
}

/**
 * A column as the emulated external table declares it, stricter than Redshift on decimals. Redshift rounds a value with
 * more decimals than its column's scale (35.512 into NUMERIC(4,2) is 35.51,
 * https://docs.aws.amazon.com/redshift/latest/dg/r_Examples_with_numeric_types201.html), and so does PostgreSQL's
 * NUMERIC(p,s), before any CHECK could see the value. Upstream validation quarantines such values, so one reaching the
 * warehouse is a pipeline bug: a decimal column here is an unbounded NUMERIC that refuses, by a constraint named for the
 * error, a value whose exact scale (min_scale) exceeds the column's; the load's cast to DECIMAL(p,s) keeps refusing an
 * overflow. Every other column as the warehouse declares it.
 */
export function externalColumnDefinition(column: Column): string {
  if (typeof column.type === 'string' || column.type.kind !== 'decimal') return redshiftColumnDefinition(column);
  const { name, type: { scale } } = column;
  return `${name} NUMERIC CONSTRAINT "${name}: over ${scale} decimals" CHECK (min_scale(${name}) <= ${scale})${(column.nullable ?? false) ? '' : ' NOT NULL'}`;
}

/**
 * A change batch written to the curated zone, as the external table then shows it: its rows, with the batch id; a
 * column a row lacks (a DELETE has only its key) is empty.
 */
export async function addChangeBatch(client: PostgresConnection, changeTable: string, batchId: string, rows: readonly Row[]): Promise<void> {
  const table = WAREHOUSE_TABLES.find((t) => t.changes.name === changeTable);
  if (!table) throw new Error(`The warehouse loads no change table named ${changeTable}`);
  if (rows.length === 0) return;
  const columns = table.changes.columns.map((c) => c.name);
  await client.query(insertRows(`${LAKE_EXTERNAL_SCHEMA}.${changeTable}`,
    rows.map((row) => ({ ...Object.fromEntries(columns.map((c) => [c, row[c] ?? null])), batch_id: batchId }))));
}

/** The plan as PostgreSQL runs it: the external schema, which PostgreSQL cannot create, is `emulateLakeExternalSchema`'s. */
export function withLakeEmulated(plan: LoadPlan): LoadPlan {
  return { ...plan, stage: plan.stage.map((statement) => (statement.step === 'external-schema' ? { ...statement, sql: 'SELECT 1' } : statement)) };
}
