import { type App, Stack, Tags } from 'aws-cdk-lib';
import { QUARANTINED_CHANGES_PREFIX } from '../lambda/orders-cdc-forwarder/quarantined-change';
import { acknowledgeCdkSingletons } from './constructs/private/cdk-internal-acknowledgements';
import { CROSS_STACK_REFRESH_CONTEXT, ProducerFingerprint } from './constructs/private/producer-fingerprint';
import { ORDER_CHANGES_ERROR_PREFIX } from './constructs/streaming/orders-change-delivery';
import type { StageConfig } from './config/stage-config';
import { EtlStack } from './stacks/etl-stack';
import { LakeStack } from './stacks/lake-stack';
import { OrchestrationStack, type OrchestrationStackProps } from './stacks/orchestration-stack';
import { OrdersSourceStack } from './stacks/orders-source-stack';
import { StreamingStack } from './stacks/streaming-stack';
import { WarehouseStack } from './stacks/warehouse-stack';

/** The stacks of one stage. Stateful stacks hold data; stateless ones can be destroyed and redeployed freely. */
export interface PipelineStacks {
  readonly lake: LakeStack;
  readonly ordersSource: OrdersSourceStack;
  readonly streaming: StreamingStack;
  readonly warehouse: WarehouseStack;
  readonly etl: EtlStack;
  readonly orchestration: OrchestrationStack;
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

  const ordersSource = new OrdersSourceStack(app, 'OrdersSource', {
    env,
    stackName: stackName('orders-source'),
    description: 'Stateful: the DynamoDB orders table with its change stream, and the e-mail hashing key',
    terminationProtection: config.removalPolicy === 'retain',
    config,
  });
  const streaming = new StreamingStack(app, 'Streaming', {
    env,
    stackName: stackName('streaming'),
    description: 'Stateless: orders CDC from DynamoDB Streams through Kinesis and Firehose into the raw zone',
    config,
    ordersTable: ordersSource.orders.table,
    emailHashKey: ordersSource.emailHashKey.secret,
    rawZone: lake.lake.raw,
    rawDatabase: lake.catalog.rawDatabase,
    quarantineZone: lake.lake.quarantine,
    ordersStreamName: `ecommerce-${config.stage}-order-changes`,
  });

  const warehouse = new WarehouseStack(app, 'Warehouse', {
    env,
    stackName: stackName('warehouse'),
    description: 'Stateful: private Redshift warehouse (Serverless or a provisioned cluster), its VPC, schema migrations and COPY role',
    terminationProtection: config.removalPolicy === 'retain',
    config,
    lake: lake.lake,
    catalog: lake.catalog,
    ordersStream: streaming.cdc.stream,
  });

  const etl = new EtlStack(app, 'Etl', {
    env,
    stackName: stackName('etl'),
    description: 'Stateless: Glue crawlers, ETL jobs, curated tables and their data-quality rulesets',
    config,
    lake: lake.lake,
    catalog: lake.catalog,
    emailHashKey: ordersSource.emailHashKey.secret,
    namePrefix,
  });

  const orchestration = new OrchestrationStack(app, 'Orchestration', {
    env,
    stackName: stackName('orchestration'),
    description: 'Stateless: the batch pipeline state machine, its triggers, alerts, alarms and dashboard',
    config,
    namePrefix: `ecommerce-${config.stage}`,
    ...orchestratedResources({ lake, ordersSource, streaming, etl, warehouse }),
  });

  // The stacks that read values of others (Fn::GetStackOutput) are redeployed when a value they read may have changed.
  const refreshLabel = app.node.tryGetContext(CROSS_STACK_REFRESH_CONTEXT) as string | undefined;
  for (const consumer of [streaming, warehouse, etl, orchestration]) {
    new ProducerFingerprint(consumer, 'ProducerFingerprint', { refreshLabel: refreshLabel === undefined ? undefined : String(refreshLabel) });
  }
  for (const stack of app.node.children) {
    if (stack instanceof Stack) acknowledgeCdkSingletons(stack);
  }
  return { lake, ordersSource, streaming, warehouse, etl, orchestration };
}

/**
 * What the Orchestration stack runs (crawlers, jobs, rulesets, the warehouse load) and watches (functions, streams,
 * queues), from the public resources of the other stacks.
 */
function orchestratedResources(stacks: Omit<PipelineStacks, 'orchestration'>): Pick<OrchestrationStackProps,
  'landingBucket' | 'curatedZone' | 'catalog' | 'curatedDatabase' | 'etl' | 'warehouseLoad' | 'watched'> {
  const { lake, ordersSource, streaming, etl, warehouse: { warehouse, schema } } = stacks;
  const forwarder = streaming.cdc.forwarder.function;
  return {
    landingBucket: lake.lake.landing.bucket,
    curatedZone: lake.lake.curated,
    catalog: lake.catalog,
    curatedDatabase: lake.catalog.curatedDatabase,
    etl: {
      crawlerNames: etl.crawlerNames,
      landingToRawJobName: etl.jobs.landingToRaw.jobName,
      rawToCuratedJobName: etl.jobs.rawToCurated.jobName,
      dataQualityChecks: etl.rulesets,
    },
    warehouseLoad: {
      warehouse: warehouse.dataApiTarget,
      warehouseArn: warehouse.dataApiArn,
      databaseName: warehouse.databaseName,
      secret: warehouse.adminSecret,
      settings: { curatedDatabaseName: lake.catalog.curatedDatabase.databaseName, lakeRoleArn: warehouse.copyRole.roleArn },
    },
    watched: {
      functions: [forwarder, streaming.delivery.processor.function, schema.migrator.function],
      rejectedRecords: [
        { producer: forwarder, metric: streaming.cdc.metricChangesQuarantined(), keptIn: `the quarantine zone under ${QUARANTINED_CHANGES_PREFIX}` },
        {
          producer: streaming.delivery.processor.function,
          metric: streaming.delivery.metricRecordsFailed(),
          keptIn: `the raw zone under ${ORDER_CHANGES_ERROR_PREFIX}processing-failed/`,
        },
      ],
      tableStreams: [{ table: ordersSource.orders.table, consumer: forwarder }],
      kinesisStreams: [streaming.cdc.stream],
      deliveryStreams: [streaming.delivery.deliveryStream],
      deadLetterQueues: [streaming.cdc.failedBatches],
      warehouse: warehouse.health,
    },
  };
}
