import type { Duration } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { DataApiWarehouse } from '../../../warehouse/data-api-target';
import type { LoadSettings } from '../../../warehouse/load-plan';
import type { DataQualityCheck } from '../../private/data-quality-check';
import type { DataRetention } from '../../private/data-retention';

/** The Redshift load the pipeline runs through the Data API once the curated zone is checked. */
export interface WarehouseLoad {
  /** The cluster or Redshift Serverless workgroup the statements run on. */
  readonly warehouse: DataApiWarehouse;
  /** The ARN IAM authorizes the statements on: the cluster's, or the workgroup's. */
  readonly warehouseArn: string;
  readonly databaseName: string;
  /** Secret with the credentials the Data API connects with. */
  readonly secret: secretsmanager.ISecret;
  /**
   * The curated database the load reads the change batches through, and the role the warehouse reads them as: the
   * warehouse's load plan (lib/warehouse/load-plan.ts) is rendered with them, staging and publishing each one transaction.
   */
  readonly settings: LoadSettings;
}

export interface BatchPipelineStateMachineProps {
  /** Name of the state machine; fixed so that it can look up its own running executions. */
  readonly stateMachineName: string;
  /** Crawlers started (or, if already running, waited on) before the jobs run. */
  readonly crawlerNames: readonly string[];
  /** Glue job that turns landing files into raw Parquet. */
  readonly landingToRawJobName: string;
  /** Glue job that builds the curated tables from raw. */
  readonly rawToCuratedJobName: string;
  /** The Glue jobs' own timeout; each job task times out `JOB_TASK_TIMEOUT_MARGIN` earlier. */
  readonly jobTimeout: Duration;
  /** Rulesets evaluated on the curated tables; any rule that fails stops the run before the warehouse load. */
  readonly dataQualityChecks: readonly DataQualityCheck[];
  /** Role Glue Data Quality assumes to read the curated tables. */
  readonly dataQualityRole: iam.IRole;
  readonly warehouseLoad: WarehouseLoad;
  /** Receives the success message and every failure with its state and cause. */
  readonly alertsTopic: sns.ITopic;
  /** How long execution logs are kept. @default DEFAULT_EXECUTION_LOG_RETENTION */
  readonly logRetention?: logs.RetentionDays;
  /** What happens to the execution logs and their key when the stack is deleted. @default DEFAULT_DATA_RETENTION ('retain') */
  readonly retention?: DataRetention;
  /** Pause between two status checks of a crawler, a data-quality evaluation or the load. @default DEFAULT_POLL_INTERVAL */
  readonly pollInterval?: Duration;
  /** Status checks after which a crawler, evaluation or load counts as hung. @default DEFAULT_MAX_POLLS */
  readonly maxPolls?: number;
}
