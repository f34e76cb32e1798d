import { Aws, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  BatchPipelineStateMachine, type BatchPipelineStateMachineProps, type WarehouseLoad,
} from '../../../lib/constructs/orchestration/batch-pipeline-state-machine';
import { PipelineAlerts } from '../../../lib/constructs/orchestration/pipeline-alerts';
import { newTestApp } from '../../support/pipeline-app';

export const ACCOUNT = '123456789012';
export const REGION = 'eu-west-1';

/** What the stand-in pipeline orchestrates: small, fixed names that tests can assert on. */
export const STAND_IN = {
  stateMachineName: 'test-batch-pipeline',
  crawlerNames: ['test-landing-crawler', 'test-raw-crawler'],
  landingToRawJobName: 'test-landing-to-raw',
  rawToCuratedJobName: 'test-raw-to-curated',
  jobTimeout: Duration.minutes(30),
  dataQualityChecks: [
    { rulesetName: 'test-orders-rules', databaseName: 'test_curated', tableName: 'orders' },
    {
      rulesetName: 'test-order-lines-rules',
      databaseName: 'test_curated',
      tableName: 'order_lines',
      referencedTables: { orders: { databaseName: 'test_curated', tableName: 'orders' } },
    },
  ],
  clusterIdentifier: 'test-warehouse',
  databaseName: 'analytics',
  secretArn: `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:test-warehouse-admin-AbCdEf`,
  dataQualityRoleArn: `arn:aws:iam::${ACCOUNT}:role/test-data-quality`,
  loadSettings: {
    curatedDatabaseName: 'test_curated',
    // A value known only at deployment, as the real lake role is: it must survive the templating.
    lakeRoleArn: `arn:aws:iam::${Aws.ACCOUNT_ID}:role/test-lake`,
  },
  /** The lake role as an execution sees it, once deployed. */
  deployedLakeRoleArn: `arn:aws:iam::${ACCOUNT}:role/test-lake`,
} as const;

export interface StandInPipeline {
  readonly stack: Stack;
  readonly alerts: PipelineAlerts;
  readonly pipeline: BatchPipelineStateMachine;
}

/** A stack holding the state machine, its alerts topic and stand-ins (imported by ARN) for what it orchestrates. */
export function standInPipeline(
  overrides: Partial<BatchPipelineStateMachineProps> = {},
  warehouse: Pick<WarehouseLoad, 'warehouse' | 'warehouseArn'> = {
    warehouse: { clusterIdentifier: STAND_IN.clusterIdentifier },
    warehouseArn: `arn:aws:redshift:${REGION}:${ACCOUNT}:cluster:${STAND_IN.clusterIdentifier}`,
  },
): StandInPipeline {
  const stack = new Stack(newTestApp(), 'StandIn', { env: { account: ACCOUNT, region: REGION } });
  const alerts = new PipelineAlerts(stack, 'Alerts', { email: 'oncall@example.com' });
  const pipeline = new BatchPipelineStateMachine(stack, 'BatchPipeline', {
    stateMachineName: STAND_IN.stateMachineName,
    crawlerNames: STAND_IN.crawlerNames,
    landingToRawJobName: STAND_IN.landingToRawJobName,
    rawToCuratedJobName: STAND_IN.rawToCuratedJobName,
    jobTimeout: STAND_IN.jobTimeout,
    dataQualityChecks: STAND_IN.dataQualityChecks,
    dataQualityRole: iam.Role.fromRoleArn(stack, 'DataQualityRole', STAND_IN.dataQualityRoleArn, { mutable: false }),
    warehouseLoad: {
      ...warehouse,
      databaseName: STAND_IN.databaseName,
      secret: secretsmanager.Secret.fromSecretCompleteArn(stack, 'WarehouseSecret', STAND_IN.secretArn),
      settings: STAND_IN.loadSettings,
    },
    alertsTopic: alerts.topic,
    ...overrides,
  });
  return { stack, alerts, pipeline };
}
