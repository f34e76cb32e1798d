/**
 * Every temporary directory the suite makes (CDK's cdk.out* for each App without an outdir, local lakes, databases)
 * goes under one root that jest removes at the end, so a run leaves nothing behind even when a test fails midway.
 * Set in globalSetup, before jest starts its workers, so they inherit TMPDIR (os.tmpdir() reads it on each call).
 */
const { accessSync, chmodSync, constants, mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const ROOT_VARIABLE = 'ECOMMERCE_TEST_TMP_ROOT';
const PARENT_VARIABLE = 'ECOMMERCE_TEST_TMP_PARENT';
/**
 * Linux's shared-memory file system. The suite writes and removes tens of thousands of small files (assemblies, lakes,
 * databases) and DuckDB syncs its files to disk; in memory neither waits on the disk. Measured on the 2-core machine,
 * three DuckDB test files: 2.8 s of system CPU against 4.2 s under /tmp. The suite's root held 145 MB at most (`du`,
 * polled through a whole run).
 */
const MEMORY_TMP = '/dev/shm';

function writable(dir) {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

module.exports.setup = () => {
  // The temporary directory outside jest, kept for a process that runs jest again (StrykerJS does, once per mutant):
  // by then TMPDIR names the root the last run removed.
  process.env[PARENT_VARIABLE] ??= writable(MEMORY_TMP) ? MEMORY_TMP : tmpdir();
  const root = mkdtempSync(join(process.env[PARENT_VARIABLE], 'ecommerce-tests-'));
  // The PostgreSQL harness hands subdirectories to the postgres user, which must be able to traverse the root.
  chmodSync(root, 0o755);
  process.env[ROOT_VARIABLE] = root;
  process.env.TMPDIR = root;
};

module.exports.teardown = () => {
  const root = process.env[ROOT_VARIABLE];
  if (root) rmSync(root, { recursive: true, force: true });
};
