import { type App, Stack, Tags } from 'aws-cdk-lib';
import { QUARANTINED_CHANGES_PREFIX } from '../lambda/orders-cdc-forwarder/quarantined-change';
import { acknowledgeCdkSingletons } from './constructs/private/cdk-internal-acknowledgements';
import { CROSS_STACK_REFRESH_CONTEXT, ProducerFingerprint } from './constructs/private/producer-fingerprint';
import { stageNames } from './constructs/private/stage-names';
import { ORDER_CHANGES_ERROR_PREFIX } from './constructs/streaming/orders-change-delivery-props';
import { sliceOf, type StageConfig } from './config/stage-config';
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
  const names = stageNames(config.stage);
  // A stateful stack holds data: where the stage retains data, CloudFormation refuses to delete the stack. Each stack
  // is given the keys of the configuration it reads (the compiler checks them against the stack's props).
  const stackProps = <K extends keyof StageConfig>(name: string, kind: 'Stateful' | 'Stateless', holds: string, ...keys: K[]) => ({
    env,
    stackName: names.named(name),
    description: `${kind}: ${holds}`,
    ...(kind === 'Stateful' ? { terminationProtection: config.removalPolicy === 'retain' } : {}),
    config: sliceOf(config, ...keys),
  });

  Tags.of(app).add('project', 'ecommerce-data-pipeline');
  Tags.of(app).add('stage', config.stage);

  const lake = new LakeStack(app, 'Lake', {
    ...stackProps('lake', 'Stateful', 'data lake zones, their KMS key, Glue catalog, Athena workgroup', 'lake', 'removalPolicy'),
    names,
  });

  const ordersSource = new OrdersSourceStack(app, 'OrdersSource',
    stackProps('orders-source', 'Stateful', 'the DynamoDB orders table with its change stream, and the e-mail hashing key',
      'removalPolicy'));
  const streaming = new StreamingStack(app, 'Streaming', {
    ...stackProps('streaming', 'Stateless', 'orders CDC from DynamoDB Streams through Kinesis and Firehose into the raw zone',
      'streaming', 'logRetentionDays', 'removalPolicy', 'reservedConcurrency'),
    ordersTable: ordersSource.orders.table,
    emailHashKey: ordersSource.emailHashKey.secret,
    rawZone: lake.lake.raw,
    rawDatabase: lake.catalog.rawDatabase,
    quarantineZone: lake.lake.quarantine,
    ordersStreamName: names.named('order-changes'),
  });

  const warehouse = new WarehouseStack(app, 'Warehouse', {
    ...stackProps('warehouse', 'Stateful',
      'private Redshift warehouse (Serverless or a provisioned cluster), its VPC, schema migrations and COPY role',
      'stage', 'warehouse', 'network', 'logRetentionDays', 'removalPolicy', 'reservedConcurrency'),
    lake: lake.lake,
    catalog: lake.catalog,
    ordersStream: streaming.cdc.stream,
  });

  const etl = new EtlStack(app, 'Etl', {
    ...stackProps('etl', 'Stateless', 'Glue crawlers, ETL jobs, curated tables and their data-quality rulesets',
      'etl', 'logRetentionDays', 'removalPolicy'),
    lake: lake.lake,
    catalog: lake.catalog,
    emailHashKey: ordersSource.emailHashKey.secret,
    namePrefix: names.gluePrefix,
  });

  const orchestration = new OrchestrationStack(app, 'Orchestration', {
    ...stackProps('orchestration', 'Stateless', 'the batch pipeline state machine, its triggers, alerts, alarms and dashboard',
      'orchestration', 'etl', 'logRetentionDays', 'removalPolicy'),
    namePrefix: names.prefix,
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
      crawlerNames: etl.crawlers.crawlerNames,
      landingToRawJobName: etl.jobs.landingToRaw.jobName,
      rawToCuratedJobName: etl.jobs.rawToCurated.jobName,
      dataQualityChecks: etl.dataQuality.rulesets,
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
