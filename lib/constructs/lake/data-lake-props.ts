import type { Duration } from 'aws-cdk-lib';
import type { DataRetention } from '../private/data-retention';

export interface DataLakeProps {
  /** Age at which landing-zone objects expire (the raw zone keeps the data). @default DEFAULT_LANDING_EXPIRATION */
  readonly landingExpiration?: Duration;
  /** Age at which raw-zone objects move to Standard-IA. @default DEFAULT_RAW_INFREQUENT_ACCESS_AFTER */
  readonly rawInfrequentAccessAfter?: Duration;
  /** Age at which raw-zone objects move to Glacier Instant Retrieval. @default DEFAULT_RAW_GLACIER_AFTER */
  readonly rawGlacierAfter?: Duration;
  /**
   * Age at which the curated zone's change batches (`changes/`) expire. The warehouse load reads the batches after its
   * high-water mark, so a batch must outlive the longest the load can stay broken. @default DEFAULT_CHANGE_BATCH_EXPIRATION
   */
  readonly changeBatchExpiration?: Duration;
  /** Age at which quarantined records expire. @default DEFAULT_QUARANTINE_EXPIRATION */
  readonly quarantineExpiration?: Duration;
  /** Age at which noncurrent versions expire in every zone. @default DEFAULT_NONCURRENT_VERSION_EXPIRATION */
  readonly noncurrentVersionExpiration?: Duration;
  /** Age at which server access logs expire. @default DEFAULT_ACCESS_LOG_EXPIRATION */
  readonly accessLogExpiration?: Duration;
  /** Age at which Athena query results expire. @default DEFAULT_QUERY_RESULTS_EXPIRATION */
  readonly queryResultsExpiration?: Duration;
  /** What happens to the data, and its key, when the stack is deleted. @default DEFAULT_DATA_RETENTION ('retain') */
  readonly retention?: DataRetention;
}
