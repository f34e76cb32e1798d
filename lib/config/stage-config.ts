import { z } from 'zod';
import {
  adminUsernameRule, baseCapacityRpusRule, changeBatchExpirationDaysRule, clusterPortRule, firehoseBufferIntervalSecondsRule,
  firehoseBufferSizeMiBRule, glueJobMaxRetriesRule, glueMaxWorkersRule, kinesisCapacityRule, kinesisRetentionHoursRule,
  landingBatchWindowSecondsRule, maintenanceWindowRule, numberOfNodesRule, positiveInt, rawInfrequentAccessAfterDaysRule,
  scheduleExpressionRule, snapshotRetentionDaysRule, workgroupPortRule,
} from './rules';

/**
 * The schema of a stage's configuration: everything a user tunes per environment.
 * It is the single source of the `StageConfig` type and of its validation at synth.
 */



export const LakeConfigSchema = z.strictObject({
  /** Days after which objects in the landing zone expire (they are copied to raw first). */
  landingExpirationDays: positiveInt,
  /** Days after which raw-zone objects move to S3 Standard-IA. S3 requires at least 30. */
  rawInfrequentAccessAfterDays: rawInfrequentAccessAfterDaysRule,
  /** Days after which raw-zone objects move to Glacier Instant Retrieval. */
  rawGlacierAfterDays: positiveInt,
  /**
   * Days after which the curated zone's change batches expire. The warehouse load applies each batch the night after it
   * is written; a batch expires unloaded only if the load stays broken this long (its failures alarm every night), so
   * at least 14 days. @default DEFAULT_CHANGE_BATCH_EXPIRATION (90 days)
   */
  changeBatchExpirationDays: changeBatchExpirationDaysRule.optional(),
  /** Days after which quarantined records expire. */
  quarantineExpirationDays: positiveInt,
  /** Days after which noncurrent object versions expire, in every zone. */
  noncurrentVersionExpirationDays: positiveInt,
  /** Days server access logs are kept. */
  accessLogExpirationDays: positiveInt,
  /** Days Athena query results are kept. */
  athenaResultsExpirationDays: positiveInt,
});

export const StreamingConfigSchema = z.strictObject({
  kinesisCapacity: kinesisCapacityRule,
  /** Hours Kinesis keeps records (24 to 8760); beyond 24 hours each shard-hour costs extra. */
  kinesisRetentionHours: kinesisRetentionHoursRule,
  /** Seconds Firehose buffers before writing (60 to 900: no zero buffering with dynamic partitioning). */
  firehoseBufferIntervalSeconds: firehoseBufferIntervalSecondsRule,
  /** MiB Firehose buffers before writing (64 to 128 with dynamic partitioning). */
  firehoseBufferSizeMiB: firehoseBufferSizeMiBRule,
});

export const EtlConfigSchema = z.strictObject({
  /** Glue worker type for the PySpark jobs. */
  workerType: z.enum(['G.1X', 'G.2X', 'G.4X', 'G.8X']),
  /** Upper bound of workers; Glue auto scaling uses up to this many. */
  maxWorkers: glueMaxWorkersRule,
  /** Run jobs with Flex execution (cheaper, may start later). */
  flexExecution: z.boolean(),
  /** Glue's own retries of a failed job run. */
  jobMaxRetries: glueJobMaxRetriesRule,
  /** Minutes after which Glue stops a job run. */
  jobTimeoutMinutes: positiveInt,
  /** When the crawlers run by themselves (the state machine also starts them). */
  crawlerSchedule: scheduleExpressionRule,
});

/** What both kinds of warehouse share. */
const warehouseCommon = {
  /** Admin user name; not the default `awsuser`. */
  adminUsername: adminUsernameRule,
  /** Days between rotations of the admin secret. */
  secretRotationDays: z.number().int().min(1).max(365),
  /** Near-real-time orders in Redshift through streaming ingestion from Kinesis. */
  streamingIngestion: z.boolean(),
};

