import type { StageConfig } from './stage-config';

/**
 * The stages this app deploys, chosen with `-c stage=<name>`: each is the base configuration with its own overrides.
 * Edit a stage here to tune it; `loadStageConfig` validates it at synth.
 */
export const DEFAULT_STAGE = 'dev';

/** Sections a stage may override key by key; every other key (the warehouse among them) it replaces whole. */
type Section = 'lake' | 'streaming' | 'etl' | 'network' | 'orchestration';

/** What a stage changes of the base. */
export type StageOverrides = Pick<StageConfig, 'stage'>
  & Partial<Omit<StageConfig, 'stage' | Section>>
  & { readonly [K in Section]?: Partial<StageConfig[K]> };

/** The cheapest configuration that runs the whole pipeline, a sandbox's: dev changes only how long change batches are kept. */
export const BASE_STAGE: Omit<StageConfig, 'stage'> = {
  region: 'eu-west-1',
  removalPolicy: 'destroy',
  // A year, as AWS Control Tower's CT.CLOUDWATCH.PR.2 requires of every log group; the stack's deletion removes them.
  logRetentionDays: 365,
  lake: {
    landingExpirationDays: 7,
    rawInfrequentAccessAfterDays: 30,
    rawGlacierAfterDays: 90,
    quarantineExpirationDays: 30,
    noncurrentVersionExpirationDays: 7,
    accessLogExpirationDays: 30,
    athenaResultsExpirationDays: 7,
  },
  streaming: {
    // One provisioned shard: an on-demand stream's hourly fee alone costs about three times as much when idle.
    kinesisCapacity: { mode: 'PROVISIONED', shardCount: 1 },
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

/** The base with a stage's overrides: a section's keys one by one, any other key whole. */
export function stageFrom(overrides: StageOverrides, base: Omit<StageConfig, 'stage'> = BASE_STAGE): StageConfig {
  return {
    ...base,
    ...overrides,
    lake: { ...base.lake, ...overrides.lake },
    streaming: { ...base.streaming, ...overrides.streaming },
    etl: { ...base.etl, ...overrides.etl },
    network: { ...base.network, ...overrides.network },
    orchestration: { ...base.orchestration, ...overrides.orchestration },
  };
}

// Change batches kept 30 days rather than the default 90 (README, "How long change batches are kept").
const dev = stageFrom({ stage: 'dev', lake: { changeBatchExpirationDays: 30 } });

const prod = stageFrom({
  stage: 'prod',
  removalPolicy: 'retain',
  lake: {
    landingExpirationDays: 30,
    rawGlacierAfterDays: 180,
    quarantineExpirationDays: 90,
    noncurrentVersionExpirationDays: 30,
    accessLogExpirationDays: 365,
    athenaResultsExpirationDays: 30,
  },
  streaming: {
    kinesisCapacity: { mode: 'PROVISIONED', shardCount: 2 },
    kinesisRetentionHours: 168,
    firehoseBufferIntervalSeconds: 300,
    firehoseBufferSizeMiB: 128,
  },
  etl: {
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
  orchestration: { schedule: 'cron(0 2 * * ? *)' },
  reservedConcurrency: { cdcForwarder: 5, changeProcessor: 5, schemaMigrator: 1 },
});

export const STAGES: Readonly<Record<string, StageConfig>> = { dev, prod };
