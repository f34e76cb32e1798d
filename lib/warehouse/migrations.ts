import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { AvailableMigration } from './migration-plan';
import { fillPlaceholders, placeholdersOf, splitStatements } from './sql-text';

/** The warehouse schema, always applied. */
export const CORE_MIGRATIONS_DIR = path.join(__dirname, '..', '..', 'warehouse', 'migrations');
/** Streaming ingestion objects, applied only where it is switched on. */
export const STREAMING_MIGRATIONS_DIR = path.join(__dirname, '..', '..', 'warehouse', 'streaming');

const FILE_NAME = /^V(\d{3})__([a-z0-9_]+)\.sql$/;

/** One versioned SQL file. Its id (`<track>/V<nnn>`) and checksum are what the migrator records once applied. */
export interface Migration {
  readonly id: string;
  readonly track: string;
  readonly version: number;
  readonly description: string;
  /**
   * SHA-256 of the file as written, so an edited migration is detected. The values a migration's placeholders are filled
   * with count too, once filled (`recordedChecksum`).
   */
  readonly checksum: string;
  readonly sql: string;
}

/** Reads `V<nnn>__<description>.sql` files of one track in version order; any other file name is an error. */
export function readMigrations(dir: string, track: string): Migration[] {
  const migrations = readdirSync(dir).sort().map((file) => {
    const match = FILE_NAME.exec(file);
    if (!match) throw new Error(`${path.join(dir, file)}: migration files are named V<nnn>__<lowercase_description>.sql`);
    const sql = readFileSync(path.join(dir, file), 'utf8');
    return {
      id: `${track}/V${match[1]}`,
      track,
      version: Number(match[1]),
      description: match[2],
      checksum: createHash('sha256').update(sql).digest('hex'),
      sql,
    };
  });
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) throw new Error(`${dir}: expected V${String(index + 1).padStart(3, '0')} next, found ${migration.id}`);
  });
  return migrations;
}

/** The statements Redshift runs, placeholders filled (values may be CloudFormation tokens). */
export function redshiftStatements(migration: Migration, values: Readonly<Record<string, string>> = {}): string[] {
  return splitStatements(fillPlaceholders(migration.sql, values, migration.id));
}

const REDSHIFT_TABLE_ATTRIBUTES =
  /\)\s*(?:(?:DISTSTYLE\s+\w+|DISTKEY\s*\(\s*\w+\s*\)|(?:COMPOUND\s+|INTERLEAVED\s+)?SORTKEY\s*\([^)]*\))\s*)+$/i;

/** Drops Redshift-only table attributes (DISTSTYLE, DISTKEY, SORTKEY) from a CREATE TABLE so PostgreSQL runs it. */
export function withoutRedshiftTableAttributes(statement: string): string {
  return /^CREATE\s+TABLE/i.test(statement) ? statement.replace(REDSHIFT_TABLE_ATTRIBUTES, ')') : statement;
}

/** The PostgreSQL-runnable form of a migration: the same statements without Redshift table attributes. */
export function postgresStatements(migration: Migration): string[] {
  return splitStatements(migration.sql).map(withoutRedshiftTableAttributes);
}

/**
 * The migrations of a track as the migrator receives them: id, file checksum, Redshift statements and, for a migration
 * with placeholders, the values it uses (tokens until CloudFormation fills them in), which the migrator checksums too.
 */
export function deployableMigrations(dir: string, track: string, values: Readonly<Record<string, string>> = {}): AvailableMigration[] {
  return readMigrations(dir, track).map((m) => {
    const used = placeholdersOf(m.sql);
    return {
      id: m.id,
      checksum: m.checksum,
      statements: redshiftStatements(m, values),
      ...(used.length > 0 ? { values: Object.fromEntries(used.map((name) => [name, values[name]])) } : {}),
    };
  });
}
