import type * as logs from 'aws-cdk-lib/aws-logs';
import type { DataRetention } from './data-retention';

export interface EncryptedLogGroupProps {
  /** The log group's name: its key encrypts this log group and no other. */
  readonly logGroupName: string;
  /** How long the logs are kept. */
  readonly logRetention: logs.RetentionDays;
  /** Whether the log group and its key outlive the stack. @default DEFAULT_DATA_RETENTION ('retain') */
  readonly retention?: DataRetention;
}
