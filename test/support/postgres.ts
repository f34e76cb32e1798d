import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Client } from 'pg';

/**
 * A throwaway PostgreSQL server for one test file: `initdb` in a temp dir, started on a free loopback port, removed by
 * `stop()`. PostgreSQL refuses to run as root, so as root the binaries run as the `postgres` user on a directory it owns.
 * The server binaries are taken from `PG_BIN`, else from Debian's layout: version 15 (this project's reference), else
 * the newest installed (GitHub's Ubuntu runners ship 16).
 */
const PG_BIN = process.env.PG_BIN ?? debianPostgresBin();

function debianPostgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a))
    : [];
  const version = versions.includes('15') ? '15' : versions[0];
  if (!version) throw new Error(`No PostgreSQL server binaries under ${root}: install Debian's postgresql, or set PG_BIN`);
  return path.join(root, version, 'bin');
}

export interface PostgresServer {
  readonly port: number;
  /** A connected client of `database`, as the superuser; the caller ends it. */
  connect(database?: string): Promise<Client>;
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Runs a PostgreSQL binary, or another `command` given by its path, as the user the server runs as. */
function runAsOwner(binary: string, args: string[]): void {
  const program = path.isAbsolute(binary) ? binary : path.join(PG_BIN, binary);
  const asRoot = process.getuid?.() === 0;
  const [command, commandArgs] = asRoot ? ['runuser', ['-u', 'postgres', '--', program, ...args]] : [program, args];
  // The C locale exists everywhere: initdb fails under a LANG this machine lacks (e.g. en_US.UTF-8 without locales).
  execFileSync(command, commandArgs, { stdio: 'pipe', env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
}

/** A directory owned by the user the server runs as. */
function ownedDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  return dir;
}

/**
 * A data directory as `initdb` leaves it, made once per suite under its temporary root: copying it takes a third of the
 * CPU of `initdb` (0.4 s against 1.05 s here), and six test files start a server. Made aside and renamed, so a file
 * starting at the same time in another worker never copies half of one.
 */
function initializedDataDir(): string {
  const initialized = path.join(tmpdir(), 'pg-initialized');
  if (!existsSync(initialized)) {
    const partial = ownedDir('pg-initdb-');
    runAsOwner('initdb', ['-D', path.join(partial, 'data'), '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync', '--no-instructions']);
    try {
      renameSync(partial, initialized);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(initialized)) throw error;
    }
  }
  return path.join(initialized, 'data');
}

export async function startPostgres(): Promise<PostgresServer> {
  const dir = ownedDir('pg-test-');
  const dataDir = path.join(dir, 'data');
  const port = await freePort();
  runAsOwner('/bin/cp', ['-a', initializedDataDir(), dataDir]);
  runAsOwner('pg_ctl', [
    '-D', dataDir, '-l', path.join(dir, 'server.log'), '-w', 'start',
    '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
  ]);
  return {
    port,
    async connect(database = 'postgres') {
      const client = new Client({ host: '127.0.0.1', port, user: 'postgres', database });
      await client.connect();
      return client;
    },
    stop() {
      runAsOwner('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
