import type { Duration } from 'aws-cdk-lib';
import type * as glue from 'aws-cdk-lib/aws-glue';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { DataLake } from '../lake/data-lake';
import type { DataRetention } from '../private/data-retention';
import type { LakeCatalog } from '../lake/lake-catalog';

export interface EtlJobsProps {
  /** The lake the jobs read and write. */
  readonly lake: DataLake;
  /** The catalog: its security configuration, Glue key and curated database. */
  readonly catalog: LakeCatalog;
  /** The HMAC key of customer e-mails (EmailHashKey), so curated `email_hash` equals the CDC `customer_email_hash`. */
  readonly emailHashKey: secretsmanager.ISecret;
  /** Prefix of the job names, unique per account and region (e.g. `ecommerce_dev`). */
  readonly namePrefix: string;
  /** Glue worker type. @default DEFAULT_WORKER_TYPE (G.1X) */
  readonly workerType?: glue.WorkerType;
  /** Upper bound of workers; auto scaling uses as many as the work needs. @default DEFAULT_MAX_WORKERS (10) */
  readonly maxWorkers?: number;
  /** Run with Flex execution (spare capacity: cheaper, may start later). @default false */
  readonly flexExecution?: boolean;
  /** Glue's own retries of a failed run. @default DEFAULT_MAX_RETRIES (0) */
  readonly maxRetries?: number;
  /** Time after which Glue stops a run. @default DEFAULT_JOB_TIMEOUT (1 hour) */
  readonly timeout?: Duration;
  /** How long the jobs' continuous logs are kept. @default DEFAULT_JOB_LOG_RETENTION (one month) */
  readonly logRetention?: logs.RetentionDays;
  /** What happens to the job log group when the stack is deleted. @default DEFAULT_DATA_RETENTION ('retain') */
  readonly retention?: DataRetention;
}
