import type * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';

export interface PipelineDashboardProps {
  /** Name of the dashboard. */
  readonly dashboardName: string;
  /** The pipeline's alarms: one status overview, then each alarm's metric against its threshold. */
  readonly alarms: readonly cloudwatch.IAlarm[];
  /** Batch pipeline whose executions are graphed at the top. @default - no execution graph */
  readonly stateMachine?: sfn.IStateMachine;
}
