import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { recordedChecksum } from '../../lib/warehouse/migration-plan';
import {
  CORE_MIGRATIONS_DIR, deployableMigrations, postgresStatements, readMigrations, redshiftStatements, STREAMING_MIGRATIONS_DIR,
  withoutRedshiftTableAttributes,
} from '../../lib/warehouse/migrations';

const [schema] = readMigrations(CORE_MIGRATIONS_DIR, 'core');
const redshift = redshiftStatements(schema);
const createTable = (statements: string[], table: string) => statements.find((s) => s.startsWith(`CREATE TABLE ${table} `))!;

describe('the Redshift form of the schema migration', () => {
  test('distributes the orders fact like the customer dimension and sorts it by day', () => {
    expect(createTable(redshift, 'reporting.fact_orders')).toMatch(/\) DISTKEY \(customer_id\) COMPOUND SORTKEY \(order_date, region\)$/);
    expect(createTable(redshift, 'reporting.dim_customer')).toMatch(/\) DISTKEY \(customer_id\) SORTKEY \(customer_id\)$/);
  });

  test('copies the product dimension and the daily revenue to every node, sorted as reports filter them', () => {
    expect(createTable(redshift, 'reporting.dim_product')).toMatch(/\) DISTSTYLE ALL SORTKEY \(category, sku\)$/);
    expect(createTable(redshift, 'reporting.category_revenue_daily')).toMatch(/\) DISTSTYLE ALL COMPOUND SORTKEY \(order_date, category, region\)$/);
  });

  test('keeps the procedure body in one statement', () => {
    const procedure = redshift.find((s) => s.startsWith('CREATE OR REPLACE PROCEDURE staging.assert_rows_staged'))!;
    expect(procedure).toMatch(/RAISE EXCEPTION 'load run %: no rows staged for table %/);
    expect(procedure).toMatch(/\$\$ LANGUAGE plpgsql$/);
  });
});

describe('the PostgreSQL form of a migration', () => {
  test('is the Redshift form without table attributes', () => {
    const postgres = postgresStatements(schema);
    expect(postgres).toHaveLength(redshift.length);
    expect(postgres.join('\n')).not.toMatch(/DISTKEY|DISTSTYLE|SORTKEY/);
    expect(createTable(postgres, 'reporting.fact_orders')).toMatch(/PRIMARY KEY \(order_id\)\n\)$/);
  });

  test('leaves statements other than CREATE TABLE alone', () => {
    expect(withoutRedshiftTableAttributes('SELECT 1) SORTKEY (x)')).toBe('SELECT 1) SORTKEY (x)');
  });
});

describe('reading migration files', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const dirWith = (...files: string[]) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'migrations-'));
    dirs.push(dir);
    for (const file of files) writeFileSync(path.join(dir, file), 'SELECT 1;');
    return dir;
  };

  test('ids carry the track and the version; checksums are SHA-256 of the file', () => {
    expect(schema).toMatchObject({ id: 'core/V001', track: 'core', version: 1, description: 'staging_and_reporting' });
    expect(schema.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a file not named V<nnn>__<description>.sql is refused', () => {
    expect(() => readMigrations(dirWith('V001__ok.sql', 'add-table.sql'), 'core')).toThrow(/add-table.sql: migration files are named V<nnn>__/);
  });

  test('a gap in the versions is refused', () => {
    expect(() => readMigrations(dirWith('V001__a.sql', 'V003__c.sql'), 'core')).toThrow(/expected V002 next, found core\/V003/);
  });

  test('the streaming migration needs the role and stream it reads from', () => {
    const [streaming] = readMigrations(STREAMING_MIGRATIONS_DIR, 'streaming');
    expect(() => redshiftStatements(streaming)).toThrow(/streaming\/V001: no value for placeholder \{\{streaming_role_arn\}\}/);
    const statements = redshiftStatements(streaming, { streaming_role_arn: 'arn:aws:iam::1:role/s', stream_name: 'orders-cdc' });
    expect(statements).toContain("CREATE EXTERNAL SCHEMA orders_stream FROM KINESIS IAM_ROLE 'arn:aws:iam::1:role/s'");
    expect(statements).toContainEqual(expect.stringMatching(/^CREATE MATERIALIZED VIEW reporting.orders_live AUTO REFRESH YES AS[\s\S]*FROM orders_stream."orders-cdc"/));
  });

  test('the streaming migration can be applied again: it first drops the view and the external schema it creates', () => {
    const [streaming] = readMigrations(STREAMING_MIGRATIONS_DIR, 'streaming');
    const statements = redshiftStatements(streaming, { streaming_role_arn: 'r', stream_name: 's' });
    expect(statements.slice(0, 3)).toEqual([
      'DROP MATERIALIZED VIEW IF EXISTS reporting.orders_live',
      'DROP SCHEMA IF EXISTS orders_stream',
      "CREATE EXTERNAL SCHEMA orders_stream FROM KINESIS IAM_ROLE 'r'",
    ]);
  });
});

describe('deployable migrations', () => {
  test('carry the values their placeholders were filled with, and only those; the checksum stays the file\'s', () => {
    const [streaming] = readMigrations(STREAMING_MIGRATIONS_DIR, 'streaming');
    const [deployable] = deployableMigrations(STREAMING_MIGRATIONS_DIR, 'streaming', { streaming_role_arn: 'r', stream_name: 's', unused: 'u' });
    expect(deployable.values).toEqual({ streaming_role_arn: 'r', stream_name: 's' });
    expect(deployable.checksum).toBe(streaming.checksum);
  });

  test('without placeholders, carry no values: their recorded checksum is the file\'s', () => {
    const [core] = deployableMigrations(CORE_MIGRATIONS_DIR, 'core');
    expect(core.values).toBeUndefined();
    expect(recordedChecksum(core)).toBe(schema.checksum);
  });
});
