import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from '../private/wildcard-acknowledgement';
import { sendBucketEventsToEventBridge } from './bucket-events';
import { waiveControl } from '../private/control-tower-waiver';
import { autoDeleteObjectsFor, DEFAULT_DATA_RETENTION, removalPolicyFor } from '../private/data-retention';
import type { LakeZoneProps } from './lake-zone-props';

export const DEFAULT_NONCURRENT_VERSION_EXPIRATION = Duration.days(30);
export const ABORT_INCOMPLETE_MULTIPART_UPLOAD_AFTER = Duration.days(1);

const READ_ACTIONS = ['s3:GetObject'];
const WRITE_ACTIONS = ['s3:PutObject', 's3:AbortMultipartUpload'];
const DELETE_ACTIONS = ['s3:DeleteObject'];

/**
 * One zone of the data lake: a bucket whose security settings cannot be turned off (SSE-KMS with a bucket key,
 * Block Public Access, TLS only, versioning, access logging, abort of incomplete uploads, events to EventBridge), with
 * the zone's lifecycle.
 * Other constructs get access only through the `grant…` methods, which name exact actions and a key prefix.
 */
export class LakeZone extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly encryptionKey: kms.IKey;
  private readonly zoneName: string;

  constructor(scope: Construct, id: string, props: LakeZoneProps) {
    super(scope, id);
    const retention = props.retention ?? DEFAULT_DATA_RETENTION;
    this.encryptionKey = props.encryptionKey;
    this.zoneName = props.zoneName;
    this.bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.encryptionKey,
      bucketKeyEnabled: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      serverAccessLogsBucket: props.accessLogsBucket,
      serverAccessLogsPrefix: `${props.zoneName}/`,
      removalPolicy: removalPolicyFor(retention),
      autoDeleteObjects: autoDeleteObjectsFor(retention),
      lifecycleRules: [
        {
          id: 'abort-incomplete-multipart-uploads',
          abortIncompleteMultipartUploadAfter: ABORT_INCOMPLETE_MULTIPART_UPLOAD_AFTER,
        },
        {
          id: 'expire-noncurrent-versions',
          noncurrentVersionExpiration: props.noncurrentVersionExpiration ?? DEFAULT_NONCURRENT_VERSION_EXPIRATION,
          expiredObjectDeleteMarker: true,
        },
        ...(props.expiration !== undefined || (props.transitions?.length ?? 0) > 0
          ? [{ id: 'current-versions', expiration: props.expiration, transitions: props.transitions }]
          : []),
      ],
    });
    sendBucketEventsToEventBridge(this.bucket);
    waiveControl(this.bucket, 's3_bucket_object_lock_enabled_check',
      'Object Lock would forbid what the lake relies on: lifecycle expiry of objects and noncurrent versions, curated partitions '
      + 'rewritten by a re-run, erasing a customer\'s data on request, emptying a throw-away stage on deletion. Versioning keeps '
      + 'overwritten and deleted objects for the noncurrent-version period instead.');
  }

  /** Lets `grantee` read objects under `prefix` and list that prefix. */
  public grantRead(grantee: iam.IGrantable, prefix = ''): iam.Grant {
    this.grantList(grantee, prefix);
    this.encryptionKey.grant(grantee, 'kms:Decrypt');
    return this.grantObjects(grantee, prefix, READ_ACTIONS);
  }

  /** Lets `grantee` write (not read or delete) objects under `prefix`. */
  public grantWrite(grantee: iam.IGrantable, prefix = ''): iam.Grant {
    // Multipart uploads with SSE-KMS need Decrypt as well as GenerateDataKey.
    this.encryptionKey.grant(grantee, 'kms:GenerateDataKey', 'kms:Decrypt');
    return this.grantObjects(grantee, prefix, WRITE_ACTIONS);
  }

  /** Lets `grantee` read, write and delete objects under `prefix` (jobs that overwrite their output). */
  public grantReadWrite(grantee: iam.IGrantable, prefix = ''): iam.Grant {
    this.grantList(grantee, prefix);
    this.encryptionKey.grant(grantee, 'kms:GenerateDataKey', 'kms:Decrypt');
    return this.grantObjects(grantee, prefix, [...READ_ACTIONS, ...WRITE_ACTIONS, ...DELETE_ACTIONS]);
  }

  /**
   * `grantReadWrite` on several prefixes at once, in as many statements as on one: a List whose `s3:prefix` condition
   * names every prefix, and one object statement listing each prefix's objects. A grant per prefix repeats its statements
   * per prefix, which overflows a role's policy size with a dozen prefixes.
   */
  public grantReadWritePrefixes(grantee: iam.IGrantable, prefixes: readonly string[]): iam.Grant {
    if (prefixes.length === 0 || prefixes.includes('')) throw new Error('grantReadWritePrefixes needs non-empty prefixes; use grantReadWrite for the whole zone');
    this.grantList(grantee, prefixes);
    this.encryptionKey.grant(grantee, 'kms:GenerateDataKey', 'kms:Decrypt');
    return this.grantObjects(grantee, prefixes, [...READ_ACTIONS, ...WRITE_ACTIONS, ...DELETE_ACTIONS]);
  }

  /**
   * Object keys are named at run time, so an object grant is a wildcard under each prefix: cdk-nag's IAM5 finding for
   * it is acknowledged here, once, on the grantee alone, since the actions are exact and the prefix is the boundary.
   */
  private grantObjects(grantee: iam.IGrantable, prefixes: string | readonly string[], actions: string[]): iam.Grant {
    const under = typeof prefixes === 'string' ? [prefixes] : prefixes;
    const objects = under.map((prefix) => this.bucket.arnForObjects(`${prefix}*`));
    const grant = iam.Grant.addToPrincipal({ grantee, actions, resourceArns: objects });
    const principal = grantee.grantPrincipal;
    if (Construct.isConstruct(principal)) {
      under.forEach((prefix, i) => acknowledgeWildcardResource(principal, objects[i],
        `${actions.join(', ')} on objects under "${prefix}" of the ${this.zoneName} zone only: object keys are named at run time.`));
    }
    return grant;
  }

  private grantList(grantee: iam.IGrantable, prefixes: string | readonly string[]): iam.Grant {
    const under = (typeof prefixes === 'string' ? [prefixes] : prefixes).filter((prefix) => prefix !== '');
    // GetBucketLocation requests carry no s3:prefix, so a prefix condition would deny them.
    iam.Grant.addToPrincipal({ grantee, actions: ['s3:GetBucketLocation'], resourceArns: [this.bucket.bucketArn] });
    return iam.Grant.addToPrincipal({
      grantee,
      actions: ['s3:ListBucket'],
      resourceArns: [this.bucket.bucketArn],
      conditions: under.length > 0 ? { StringLike: { 's3:prefix': under.map((prefix) => `${prefix}*`) } } : undefined,
    });
  }
}
