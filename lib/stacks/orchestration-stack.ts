import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type * as glue from 'aws-cdk-lib/aws-glue';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { StageConfigSlice } from '../config/stage-config';
import {
  BatchPipelineStateMachine, type DataQualityCheck, type WarehouseLoad,
} from '../constructs/orchestration/batch-pipeline-state-machine';
import { DataQualityEvaluationRole } from '../constructs/orchestration/data-quality-evaluation-role';
import type { LakeCatalog } from '../constructs/lake/lake-catalog';
import type { LakeZone } from '../constructs/lake/lake-zone';
import { PipelineAlarms } from '../constructs/orchestration/pipeline-alarms';
import type { RejectedRecords, TableStreamConsumer, WarehouseHealth } from '../constructs/orchestration/pipeline-alarms-props';
import { PipelineAlerts } from '../constructs/orchestration/pipeline-alerts';
import { PipelineDashboard } from '../constructs/orchestration/pipeline-dashboard';
import { PipelineTriggers } from '../constructs/orchestration/pipeline-triggers';

/** What the batch pipeline runs, from the ETL stack. */
export type OrchestrationStackConfig = StageConfigSlice<'orchestration' | 'etl' | 'logRetentionDays' | 'removalPolicy'>;

export interface BatchEtlTargets {
  readonly crawlerNames: readonly string[];
  readonly landingToRawJobName: string;
  readonly rawToCuratedJobName: string;
  readonly dataQualityChecks: readonly DataQualityCheck[];
}

/** What the alarms watch besides the batch pipeline itself; every list may be empty. */
export interface WatchedResources {
  readonly functions: readonly lambda.IFunction[];
  readonly rejectedRecords: readonly RejectedRecords[];
  readonly tableStreams: readonly TableStreamConsumer[];
  readonly kinesisStreams: readonly kinesis.IStream[];
  readonly deliveryStreams: readonly firehose.IDeliveryStream[];
  readonly deadLetterQueues: readonly sqs.IQueue[];
  /** The warehouse, by the metrics its kind publishes. */
  readonly warehouse: WarehouseHealth;
}

export interface OrchestrationStackProps extends StackProps {
  /** The keys of the stage's configuration this stack reads. */
  readonly config: OrchestrationStackConfig;
  /** Stack name prefix for named resources, e.g. `ecommerce-dev`. */
  readonly namePrefix: string;
  /** Landing zone bucket whose new files start a run. */
  readonly landingBucket: s3.IBucket;
  /** The zone and catalog database the data quality rulesets evaluate. */
  readonly curatedZone: LakeZone;
  readonly catalog: LakeCatalog;
  readonly curatedDatabase: glue.Database;
  readonly etl: BatchEtlTargets;
  readonly warehouseLoad: WarehouseLoad;
  readonly watched: WatchedResources;
}

/**
 * Stateless: the batch pipeline's state machine and the role its data quality evaluations use, what starts it
 * (schedule, landed files), the alerts topic, every alarm of the pipeline and its dashboard.
 */
export class OrchestrationStack extends Stack {
  public readonly alerts: PipelineAlerts;
  public readonly dataQualityRole: DataQualityEvaluationRole;
  public readonly batchPipeline: BatchPipelineStateMachine;
  public readonly triggers: PipelineTriggers;
  public readonly alarms: PipelineAlarms;
  public readonly dashboard: PipelineDashboard;

  constructor(scope: Construct, id: string, props: OrchestrationStackProps) {
    super(scope, id, props);
    const { config, namePrefix, etl, watched } = props;

    this.alerts = new PipelineAlerts(this, 'Alerts', {
      email: config.orchestration.alarmEmail,
      topicName: `${namePrefix}-pipeline-alerts`,
      retention: config.removalPolicy,
    });
    this.dataQualityRole = new DataQualityEvaluationRole(this, 'DataQualityRole', {
      zone: props.curatedZone,
      catalog: props.catalog,
      database: props.curatedDatabase,
      rulesetNames: etl.dataQualityChecks.map((check) => check.rulesetName),
    });
    this.batchPipeline = new BatchPipelineStateMachine(this, 'BatchPipeline', {
      stateMachineName: `${namePrefix}-batch-pipeline`,
      crawlerNames: etl.crawlerNames,
      landingToRawJobName: etl.landingToRawJobName,
      rawToCuratedJobName: etl.rawToCuratedJobName,
      jobTimeout: Duration.minutes(config.etl.jobTimeoutMinutes),
      dataQualityChecks: etl.dataQualityChecks,
      dataQualityRole: this.dataQualityRole.role,
      warehouseLoad: props.warehouseLoad,
      alertsTopic: this.alerts.topic,
      logRetention: config.logRetentionDays as logs.RetentionDays,
      retention: config.removalPolicy,
    });
    this.triggers = new PipelineTriggers(this, 'Triggers', {
      stateMachine: this.batchPipeline.stateMachine,
      schedule: config.orchestration.schedule,
      landingBucket: props.landingBucket,
      landingBatchWindow: Duration.seconds(config.orchestration.landingBatchWindowSeconds),
    });
    this.alarms = new PipelineAlarms(this, 'Alarms', {
      topic: this.alerts.topic,
      stateMachine: this.batchPipeline.stateMachine,
      glueJobNames: [etl.landingToRawJobName, etl.rawToCuratedJobName],
      functions: watched.functions,
      rejectedRecords: watched.rejectedRecords,
      tableStreams: watched.tableStreams,
      kinesisStreams: watched.kinesisStreams,
      deliveryStreams: watched.deliveryStreams,
      deadLetterQueues: [...watched.deadLetterQueues, this.triggers.landingEventsDeadLetters],
      warehouse: watched.warehouse,
    });
    this.dashboard = new PipelineDashboard(this, 'Dashboard', {
      dashboardName: `${namePrefix}-pipeline`,
      alarms: this.alarms.alarms,
      stateMachine: this.batchPipeline.stateMachine,
    });
  }
}
