import { z } from 'zod';

/**
 * The rules one value must keep, shared by the stage configuration's schema and the constructs that take the value
 * as a prop, so a rule is written once and a construct used without the configuration keeps it too.
 */

export const positiveInt = z.number().int().min(1);

/** Redshift's default admin user name, which a warehouse never uses: the first name a guess tries. */
export const DEFAULT_REDSHIFT_ADMIN_USERNAME = 'awsuser';
/** Redshift's default port, which a warehouse never listens on. */
export const DEFAULT_REDSHIFT_PORT = 5439;

const NOT_DEFAULT_PORT = { message: `the default port ${DEFAULT_REDSHIFT_PORT} is not allowed` };
const notDefaultPort = (port: number) => port !== DEFAULT_REDSHIFT_PORT;

/** A warehouse's admin user name: a lowercase identifier, not the default. */
export const adminUsernameRule = z.string().regex(/^[a-z][a-z0-9_]{0,126}$/, { message: 'expected a lowercase identifier' })
  .refine((u) => u !== DEFAULT_REDSHIFT_ADMIN_USERNAME, { message: `the default admin user name ${DEFAULT_REDSHIFT_ADMIN_USERNAME} is not allowed` });

/** The port of a provisioned cluster: what Redshift accepts (1150-65535), not the default. */
export const clusterPortRule = z.number().int().min(1150).max(65535).refine(notDefaultPort, NOT_DEFAULT_PORT);

/** The port of a Redshift Serverless workgroup: 5431-5455 or 8191-8215 (what it accepts), not the default. */
export const workgroupPortRule = z.number().int().refine((p) => (p >= 5431 && p <= 5455) || (p >= 8191 && p <= 8215), {
  message: 'expected a port in 5431-5455 or 8191-8215',
}).refine(notDefaultPort, NOT_DEFAULT_PORT);

/** Nodes of a provisioned cluster (1 = single-node). */
export const numberOfNodesRule = z.number().int().min(1).max(128);

/** Days Redshift keeps automated snapshots of a cluster. */
export const snapshotRetentionDaysRule = z.number().int().min(1).max(35);

/** A weekly maintenance window, `ddd:hh24:mi-ddd:hh24:mi` in UTC. */
export const maintenanceWindowRule = z.string().regex(
  /^(mon|tue|wed|thu|fri|sat|sun):\d{2}:\d{2}-(mon|tue|wed|thu|fri|sat|sun):\d{2}:\d{2}$/,
  { message: 'expected ddd:hh24:mi-ddd:hh24:mi, e.g. sun:03:00-sun:03:30' },
);

/**
 * RPUs a Redshift Serverless query starts with: 4, or a multiple of 8 from 8 to 512
 * (https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-capacity.html).
 */
export const baseCapacityRpusRule = z.number().int().refine((rpus) => rpus === 4 || (rpus >= 8 && rpus <= 512 && rpus % 8 === 0), {
  message: 'expected 4, or a multiple of 8 from 8 to 512',
});

/**
 * Kinesis capacity. ON_DEMAND scales by itself but charges an hourly fee per stream even when idle; PROVISIONED
 * charges per shard-hour and caps writes at 1 MiB/s or 1,000 records/s per shard: one shard is the cheapest stream
 * to leave running, enough for a sandbox, and throttles (the forwarder retries) under a real load. A shard count
 * belongs to PROVISIONED only.
 */
export const kinesisCapacityRule = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('ON_DEMAND') }),
  z.strictObject({
    mode: z.literal('PROVISIONED'),
    /** Shards, each billed by the hour. */
    shardCount: positiveInt,
  }),
]);

export type KinesisCapacity = z.infer<typeof kinesisCapacityRule>;

/** Hours Kinesis keeps records. */
export const kinesisRetentionHoursRule = z.number().int().min(24).max(8760);

/**
 * Seconds Firehose buffers before writing to S3: the API takes 0 to 900
 * (https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html), but intervals under 60 s are
 * its zero buffering feature, which dynamic partitioning, used by the delivery, does not offer
 * (https://docs.aws.amazon.com/firehose/latest/dev/buffering.html). 60 s was the minimum before that feature: the
 * lowest value that certainly deploys.
 */
export const firehoseBufferIntervalSecondsRule = z.number().int().min(60).max(900);

/** MiB Firehose buffers before writing to S3: 64 to 128 with dynamic partitioning. */
export const firehoseBufferSizeMiBRule = z.number().int().min(64).max(128);

/** Upper bound of a Glue Spark job's workers: auto scaling needs room for a driver and an executor. */
export const glueMaxWorkersRule = z.number().int().min(2);

/** Glue's own retries of a failed job run: a few at most, since each re-reads its input. */
export const glueJobMaxRetriesRule = z.number().int().min(0).max(10);

/** Days before S3 may move an object to Standard-IA: at least 30. */
export const rawInfrequentAccessAfterDaysRule = z.number().int().min(30);

/** The shortest life a stage may give change batches: two weeks to notice and repair a failing warehouse load. */
export const MIN_CHANGE_BATCH_EXPIRATION_DAYS = 14;
export const changeBatchExpirationDaysRule = z.number().int().min(MIN_CHANGE_BATCH_EXPIRATION_DAYS);

/** Schedule expressions as EventBridge accepts them: `rate(...)` or a 6-field `cron(...)`. */
export const scheduleExpressionRule = z
  .string()
  .regex(/^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\((\S+ ){5}\S+\))$/, {
    message: 'expected rate(N unit) or cron(min hour day-of-month month day-of-week year)',
  });

/** Seconds EventBridge Pipes batches SQS messages before it starts the target: 1 to 300. */
export const landingBatchWindowSecondsRule = z.number().int().min(1).max(300);
