import { z } from 'zod';

/**
 * The schema of a stage's configuration: everything a user tunes per environment.
 * It is the single source of the `StageConfig` type and of its validation at synth.
 */

const positiveInt = z.number().int().min(1);

/** Schedule expressions as EventBridge accepts them: `rate(...)` or a 6-field `cron(...)`. */
const scheduleExpression = z
  .string()
  .regex(/^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\((\S+ ){5}\S+\))$/, {
    message: 'expected rate(N unit) or cron(min hour day-of-month month day-of-week year)',
  });

export const LakeConfigSchema = z.strictObject({
  /** Days after which objects in the landing zone expire (they are copied to raw first). */
  landingExpirationDays: positiveInt,
  /** Days after which raw-zone objects move to S3 Standard-IA. S3 requires at least 30. */
  rawInfrequentAccessAfterDays: z.number().int().min(30),
  /** Days after which raw-zone objects move to Glacier Instant Retrieval. */
  rawGlacierAfterDays: positiveInt,
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
  /** Kinesis capacity mode: ON_DEMAND scales by itself; PROVISIONED needs `shardCount`. */
  kinesisCapacityMode: z.enum(['ON_DEMAND', 'PROVISIONED']),
  /** Shards when PROVISIONED. */
  shardCount: positiveInt,
  /** Hours Kinesis keeps records (24 to 8760). */
  kinesisRetentionHours: z.number().int().min(24).max(8760),
  /** Seconds Firehose buffers before writing (0 to 900). */
  firehoseBufferIntervalSeconds: z.number().int().min(0).max(900),
  /** MiB Firehose buffers before writing (64 to 128 with dynamic partitioning). */
  firehoseBufferSizeMiB: z.number().int().min(64).max(128),
});

export const EtlConfigSchema = z.strictObject({
  /** Glue worker type for the PySpark jobs. */
  workerType: z.enum(['G.1X', 'G.2X', 'G.4X', 'G.8X']),
  /** Upper bound of workers; Glue auto scaling uses up to this many. */
  maxWorkers: z.number().int().min(2),
  /** Run jobs with Flex execution (cheaper, may start later). */
  flexExecution: z.boolean(),
  /** Glue's own retries of a failed job run. */
  jobMaxRetries: z.number().int().min(0).max(10),
  /** Minutes after which Glue stops a job run. */
  jobTimeoutMinutes: positiveInt,
  /** When the crawlers run by themselves (the state machine also starts them). */
  crawlerSchedule: scheduleExpression,
});

export const WarehouseConfigSchema = z.strictObject({
  /** Redshift node type. */
  nodeType: z.enum(['ra3.large', 'ra3.xlplus', 'ra3.4xlarge', 'ra3.16xlarge', 'dc2.large', 'dc2.8xlarge']),
  /** Number of nodes (1 = single-node cluster). */
  numberOfNodes: z.number().int().min(1).max(128),
  /** Days automated snapshots are kept (1 to 35). */
  automatedSnapshotRetentionDays: z.number().int().min(1).max(35),
  /** Port the cluster listens on; not the default 5439. */
  port: z.number().int().min(1150).max(65535).refine((p) => p !== 5439, { message: 'the default port 5439 is not allowed' }),
  /** Admin user name; not the default `awsuser`. */
  adminUsername: z.string().regex(/^[a-z][a-z0-9_]{0,126}$/, { message: 'expected a lowercase identifier' })
    .refine((u) => u !== 'awsuser', { message: 'the default admin user name awsuser is not allowed' }),
  /** Weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` in UTC. */
  maintenanceWindow: z.string().regex(/^(mon|tue|wed|thu|fri|sat|sun):\d{2}:\d{2}-(mon|tue|wed|thu|fri|sat|sun):\d{2}:\d{2}$/, {
    message: 'expected ddd:hh24:mi-ddd:hh24:mi, e.g. sun:03:00-sun:03:30',
  }),
  /** Days between rotations of the admin secret. */
  secretRotationDays: z.number().int().min(1).max(365),
  /** Near-real-time orders in Redshift through streaming ingestion from Kinesis. */
  streamingIngestion: z.boolean(),
});

export const OrchestrationConfigSchema = z.strictObject({
  /** When the batch pipeline runs by itself. */
  schedule: scheduleExpression,
  /** Who is told when something fails. */
  alarmEmail: z.email({ message: 'expected an e-mail address such as data-oncall@example.com' }),
  /** Seconds new landing files are batched before they start one run (EventBridge Pipes batches for at most 300). */
  landingBatchWindowSeconds: z.number().int().min(60).max(300),
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
  /** Days CloudWatch log groups keep logs. */
  logRetentionDays: z.union([
    z.literal(1), z.literal(3), z.literal(5), z.literal(7), z.literal(14), z.literal(30), z.literal(60), z.literal(90),
    z.literal(120), z.literal(150), z.literal(180), z.literal(365), z.literal(400), z.literal(545), z.literal(731),
    z.literal(1096), z.literal(1827), z.literal(2192), z.literal(2557), z.literal(2922), z.literal(3288), z.literal(3653),
  ], { message: 'expected one of the retention periods CloudWatch Logs supports (1, 3, 5, 7, 14, 30, 60, 90, ... 3653)' }),
  lake: LakeConfigSchema,
  streaming: StreamingConfigSchema,
  etl: EtlConfigSchema,
  warehouse: WarehouseConfigSchema,
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
