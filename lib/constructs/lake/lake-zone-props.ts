import type { Duration } from 'aws-cdk-lib';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type { DataRetention } from '../private/data-retention';

export interface LakeZoneProps {
  /** Short name of the zone (`landing`, `raw`, ...): the access-log prefix and the bucket's purpose. */
  readonly zoneName: string;
  /** Customer-managed key that encrypts every object (SSE-KMS with an S3 bucket key). */
  readonly encryptionKey: kms.IKey;
  /** Bucket that receives this bucket's server access logs. */
  readonly accessLogsBucket: s3.IBucket;
  /** Days after which current objects expire. @default - they never expire */
  readonly expiration?: Duration;
  /** Storage-class transitions of current objects. @default - none */
  readonly transitions?: s3.Transition[];
  /** Age at which noncurrent versions expire. @default DEFAULT_NONCURRENT_VERSION_EXPIRATION */
  readonly noncurrentVersionExpiration?: Duration;
  /** What happens to the data when the stack is deleted. @default DEFAULT_DATA_RETENTION ('retain') */
  readonly retention?: DataRetention;
}
