import { Annotations, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { NodeType } from '@aws-cdk/aws-redshift-alpha';
import type { Construct } from 'constructs';
import type { StageConfigSlice } from '../config/stage-config';
import type { DataLake } from '../constructs/lake/data-lake';
import { stageNames } from '../constructs/private/stage-names';
import type { Warehouse } from '../constructs/warehouse/warehouse';
import type { LakeCatalog } from '../constructs/lake/lake-catalog';
import { WarehouseCluster } from '../constructs/warehouse/warehouse-cluster';
import { WarehouseNetwork } from '../constructs/warehouse/warehouse-network';
import { SERVERLESS_MIN_AZS, WarehouseWorkgroup } from '../constructs/warehouse/warehouse-workgroup';
import { WarehouseSchema } from '../constructs/warehouse/warehouse-schema';
import { WarehouseStreamingIngestion } from '../constructs/warehouse/warehouse-streaming-ingestion';
import { CORE_MIGRATIONS_DIR, deployableMigrations } from '../warehouse/migrations';

export type WarehouseStackConfig = StageConfigSlice<'stage' | 'warehouse' | 'network' | 'logRetentionDays' | 'removalPolicy' | 'reservedConcurrency'>;

export interface WarehouseStackProps extends StackProps {
  /** The keys of the stage's configuration this stack reads. */
  readonly config: WarehouseStackConfig;
  /** The lake whose curated zone the warehouse loads. */
  readonly lake: DataLake;
  /** The catalog whose curated database the load reads the change batches through (Redshift Spectrum). */
  readonly catalog: LakeCatalog;
  /** The order change stream, read by streaming ingestion where the stage switches it on. @default - no streaming ingestion */
  readonly ordersStream?: kinesis.IStream;
}

/**
 * Stateful: the private Redshift warehouse of the stage's kind (a provisioned cluster or Redshift Serverless), its
 * network, its schema and its COPY role.
 */
export class WarehouseStack extends Stack {
  public readonly network: WarehouseNetwork;
  public readonly warehouse: Warehouse;
  public readonly schema: WarehouseSchema;
  public readonly streamingIngestion?: WarehouseStreamingIngestion;

  constructor(scope: Construct, id: string, props: WarehouseStackProps) {
    super(scope, id, props);
    const { config } = props;
    const logRetention = config.logRetentionDays as logs.RetentionDays;
    const streaming = config.warehouse.streamingIngestion && props.ordersStream !== undefined;
    if (config.warehouse.streamingIngestion && !props.ordersStream) {
      Annotations.of(this).addWarningV2('@ecommerce/warehouse:noOrdersStream',
        'warehouse.streamingIngestion is on but no orders stream was given: streaming ingestion is not deployed');
    }

    const { warehouse } = config;
    this.network = new WarehouseNetwork(this, 'Network', {
      // A serverless workgroup's subnets span three AZs; subnets cost nothing, interface endpoints do (per AZ).
      maxAzs: warehouse.kind === 'serverless' ? SERVERLESS_MIN_AZS : undefined,
      interfaceEndpointAzs: config.network.interfaceEndpointAzs,
      flowLogRetention: logRetention,
      kinesisEndpoint: streaming,
      retention: config.removalPolicy,
    });
    const common = {
      vpc: this.network.vpc,
      subnets: this.network.subnets,
      secretsManagerEndpoint: this.network.secretsManagerEndpoint,
      curatedZone: props.lake.curated,
      port: warehouse.port,
      adminUsername: warehouse.adminUsername,
      secretRotation: Duration.days(warehouse.secretRotationDays),
      auditLogRetention: logRetention,
      retention: config.removalPolicy,
    };
    const warehouseName = stageNames(config.stage).named('warehouse');
    this.warehouse = warehouse.kind === 'serverless'
      ? new WarehouseWorkgroup(this, 'Workgroup', {
        ...common,
        warehouseName,
        baseCapacityRpus: warehouse.baseCapacityRpus,
        monthlyRpuHoursLimit: warehouse.monthlyRpuHoursLimit,
      })
      : new WarehouseCluster(this, 'Cluster', {
        ...common,
        clusterName: warehouseName,
        nodeType: warehouse.nodeType as NodeType,
        numberOfNodes: warehouse.numberOfNodes,
        maintenanceWindow: warehouse.maintenanceWindow,
        snapshotRetentionDays: warehouse.automatedSnapshotRetentionDays,
      });
    if (streaming) {
      this.streamingIngestion = new WarehouseStreamingIngestion(this, 'StreamingIngestion', {
        warehouse: this.warehouse,
        stream: props.ordersStream!,
        kinesisEndpoint: this.network.kinesisEndpoint!,
      });
    }
    this.schema = new WarehouseSchema(this, 'Schema', {
      warehouse: this.warehouse,
      migrations: [...deployableMigrations(CORE_MIGRATIONS_DIR, 'core'), ...(this.streamingIngestion?.migrations ?? [])],
      logRetention,
      retention: config.removalPolicy,
      reservedConcurrency: config.reservedConcurrency.schemaMigrator,
    });

    // Spectrum reads the change tables' definitions and partitions from the catalog as the cluster's lake role.
    props.catalog.grantReadCatalog(this.warehouse.copyRole, props.catalog.curatedDatabase);
  }
}
