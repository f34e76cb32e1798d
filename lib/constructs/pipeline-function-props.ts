import type { Duration } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { DataRetention } from './data-retention';

export interface PipelineFunctionProps {
  /** The handler module (TypeScript), exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  /** Powertools service name: the `service` field of every log line and the metrics dimension. */
  readonly serviceName: string;
  /** CloudWatch namespace of the function's custom metrics. @default - none: the function emits no custom metrics */
  readonly metricsNamespace?: string;
  /** How long the function's logs are kept. */
  readonly logRetention: logs.RetentionDays;
  /** Whether the log group outlives the stack. @default DEFAULT_DATA_RETENTION ('retain') */
  readonly retention?: DataRetention;
  /** @default DEFAULT_FUNCTION_TIMEOUT (1 minute) */
  readonly timeout?: Duration;
  /** @default DEFAULT_FUNCTION_MEMORY_MIB (512) */
  readonly memorySize?: number;
  /** Upper bound of concurrent executions, so a burst cannot starve the account. @default DEFAULT_RESERVED_CONCURRENCY (5) */
  readonly reservedConcurrency?: number;
  /** Extra environment variables. @default - none */
  readonly environment?: Readonly<Record<string, string>>;
}
