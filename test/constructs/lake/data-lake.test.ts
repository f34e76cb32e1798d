import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import {
  DataLake, DEFAULT_ACCESS_LOG_EXPIRATION, DEFAULT_CHANGE_BATCH_EXPIRATION, DEFAULT_LANDING_EXPIRATION, DEFAULT_QUARANTINE_EXPIRATION, DEFAULT_QUERY_RESULTS_EXPIRATION,
  DEFAULT_RAW_GLACIER_AFTER, DEFAULT_RAW_INFREQUENT_ACCESS_AFTER,
} from '../../../lib/constructs/lake/data-lake';
import { ABORT_INCOMPLETE_MULTIPART_UPLOAD_AFTER, DEFAULT_NONCURRENT_VERSION_EXPIRATION } from '../../../lib/constructs/lake/lake-zone';
import { newTestStack, stagePipeline } from '../../support/pipeline-app';

const prod = stagePipeline('prod');
const dev = stagePipeline('dev');

function bucketResource(pipeline: typeof prod, bucket: s3.IBucket): { Properties: any; DeletionPolicy?: string } {
  const stack = Stack.of(bucket);
  const logicalId = stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
  return pipeline.template('lake').toJSON().Resources[logicalId];
}

const zonesOf = (pipeline: typeof prod) => {
  const lake = pipeline.stacks.lake.lake;
  return { landing: lake.landing, raw: lake.raw, curated: lake.curated, quarantine: lake.quarantine, queryResults: lake.queryResults };
};
const ZONES = Object.keys(zonesOf(prod)) as Array<keyof ReturnType<typeof zonesOf>>;

describe.each(ZONES)('the %s zone', (zone) => {
  const lake = prod.stacks.lake.lake;
  const stack = prod.stacks.lake;
  const bucket = zonesOf(prod)[zone].bucket;
  const props = () => bucketResource(prod, bucket).Properties;

  test('encrypts every object with the lake key (SSE-KMS) and an S3 bucket key', () => {
    expect(props().BucketEncryption.ServerSideEncryptionConfiguration).toEqual([{
      BucketKeyEnabled: true,
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: stack.resolve(lake.key.keyArn) },
    }]);
  });

  test('blocks all public access', () => {
    expect(props().PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true,
    });
  });

  test('keeps every version of every object', () => {
    expect(props().VersioningConfiguration).toEqual({ Status: 'Enabled' });
  });

  test('sends its events to EventBridge, on the bucket itself (no custom resource)', () => {
    expect(props().NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
  });

  test('logs access into the access-log bucket under its own prefix', () => {
    expect(props().LoggingConfiguration).toEqual({
      DestinationBucketName: stack.resolve(lake.accessLogs.bucketName),
      LogFilePrefix: `${zone === 'queryResults' ? 'query-results' : zone}/`,
    });
  });

  test('refuses requests without TLS 1.2', () => {
    prod.template('lake').hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: stack.resolve(bucket.bucketName),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ]),
      },
    });
  });

  test('aborts incomplete multipart uploads and expires noncurrent versions after the configured days', () => {
    expect(props().LifecycleConfiguration.Rules).toEqual(expect.arrayContaining([
      expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
      expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: prod.config.lake.noncurrentVersionExpirationDays } }),
    ]));
  });

  test('is retained with its data when the prod stack is deleted', () => {
    expect(bucketResource(prod, bucket).DeletionPolicy).toBe('Retain');
  });

  test('is deleted with its objects in dev', () => {
    const devBucket = zonesOf(dev)[zone].bucket;
    expect(bucketResource(dev, devBucket).DeletionPolicy).toBe('Delete');
    dev.template('lake').hasResourceProperties('Custom::S3AutoDeleteObjects', { BucketName: dev.stacks.lake.resolve(devBucket.bucketName) });
  });
});