/**
 * A provisioned Redshift cluster: its nodes are billed every hour it exists, whether or not it runs a query (an
 * ra3.large node is the cheapest RA3 and still the largest fixed cost of a stage), for steady, predictable load.
 */
export const ProvisionedWarehouseConfigSchema = z.strictObject({
  kind: z.literal('provisioned'),
  /** Redshift node type. */
  nodeType: z.enum(['ra3.large', 'ra3.xlplus', 'ra3.4xlarge', 'ra3.16xlarge', 'dc2.large', 'dc2.8xlarge']),
  /** Number of nodes (1 = single-node cluster). */
  numberOfNodes: numberOfNodesRule,
  /** Days automated snapshots are kept (1 to 35). */
  automatedSnapshotRetentionDays: snapshotRetentionDaysRule,
  /** Port the cluster listens on; not the default 5439. */
  port: clusterPortRule,
  /** Weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` in UTC. */
  maintenanceWindow: maintenanceWindowRule,
  ...warehouseCommon,
});

/**
 * Amazon Redshift Serverless (a namespace and a workgroup): compute is billed per RPU-hour while queries run and
 * nothing while idle; storage per GB-month. The trade-off: the first query after a quiet spell waits for compute to
 * resume, and a runaway workload is bounded only by the usage limit.
 */
export const ServerlessWarehouseConfigSchema = z.strictObject({
  kind: z.literal('serverless'),
  /**
   * RPUs a query starts with: 4, or a multiple of 8 from 8 to 512; each RPU-second used is billed. 4 RPUs suit data
   * under 32 TB (https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-capacity.html).
   */
  baseCapacityRpus: baseCapacityRpusRule,
  /**
   * RPU-hours the workgroup may use per month; past them Redshift turns user queries off until the next month
   * (https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-billing-on-demand.html). The cap on what a stage
   * can spend on compute.
   */
  monthlyRpuHoursLimit: positiveInt,
  /** Port the workgroup listens on: 5431-5455 or 8191-8215 (what Redshift Serverless accepts), not the default 5439. */
  port: workgroupPortRule,
  ...warehouseCommon,
});

/** The warehouse, chosen per stage by `kind`. */
export const WarehouseConfigSchema = z.discriminatedUnion('kind', [ProvisionedWarehouseConfigSchema, ServerlessWarehouseConfigSchema]);

export const NetworkConfigSchema = z.strictObject({
  /**
   * Availability zones each interface endpoint of the warehouse VPC (Secrets Manager; Kinesis with streaming ingestion)
   * has a network interface in; every endpoint is billed per AZ-hour. One AZ costs least, and an outage of that AZ
   * cuts the secret's rotation and streaming ingestion off until it is over; two keep them up through one AZ's outage.
   * At most the AZs the warehouse's VPC spans: 2 with a provisioned cluster, 3 with Redshift Serverless.
   */
  interfaceEndpointAzs: z.number().int().min(1).max(3),
});

export const OrchestrationConfigSchema = z.strictObject({
  /** When the batch pipeline runs by itself. */
  schedule: scheduleExpressionRule,
  /** Who is told when something fails. */
  alarmEmail: z.email({ message: 'expected an e-mail address such as data-oncall@example.com' }),
  /**
   * Seconds new landing files are batched before they start one run (EventBridge Pipes batches for at most 300); a
   * stage batches for at least a minute, so a burst of files starts one run.
   */
  landingBatchWindowSeconds: landingBatchWindowSecondsRule.min(60),
});

/** Concurrent executions each pipeline function reserves; a function left out reserves none and shares the account's pool. */
export const ReservedConcurrencySchema = z.strictObject({
  /** The CDC forwarder: one batch per DynamoDB stream shard at a time, so it never needs more than the shard count. */
  cdcForwarder: positiveInt.optional(),
  /** The Firehose record processor. */
  changeProcessor: positiveInt.optional(),
  /** The warehouse schema migrator, run once per deploy; 1 also keeps a retried invocation from running beside the first. */
  schemaMigrator: positiveInt.optional(),
});

