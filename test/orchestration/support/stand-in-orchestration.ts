import { Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as firehose from 'aws-cdk-lib/aws-kinesisfirehose';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { loadStageConfig } from '../../../lib/config/load-stage-config';
import type { StageConfig } from '../../../lib/config/stage-config';
import { DataLake } from '../../../lib/constructs/lake/data-lake';
import { LakeCatalog } from '../../../lib/constructs/lake/lake-catalog';
import { OrchestrationStack } from '../../../lib/stacks/orchestration-stack';
import { newTestApp } from '../../support/pipeline-app';
import { ACCOUNT, REGION, STAND_IN } from './stand-in-pipeline';
import { stageNames } from '../../../lib/constructs/private/stage-names';

/** Names of the stand-ins for what other stacks build, as the alarms must name them. */
export const WATCHED = {
  landingBucketName: 'test-landing',
  functionName: 'test-forwarder',
  tableName: 'test-orders',
  streamName: 'test-order-changes',
  deliveryStreamName: 'test-order-change-delivery',
  deadLetterQueueName: 'test-failed-batches',
  rejectedRecordsMetric: { namespace: 'Test/Streaming', metricName: 'ChangesQuarantined', service: 'test-forwarder' },
} as const;

/** The Orchestration stack of the dev stage, wired to a stand-in lake and to stand-ins imported by name for the rest. */
export function standInOrchestration(config: StageConfig = loadStageConfig('dev')): { stack: OrchestrationStack; config: StageConfig } {
  const app = newTestApp();
  const env = { account: ACCOUNT, region: REGION };
  const others = new Stack(app, 'Others', { env });
  const lake = new DataLake(others, 'Lake');
  const catalog = new LakeCatalog(others, 'Catalog', { lake, names: stageNames('test') });
  const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
  const forwarder = lambda.Function.fromFunctionArn(others, 'Forwarder', arn('lambda', `function:${WATCHED.functionName}`));
  const stack = new OrchestrationStack(app, 'Orchestration', {
    env,
    config,
    namePrefix: 'ecommerce-dev',
    landingBucket: s3.Bucket.fromBucketName(others, 'Landing', WATCHED.landingBucketName),
    etl: {
      crawlerNames: STAND_IN.crawlerNames,
      landingToRawJobName: STAND_IN.landingToRawJobName,
      rawToCuratedJobName: STAND_IN.rawToCuratedJobName,
      dataQualityChecks: STAND_IN.dataQualityChecks,
    },
    curatedZone: lake.curated,
    catalog,
    curatedDatabase: catalog.curatedDatabase,
    warehouseLoad: {
      warehouse: { clusterIdentifier: STAND_IN.clusterIdentifier },
      warehouseArn: arn('redshift', `cluster:${STAND_IN.clusterIdentifier}`),
      databaseName: STAND_IN.databaseName,
      secret: secretsmanager.Secret.fromSecretCompleteArn(others, 'Secret', STAND_IN.secretArn),
      settings: STAND_IN.loadSettings,
    },
    watched: {
      functions: [forwarder],
      rejectedRecords: [{
        producer: forwarder,
        metric: new cloudwatch.Metric({
          namespace: WATCHED.rejectedRecordsMetric.namespace,
          metricName: WATCHED.rejectedRecordsMetric.metricName,
          dimensionsMap: { service: WATCHED.rejectedRecordsMetric.service },
        }),
        keptIn: 'the test quarantine',
      }],
      tableStreams: [{ table: dynamodb.Table.fromTableName(others, 'Orders', WATCHED.tableName), consumer: forwarder }],
      kinesisStreams: [kinesis.Stream.fromStreamArn(others, 'OrderChanges', arn('kinesis', `stream/${WATCHED.streamName}`))],
      deliveryStreams: [firehose.DeliveryStream.fromDeliveryStreamName(others, 'OrderChangeDelivery', WATCHED.deliveryStreamName)],
      deadLetterQueues: [sqs.Queue.fromQueueArn(others, 'FailedBatches', arn('sqs', WATCHED.deadLetterQueueName))],
      warehouse: { kind: 'provisioned', clusterIdentifier: STAND_IN.clusterIdentifier },
    },
  });
  return { stack, config };
}
