import { Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { DEFAULT_DATA_RETENTION, removalPolicyFor } from '../../private/data-retention';
import { limitGrantsToAwsResources } from '../../private/key-grants';
import { allowLogGroupEncryption } from '../../private/log-encryption';
import { grantReadSecretOfAnotherStack } from '../../private/secret-grants';
import { acknowledgeWildcardResource } from '../../private/wildcard-acknowledgement';
import type { BatchPipelineStateMachineProps } from './batch-pipeline-state-machine-props';
import { DEFAULT_MAX_POLLS, DEFAULT_POLL_INTERVAL } from './bounded-poll';
import { concurrentRunsStep } from './concurrent-runs-step';
import { crawlStep } from './crawl-step';
import { dataQualityStep, rulesetArn } from './data-quality-step';
import { FailurePath } from './failure-path';
import { glueJobStep, JOB_TASK_TIMEOUT_MARGIN } from './glue-job-step';
import { notifySuccessStep } from './notify-success-step';
import { runDateStep } from './run-date-step';
import type { StepContext } from './step-context';
import { warehouseLoadStep } from './warehouse-load-step';

export const DEFAULT_EXECUTION_LOG_RETENTION = logs.RetentionDays.ONE_MONTH;
/** A whole run: crawlers, two jobs, data quality and the load, each bounded on its own. */
export const EXECUTION_TIMEOUT = Duration.hours(12);

/**
 * The batch path as one Standard state machine: crawl, landing → raw job, raw → curated job, Glue Data Quality,
 * Redshift load through the Data API, success message. The input `{"runDate": "YYYY-MM-DD"}` names the day (today in
 * UTC when absent), so a day can be re-run. An execution that finds another one running fails at once with
 * `PipelineAlreadyRunning`. Transient errors retry with backoff and jitter; every other failure is published to the
 * alerts topic with the failed state and its cause, and the execution fails with the original error.
 */
export class BatchPipelineStateMachine extends Construct {
  public readonly stateMachine: sfn.StateMachine;
  public readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: BatchPipelineStateMachineProps) {
    super(scope, id);
    const poll = { interval: props.pollInterval ?? DEFAULT_POLL_INTERVAL, maxPolls: props.maxPolls ?? DEFAULT_MAX_POLLS };
    if (props.jobTimeout.toSeconds() <= JOB_TASK_TIMEOUT_MARGIN.toSeconds()) {
      throw new Error(`${this.node.path}: jobTimeout must be longer than ${JOB_TASK_TIMEOUT_MARGIN.toHumanString()}`);
    }
    if (!Number.isInteger(poll.maxPolls) || poll.maxPolls < 1) {
      throw new Error(`${this.node.path}: maxPolls must be a positive integer, got ${poll.maxPolls}`);
    }
    const retention = props.retention ?? DEFAULT_DATA_RETENTION;

    const context: StepContext = {
      scope: this,
      poll,
      failures: new FailurePath(this, { alertsTopic: props.alertsTopic, stateMachineName: props.stateMachineName }),
    };
    const definition = runDateStep(this)
      .next(concurrentRunsStep(context, props.stateMachineName))
      .next(crawlStep(context, props.crawlerNames))
      .next(glueJobStep(context, 'Run landing to raw job', 'landingToRaw', props.landingToRawJobName, props.jobTimeout))
      .next(glueJobStep(context, 'Run raw to curated job', 'rawToCurated', props.rawToCuratedJobName, props.jobTimeout))
      .next(dataQualityStep(context, props.dataQualityChecks, props.dataQualityRole))
      .next(warehouseLoadStep(context, props.warehouseLoad))
      .next(notifySuccessStep(context, props.alertsTopic, props.stateMachineName));

    const logGroupName = `/aws/vendedlogs/states/${props.stateMachineName}`;
    const logKey = new kms.Key(this, 'LogKey', {
      description: `Encrypts the execution logs of ${props.stateMachineName}`,
      enableKeyRotation: true,
      removalPolicy: removalPolicyFor(retention),
    });
    allowLogGroupEncryption(logKey, logGroupName);
    limitGrantsToAwsResources(logKey);
    this.logGroup = new logs.LogGroup(this, 'ExecutionLogs', {
      logGroupName,
      encryptionKey: logKey,
      retention: props.logRetention ?? DEFAULT_EXECUTION_LOG_RETENTION,
      removalPolicy: removalPolicyFor(retention),
    });

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: props.stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(definition),
      timeout: EXECUTION_TIMEOUT,
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
    });
    props.dataQualityRole.grantPassRole(this.stateMachine.role);
    this.acknowledgeWildcardResources();
    // The publish task grants sns:Publish; an encrypted topic also needs these two key actions (not kms:GenerateDataKey*).
    props.alertsTopic.masterKey?.grant(this.stateMachine.role, 'kms:Decrypt', 'kms:GenerateDataKey');
    // The Data API reads the warehouse credentials (and describes the secret) as this role.
    grantReadSecretOfAnotherStack(this.stateMachine.role, props.warehouseLoad.secret,
      ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']);
  }

  /** The two wildcard resources of the role, both forced by IAM, acknowledged on the role's policy alone. */
  private acknowledgeWildcardResources(): void {
    const policy = this.stateMachine.role.node.findChild('DefaultPolicy');
    acknowledgeWildcardResource(policy, '*', 'X-Ray tracing, log delivery and redshift-data:DescribeStatement have no ' +
      'resource-level permissions; the Data API describes only statements the caller ran.');
    acknowledgeWildcardResource(policy, rulesetArn(this, '*'), 'A data quality evaluation run has no ARN: IAM authorizes ' +
      'glue:GetDataQualityRulesetEvaluationRun on rulesets only, and the run ids the pipeline reads are the ones it started.');
  }
}
