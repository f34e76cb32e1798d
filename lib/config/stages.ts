import type { StageConfig } from './stage-config';

/**
 * The stages this app deploys, chosen with `-c stage=<name>`. Edit a stage here to tune it;
 * `loadStageConfig` validates it at synth.
 */
export const DEFAULT_STAGE = 'dev';

const dev: StageConfig = {
  stage: 'dev',
  region: 'eu-west-1',
  removalPolicy: 'destroy',
  // A year, as AWS Control Tower's CT.CLOUDWATCH.PR.2 requires of every log group; the stack's deletion removes them.
  logRetentionDays: 365,
  lake: {
    landingExpirationDays: 7,
    rawInfrequentAccessAfterDays: 30,
    rawGlacierAfterDays: 90,
    changeBatchExpirationDays: 30,
    quarantineExpirationDays: 30,
    noncurrentVersionExpirationDays: 7,
    accessLogExpirationDays: 30,
    athenaResultsExpirationDays: 7,
  },
  streaming: {
    // One provisioned shard: an on-demand stream's hourly fee alone costs about three times as much when idle.
    kinesisCapacityMode: 'PROVISIONED',
    shardCount: 1,
    kinesisRetentionHours: 24,
    firehoseBufferIntervalSeconds: 60,
    firehoseBufferSizeMiB: 64,
  },
  etl: {
    workerType: 'G.1X',
    maxWorkers: 2,
    flexExecution: true,
    jobMaxRetries: 0,
    jobTimeoutMinutes: 30,
    crawlerSchedule: 'cron(0 5 * * ? *)',
  },
  // Serverless: nothing to pay for compute while no query runs; at most 60 RPU-hours of queries a month.
  warehouse: {
    kind: 'serverless',
    baseCapacityRpus: 4,
    monthlyRpuHoursLimit: 60,
    port: 5441,
    adminUsername: 'pipeline_admin',
    secretRotationDays: 30,
    streamingIngestion: false,
  },
  network: { interfaceEndpointAzs: 1 },
  orchestration: {
    schedule: 'cron(0 6 * * ? *)',
    alarmEmail: 'data-oncall@example.com',
    landingBatchWindowSeconds: 300,
  },
  // None: a new account's Lambda quota has no room for reservations (see README, "A fresh account").
  reservedConcurrency: {},
};

const prod: StageConfig = {
  stage: 'prod',
  region: 'eu-west-1',
  removalPolicy: 'retain',
  logRetentionDays: 365,
  lake: {
    landingExpirationDays: 30,
    rawInfrequentAccessAfterDays: 30,
    rawGlacierAfterDays: 180,
    quarantineExpirationDays: 90,
    noncurrentVersionExpirationDays: 30,
    accessLogExpirationDays: 365,
    athenaResultsExpirationDays: 30,
  },
  streaming: {
    kinesisCapacityMode: 'PROVISIONED',
    shardCount: 2,
    kinesisRetentionHours: 168,
    firehoseBufferIntervalSeconds: 300,
    firehoseBufferSizeMiB: 128,
  },
  etl: {
    workerType: 'G.1X',
    maxWorkers: 10,
    flexExecution: false,
    jobMaxRetries: 1,
    jobTimeoutMinutes: 120,
    crawlerSchedule: 'cron(0 1 * * ? *)',
  },
  warehouse: {
    kind: 'provisioned',
    nodeType: 'ra3.xlplus',
    numberOfNodes: 2,
    automatedSnapshotRetentionDays: 14,
    port: 5477,
    adminUsername: 'pipeline_admin',
    maintenanceWindow: 'sun:03:00-sun:03:30',
    secretRotationDays: 30,
    streamingIngestion: true,
  },
  network: { interfaceEndpointAzs: 2 },
  orchestration: {
    schedule: 'cron(0 2 * * ? *)',
    alarmEmail: 'data-oncall@example.com',
    landingBatchWindowSeconds: 300,
  },
  reservedConcurrency: { cdcForwarder: 5, changeProcessor: 5, schemaMigrator: 1 },
};

export const STAGES: Readonly<Record<string, StageConfig>> = { dev, prod };
