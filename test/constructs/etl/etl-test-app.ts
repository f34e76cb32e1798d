import { Template } from 'aws-cdk-lib/assertions';
import { loadStageConfig } from '../../../lib/config/load-stage-config';
import type { StageConfig } from '../../../lib/config/stage-config';
import { EtlStack } from '../../../lib/stacks/etl-stack';
import { LakeStack } from '../../../lib/stacks/lake-stack';
import { OrdersSourceStack } from '../../../lib/stacks/orders-source-stack';
import { newTestApp } from '../../support/pipeline-app';
import { stageNames } from '../../../lib/constructs/private/stage-names';

export interface EtlTestApp {
  readonly config: StageConfig;
  readonly lake: LakeStack;
  readonly ordersSource: OrdersSourceStack;
  readonly etl: EtlStack;
  /** The ETL stack's template, synthesized on first use. */
  template(): Template;
}

/**
 * The ETL stack with the lake and orders source (the e-mail hash key) it depends on, built as lib/pipeline.ts builds them (same props and names) but without
 * the stacks it does not depend on, whose Lambda bundling would triple the synth time of every construct test file.
 */
export function etlTestApp(stage: string): EtlTestApp {
  const config = loadStageConfig(stage);
  const app = newTestApp({ stage });
  const env = { region: config.region };
  const names = stageNames(config.stage);
  const lake = new LakeStack(app, 'Lake', { env, config, names, stackName: names.named('lake') });
  const ordersSource = new OrdersSourceStack(app, 'OrdersSource', { env, config, stackName: `ecommerce-${stage}-orders-source` });
  const etl = new EtlStack(app, 'Etl', {
    env, config, namePrefix: names.gluePrefix, lake: lake.lake, catalog: lake.catalog, emailHashKey: ordersSource.emailHashKey.secret, stackName: `ecommerce-${stage}-etl`,
  });
  let template: Template | undefined;
  return { config, lake, ordersSource, etl, template: () => (template ??= Template.fromStack(etl)) };
}