describe('zone lifecycles follow the stage configuration', () => {
  const lake = prod.stacks.lake.lake;
  const cfg = prod.config.lake;
  const currentVersionRule = (bucket: s3.IBucket) =>
    bucketResource(prod, bucket).Properties.LifecycleConfiguration.Rules.find((r: any) => r.Id === 'current-versions');

  test('landing objects expire after landingExpirationDays', () => {
    expect(currentVersionRule(lake.landing.bucket)).toMatchObject({ ExpirationInDays: cfg.landingExpirationDays, Status: 'Enabled' });
  });

  test('raw objects move to Standard-IA, then Glacier Instant Retrieval, and never expire', () => {
    const rule = currentVersionRule(lake.raw.bucket);
    expect(rule.Transitions).toEqual([
      { StorageClass: 'STANDARD_IA', TransitionInDays: cfg.rawInfrequentAccessAfterDays },
      { StorageClass: 'GLACIER_IR', TransitionInDays: cfg.rawGlacierAfterDays },
    ]);
    expect(rule.ExpirationInDays).toBeUndefined();
  });

  test('curated tables never expire: the zone has no rule for all its objects', () => {
    expect(currentVersionRule(lake.curated.bucket)).toBeUndefined();
  });

  test('change batches expire after 90 days in prod (the default) and 30 in dev, only under changes/', () => {
    const batchRule = (pipeline: typeof prod) => bucketResource(pipeline, pipeline.stacks.lake.lake.curated.bucket)
      .Properties.LifecycleConfiguration.Rules.find((r: any) => r.Id === 'expire-change-batches');
    expect(batchRule(prod)).toEqual({ Id: 'expire-change-batches', Prefix: 'changes/', ExpirationInDays: 90, Status: 'Enabled' });
    expect(batchRule(dev)).toEqual({ Id: 'expire-change-batches', Prefix: 'changes/', ExpirationInDays: 30, Status: 'Enabled' });
  });

  test('quarantined records expire after quarantineExpirationDays', () => {
    expect(currentVersionRule(lake.quarantine.bucket)).toMatchObject({ ExpirationInDays: cfg.quarantineExpirationDays });
  });
});

test('no bucket needs a notifications custom resource (and its Lambda)', () => {
  prod.template('lake').resourceCountIs('Custom::S3BucketNotifications', 0);
});

describe('the access-log bucket', () => {
  const lake = prod.stacks.lake.lake;
  const props = () => bucketResource(prod, lake.accessLogs).Properties;

  test('sends its events to EventBridge', () => {
    expect(props().NotificationConfiguration).toEqual({ EventBridgeConfiguration: { EventBridgeEnabled: true } });
  });

  test('uses SSE-S3, the only encryption S3 log delivery supports', () => {
    expect(props().BucketEncryption.ServerSideEncryptionConfiguration).toEqual([
      { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
    ]);
  });

  test('blocks public access, keeps versions and expires logs after accessLogExpirationDays', () => {
    expect(props().PublicAccessBlockConfiguration.BlockPublicPolicy).toBe(true);
    expect(props().VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(props().LifecycleConfiguration.Rules).toEqual([expect.objectContaining({
      ExpirationInDays: prod.config.lake.accessLogExpirationDays,
    })]);
  });

  test('accepts log delivery from the logging service only, over TLS', () => {
    prod.template('lake').hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: prod.stacks.lake.resolve(lake.accessLogs.bucketName),
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Allow', Action: 's3:PutObject', Principal: { Service: 'logging.s3.amazonaws.com' } }),
        ]),
      },
    });
  });
});

describe('the lake key', () => {
  test('rotates yearly and is retained in prod', () => {
    const logicalId = prod.stacks.lake.getLogicalId(prod.stacks.lake.lake.key.node.defaultChild as any);
    const key = prod.template('lake').toJSON().Resources[logicalId];
    expect(key.Properties.EnableKeyRotation).toBe(true);
    expect(key.DeletionPolicy).toBe('Retain');
  });

  test('is scheduled for deletion with the dev stack', () => {
    const logicalId = dev.stacks.lake.getLogicalId(dev.stacks.lake.lake.key.node.defaultChild as any);
    expect(dev.template('lake').toJSON().Resources[logicalId].DeletionPolicy).toBe('Delete');
  });
});

