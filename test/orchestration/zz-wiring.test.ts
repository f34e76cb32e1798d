import { App } from 'aws-cdk-lib';
import { loadStageConfig } from '../../lib/config/load-stage-config';
import { buildPipeline } from '../../lib/pipeline';
import { OrchestrationStack } from '../../lib/stacks/orchestration-stack';
import { RUN_DATE_STAND_IN } from '../../lib/orchestration/run-date-statement';
import { nagFindings } from '../support/nag';
import { CDK_JSON_CONTEXT } from '../support/pipeline-app';

test.each(['dev', 'prod'])('wiring %s', (stage) => {
  const config = loadStageConfig(stage);
  const app = new App({ context: { ...CDK_JSON_CONTEXT, stage } });
  const s = buildPipeline(app, config);
  const plan = s.warehouse.renderLoad({ runId: RUN_DATE_STAND_IN, partitions: [RUN_DATE_STAND_IN] });
  const forwarder = s.streaming.cdc.forwarder.function;
  const o = new OrchestrationStack(app, 'Orchestration', {
    env: s.lake.env, stackName: `ecommerce-${stage}-orchestration`, config, namePrefix: `ecommerce-${stage}`,
    landingBucket: s.lake.lake.landing.bucket, curatedZone: s.lake.lake.curated, catalog: s.lake.catalog,
    curatedDatabase: s.lake.catalog.curatedDatabase,
    etl: {
      crawlerNames: s.etl.crawlerNames, landingToRawJobName: s.etl.jobs.landingToRaw.jobName,
      rawToCuratedJobName: s.etl.jobs.rawToCurated.jobName, dataQualityChecks: s.etl.rulesets,
    },
    warehouseLoad: {
      clusterIdentifier: s.warehouse.clusterIdentifier, databaseName: s.warehouse.databaseName, secret: s.warehouse.adminSecret,
      steps: [{ name: 'stage', statements: plan.stage.map((x) => x.sql) }, { name: 'publish', statements: plan.publish.map((x) => x.sql) }],
      runDatePlaceholder: RUN_DATE_STAND_IN,
    },
    watched: {
      functions: [forwarder, s.streaming.delivery.processor.function, s.warehouse.schema.migrator.function],
      tableStreams: [{ table: s.ordersSource.orders.table, consumer: forwarder }],
      kinesisStreams: [s.streaming.cdc.stream],
      deliveryStreamNames: [s.streaming.delivery.deliveryStream.deliveryStreamName],
      deadLetterQueues: [s.streaming.cdc.failedBatches],
    },
  });
  app.synth();
  console.log(nagFindings(o).join('\n'));
  const d = require('./support/asl').definitionOf(o);
  console.log(JSON.stringify(d).length, d.States['Run warehouse stage'].Parameters['Sqls.$'].slice(0, 1500));
});
