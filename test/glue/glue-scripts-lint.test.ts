import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The job scripts cannot run here (no PySpark), so they are at least compiled and checked by pyflakes with Debian's
 * Python (`apt-get install -y python3-pyflakes`). Without pyflakes the check fails in CI and is skipped, visibly, elsewhere.
 */
const PYTHON = '/usr/bin/python3';
const SCRIPTS_DIR = join(__dirname, '../../glue-scripts');
const SCRIPTS = readdirSync(SCRIPTS_DIR).filter((f) => f.endsWith('.py')).sort();
const hasPyflakes = spawnSync(PYTHON, ['-m', 'pyflakes', '--version']).status === 0;

test('both job scripts are there', () => {
  expect(SCRIPTS).toEqual(['landing_to_raw.py', 'raw_to_curated.py']);
});

test.each(SCRIPTS)('%s compiles', (script) => {
  const out = mkdtempSync(join(tmpdir(), 'py-compile-'));
  try {
    const result = spawnSync(PYTHON, ['-c', 'import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)',
      join(SCRIPTS_DIR, script), join(out, 'script.pyc')], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

if (hasPyflakes || process.env.CI) {
  test('pyflakes finds nothing in the job scripts', () => {
    const result = spawnSync(PYTHON, ['-m', 'pyflakes', ...SCRIPTS], { cwd: SCRIPTS_DIR, encoding: 'utf8' });
    expect(`${result.stdout}${result.stderr}`).toBe('');
    expect(result.status).toBe(0);
  });
} else {
  test.skip('pyflakes finds nothing in the job scripts (SKIPPED: pyflakes missing; apt-get install -y python3-pyflakes)', () => undefined);
  console.warn('pyflakes is not installed for /usr/bin/python3: the job scripts were not linted (apt-get install -y python3-pyflakes)');
}
