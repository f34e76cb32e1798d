import { Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CHANGES_PREFIX } from '../../etl/glue-job-plan';
import { sendBucketEventsToEventBridge } from './bucket-events';
import { waiveControl } from '../private/control-tower-waiver';
import { autoDeleteObjectsFor, DEFAULT_DATA_RETENTION, removalPolicyFor } from '../private/data-retention';
import type { DataLakeProps } from './data-lake-props';
import { limitGrantsToAwsResources } from '../private/key-grants';
import { DEFAULT_NONCURRENT_VERSION_EXPIRATION, LakeZone } from './lake-zone';
import { changeBatchExpirationDaysRule, positiveInt, rawInfrequentAccessAfterDaysRule } from '../../config/rules';
import { checkProp } from '../private/prop-checks';

export const DEFAULT_LANDING_EXPIRATION = Duration.days(30);
export const DEFAULT_RAW_INFREQUENT_ACCESS_AFTER = Duration.days(30);
export const DEFAULT_RAW_GLACIER_AFTER = Duration.days(180);
export const DEFAULT_QUARANTINE_EXPIRATION = Duration.days(90);
/**
 * Change batches are read once, by the first load after their run; a failing load raises the state machine's alarm on
 * its first night. Ninety days leaves a quarter to repair a broken load before a batch it has not applied goes (plus
 * the noncurrent-version period, during which a deleted batch can still be restored).
 */
export const DEFAULT_CHANGE_BATCH_EXPIRATION = Duration.days(90);
export const DEFAULT_ACCESS_LOG_EXPIRATION = Duration.days(365);
export const DEFAULT_QUERY_RESULTS_EXPIRATION = Duration.days(30);

/**
 * The data lake's storage: landing, raw, curated and quarantine zones, a bucket for Athena query results,
 * one customer-managed rotating key for all of them, and the bucket that receives their access logs.
 */
export class DataLake extends Construct {
  /** Encrypts every zone. */
  public readonly key: kms.Key;
  /** Server access logs of every zone (SSE-S3: the only encryption S3 log delivery supports); events to EventBridge. */
  public readonly accessLogs: s3.Bucket;
  /** Files as the sources deliver them; short-lived; its object-created events start the pipeline. */
  public readonly landing: LakeZone;
  /** Validated, immutable history (Parquet from landing, CDC records from Firehose). */
  public readonly raw: LakeZone;
  /** Clean, deduplicated, enriched tables for analytics and the warehouse. */
  public readonly curated: LakeZone;
  /** Rejected records with the reason. */
  public readonly quarantine: LakeZone;
  /** Athena query results. */
  public readonly queryResults: LakeZone;

  constructor(scope: Construct, id: string, props: DataLakeProps = {}) {
    super(scope, id);
    checkProp(this, 'landingExpiration (days)', props.landingExpiration?.toDays(), positiveInt);
    checkProp(this, 'rawInfrequentAccessAfter (days)', props.rawInfrequentAccessAfter?.toDays(), rawInfrequentAccessAfterDaysRule);
    checkProp(this, 'rawGlacierAfter (days)', props.rawGlacierAfter?.toDays(), positiveInt);
    checkProp(this, 'changeBatchExpiration (days)', props.changeBatchExpiration?.toDays(), changeBatchExpirationDaysRule);
    checkProp(this, 'quarantineExpiration (days)', props.quarantineExpiration?.toDays(), positiveInt);
    checkProp(this, 'noncurrentVersionExpiration (days)', props.noncurrentVersionExpiration?.toDays(), positiveInt);
    checkProp(this, 'accessLogExpiration (days)', props.accessLogExpiration?.toDays(), positiveInt);
    checkProp(this, 'queryResultsExpiration (days)', props.queryResultsExpiration?.toDays(), positiveInt);
    const retention = props.retention ?? DEFAULT_DATA_RETENTION;
    const noncurrentVersionExpiration = props.noncurrentVersionExpiration ?? DEFAULT_NONCURRENT_VERSION_EXPIRATION;

    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the data lake zones',
      enableKeyRotation: true,
      removalPolicy: removalPolicyFor(retention),
    });
    limitGrantsToAwsResources(this.key);

    this.accessLogs = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      removalPolicy: removalPolicyFor(retention),
      autoDeleteObjects: autoDeleteObjectsFor(retention),
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          expiration: props.accessLogExpiration ?? DEFAULT_ACCESS_LOG_EXPIRATION,
          noncurrentVersionExpiration,
        },
      ],
    });
    sendBucketEventsToEventBridge(this.accessLogs);
    waiveControl(this.accessLogs, 's3_bucket_default_encryption_kms_check',
      'S3 delivers server access logs only to a bucket with SSE-S3 default encryption, never SSE-KMS.');
    waiveControl(this.accessLogs, 's3_bucket_logging_enabled_check',
      'The access-log bucket itself: logging its own writes would log every log delivery, without end.');
    waiveControl(this.accessLogs, 's3_bucket_object_lock_enabled_check',
      'Object Lock would keep access logs past their lifecycle expiry, and keep a throw-away stage from emptying the bucket on deletion.');

    const zone = (zoneId: string, zoneName: string, extra: Partial<ConstructorParameters<typeof LakeZone>[2]> = {}) =>
      new LakeZone(this, zoneId, {
        zoneName,
        encryptionKey: this.key,
        accessLogsBucket: this.accessLogs,
        noncurrentVersionExpiration,
        retention,
        ...extra,
      });

    this.landing = zone('Landing', 'landing', {
      expiration: props.landingExpiration ?? DEFAULT_LANDING_EXPIRATION,
    });
    this.raw = zone('Raw', 'raw', {
      transitions: [
        {
          storageClass: s3.StorageClass.INFREQUENT_ACCESS,
          transitionAfter: props.rawInfrequentAccessAfter ?? DEFAULT_RAW_INFREQUENT_ACCESS_AFTER,
        },
        {
          storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL,
          transitionAfter: props.rawGlacierAfter ?? DEFAULT_RAW_GLACIER_AFTER,
        },
      ],
    });
    this.curated = zone('Curated', 'curated');
    // Only the change batches: the Iceberg tables and the job's ledger of merged raw files are the curated state.
    this.curated.bucket.addLifecycleRule({
      id: 'expire-change-batches',
      prefix: `${CHANGES_PREFIX}/`,
      expiration: props.changeBatchExpiration ?? DEFAULT_CHANGE_BATCH_EXPIRATION,
    });
    this.quarantine = zone('Quarantine', 'quarantine', {
      expiration: props.quarantineExpiration ?? DEFAULT_QUARANTINE_EXPIRATION,
    });
    this.queryResults = zone('QueryResults', 'query-results', {
      expiration: props.queryResultsExpiration ?? DEFAULT_QUERY_RESULTS_EXPIRATION,
    });
  }
}
