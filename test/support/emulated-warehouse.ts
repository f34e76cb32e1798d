import type { Client } from 'pg';
import { applyCoreMigrations, emulateLakeExternalSchema } from '../../local/redshift-emulation';
import { type PostgresServer, startPostgres } from './postgres';

/**
 * A PostgreSQL server for a test file, with the warehouse migrations applied and Spectrum's view of the curated zone
 * emulated, started before its tests and stopped after them. Read `client` inside a test or hook.
 */
export function emulatedWarehouse(): { readonly client: Client } {
  let server: PostgresServer | undefined;
  let client: Client | undefined;
  beforeAll(async () => {
    server = await startPostgres();
    client = await server.connect();
    await applyCoreMigrations(client);
    await emulateLakeExternalSchema(client);
  });
  afterAll(async () => {
    await client?.end();
    server?.stop();
  });
  return {
    get client() {
      if (!client) throw new Error('the emulated warehouse starts in beforeAll: use it inside a test or hook');
      return client;
    },
  };
}
