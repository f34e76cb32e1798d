import type { Duration } from 'aws-cdk-lib';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';

export interface PipelineTriggersProps {
  /** The state machine the triggers start. */
  readonly stateMachine: sfn.IStateMachine;
  /** When the pipeline runs by itself: `rate(...)` or `cron(...)`, evaluated in UTC. */
  readonly schedule: string;
  /** Landing zone bucket; it must send its events to EventBridge. */
  readonly landingBucket: s3.IBucket;
  /** How long new files are collected before they start one run (1 s to 5 minutes, what EventBridge Pipes allows). */
  readonly landingBatchWindow: Duration;
}
