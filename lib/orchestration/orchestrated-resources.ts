import type { OrchestrationStackProps } from '../stacks/orchestration-stack';
import type { EtlStack } from '../stacks/etl-stack';
import type { LakeStack } from '../stacks/lake-stack';
import type { OrdersSourceStack } from '../stacks/orders-source-stack';
import type { StreamingStack } from '../stacks/streaming-stack';
import type { WarehouseStack } from '../stacks/warehouse-stack';
import { QUARANTINED_CHANGES_PREFIX } from '../../lambda/orders-cdc-forwarder/quarantined-change';
import { ORDER_CHANGES_ERROR_PREFIX } from '../constructs/streaming/orders-change-delivery';
import { RUN_DATE_STAND_IN } from './run-date-statement';

/** The stacks whose resources the orchestration runs and watches. */
export interface OrchestratedStacks {
  readonly lake: LakeStack;
  readonly ordersSource: OrdersSourceStack;
  readonly streaming: StreamingStack;
  readonly etl: EtlStack;
  readonly warehouse: WarehouseStack;
}

export type OrchestratedResources = Pick<OrchestrationStackProps,
  'landingBucket' | 'curatedZone' | 'catalog' | 'curatedDatabase' | 'etl' | 'warehouseLoad' | 'watched'>;

/**
 * Picks from the other stacks what the Orchestration stack runs (crawlers, jobs, rulesets, the warehouse load) and
 * watches (functions, streams, queues). The warehouse load is rendered with a stand-in run date as its run id, which
 * each execution replaces with its own; staging and publishing are two transactions, as the load plan requires.
 */
export function orchestratedResources(stacks: OrchestratedStacks): OrchestratedResources {
  const { lake, ordersSource, streaming, etl, warehouse } = stacks;
  // The run date names the run in the audit table; what the load takes is every change batch after its last one.
  const plan = warehouse.renderLoad({ runId: RUN_DATE_STAND_IN });
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
      steps: [
        { name: 'stage', statements: plan.stage.map((statement) => statement.sql) },
        { name: 'publish', statements: plan.publish.map((statement) => statement.sql) },
      ],
      runDatePlaceholder: RUN_DATE_STAND_IN,
    },
    watched: {
      functions: [forwarder, streaming.delivery.processor.function, warehouse.schema.migrator.function],
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
      warehouse: warehouse.warehouse.health,
    },
  };
}