export const StageConfigSchema = z.strictObject({
  /** The stage name; prefixes every stack. */
  stage: z.string().regex(/^[a-z][a-z0-9-]{1,15}$/, { message: 'expected 2-16 lowercase letters, digits or dashes' }),
  /** Account to deploy into; leave out to use the CLI's credentials. */
  account: z.string().regex(/^\d{12}$/, { message: 'expected a 12-digit AWS account id' }).optional(),
  /** Region to deploy into. */
  region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, { message: 'expected a region such as eu-west-1' }),
  /**
   * What happens to stateful resources when their stack is deleted. Only `destroy` (dev) empties and deletes buckets;
   * `retain` keeps data, tables and keys, and the warehouse keeps a final snapshot.
   */
  removalPolicy: z.enum(['destroy', 'retain']),
  /**
   * Days CloudWatch log groups keep logs. Stored logs are billed per GB-month, not by the hour, so a shorter retention
   * saves little at a sandbox's volume; AWS Control Tower's CT.CLOUDWATCH.PR.2 asks for at least a year.
   */
  logRetentionDays: z.union([
    z.literal(1), z.literal(3), z.literal(5), z.literal(7), z.literal(14), z.literal(30), z.literal(60), z.literal(90),
    z.literal(120), z.literal(150), z.literal(180), z.literal(365), z.literal(400), z.literal(545), z.literal(731),
    z.literal(1096), z.literal(1827), z.literal(2192), z.literal(2557), z.literal(2922), z.literal(3288), z.literal(3653),
  ], { message: 'expected one of the retention periods CloudWatch Logs supports (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)' }),
  lake: LakeConfigSchema,
  streaming: StreamingConfigSchema,
  etl: EtlConfigSchema,
  warehouse: WarehouseConfigSchema,
  network: NetworkConfigSchema,
  orchestration: OrchestrationConfigSchema,
  /**
   * Lambda keeps 100 of an account's concurrency unreserved, so the account's quota must be at least 100 plus the sum of
   * these (https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html); new accounts start with less.
   * Reserve nothing until the quota has been raised.
   */
  reservedConcurrency: ReservedConcurrencySchema,
}).superRefine((cfg, ctx) => {
  if (cfg.lake.rawGlacierAfterDays <= cfg.lake.rawInfrequentAccessAfterDays) {
    ctx.addIssue({
      code: 'custom',
      path: ['lake', 'rawGlacierAfterDays'],
      input: cfg.lake.rawGlacierAfterDays,
      message: `must be greater than lake.rawInfrequentAccessAfterDays (${cfg.lake.rawInfrequentAccessAfterDays})`,
    });
  }
  if (cfg.stage === 'prod' && cfg.removalPolicy !== 'retain') {
    ctx.addIssue({
      code: 'custom',
      path: ['removalPolicy'],
      input: cfg.removalPolicy,
      message: 'prod must retain its data: expected "retain"',
    });
  }
});

/** A stage's validated configuration. */
export type StageConfig = z.infer<typeof StageConfigSchema>;

/** The keys of a stage's configuration that one stack reads; a stack is given these and nothing else. */
export type StageConfigSlice<K extends keyof StageConfig> = Pick<StageConfig, K>;

/** Only the `keys` of `config`, for the stack that reads them. */
export function sliceOf<K extends keyof StageConfig>(config: StageConfig, ...keys: K[]): StageConfigSlice<K> {
  return Object.fromEntries(keys.map((key) => [key, config[key]])) as StageConfigSlice<K>;
}
export type WarehouseConfig = z.infer<typeof WarehouseConfigSchema>;
export type ProvisionedWarehouseConfig = z.infer<typeof ProvisionedWarehouseConfigSchema>;
export type ServerlessWarehouseConfig = z.infer<typeof ServerlessWarehouseConfigSchema>;
/** The kinds of warehouse a stage chooses from. */
export type WarehouseKind = WarehouseConfig['kind'];
