import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CloudAssembly, type CloudFormationStackArtifact } from 'aws-cdk-lib/cx-api';
import { loadStageConfig } from '../../lib/config/load-stage-config';
import type { StageConfig } from '../../lib/config/stage-config';
import { buildPipeline, type PipelineStacks } from '../../lib/pipeline';
import { newTestApp } from './pipeline-app';

type StackKey = keyof PipelineStacks;

/** What `cdk synth` writes for a stage (templates, asset manifests), and which artifact is which stack of the pipeline. */
export interface StageAssembly {
  readonly config: StageConfig;
  readonly assembly: CloudAssembly;
  /** Artifact of a stack by its key in PipelineStacks (`lake`, ...). */
  stack(key: StackKey): CloudFormationStackArtifact;
  readonly stackKeys: readonly StackKey[];
}

const ARTIFACT_IDS_FILE = 'pipeline-stacks.json';

/**
 * The stage's app, built as stagePipeline builds it, synthesized once for the whole suite: for test files that read
 * only the synthesized output, which a synthesis per file would cost 2-4 s of CPU each. The first file to ask writes it
 * under the suite's temporary root (removed at the end); two files asking at once each write their own and one is kept.
 */
export function stageAssembly(stage: 'dev' | 'prod'): StageAssembly {
  const config = loadStageConfig(stage);
  const dir = join(tmpdir(), `assembly-${stage}`);
  if (!existsSync(dir)) {
    const partial = `${dir}.${process.pid}`;
    const app = newTestApp({ stage }, partial);
    const stacks = buildPipeline(app, config);
    app.synth();
    const artifactIds = Object.fromEntries(Object.entries(stacks).map(([key, stack]) => [key, stack.artifactId]));
    writeFileSync(join(partial, ARTIFACT_IDS_FILE), JSON.stringify(artifactIds));
    try {
      renameSync(partial, dir);
    } catch (error) {
      rmSync(partial, { recursive: true, force: true });
      if (!existsSync(dir)) throw error;
    }
  }
  const assembly = new CloudAssembly(dir);
  const artifactIds = JSON.parse(readFileSync(join(dir, ARTIFACT_IDS_FILE), 'utf8')) as Record<StackKey, string>;
  return {
    config,
    assembly,
    stackKeys: Object.keys(artifactIds) as StackKey[],
    stack: (key) => assembly.getStackArtifact(artifactIds[key]),
  };
}
