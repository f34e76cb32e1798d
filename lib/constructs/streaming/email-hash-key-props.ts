import type * as kms from 'aws-cdk-lib/aws-kms';
import type { DataRetention } from '../private/data-retention';

export interface EmailHashKeyProps {
  /** Encrypts the secret. */
  readonly encryptionKey: kms.IKey;
  /** Whether the key outlives the stack (losing it changes every hash). @default DEFAULT_DATA_RETENTION ('retain') */
  readonly retention?: DataRetention;
}
