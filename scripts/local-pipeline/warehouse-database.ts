import { PGlite } from '@electric-sql/pglite';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The PGlite package's own directory (its package.json is not among its exports). */
const PGLITE_DIR = join(dirname(require.resolve('@electric-sql/pglite')), '..');
const PGLITE_VERSION = (JSON.parse(readFileSync(join(PGLITE_DIR, 'package.json'), 'utf8')) as { version: string }).version;
/** A freshly initialized data directory, kept per PGlite version beside other build caches (never committed). */
const INITIALIZED_DATA_DIR = join(__dirname, '../../node_modules/.cache', `pglite-${PGLITE_VERSION}`, 'initialized-data-dir');

/**
 * Opens the PGlite database kept in `dataDir`. A new one starts from a copy of an initialized data directory instead of
 * running initdb, which in WebAssembly takes about 7 s against 0.7 s to open the copy (measured here; loading the same
 * directory from PGlite's tar dump takes 2 s): the first new database makes the copy for the next ones.
 */
export async function openWarehouseDatabase(dataDir: string): Promise<PGlite> {
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    if (!existsSync(INITIALIZED_DATA_DIR)) await initializeDataDirCopy();
    cpSync(INITIALIZED_DATA_DIR, dataDir, { recursive: true });
  }
  return PGlite.create(dataDir);
}

async function initializeDataDirCopy(): Promise<void> {
  // Made aside and renamed: another process making its own copy at the same time never reads half of one.
  const partial = `${INITIALIZED_DATA_DIR}.${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(dirname(partial), { recursive: true });
  await (await PGlite.create(partial)).close();
  try {
    renameSync(partial, INITIALIZED_DATA_DIR);
  } catch (error) {
    // Another process renamed its copy first: keep that one.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(INITIALIZED_DATA_DIR)) throw error;
  }
}
