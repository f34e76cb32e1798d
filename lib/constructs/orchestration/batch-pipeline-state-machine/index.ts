/** The batch pipeline's state machine: the construct, its props, and the names and defaults its users rely on. */
export * from './batch-pipeline-state-machine';
export type { BatchPipelineStateMachineProps, WarehouseLoad } from './batch-pipeline-state-machine-props';
export type { DataQualityCheck } from '../../private/data-quality-check';
export { DEFAULT_MAX_POLLS, DEFAULT_POLL_INTERVAL } from './bounded-poll';
export { DATA_QUALITY_MAX_CONCURRENCY } from './data-quality-step';
export { FAILURE_SUBJECT } from './failure-path';
export { JOB_TASK_TIMEOUT_MARGIN, RUN_DATE_JOB_ARGUMENT } from './glue-job-step';
export { SUCCESS_SUBJECT } from './notify-success-step';
export { PIPELINE_ERRORS, TRANSIENT_ERROR_RETRY, TRANSIENT_ERRORS } from './pipeline-errors';
export { MAX_STATEMENTS_PER_BATCH, WAREHOUSE_LOAD_STATEMENT_NAME } from './warehouse-load-step';
