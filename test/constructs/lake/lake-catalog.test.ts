import { Match } from 'aws-cdk-lib/assertions';
import {
  ATHENA_ENGINE_VERSION, ATHENA_RESULTS_PREFIX, DEFAULT_BYTES_SCANNED_CUTOFF_PER_QUERY,
} from '../../../lib/constructs/lake/lake-catalog';
import { LOG_GROUP_KEY_ACTIONS } from '../../../lib/constructs/private/log-encryption';
import { stagePipeline } from '../../support/pipeline-app';

const prod = stagePipeline('prod');
const stack = prod.stacks.lake;
const { lake, catalog } = stack;
const template = () => prod.template('lake');

describe('Glue databases', () => {
  test.each([
    ['landing', () => lake.landing.bucket.bucketName],
    ['raw', () => lake.raw.bucket.bucketName],
    ['curated', () => lake.curated.bucket.bucketName],
  ])('the %s zone has a database named for the stage, located at its bucket', (zone, bucketName) => {
    template().hasResourceProperties('AWS::Glue::Database', {
      DatabaseInput: {
        Name: `ecommerce_prod_${zone}`,
        LocationUri: { 'Fn::Join': ['', ['s3://', stack.resolve(bucketName()), '/']] },
      },
    });
  });
});

describe('the Glue security configuration every crawler and job uses', () => {
  test('encrypts S3 output with the lake key, logs and bookmarks with the Glue key', () => {
    template().hasResourceProperties('AWS::Glue::SecurityConfiguration', {
      Name: 'ecommerce_prod_glue',
      EncryptionConfiguration: {
        S3Encryptions: [{ S3EncryptionMode: 'SSE-KMS', KmsKeyArn: stack.resolve(lake.key.keyArn) }],
        CloudWatchEncryption: { CloudWatchEncryptionMode: 'SSE-KMS', KmsKeyArn: stack.resolve(catalog.glueKey.keyArn) },
        JobBookmarksEncryption: { JobBookmarksEncryptionMode: 'CSE-KMS', KmsKeyArn: stack.resolve(catalog.glueKey.keyArn) },
      },
    });
  });

  test('its key rotates and lets CloudWatch Logs use it, with exact actions, only for Glue\'s log groups', () => {
    template().hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
          Action: [...LOG_GROUP_KEY_ACTIONS].sort(),
          Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': {
            'Fn::Join': ['', ['arn:aws:logs:eu-west-1:', { Ref: 'AWS::AccountId' }, ':log-group:/aws-glue/*']],
          } } },
        })]),
      },
    });
  });
});

describe('the Athena workgroup', () => {
  const config = () => template().findResources('AWS::Athena::WorkGroup');

  test('enforces its settings so analysts cannot write unencrypted results elsewhere', () => {
    template().hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'ecommerce-prod-analytics',
      WorkGroupConfiguration: Match.objectLike({
        EnforceWorkGroupConfiguration: true,
        ResultConfiguration: {
          OutputLocation: { 'Fn::Join': ['', ['s3://', stack.resolve(lake.queryResults.bucket.bucketName), `/${ATHENA_RESULTS_PREFIX}`]] },
          ExpectedBucketOwner: stack.resolve(stack.account),
          EncryptionConfiguration: { EncryptionOption: 'SSE_KMS', KmsKey: stack.resolve(lake.key.keyArn) },
        },
      }),
    });
  });

  test('runs engine version 3, publishes metrics and stops a query after 10 GiB scanned (about $0.05)', () => {
    template().hasResourceProperties('AWS::Athena::WorkGroup', {
      WorkGroupConfiguration: Match.objectLike({
        EngineVersion: { SelectedEngineVersion: ATHENA_ENGINE_VERSION },
        PublishCloudWatchMetricsEnabled: true,
        BytesScannedCutoffPerQuery: 10 * 1024 ** 3,
      }),
    });
    expect(DEFAULT_BYTES_SCANNED_CUTOFF_PER_QUERY).toBe(10 * 1024 ** 3);
  });

  test('keeps its saved queries when the prod stack is deleted', () => {
    expect(Object.values(config())[0]).toMatchObject({ Properties: { RecursiveDeleteOption: false } });
  });
});
