import { App, Stack } from 'aws-cdk-lib';
import * as cxapi from 'aws-cdk-lib/cx-api';
import { Template } from 'aws-cdk-lib/assertions';
import type { StageConfig } from '../../lib/config/stage-config';
import { loadStageConfig } from '../../lib/config/load-stage-config';
import { buildPipeline, type PipelineStacks } from '../../lib/pipeline';
import * as cdkJson from '../../cdk.json';
import { stageAssembly } from './stage-assembly';

/** The context `cdk synth` reads from cdk.json (feature flags included), so the tested app is the synthesized one. */
export const CDK_JSON_CONTEXT: Record<string, unknown> = cdkJson.context;

/**
 * cdk.json's context without what changes no template:
 * - Lambda bundling, which changes only asset hashes (no property a test asserts, and masked in snapshots) and costs
 *   ~2.5 s per app. `cdk synth` (CI, both stages) bundles;
 * - the stack traces aws-cdk-lib records in the assembly's metadata for every resource and annotation (for `cdk synth
 *   --debug`): under jest each is source-mapped (about 5 % of the suite's CPU in a profile of a whole run).
 */
export const TEST_APP_CONTEXT: Record<string, unknown> = {
  ...CDK_JSON_CONTEXT,
  'aws:cdk:bundling-stacks': [],
  [cxapi.DISABLE_METADATA_STACK_TRACE]: true,
  [cxapi.DISABLE_CREATION_STACK_TRACES]: true,
};

/**
 * What every app a test builds leaves out of its synthesis, as neither changes a template:
 * - as in `cdk synth` (bin/app.ts), aws-cdk-lib's built-in CloudFormation validator: cfn-lint checks the synthesized
 *   templates in CI;
 * - the construct tree (`tree.json`, for the console's tree view), which no test reads: a tenth of a synthesis's CPU.
 */
const TEST_APP_SYNTHESIS = { builtinCloudFormationValidation: false, treeMetadata: false } as const;

/** An app for tests: cdk.json's context (TEST_APP_CONTEXT) plus `context`, synthesized as TEST_APP_SYNTHESIS says. */
export function newTestApp(context: Record<string, unknown> = {}, outdir?: string): App {
  return new App({ context: { ...TEST_APP_CONTEXT, ...context }, outdir, ...TEST_APP_SYNTHESIS });
}

export interface StagePipeline {
  /** The stage's app, built in this test file: its constructs resolve tokens and name logical IDs. */
  readonly app: App;
  readonly config: StageConfig;
  readonly stacks: PipelineStacks;
  /** What the app synthesizes, from the suite's one synthesis of the stage (stageAssembly). */
  readonly assembly: cxapi.CloudAssembly;
  /** Template of a stack by its key in PipelineStacks (`lake`, ...). */
  template(stackId: keyof PipelineStacks): Template;
}

/**
 * Builds the whole app for a stage, exactly as bin/app.ts does (1 s of CPU less than synthesizing it too). Its templates
 * are those of the suite's one synthesis of the same app (stageAssembly): a file that changes the app after building it
 * (an aspect, other context) synthesizes `app` itself.
 */
export function stagePipeline(stage: 'dev' | 'prod'): StagePipeline {
  const config = loadStageConfig(stage);
  const app = newTestApp({ stage });
  const stacks = buildPipeline(app, config);
  const { assembly } = stageAssembly(stage);
  const templates = new Map<string, Template>();
  return {
    app,
    config,
    stacks,
    assembly,
    template(stackId) {
      if (!templates.has(stackId)) templates.set(stackId, Template.fromJSON(assembly.getStackArtifact(stacks[stackId].artifactId).template));
      return templates.get(stackId)!;
    },
  };
}

/** A fresh stack in an app with cdk.json's context, for testing one construct alone. */
export function newTestStack(id = 'Test'): Stack {
  return new Stack(newTestApp(), id, { env: { region: 'eu-west-1' } });
}
