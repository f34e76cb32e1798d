import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import { acknowledgeCdkSingletons } from '../../lib/constructs/private/cdk-internal-acknowledgements';
import { loadStageConfig } from '../../lib/config/load-stage-config';
import type { StageConfig } from '../../lib/config/stage-config';
import { LakeStack } from '../../lib/stacks/lake-stack';
import { WarehouseStack } from '../../lib/stacks/warehouse-stack';
import { newTestApp } from './pipeline-app';
import { stageNames } from '../../lib/constructs/private/stage-names';

/**
 * The lake and warehouse stacks of a stage, built as lib/pipeline.ts builds them but without the other stacks, which
 * would multiply this file's time. The whole app is synthesized by the nag and snapshot tests and by `cdk synth`.
 */
export const STREAM_NAME = 'ecommerce-prod-order-changes';

export function warehouseApp(stage: string, options: { withOrdersStream: boolean; config?: StageConfig }) {
  const config = options.config ?? loadStageConfig(stage);
  const app = newTestApp({ stage });
  const env = { region: config.region };
  const lake = new LakeStack(app, 'Lake', { env, stackName: `ecommerce-${stage}-lake`, config, names: stageNames(stage) });
  const ordersStream = options.withOrdersStream
    ? new kinesis.Stream(new Stack(app, 'Streaming', { env }), 'OrderChanges', { streamName: STREAM_NAME, encryption: kinesis.StreamEncryption.KMS })
    : undefined;
  const warehouse = new WarehouseStack(app, 'Warehouse', {
    env, stackName: `ecommerce-${stage}-warehouse`, terminationProtection: config.removalPolicy === 'retain', config, lake: lake.lake,
    catalog: lake.catalog, ordersStream,
  });
  acknowledgeCdkSingletons(warehouse);
  let template: Template | undefined;
  return { config, ordersStream, stacks: { lake, warehouse }, template: () => (template ??= Template.fromStack(warehouse)) };
}
export type WarehouseApp = ReturnType<typeof warehouseApp>;
