import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import {
  FIRST_RUN_DATE_YEAR, LAST_RUN_DATE_YEAR, LEAP_DAY, MONTH_DAYS, RUN_DATE_LEAP_YEARS, RUN_DATE_YEARS,
} from '../orchestration/run-date-calendar';
import { RUN_DATE_PLACEHOLDER, runDateStatementTemplate } from '../orchestration/run-date-statement';
import { dataApiWarehouseParameters } from '../warehouse/data-api-target';
import type { BatchPipelineStateMachineProps } from './batch-pipeline-state-machine-props';
import { DEFAULT_DATA_RETENTION, removalPolicyFor } from './private/data-retention';
import { limitGrantsToAwsResources } from './private/key-grants';
import { allowLogGroupEncryption } from './private/log-encryption';
import { acknowledgeWildcardResource } from './private/wildcard-acknowledgement';

export const DEFAULT_POLL_INTERVAL = Duration.seconds(30);
/** Two hours of polling at the default interval. */
export const DEFAULT_MAX_POLLS = 240;
export const DEFAULT_EXECUTION_LOG_RETENTION = logs.RetentionDays.ONE_MONTH;
/** A whole run: crawlers, two jobs, data quality and the load, each bounded on its own. */
export const EXECUTION_TIMEOUT = Duration.hours(12);
/** Evaluations running at once: each starts its own Glue workers, so a few at a time bound the cost spike. */
export const DATA_QUALITY_MAX_CONCURRENCY = 3;
/** A job task gives up this much before the job's own timeout, so the failure is the pipeline's, with a clear cause. */
export const JOB_TASK_TIMEOUT_MARGIN = Duration.minutes(5);
/** Job argument that carries the run date to both Glue jobs. */
export const RUN_DATE_JOB_ARGUMENT = '--run_date';
/** Prefix of the Data API statement names (the step name follows), visible in Redshift's query history. */
export const WAREHOUSE_LOAD_STATEMENT_NAME = 'batch-pipeline';
/** The Data API runs at most this many statements in one batch. */
export const MAX_STATEMENTS_PER_BATCH = 40;

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

/** Subjects of the two messages the pipeline publishes (SNS subjects are plain text, at most 100 characters). */
export const SUCCESS_SUBJECT = 'Batch pipeline succeeded';
export const FAILURE_SUBJECT = 'Batch pipeline failed';

const RUN_DATE = sfn.JsonPath.stringAt('$.runDate');

/**
 * A `.sync` Glue job task whose state times out. CDK turns `taskTimeout` of this task into the job run's own `Timeout`
 * (shortening the job); here the job keeps its configured timeout and the state gives up first.
 */
class GlueJobRunWithStateTimeout extends tasks.GlueStartJobRun {
  constructor(scope: Construct, id: string, private readonly stateTimeout: Duration, props: tasks.GlueStartJobRunProps) {
    super(scope, id, props);
  }

