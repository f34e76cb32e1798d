import { PGlite } from '@electric-sql/pglite';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The PGlite package's own directory (its package.json is not among its exports). */
const PGLITE_DIR = join(dirname(require.resolve('@electric-sql/pglite')), '..');
const PGLITE_VERSION = (JSON.parse(readFileSync(join(PGLITE_DIR, 'package.json'), 'utf8')) as { version: string }).version;
/** A freshly initialized data directory, kept per PGlite version beside other build caches (never committed). */
const INITIALIZED_DATA_DIR = join(__dirname, '../../node_modules/.cache', `pglite-${PGLITE_VERSION}`, 'initialized-data-dir.tar');

/**
 * Opens the PGlite database kept in `dataDir`. A new one starts from a copy of an initialized data directory instead of
 * running initdb, which in WebAssembly takes about 5 s of CPU against 1 s to unpack the copy (measured here): the first
 * new database makes the copy for the next ones.
 */
export async function openWarehouseDatabase(dataDir: string): Promise<PGlite> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return PGlite.create(dataDir);
  if (existsSync(INITIALIZED_DATA_DIR)) return PGlite.create(dataDir, { loadDataDir: new Blob([readFileSync(INITIALIZED_DATA_DIR)]) });
  const db = await PGlite.create(dataDir);
  const copy = Buffer.from(await (await db.dumpDataDir('none')).arrayBuffer());
  mkdirSync(dirname(INITIALIZED_DATA_DIR), { recursive: true });
  // Written aside and renamed: another process making its own copy at the same time never reads half of one.
  const partial = `${INITIALIZED_DATA_DIR}.${process.pid}`;
  writeFileSync(partial, copy);
  renameSync(partial, INITIALIZED_DATA_DIR);
  return db;
}
