import type { Duration } from 'aws-cdk-lib';
import type * as logs from 'aws-cdk-lib/aws-logs';
import type { DataRetention } from './data-retention';

export interface PipelineFunctionProps {
  /** The handler module (TypeScript), exporting `handler`. */
  readonly entry: string;
  readonly description: string;
  /** Powertools service name: the `service` field of every log line, the metrics dimension, the log group's last part. */
  readonly serviceName: string;
  /** CloudWatch namespace of the function's custom metrics. @default - none: the function emits no custom metrics */
  readonly metricsNamespace?: string;
  /** How long the function's logs are kept. */
  readonly logRetention: logs.RetentionDays;
  /** Whether the log group and its key outlive the stack. @default DEFAULT_DATA_RETENTION ('retain') */
  readonly retention?: DataRetention;
  /** @default DEFAULT_FUNCTION_TIMEOUT (1 minute) */
  readonly timeout?: Duration;
  /** @default DEFAULT_FUNCTION_MEMORY_MIB (512) */
  readonly memorySize?: number;
  /**
   * Concurrent executions reserved for the function (and its upper bound). Lambda keeps 100 of the account's quota
   * unreserved, so every reservation needs that much quota above it. @default - none: the function shares the account's pool
   */
  readonly reservedConcurrency?: number;
  /** Extra environment variables. @default - none */
  readonly environment?: Readonly<Record<string, string>>;
}
