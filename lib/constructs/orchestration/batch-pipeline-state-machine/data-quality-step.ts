import { Stack } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { IConstruct } from 'constructs';
import type { DataQualityCheck } from '../../private/data-quality-check';
import { boundedPoll } from './bounded-poll';
import { PIPELINE_ERRORS, TRANSIENT_ERROR_RETRY } from './pipeline-errors';
import type { StepContext } from './step-context';

/** Evaluations running at once: each starts its own Glue workers, so a few at a time bound the cost spike. */
export const DATA_QUALITY_MAX_CONCURRENCY = 3;

/** The ARN IAM knows a ruleset by (`*`: every ruleset of the account, as evaluation runs are authorized). */
export function rulesetArn(scope: IConstruct, name: string): string {
  return Stack.of(scope).formatArn({ service: 'glue', resource: 'dataQualityRuleset', resourceName: name });
}

/** Evaluates each ruleset on its table and stops on the first evaluation that fails or scores below 1 (a rule failed). */
export function dataQualityStep({ scope, poll, failures }: StepContext, checks: readonly DataQualityCheck[],
  dataQualityRole: iam.IRole): sfn.Chain {
  const rulesetArns = checks.map((check) => rulesetArn(scope, check.rulesetName));
  const describe = (template: string, ...extra: string[]) => sfn.JsonPath.format(template,
    sfn.JsonPath.stringAt('$.check.rulesetName'), sfn.JsonPath.stringAt('$.check.databaseName'),
    sfn.JsonPath.stringAt('$.check.tableName'), ...extra);

  const start = new tasks.CallAwsService(scope, 'Start data quality evaluation', {
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
      Role: dataQualityRole.roleArn,
      RulesetNames: sfn.JsonPath.array(sfn.JsonPath.stringAt('$.check.rulesetName')),
      AdditionalRunOptions: { CloudWatchMetricsEnabled: true },
      // Glue's own default is two days; the evaluation may run as long as the pipeline waits for it.
      Timeout: Math.ceil((poll.interval.toSeconds() * poll.maxPolls) / 60),
    },
    resultSelector: { 'RunId.$': '$.RunId' },
    resultPath: '$.evaluation',
  }).addRetry(TRANSIENT_ERROR_RETRY);
  const get = new tasks.CallAwsService(scope, 'Get data quality evaluation', {
    service: 'glue',
    action: 'getDataQualityRulesetEvaluationRun',
    iamAction: 'glue:GetDataQualityRulesetEvaluationRun',
    // Evaluation runs have no ARN of their own; IAM knows them only as rulesets of the account.
    iamResources: [rulesetArn(scope, '*')],
    parameters: { RunId: sfn.JsonPath.stringAt('$.evaluation.RunId') },
    resultPath: '$.status',
  }).addRetry(TRANSIENT_ERROR_RETRY);
  const result = new tasks.CallAwsService(scope, 'Get data quality result', {
    service: 'glue',
    action: 'getDataQualityResult',
    iamAction: 'glue:GetDataQualityResult',
    iamResources: rulesetArns,
    parameters: { ResultId: sfn.JsonPath.arrayGetItem(sfn.JsonPath.listAt('$.status.ResultIds'), 0) },
    resultSelector: { 'Score.$': '$.Score' },
    resultPath: '$.result',
  }).addRetry(TRANSIENT_ERROR_RETRY);
  result.next(new sfn.Choice(scope, 'Every rule passed?')
    .when(sfn.Condition.numberLessThan('$.result.Score', 1), failures.failIteration('Data quality breached', PIPELINE_ERRORS.dataQualityBreach,
      describe('Ruleset {} on {}.{} scored {} (1 means every rule passed)', sfn.JsonPath.stringAt('$.result.Score'))))
    .otherwise(new sfn.Succeed(scope, 'Data quality passed')));

  const loop = boundedPoll(scope, poll, {
    what: 'data quality evaluation',
    check: get,
    decide: new sfn.Choice(scope, 'Data quality evaluation finished?')
      .when(sfn.Condition.stringEquals('$.status.Status', 'SUCCEEDED'), result)
      .when(sfn.Condition.or(...['FAILED', 'STOPPED', 'TIMEOUT'].map((s) => sfn.Condition.stringEquals('$.status.Status', s))),
        failures.failIteration('Data quality evaluation failed', PIPELINE_ERRORS.dataQualityEvaluationFailed,
          describe('Ruleset {} on {}.{} could not be evaluated: {}', sfn.JsonPath.stringAt('$.status.Status')))),
    attemptPath: '$.attempt',
    keep: { check: sfn.JsonPath.objectAt('$.check'), evaluation: sfn.JsonPath.objectAt('$.evaluation') },
    onLimit: failures.failIteration('Data quality evaluation hung', PIPELINE_ERRORS.pollLimitReached,
      describe('Ruleset {} on {}.{} still evaluating')),
  });

  const toRun = new sfn.Pass(scope, 'Data quality checks to run', {
    result: sfn.Result.fromArray(checks.map((check) => ({
      rulesetName: check.rulesetName,
      databaseName: check.databaseName,
      tableName: check.tableName,
      additionalDataSources: Object.fromEntries(Object.entries(check.referencedTables ?? {}).map(([alias, table]) =>
        [alias, { GlueTable: { DatabaseName: table.databaseName, TableName: table.tableName } }])),
    }))),
    resultPath: '$.dataQualityChecks',
  });
  const each = new sfn.Map(scope, 'Evaluate data quality', {
    itemsPath: '$.dataQualityChecks',
    maxConcurrency: DATA_QUALITY_MAX_CONCURRENCY,
    itemSelector: { check: sfn.JsonPath.objectAt('$$.Map.Item.Value'), attempt: 1 },
    resultPath: sfn.JsonPath.DISCARD,
  }).itemProcessor(start.next(loop));
  return toRun.next(failures.catchAll(each));
}
