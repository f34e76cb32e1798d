import { StageConfigError, validateStageConfig } from '../../lib/config/load-stage-config';
import { STAGES } from '../../lib/config/stages';

/**
 * Each bound AWS puts on a stage setting: the bound itself is accepted and the value just outside it refused at synth,
 * naming the key, rather than by CloudFormation halfway through a deploy. The provisioned settings are probed on prod,
 * the serverless ones on dev.
 */
type Probe = [key: string, accepted: number[], refused: number[], source: string];

const PROBES: Record<'prod' | 'dev', Probe[]> = {
  prod: [
    ['streaming.kinesisRetentionHours', [24, 8760], [23, 8761], 'https://docs.aws.amazon.com/streams/latest/dev/kinesis-extended-retention.html'],
    // The delivery stream partitions dynamically: at least 64 MiB, and no zero buffering.
    ['streaming.firehoseBufferSizeMiB', [64, 128], [63, 129], 'https://docs.aws.amazon.com/firehose/latest/dev/dynamic-partitioning.html'],
    ['streaming.firehoseBufferIntervalSeconds', [60, 900], [59, 901], 'https://docs.aws.amazon.com/firehose/latest/dev/buffering.html'],
    ['lake.rawInfrequentAccessAfterDays', [30], [29], 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html'],
    // 0 is valid for Redshift but turns automated snapshots off.
    ['warehouse.automatedSnapshotRetentionDays', [1, 35], [0, 36], 'https://docs.aws.amazon.com/redshift/latest/APIReference/API_CreateCluster.html'],
    ['warehouse.port', [1150, 65535], [1149, 65536], 'https://docs.aws.amazon.com/redshift/latest/APIReference/API_CreateCluster.html'],
    ['orchestration.landingBatchWindowSeconds', [300], [301], 'https://docs.aws.amazon.com/eventbridge/latest/pipes-reference/API_PipeSourceSqsQueueParameters.html'],
  ],
  dev: [
    ['warehouse.baseCapacityRpus', [4, 8, 512], [3, 5, 12, 520], 'https://docs.aws.amazon.com/redshift/latest/mgmt/serverless-capacity.html'],
    ['warehouse.port', [5431, 5455, 8191, 8215], [5430, 5456, 8190, 8216], 'https://docs.aws.amazon.com/redshift-serverless/latest/APIReference/API_CreateWorkgroup.html'],
  ],
};

function stageWith(stage: 'prod' | 'dev', key: string, value: number): unknown {
  const config = structuredClone(STAGES[stage]) as Record<string, any>;
  const path = key.split('.');
  path.slice(0, -1).reduce((node, part) => node[part], config)[path[path.length - 1]] = value;
  return config;
}

describe.each(['prod', 'dev'] as const)('on %s', (stage) => {
  describe.each(PROBES[stage])('%s', (key, accepted, refused) => {
    test.each(accepted)('accepts its bound %p', (value) => {
      expect(() => validateStageConfig(stageWith(stage, key, value), stage)).not.toThrow();
    });

    test.each(refused)('refuses %p, naming the key', (value) => {
      expect(() => validateStageConfig(stageWith(stage, key, value), stage)).toThrow(StageConfigError);
      expect(() => validateStageConfig(stageWith(stage, key, value), stage)).toThrow(`${key}: got ${value}`);
    });
  });
});
