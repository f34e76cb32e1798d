import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';

/** Errors worth another try: throttling and runs the service refuses only because another is still in progress. */
export const TRANSIENT_ERRORS: readonly string[] = [
  'Glue.ThrottlingException',
  'Glue.ConcurrentRunsExceededException',
  'Glue.OperationTimeoutException',
  'RedshiftData.ThrottlingException',
  'RedshiftData.ActiveStatementsExceededException',
  'Sfn.ThrottlingException',
];

/** Exponential backoff with full jitter, so retries from parallel branches do not hit the service together. */
export const TRANSIENT_ERROR_RETRY: sfn.RetryProps = {
  errors: [...TRANSIENT_ERRORS],
  interval: Duration.seconds(5),
  maxAttempts: 6,
  backoffRate: 2,
  maxDelay: Duration.minutes(2),
  jitterStrategy: sfn.JitterType.FULL,
};

/** Error names an execution ends with besides the AWS errors it passes on, so operators can tell failures apart. */
export const PIPELINE_ERRORS = {
  alreadyRunning: 'PipelineAlreadyRunning',
  invalidRunDate: 'InvalidRunDate',
  crawlerFailed: 'CrawlerFailed',
  pollLimitReached: 'PollLimitReached',
  dataQualityEvaluationFailed: 'DataQualityEvaluationFailed',
  dataQualityBreach: 'DataQualityBreach',
  warehouseLoadFailed: 'WarehouseLoadFailed',
  warehouseLoadAborted: 'WarehouseLoadAborted',
} as const;
