import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { StageConfig } from '../../lib/config/stage-config';
import { loadStageConfig } from '../../lib/config/load-stage-config';
import { buildPipeline, type PipelineStacks } from '../../lib/pipeline';
import * as cdkJson from '../../cdk.json';

/** The context `cdk synth` reads from cdk.json (feature flags included), so the tested app is the synthesized one. */
export const CDK_JSON_CONTEXT: Record<string, unknown> = cdkJson.context;

/**
 * cdk.json's context without Lambda bundling, which changes only asset hashes (no property a test asserts, and masked in
 * snapshots) and costs ~2.5 s per app. `cdk synth` (CI, both stages) bundles.
 */
export const TEST_APP_CONTEXT: Record<string, unknown> = { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [] };

/**
 * An app for tests: cdk.json's context (TEST_APP_CONTEXT) plus `context`, and, as in `cdk synth` (bin/app.ts), without
 * aws-cdk-lib's built-in CloudFormation validator: cfn-lint checks the synthesized templates in CI.
 */
export function newTestApp(context: Record<string, unknown> = {}, outdir?: string): App {
  return new App({ context: { ...TEST_APP_CONTEXT, ...context }, outdir, builtinCloudFormationValidation: false });
}

export interface SynthesizedPipeline {
  readonly app: App;
  readonly config: StageConfig;
  readonly stacks: PipelineStacks;
  /** Template of a stack by its key in PipelineStacks (`lake`, ...). */
  template(stackId: keyof PipelineStacks): Template;
}

/**
 * Builds the whole app for a stage, exactly as bin/app.ts does, and synthesizes it once.
 * @param asCdkSynth bundle the Lambdas, as `cdk synth` does (see TEST_APP_CONTEXT)
 */
export function synthesizePipeline(stage: string | StageConfig = 'dev', { asCdkSynth = false } = {}): SynthesizedPipeline {
  const config = typeof stage === 'string' ? loadStageConfig(stage) : stage;
  const app = asCdkSynth
    ? new App({ context: { ...CDK_JSON_CONTEXT, stage: config.stage }, builtinCloudFormationValidation: false })
    : newTestApp({ stage: config.stage });
  const stacks = buildPipeline(app, config);
  const templates = new Map<string, Template>();
  return {
    app,
    config,
    stacks,
    template(stackId) {
      const stack: Stack = stacks[stackId];
      if (!templates.has(stackId)) templates.set(stackId, Template.fromStack(stack));
      return templates.get(stackId)!;
    },
  };
}

/** A fresh stack in an app with cdk.json's context, for testing one construct alone. */
export function newTestStack(id = 'Test'): Stack {
  return new Stack(newTestApp(), id, { env: { region: 'eu-west-1' } });
}