describe('zone grants name exact actions and a prefix', () => {
  const stack = newTestStack();
  const lake = new DataLake(stack, 'Lake');
  const reader = new iam.Role(stack, 'Reader', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') });
  const writer = new iam.Role(stack, 'Writer', { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com') });
  lake.curated.grantRead(reader, 'orders/');
  lake.raw.grantWrite(writer, 'order_changes/');
  const template = Template.fromStack(stack);
  const statementsOf = (role: iam.Role) => {
    const policy = Object.values(template.findResources('AWS::IAM::Policy')).find((p: any) =>
      p.Properties.Roles.some((r: any) => r.Ref === stack.getLogicalId(role.node.defaultChild as iam.CfnRole)));
    return (policy as any).Properties.PolicyDocument.Statement;
  };

  test('a reader may list and get objects under its prefix and decrypt, nothing else', () => {
    expect(statementsOf(reader)).toEqual([
      // GetBucketLocation requests carry no s3:prefix: a prefix condition would deny them.
      { Effect: 'Allow', Action: 's3:GetBucketLocation', Resource: stack.resolve(lake.curated.bucket.bucketArn) },
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: stack.resolve(lake.curated.bucket.bucketArn),
        Condition: { StringLike: { 's3:prefix': ['orders/*'] } } },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: stack.resolve(lake.key.keyArn) },
      { Effect: 'Allow', Action: 's3:GetObject', Resource: stack.resolve(lake.curated.bucket.arnForObjects('orders/*')) },
    ]);
  });

  test('a writer may put objects under its prefix and encrypt, but not read or delete', () => {
    expect(statementsOf(writer)).toEqual([
      { Effect: 'Allow', Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: stack.resolve(lake.key.keyArn) },
      { Effect: 'Allow', Action: ['s3:AbortMultipartUpload', 's3:PutObject'], Resource: stack.resolve(lake.raw.bucket.arnForObjects('order_changes/*')) },
    ]);
  });
});

describe('a DataLake without props', () => {
  const stack = newTestStack();
  const lake = new DataLake(stack, 'Lake');
  const template = Template.fromStack(stack);
  const rulesOf = (bucket: s3.IBucket) =>
    template.toJSON().Resources[stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)].Properties.LifecycleConfiguration.Rules;
  const currentVersions = (bucket: s3.IBucket) => rulesOf(bucket).find((r: any) => r.Id === 'current-versions');

  test('keeps its data: buckets and key are retained', () => {
    template.allResources('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
    template.allResources('AWS::KMS::Key', { DeletionPolicy: 'Retain' });
  });

  // The promised values, written out: changing a default is a decision a test must be changed for.
  test('landing files expire after 30 days: a month to replay a day from its source files', () => {
    expect(currentVersions(lake.landing.bucket).ExpirationInDays).toBe(30);
    expect(DEFAULT_LANDING_EXPIRATION.toDays()).toBe(30);
  });

  test('raw history moves to Standard-IA after 30 days (the least S3 allows) and to Glacier Instant Retrieval after 180', () => {
    expect(currentVersions(lake.raw.bucket).Transitions).toEqual([
      { StorageClass: 'STANDARD_IA', TransitionInDays: 30 },
      { StorageClass: 'GLACIER_IR', TransitionInDays: 180 },
    ]);
    expect([DEFAULT_RAW_INFREQUENT_ACCESS_AFTER.toDays(), DEFAULT_RAW_GLACIER_AFTER.toDays()]).toEqual([30, 180]);
  });

  test('quarantined records are kept 90 days: a quarter to find, fix and replay them before they are gone', () => {
    expect(currentVersions(lake.quarantine.bucket).ExpirationInDays).toBe(90);
    expect(DEFAULT_QUARANTINE_EXPIRATION.toDays()).toBe(90);
  });

  test('Athena results expire after 30 days, access logs after a year (an audit looks back a year)', () => {
    expect(currentVersions(lake.queryResults.bucket).ExpirationInDays).toBe(30);
    expect(rulesOf(lake.accessLogs)[0].ExpirationInDays).toBe(365);
    expect([DEFAULT_QUERY_RESULTS_EXPIRATION.toDays(), DEFAULT_ACCESS_LOG_EXPIRATION.toDays()]).toEqual([30, 365]);
  });

  test('change batches expire after 90 days: three months to replay a load from them', () => {
    expect(rulesOf(lake.curated.bucket).find((r: any) => r.Id === 'expire-change-batches').ExpirationInDays).toBe(90);
    expect(DEFAULT_CHANGE_BATCH_EXPIRATION.toDays()).toBe(90);
  });

  test('an overwritten or deleted object can be restored for 30 days, and an abandoned multipart upload is cleaned up after 1', () => {
    expect(rulesOf(lake.curated.bucket)).toEqual(expect.arrayContaining([
      expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 30 } }),
      expect.objectContaining({ AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
    ]));
    expect([DEFAULT_NONCURRENT_VERSION_EXPIRATION.toDays(), ABORT_INCOMPLETE_MULTIPART_UPLOAD_AFTER.toDays()]).toEqual([30, 1]);
  });
});
