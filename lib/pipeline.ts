import { type App, Stack, Tags } from 'aws-cdk-lib';
import { acknowledgeCdkSingletons } from './constructs/cdk-internal-acknowledgements';
import type { StageConfig } from './config/stage-config';
import { LakeStack } from './stacks/lake-stack';

/** The stacks of one stage. Stateful stacks hold data; stateless ones can be destroyed and redeployed freely. */
export interface PipelineStacks {
  readonly lake: LakeStack;
}

/**
 * Composes every stack of the pipeline for one stage into `app`. `bin/app.ts` and the tests both call this,
 * so the tested app is the deployed app.
 */
export function buildPipeline(app: App, config: StageConfig): PipelineStacks {
  const env = { account: config.account ?? process.env.CDK_DEFAULT_ACCOUNT, region: config.region };
  const stackName = (name: string) => `ecommerce-${config.stage}-${name}`;
  const namePrefix = `ecommerce_${config.stage.replace(/-/g, '_')}`;

  Tags.of(app).add('project', 'ecommerce-data-pipeline');
  Tags.of(app).add('stage', config.stage);

  const lake = new LakeStack(app, 'Lake', {
    env,
    stackName: stackName('lake'),
    description: 'Stateful: data lake zones, their KMS key, Glue catalog, Athena workgroup',
    terminationProtection: config.removalPolicy === 'retain',
    config,
    catalogNamePrefix: namePrefix,
  });

  for (const stack of app.node.children) {
    if (stack instanceof Stack) acknowledgeCdkSingletons(stack);
  }
  return { lake };
}
