import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs bin/app.ts as `cdk synth` does (context from CDK_CONTEXT_JSON), into a throwaway output directory. */
function synthBin(context: Record<string, unknown>): { status: number | null; stderr: string } {
  const outdir = mkdtempSync(join(tmpdir(), 'cdk-out-'));
  try {
    const result = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'bin/app.ts'], {
      cwd: join(__dirname, '..', '..'),
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: outdir },
      encoding: 'utf8',
    });
    return { status: result.status, stderr: result.stderr };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

test('synth of an unknown stage fails and names the stages that exist', () => {
  const { status, stderr } = synthBin({ stage: 'qa' });
  expect(status).not.toBe(0);
  expect(stderr).toContain('Unknown stage "qa" (context key "stage"): expected one of "dev", "prod"');
});
