import type { Client } from 'pg';
import { emulateRedshiftBuiltins } from '../../local/redshift-emulation';
import type { PostgresServer } from './postgres';

/**
 * A warehouse never migrated for each test, on one PostgreSQL server: a new database copied from a template holding
 * Redshift's emulated built-ins. `dropAll` drops every database made here and the roles their migrations created, as
 * roles belong to the server, not to a database: the next test starts from nothing, whichever ran before it.
 */
export interface FreshWarehouses {
  /** A client of a new warehouse; `dropAll` ends it. */
  create(): Promise<Client>;
  dropAll(): Promise<void>;
  /** Drops them all and ends the connection that made them. */
  close(): Promise<void>;
}

const TEMPLATE = 'fresh_warehouse_template';

export async function freshWarehouses(server: PostgresServer): Promise<FreshWarehouses> {
  const admin = await server.connect();
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  const template = await server.connect(TEMPLATE);
  await emulateRedshiftBuiltins(template);
  await template.end();
  const open: Client[] = [];
  let made = 0;
  const warehouses: FreshWarehouses = {
    async create() {
      const name = `fresh_warehouse_${++made}`;
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
      const client = await server.connect(name);
      open.push(client);
      return client;
    },
    async dropAll() {
      for (const client of open.splice(0)) await client.end();
      const { rows: databases } = await admin.query("SELECT datname FROM pg_database WHERE datname ~ '^fresh_warehouse_[0-9]+$'");
      for (const { datname } of databases) await admin.query(`DROP DATABASE ${datname}`);
      const { rows: roles } = await admin.query("SELECT rolname FROM pg_roles WHERE rolname !~ '^pg_' AND rolname <> 'postgres'");
      for (const { rolname } of roles) await admin.query(`DROP ROLE "${rolname}"`);
    },
    async close() {
      await warehouses.dropAll();
      await admin.end();
    },
  };
  return warehouses;
}