  public override toStateJson(topLevelQueryLanguage?: sfn.QueryLanguage): object {
    return { ...super.toStateJson(topLevelQueryLanguage), TimeoutSeconds: this.stateTimeout.toSeconds() };
  }
}

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

  private readonly pollInterval: Duration;
  private readonly maxPolls: number;
  private readonly notifyFailure: sfn.IChainable;

  constructor(scope: Construct, id: string, props: BatchPipelineStateMachineProps) {
    super(scope, id);
    this.pollInterval = props.pollInterval ?? DEFAULT_POLL_INTERVAL;
    this.maxPolls = props.maxPolls ?? DEFAULT_MAX_POLLS;
    if (props.jobTimeout.toSeconds() <= JOB_TASK_TIMEOUT_MARGIN.toSeconds()) {
      throw new Error(`${this.node.path}: jobTimeout must be longer than ${JOB_TASK_TIMEOUT_MARGIN.toHumanString()}`);
    }
    if (!Number.isInteger(this.maxPolls) || this.maxPolls < 1) {
      throw new Error(`${this.node.path}: maxPolls must be a positive integer, got ${this.maxPolls}`);
    }
    const retention = props.retention ?? DEFAULT_DATA_RETENTION;

    this.notifyFailure = new tasks.SnsPublish(this, 'Notify failure', {
      topic: props.alertsTopic,
      subject: FAILURE_SUBJECT,
      message: sfn.TaskInput.fromObject({
        pipeline: props.stateMachineName,
        execution: sfn.JsonPath.executionId,
        runDate: RUN_DATE,
        failedState: sfn.JsonPath.stringAt('$.failure.State'),
        error: sfn.JsonPath.stringAt('$.failure.Error'),
        cause: sfn.JsonPath.stringAt('$.failure.Cause'),
      }),
      resultPath: sfn.JsonPath.DISCARD,
    })
      // Whatever made the publish fail, one more message is worth more than a lost alert.
      .addRetry({ errors: [sfn.Errors.TASKS_FAILED], maxAttempts: 3, interval: Duration.seconds(2), backoffRate: 2 })
      .next(new sfn.Fail(this, 'Pipeline failed', { errorPath: '$.failure.Error', causePath: '$.failure.Cause' }));

    const definition = this.runDate()
      .next(this.guardAgainstConcurrentRuns(props.stateMachineName))
      .next(this.crawl(props.crawlerNames))
      .next(this.runJob('Run landing to raw job', 'landingToRaw', props.landingToRawJobName, props.jobTimeout))
      .next(this.runJob('Run raw to curated job', 'rawToCurated', props.rawToCuratedJobName, props.jobTimeout))
      .next(this.checkDataQuality(props))
      .next(this.loadWarehouse(props))
      .next(this.withCatch(new tasks.SnsPublish(this, 'Notify success', {
        topic: props.alertsTopic,
        subject: SUCCESS_SUBJECT,
        message: sfn.TaskInput.fromObject({
          pipeline: props.stateMachineName,
          execution: sfn.JsonPath.executionId,
          runDate: RUN_DATE,
          status: 'SUCCEEDED',
        }),
        resultPath: sfn.JsonPath.DISCARD,
      })))
      .next(new sfn.Succeed(this, 'Pipeline succeeded'));

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
    this.grantReadSecret(props.warehouseLoad.secret);
  }

  /**
   * Lets the Data API read the warehouse credentials as this role. Only the role's own policy changes: the secret
   * and its key live in the warehouse stack, which must not depend on this one.
   */
  private grantReadSecret(secret: secretsmanager.ISecret): void {
    const grantee = this.stateMachine.role;
    iam.Grant.addToPrincipal({ grantee, actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resourceArns: [secret.secretArn] });
    if (secret.encryptionKey) {
      iam.Grant.addToPrincipal({
        grantee,
        actions: ['kms:Decrypt'],
        resourceArns: [secret.encryptionKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(this).region}.amazonaws.com` } },
      });
    }
  }

  /** The two wildcard resources of the role, both forced by IAM, acknowledged on the role's policy alone. */
  private acknowledgeWildcardResources(): void {
    const policy = this.stateMachine.role.node.findChild('DefaultPolicy');
    acknowledgeWildcardResource(policy, '*', 'X-Ray tracing, log delivery and redshift-data:DescribeStatement have no ' +
      'resource-level permissions; the Data API describes only statements the caller ran.');
    acknowledgeWildcardResource(policy, this.rulesetArn('*'), 'A data quality evaluation run has no ARN: IAM authorizes ' +
      'glue:GetDataQualityRulesetEvaluationRun on rulesets only, and the run ids the pipeline reads are the ones it started.');
  }

  private rulesetArn(name: string): string {
    return Stack.of(this).formatArn({ service: 'glue', resource: 'dataQualityRuleset', resourceName: name });
  }

  /** The run date from the input, or today (UTC) from the execution's start time. */
  /**
   * Takes the run date from the input, or today (UTC) when the input names none. A given run date must be a real day
   * written `YYYY-MM-DD` (lib/orchestration/run-date-calendar.ts), checked before any state uses it: it is written into
   * the load's SQL. The check splits it at `-`, looks each part up in the calendar's lists and requires the parts joined
   * again to be the whole input, so nothing but those digits and dashes passes.
   */
  private runDate(): sfn.Chain {
    const check = '$.runDateCheck';
    const part = (index: number) => `States.ArrayGetItem(${check}.parts, ${index})`;
    const monthDay = `States.Format('{}-{}', ${part(1)}, ${part(2)})`;
    const given = new sfn.Pass(this, 'Use given run date', { parameters: { runDate: RUN_DATE } });
    const today = new sfn.Pass(this, 'Use today as run date', {
      parameters: {
        runDate: sfn.JsonPath.arrayGetItem(sfn.JsonPath.stringSplit(sfn.JsonPath.stringAt('$$.Execution.StartTime'), 'T'), 0),
      },
    });
    const invalid = new sfn.Fail(this, 'Invalid run date', {
      error: PIPELINE_ERRORS.invalidRunDate,
      cause: `runDate must be a real day written YYYY-MM-DD, from ${FIRST_RUN_DATE_YEAR} to ${LAST_RUN_DATE_YEAR}`,
    });
    const split = new sfn.Pass(this, 'Split run date', {
      parameters: {
        'parts.$': "States.StringSplit($.runDate, '-')",
        'partCount.$': "States.ArrayLength(States.StringSplit($.runDate, '-'))",
        calendar: { years: RUN_DATE_YEARS, leapYears: RUN_DATE_LEAP_YEARS, monthDays: MONTH_DAYS },
      },
      resultPath: check,
    });
    const lookUp = new sfn.Pass(this, 'Look up run date', {
      parameters: {
        'rejoined.$': `States.Format('{}-{}-{}', ${part(0)}, ${part(1)}, ${part(2)})`,
        'monthDay.$': monthDay,
        'knownYear.$': `States.ArrayContains(${check}.calendar.years, ${part(0)})`,
        'leapYear.$': `States.ArrayContains(${check}.calendar.leapYears, ${part(0)})`,
        'knownMonthDay.$': `States.ArrayContains(${check}.calendar.monthDays, ${monthDay})`,
      },
      resultPath: check,
    });
    const realDay = new sfn.Choice(this, 'Run date real?')
      .when(sfn.Condition.and(
        sfn.Condition.booleanEquals(`${check}.knownYear`, true),
        sfn.Condition.booleanEquals(`${check}.knownMonthDay`, true),
        sfn.Condition.stringEqualsJsonPath(`${check}.rejoined`, '$.runDate'),
        sfn.Condition.or(
          sfn.Condition.not(sfn.Condition.stringEquals(`${check}.monthDay`, LEAP_DAY)),
          sfn.Condition.booleanEquals(`${check}.leapYear`, true),
        ),
      ), given)
      .otherwise(invalid);
    const threeParts = new sfn.Choice(this, 'Run date in three parts?')
      .when(sfn.Condition.numberEquals(`${check}.partCount`, 3), lookUp.next(realDay))
      .otherwise(invalid);
    // Triggers start runs with event payloads (objects or arrays) that carry no run date: those mean today.
    return new sfn.Choice(this, 'Run date given?')
      .when(sfn.Condition.and(sfn.Condition.isPresent('$.runDate'), sfn.Condition.isString('$.runDate')), split.next(threeParts))
      .when(sfn.Condition.isPresent('$.runDate'), invalid)
      .otherwise(today)
      .afterwards();
  }


  /**
   * Lists the running executions of this state machine (itself included) and stops if there is another one. Two
   * executions starting within the same second may both see each other and both stop: the safe side of the race.
   */
  private guardAgainstConcurrentRuns(stateMachineName: string): sfn.Chain {
    const list = this.withCatch(new tasks.CallAwsService(this, 'List running executions', {
      service: 'sfn',
      action: 'listExecutions',
      iamAction: 'states:ListExecutions',
      iamResources: [Stack.of(this).formatArn({
        service: 'states', resource: 'stateMachine', resourceName: stateMachineName, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      })],
      parameters: { StateMachineArn: sfn.JsonPath.stringAt('$$.StateMachine.Id'), StatusFilter: 'RUNNING' },
      resultSelector: { running: sfn.JsonPath.arrayLength(sfn.JsonPath.listAt('$.Executions')) },
      resultPath: '$.executions',
    }));
    return list.next(new sfn.Choice(this, 'Another execution running?')
      .when(sfn.Condition.numberGreaterThan('$.executions.running', 1), new sfn.Fail(this, 'Already running', {
        error: PIPELINE_ERRORS.alreadyRunning,
        cause: 'Another execution of the batch pipeline is running; this one stopped before doing anything',
      }))
      .afterwards({ includeOtherwise: true }));
  }

  /** Starts every crawler (or joins a crawl already running) and waits, boundedly, until each has finished well. */
  private crawl(crawlerNames: readonly string[]): sfn.Chain {
    const crawlerArns = crawlerNames.map((name) => Stack.of(this).formatArn({ service: 'glue', resource: 'crawler', resourceName: name }));
    const wait = new sfn.Wait(this, 'Wait for crawler', { time: sfn.WaitTime.duration(this.pollInterval) });
    const start = new tasks.CallAwsService(this, 'Start crawler', {
      service: 'glue',
      action: 'startCrawler',
      iamAction: 'glue:StartCrawler',
      iamResources: crawlerArns,
      parameters: { Name: sfn.JsonPath.stringAt('$.crawlerName') },
      resultPath: sfn.JsonPath.DISCARD,
    })
      .addRetry(TRANSIENT_ERROR_RETRY)
      // A crawl started by the crawler's own schedule is as good as ours: wait for it.
      .addCatch(wait, { errors: ['Glue.CrawlerRunningException'], resultPath: sfn.JsonPath.DISCARD });
    const get = new tasks.CallAwsService(this, 'Get crawler', {
      service: 'glue',
      action: 'getCrawler',
      iamAction: 'glue:GetCrawler',
      iamResources: crawlerArns,
      parameters: { Name: sfn.JsonPath.stringAt('$.crawlerName') },
      resultSelector: { 'Crawler.$': '$.Crawler' },
      resultPath: '$.status',
    }).addRetry(TRANSIENT_ERROR_RETRY);

    const finished = new sfn.Choice(this, 'Crawl succeeded?')
      .when(sfn.Condition.stringEquals('$.status.Crawler.LastCrawl.Status', 'SUCCEEDED'), new sfn.Succeed(this, 'Crawler done'))
      .otherwise(this.failIteration('Crawler failed', PIPELINE_ERRORS.crawlerFailed, sfn.JsonPath.format('Crawler {} ended {}',
        sfn.JsonPath.stringAt('$.crawlerName'), sfn.JsonPath.stringAt('$.status.Crawler.LastCrawl.Status'))));
    const loop = this.pollLoop('crawler', wait, get, new sfn.Choice(this, 'Crawler ready?')
      .when(sfn.Condition.stringEquals('$.status.Crawler.State', 'READY'), finished),
    sfn.JsonPath.format('Crawler {} still running', sfn.JsonPath.stringAt('$.crawlerName')),
    { crawlerName: sfn.JsonPath.stringAt('$.crawlerName') });

    const crawlers = new sfn.Pass(this, 'Crawlers to run', { result: sfn.Result.fromArray([...crawlerNames]), resultPath: '$.crawlers' });
    const each = new sfn.Map(this, 'Crawl', {
      itemsPath: '$.crawlers',
      itemSelector: { crawlerName: sfn.JsonPath.stringAt('$$.Map.Item.Value'), attempt: 1 },
      resultPath: sfn.JsonPath.DISCARD,
    }).itemProcessor(start.next(loop));
    return crawlers.next(this.withCatch(each));
  }

  /** Runs a Glue job and waits for it (`.sync`); the task times out before the job's own timeout. */
  private runJob(stateName: string, resultKey: string, jobName: string, jobTimeout: Duration): tasks.GlueStartJobRun {
    return this.withRetryAndCatch(new GlueJobRunWithStateTimeout(this, stateName, jobTimeout.minus(JOB_TASK_TIMEOUT_MARGIN), {
      glueJobName: jobName,
      integrationPattern: sfn.IntegrationPattern.RUN_JOB,
      arguments: sfn.TaskInput.fromObject({ [RUN_DATE_JOB_ARGUMENT]: RUN_DATE }),
      resultSelector: { 'JobRunId.$': '$.Id', 'JobRunState.$': '$.JobRunState' },
      resultPath: `$.jobs.${resultKey}`,
    }));
  }

  /** Evaluates each ruleset on its table and stops on the first evaluation that fails or scores below 1 (a rule failed). */
  private checkDataQuality(props: BatchPipelineStateMachineProps): sfn.Chain {
    const rulesetArns = props.dataQualityChecks.map((check) => this.rulesetArn(check.rulesetName));
    const describe = (template: string, ...extra: string[]) => sfn.JsonPath.format(template,
      sfn.JsonPath.stringAt('$.check.rulesetName'), sfn.JsonPath.stringAt('$.check.databaseName'),
      sfn.JsonPath.stringAt('$.check.tableName'), ...extra);

    const start = new tasks.CallAwsService(this, 'Start data quality evaluation', {
      service: 'glue',
      action: 'startDataQualityRulesetEvaluationRun',
      iamAction: 'glue:StartDataQualityRulesetEvaluationRun',
      iamResources: rulesetArns,
      parameters: {
        DataSource: {
          GlueTable: {
            DatabaseName: sfn.JsonPath.stringAt('$.check.databaseName'),
            TableName: sfn.JsonPath.stringAt('$.check.tableName'),
          },
        },
        AdditionalDataSources: sfn.JsonPath.objectAt('$.check.additionalDataSources'),
        Role: props.dataQualityRole.roleArn,
        RulesetNames: sfn.JsonPath.array(sfn.JsonPath.stringAt('$.check.rulesetName')),
        AdditionalRunOptions: { CloudWatchMetricsEnabled: true },
        // Glue's own default is two days; the evaluation may run as long as the pipeline waits for it.
        Timeout: Math.ceil((this.pollInterval.toSeconds() * this.maxPolls) / 60),
      },
      resultSelector: { 'RunId.$': '$.RunId' },
      resultPath: '$.evaluation',
    }).addRetry(TRANSIENT_ERROR_RETRY);
    const wait = new sfn.Wait(this, 'Wait for data quality evaluation', { time: sfn.WaitTime.duration(this.pollInterval) });
    const get = new tasks.CallAwsService(this, 'Get data quality evaluation', {
      service: 'glue',
      action: 'getDataQualityRulesetEvaluationRun',
      iamAction: 'glue:GetDataQualityRulesetEvaluationRun',
      // Evaluation runs have no ARN of their own; IAM knows them only as rulesets of the account.
      iamResources: [this.rulesetArn('*')],
      parameters: { RunId: sfn.JsonPath.stringAt('$.evaluation.RunId') },
      resultPath: '$.status',
    }).addRetry(TRANSIENT_ERROR_RETRY);
    const result = new tasks.CallAwsService(this, 'Get data quality result', {
      service: 'glue',
      action: 'getDataQualityResult',
      iamAction: 'glue:GetDataQualityResult',
      iamResources: rulesetArns,
      parameters: { ResultId: sfn.JsonPath.arrayGetItem(sfn.JsonPath.listAt('$.status.ResultIds'), 0) },
      resultSelector: { 'Score.$': '$.Score' },
      resultPath: '$.result',
    }).addRetry(TRANSIENT_ERROR_RETRY);
    result.next(new sfn.Choice(this, 'Every rule passed?')
      .when(sfn.Condition.numberLessThan('$.result.Score', 1), this.failIteration('Data quality breached', PIPELINE_ERRORS.dataQualityBreach,
        describe('Ruleset {} on {}.{} scored {} (1 means every rule passed)', sfn.JsonPath.stringAt('$.result.Score'))))
      .otherwise(new sfn.Succeed(this, 'Data quality passed')));

    const loop = this.pollLoop('data quality evaluation', wait, get, new sfn.Choice(this, 'Data quality evaluation finished?')
      .when(sfn.Condition.stringEquals('$.status.Status', 'SUCCEEDED'), result)
      .when(sfn.Condition.or(...['FAILED', 'STOPPED', 'TIMEOUT'].map((s) => sfn.Condition.stringEquals('$.status.Status', s))),
        this.failIteration('Data quality evaluation failed', PIPELINE_ERRORS.dataQualityEvaluationFailed,
          describe('Ruleset {} on {}.{} could not be evaluated: {}', sfn.JsonPath.stringAt('$.status.Status')))),
    describe('Ruleset {} on {}.{} still evaluating'),
    { check: sfn.JsonPath.objectAt('$.check'), evaluation: sfn.JsonPath.objectAt('$.evaluation') });

    const checks = new sfn.Pass(this, 'Data quality checks to run', {
      result: sfn.Result.fromArray(props.dataQualityChecks.map((check) => ({
        rulesetName: check.rulesetName,
        databaseName: check.databaseName,
        tableName: check.tableName,
        additionalDataSources: Object.fromEntries(Object.entries(check.referencedTables ?? {}).map(([alias, table]) =>
          [alias, { GlueTable: { DatabaseName: table.databaseName, TableName: table.tableName } }])),
      }))),
      resultPath: '$.dataQualityChecks',
    });
    const each = new sfn.Map(this, 'Evaluate data quality', {
      itemsPath: '$.dataQualityChecks',
      maxConcurrency: DATA_QUALITY_MAX_CONCURRENCY,
      itemSelector: { check: sfn.JsonPath.objectAt('$$.Map.Item.Value'), attempt: 1 },
      resultPath: sfn.JsonPath.DISCARD,
    }).itemProcessor(start.next(loop));
    return checks.next(this.withCatch(each));
  }

  /** Runs each load step as one Data API batch (one transaction), in order, polling each statement to its end. */
  private loadWarehouse(props: BatchPipelineStateMachineProps): sfn.Chain {
    const load = props.warehouseLoad;
    if (load.steps.length === 0) throw new Error(`${this.node.path}: warehouseLoad.steps must not be empty`);
    const placeholder = load.runDatePlaceholder ?? RUN_DATE_PLACEHOLDER;
    const chains = load.steps.map((step) => {
      if (step.statements.length === 0 || step.statements.length > MAX_STATEMENTS_PER_BATCH) {
        throw new Error(`${this.node.path}: warehouse load step ${step.name} has ${step.statements.length} statements; ` +
          `a Data API batch takes 1 to ${MAX_STATEMENTS_PER_BATCH}`);
      }
      const sqls = step.statements.map((sql) => {
        const { template, slots } = runDateStatementTemplate(sql, placeholder);
        // States.Format even without a slot: it is where every engine undoes the template's escapes.
        return sfn.JsonPath.format(template, ...Array<string>(slots).fill(RUN_DATE));
      });
      return this.runWarehouseStep(load, step.name, sqls);
    });
    return chains.slice(1).reduce((chain, next) => chain.next(next), chains[0]);
  }

  private runWarehouseStep(load: BatchPipelineStateMachineProps['warehouseLoad'], step: string, sqls: string[]): sfn.Chain {
    const execute = this.withRetryAndCatch(new tasks.CallAwsService(this, `Run warehouse ${step}`, {
      service: 'redshiftdata',
      action: 'batchExecuteStatement',
      iamAction: 'redshift-data:BatchExecuteStatement',
      iamResources: [load.warehouseArn],
      parameters: {
        ...dataApiWarehouseParameters(load.warehouse),
        Database: load.databaseName,
        SecretArn: load.secret.secretArn,
        Sqls: sfn.JsonPath.array(...sqls),
        StatementName: `${WAREHOUSE_LOAD_STATEMENT_NAME}-${step}`,
      },
      resultSelector: { 'Id.$': '$.Id', attempt: 1 },
      resultPath: '$.load',
    }));
    const wait = new sfn.Wait(this, `Wait for warehouse ${step}`, { time: sfn.WaitTime.duration(this.pollInterval) });
    const describeState = `Describe warehouse ${step}`;
    const describe = this.withRetryAndCatch(new tasks.CallAwsService(this, describeState, {
      service: 'redshiftdata',
      action: 'describeStatement',
      iamAction: 'redshift-data:DescribeStatement',
      // DescribeStatement has no resource-level permissions; the Data API only shows a caller its own statements.
      iamResources: ['*'],
      parameters: { Id: sfn.JsonPath.stringAt('$.load.Id') },
      resultPath: '$.status',
    }));
    const statusIs = (status: string) => sfn.Condition.stringEquals('$.status.Status', status);
    const counted = new sfn.Pass(this, `Count warehouse ${step} poll`, {
      parameters: { Id: sfn.JsonPath.stringAt('$.load.Id'), attempt: sfn.JsonPath.mathAdd(sfn.JsonPath.numberAt('$.load.attempt'), 1) },
      resultPath: '$.load',
    });
    const statement = sfn.JsonPath.stringAt('$.load.Id');
    const done = new sfn.Pass(this, `Warehouse ${step} done`);
    execute.next(wait).next(describe).next(new sfn.Choice(this, `Warehouse ${step} finished?`)
      .when(statusIs('FINISHED'), done)
      .when(statusIs('FAILED'), this.failWith(`Warehouse ${step} failed`, PIPELINE_ERRORS.warehouseLoadFailed,
        sfn.JsonPath.format(`Warehouse ${step} statement {} failed: {}`, statement, sfn.JsonPath.stringAt('$.status.Error')), describeState))
      .when(statusIs('ABORTED'), this.failWith(`Warehouse ${step} aborted`, PIPELINE_ERRORS.warehouseLoadAborted,
        sfn.JsonPath.format(`Warehouse ${step} statement {} was aborted`, statement), describeState))
      .when(sfn.Condition.numberGreaterThanEquals('$.load.attempt', this.maxPolls), this.failWith(`Warehouse ${step} hung`,
        PIPELINE_ERRORS.pollLimitReached, sfn.JsonPath.format(`Warehouse ${step} statement {} still running after {} checks`,
          statement, sfn.JsonPath.stringAt('$.load.attempt')), describeState))
      .otherwise(counted.next(wait)));
    // Built by hand: the loop back to `wait` would otherwise count as an open end of the chain.
    return sfn.Chain.custom(execute, [done], done);
  }

  /**
   * The bounded wait inside a Map iteration: `wait` → `get` → `decide`; when `decide` matches nothing, the iteration
   * fails after `maxPolls` checks or counts one more check and waits again. `keep` is the iteration state to carry.
   */
  private pollLoop(what: string, wait: sfn.Wait, get: sfn.TaskStateBase, decide: sfn.Choice, hungCause: string,
    keep: Record<string, unknown>): sfn.Chain {
    const name = what.charAt(0).toUpperCase() + what.slice(1);
    const count = new sfn.Pass(this, `Count ${what} poll`, {
      parameters: { ...keep, attempt: sfn.JsonPath.mathAdd(sfn.JsonPath.numberAt('$.attempt'), 1) },
    });
    decide
      .when(sfn.Condition.numberGreaterThanEquals('$.attempt', this.maxPolls),
        this.failIteration(`${name} hung`, PIPELINE_ERRORS.pollLimitReached, hungCause))
      .otherwise(count.next(wait));
    return sfn.Chain.start(wait).next(get).next(decide);
  }

  /**
   * Ends a Map iteration with `error`; the Map's catch records and notifies it. The cause is built in a Pass first:
   * intrinsic functions in a Fail state's CausePath are recent and not understood by every tool that runs definitions.
   */
  private failIteration(stateName: string, error: string, cause: string): sfn.Chain {
    return sfn.Chain.start(new sfn.Pass(this, `Describe ${stateName.charAt(0).toLowerCase()}${stateName.slice(1)}`, {
      parameters: { cause },
    })).next(new sfn.Fail(this, stateName, { error, causePath: '$.cause' }));
  }

  /** A failure found by the pipeline itself (not thrown by a task): recorded like a caught error, then notified. */
  private failWith(stateName: string, error: string, causePath: string, failedState: string): sfn.Pass {
    const record = new sfn.Pass(this, stateName, {
      parameters: { Error: error, Cause: causePath, State: failedState },
      resultPath: '$.failure',
    });
    record.next(this.notifyFailure);
    return record;
  }

  private withRetryAndCatch<T extends sfn.TaskStateBase>(task: T): T {
    task.addRetry(TRANSIENT_ERROR_RETRY);
    return this.withCatch(task);
  }

  /** Any error of `state` is recorded with the state's name under `$.failure`, then notified; the execution fails. */
  private withCatch<T extends sfn.TaskStateBase | sfn.Map>(state: T): T {
    const record = new sfn.Pass(this, `${state.stateId} errored`, {
      parameters: {
        Error: sfn.JsonPath.stringAt('$.failure.Error'),
        Cause: sfn.JsonPath.stringAt('$.failure.Cause'),
        State: state.stateId,
      },
      resultPath: '$.failure',
    });
    record.next(this.notifyFailure);
    state.addCatch(record, { errors: [sfn.Errors.ALL], resultPath: '$.failure' });
    return state;
  }
}
