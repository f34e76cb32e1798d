import type { Client } from 'pg';
import { redshiftColumnDefinition, redshiftTypeOf } from '../../lib/contracts';
import { WAREHOUSE_TABLES } from '../../lib/warehouse/warehouse-tables';
import { startPostgres, type PostgresServer } from '../support/postgres';
import { addChangeBatch, applyCoreMigrations, emulateLakeExternalSchema } from '../../local/redshift-emulation';

let server: PostgresServer;
let client: Client;

beforeAll(async () => {
  server = await startPostgres();
  client = await server.connect();
  await applyCoreMigrations(client);
});

afterAll(async () => {
  await client?.end();
  server?.stop();
});

/** PostgreSQL's names for the types redshiftTypeOf produces. */
const REDSHIFT_NAME_OF: Record<string, string> = {
  integer: 'INTEGER', bigint: 'BIGINT', boolean: 'BOOLEAN', date: 'DATE', 'double precision': 'DOUBLE PRECISION',
  'timestamp without time zone': 'TIMESTAMP',
};

/** Each column of a table as `name TYPE [NOT NULL]`, in table order, types spelled as Redshift spells them. */
async function columnsOf(schema: string, table: string): Promise<string[]> {
  const { rows } = await client.query<{ name: string; type: string; not_null: boolean }>(
    `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS not_null
     FROM pg_attribute a WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
    [`${schema}.${table}`],
  );
  return rows.map(({ name, type, not_null }) => {
    const redshiftType = REDSHIFT_NAME_OF[type]
      ?? type.replace(/^character varying/, 'VARCHAR').replace(/^numeric/, 'DECIMAL');
    return `${name} ${redshiftType}${not_null ? ' NOT NULL' : ''}`;
  });
}

describe('the warehouse tables agree with the curated data contracts', () => {
  test.each(WAREHOUSE_TABLES.map((t) => [t.reportingTable, t.dataset] as const))(
    'reporting.%s has the dataset\'s columns, types and nullability, partition keys last',
    async (table, dataset) => {
      const expected = [...dataset.columns, ...(dataset.partitionKeys ?? [])].map(redshiftColumnDefinition);
      expect(await columnsOf('reporting', table)).toEqual(expected);
    },
  );

  test.each(WAREHOUSE_TABLES.map((t) => [t.changes.name, t.changes] as const))(
    'staging.%s holds the change table\'s columns, then its batch',
    async (table, changes) => {
      expect(await columnsOf('staging', table)).toEqual([...changes.columns, ...(changes.partitionKeys ?? [])].map(redshiftColumnDefinition));
    },
  );

  test('the audit table keeps the last change batch applied to each table', async () => {
    expect(await columnsOf('reporting', 'load_audit')).toContain('change_batch_id VARCHAR(256)');
  });

  test('contract types map to Redshift types', () => {
    expect(['string', 'int', 'bigint', 'double', 'boolean', 'date', 'timestamp'].map((t) => redshiftTypeOf(t as never)))
      .toEqual(['VARCHAR(256)', 'INTEGER', 'BIGINT', 'DOUBLE PRECISION', 'BOOLEAN', 'DATE', 'TIMESTAMP']);
    expect(redshiftTypeOf({ kind: 'decimal', precision: 12, scale: 2 })).toBe('DECIMAL(12,2)');
    expect(redshiftTypeOf({ kind: 'array', element: 'string' })).toBe('SUPER');
  });
});

describe('the local warehouse rejects what Redshift rejects, and decimals Redshift would round', () => {
  const product = (name: string, price: string) => `INSERT INTO reporting.dim_product (sku, product_name, category, list_price, is_active, updated_at)
    VALUES ('P-BYTES', '${name}', 'BOOKS', ${price}, TRUE, TIMESTAMP '2026-11-01 00:00:00')`;
  afterEach(async () => {
    await client.query("DELETE FROM reporting.dim_product WHERE sku = 'P-BYTES'");
  });

  test('VARCHAR(256) holds 256 bytes of UTF-8, not 256 characters: 100 CJK characters (300 bytes) do not fit', async () => {
    await expect(client.query(product('注'.repeat(100), '1'))).rejects.toThrow('violates check constraint "product_name: over 256 bytes of UTF-8"');
    await expect(client.query(product('注'.repeat(85), '1'))).resolves.toBeDefined();
  });

  describe('a change batch value with more decimals than its column\'s scale', () => {
    // Redshift would round 35.512 into DECIMAL(12,2) to 35.51 (r_Examples_with_numeric_types201): stricter on purpose.
    const batch = (listPrice: number | string) => addChangeBatch(client, 'products_changes', `20261101T000000000000Z-${String(listPrice)}`, [{
      sku: 'P-SCALE', product_name: 'Scale', category: 'BOOKS', list_price: listPrice, is_active: true, updated_at: '2026-11-01 00:00:00', change_type: 'UPSERT',
    }]);
    beforeAll(async () => {
      await emulateLakeExternalSchema(client);
    });
    afterEach(async () => {
      await client.query("DELETE FROM curated.products_changes WHERE sku = 'P-SCALE'");
    });

    test('is refused where it enters the warehouse, naming the column and its scale', async () => {
      await expect(batch(35.512)).rejects.toThrow('violates check constraint "list_price: over 2 decimals"');
    });

    test('is refused however small the extra digit (0.001)', async () => {
      await expect(batch(0.001)).rejects.toThrow('list_price: over 2 decimals');
    });

    test('is taken when only its spelling has more decimals (35.5100 is 35.51)', async () => {
      await batch('35.5100');
      const { rows } = await client.query("SELECT list_price::TEXT AS list_price FROM curated.products_changes WHERE sku = 'P-SCALE'");
      expect(rows).toEqual([{ list_price: '35.5100' }]);
    });
  });
});

describe('BI access', () => {
  beforeAll(async () => {
    await client.query('CREATE ROLE analyst IN GROUP bi_readers');
    await client.query('CREATE ROLE outsider');
  });

  afterEach(async () => {
    await client.query('RESET ROLE');
  });

  async function as<T>(role: string, sql: string): Promise<T[]> {
    await client.query(`SET ROLE ${role}`);
    return (await client.query(sql)).rows as T[];
  }

  test('a member of bi_readers reads every reporting table, including the load audit', async () => {
    for (const table of [...WAREHOUSE_TABLES.map((t) => t.reportingTable), 'load_audit']) {
      await expect(as('analyst', `SELECT * FROM reporting.${table}`)).resolves.toEqual([]);
    }
  });

  test('a member of bi_readers cannot change reporting data', async () => {
    await expect(as('analyst', "DELETE FROM reporting.dim_product WHERE sku = 'x'")).rejects.toThrow(/permission denied/);
  });

  test('a member of bi_readers cannot read staging', async () => {
    await expect(as('analyst', 'SELECT * FROM staging.orders_changes')).rejects.toThrow(/permission denied for schema staging/);
  });

  test('a user outside bi_readers cannot read reporting', async () => {
    await expect(as('outsider', 'SELECT * FROM reporting.fact_orders')).rejects.toThrow(/permission denied for schema reporting/);
  });

  test('tables added to reporting later are readable by bi_readers too (default privileges)', async () => {
    await client.query('CREATE TABLE reporting.added_later (id INTEGER)');
    await expect(as('analyst', 'SELECT * FROM reporting.added_later')).resolves.toEqual([]);
  });
});
