import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Wall time of `cdk synth` of the whole app per stage, as a user runs it (CLI, tsx, bundling and cdk-nag included).
 * Median of three runs into throwaway output directories.
 */
export default async function run(): Promise<void> {
  const root = join(__dirname, '..');
  const cdk = join(root, 'node_modules', '.bin', 'cdk');
  for (const stage of ['dev', 'prod']) {
    const timings: number[] = [];
    for (let i = 0; i < 3; i++) {
      const outdir = mkdtempSync(join(tmpdir(), 'bench-synth-'));
      const started = process.hrtime.bigint();
      const result = spawnSync(cdk, ['synth', '--quiet', '-c', `stage=${stage}`, '--output', outdir], { cwd: root, encoding: 'utf8' });
      timings.push(Number(process.hrtime.bigint() - started) / 1e9);
      rmSync(outdir, { recursive: true, force: true });
      if (result.status !== 0) throw new Error(`cdk synth -c stage=${stage} failed:\n${result.stderr}`);
    }
    timings.sort((a, b) => a - b);
    console.log(`cdk synth (stage ${stage}): median ${timings[1].toFixed(2)} s (min ${timings[0].toFixed(2)} s, max ${timings[2].toFixed(2)} s)`);
  }
}
