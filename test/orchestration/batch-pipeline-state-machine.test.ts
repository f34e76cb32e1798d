import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  DEFAULT_EXECUTION_LOG_RETENTION, JOB_TASK_TIMEOUT_MARGIN, MAX_STATEMENTS_PER_BATCH, TRANSIENT_ERROR_RETRY,
} from '../../lib/constructs/orchestration/batch-pipeline-state-machine';
import { warehouseLoadSteps } from '../../lib/constructs/orchestration/batch-pipeline-state-machine/warehouse-load-step';
import type { LoadStatement } from '../../lib/warehouse/load-plan';
import { allStates, definitionOf, statementsOfRole } from './support/asl';
import { ACCOUNT, REGION, STAND_IN, standInPipeline } from './support/stand-in-pipeline';

// asl-validator ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const aslValidator = require('asl-validator') as (definition: unknown) => { isValid: boolean; errors: unknown[] };

const { stack, pipeline, alerts } = standInPipeline();
const template = Template.fromStack(stack);
const definition = definitionOf(stack);
const states = allStates(definition);
const roleId = stack.getLogicalId(pipeline.stateMachine.role.node.defaultChild as never);
const statements = statementsOfRole(template, roleId);
const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
const resourcesOf = (action: string) => statements.filter((s) => s.actions.includes(action)).flatMap((s) => s.resources);

describe('the definition', () => {
  test('is valid Amazon States Language', () => {
    expect(aslValidator(definition)).toMatchObject({ isValid: true, errors: [] });
  });

  test('runs both Glue jobs synchronously with a task timeout below the job timeout', () => {
    const jobTasks = Object.values(states).filter((s) => s.Resource === 'arn:aws:states:::glue:startJobRun.sync');
    expect(jobTasks).toHaveLength(2);
    for (const task of jobTasks) {
      expect(task.TimeoutSeconds).toBe(STAND_IN.jobTimeout.minus(JOB_TASK_TIMEOUT_MARGIN).toSeconds());
    }
  });

  test('catches every error of every top-level step, so each failure is notified', () => {
    const steps = Object.entries(definition.States).filter(([name, s]) => ['Task', 'Map'].includes(s.Type as string) && name !== 'Notify failure');
    expect(steps.length).toBeGreaterThan(5);
    for (const [, step] of steps) {
      expect(step.Catch).toEqual([expect.objectContaining({ ErrorEquals: ['States.ALL'], ResultPath: '$.failure' })]);
    }
  });

  test('retries transient errors with exponential backoff and full jitter', () => {
    expect(states['Run landing to raw job'].Retry).toEqual([{
      ErrorEquals: TRANSIENT_ERROR_RETRY.errors,
      IntervalSeconds: 5,
      MaxAttempts: 6,
      BackoffRate: 2,
      MaxDelaySeconds: 120,
      JitterStrategy: 'FULL',
    }]);
  });
});

describe('the state machine', () => {
  test('is a Standard workflow with X-Ray tracing and every event logged to its log group', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: STAND_IN.stateMachineName,
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: true,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: stack.resolve(pipeline.logGroup.logGroupArn) } }],
      },
    });
  });

  test('logs to a log group encrypted with a rotating customer-managed key, kept 30 days by default', () => {
    expect(DEFAULT_EXECUTION_LOG_RETENTION).toBe(30);
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: `/aws/vendedlogs/states/${STAND_IN.stateMachineName}`,
      RetentionInDays: 30,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('LogKey'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::KMS::Key', { Description: Match.stringLikeRegexp('execution logs'), EnableKeyRotation: true });
  });

  test('refuses a load step larger than one Data API batch', () => {
    const statement = (sql: string): LoadStatement => ({ runId: 'run-1', table: 'orders', step: 'stage', sql });
    const plan = { runId: 'run-1', stage: Array.from({ length: MAX_STATEMENTS_PER_BATCH + 1 }, (_, i) => statement(`SELECT ${i}`)), publish: [statement('SELECT 1')] };
    expect(() => warehouseLoadSteps(plan, 'StandIn/BatchPipeline'))
      .toThrow(/StandIn\/BatchPipeline: warehouse load step stage has 41 statements; a Data API batch takes 1 to 40/);
  });

  test('on a Redshift Serverless warehouse, names the workgroup instead of a cluster and runs statements on it only', () => {
    const workgroupArn = arn('redshift-serverless', 'workgroup/0f4e2b7c-5d1a-4c3e-9b8f-2a6d1e0c7b95');
    const serverless = standInPipeline({}, { warehouse: { workgroupName: 'test-workgroup' }, warehouseArn: workgroupArn });
    const run = allStates(definitionOf(serverless.stack))['Run warehouse stage'].Parameters as Record<string, unknown>;
    expect(run).toMatchObject({ WorkgroupName: 'test-workgroup' });
    expect(run).not.toHaveProperty('ClusterIdentifier');
    const role = serverless.stack.getLogicalId(serverless.pipeline.stateMachine.role.node.defaultChild as never);
    const runs = statementsOfRole(Template.fromStack(serverless.stack), role).filter((s) => s.actions.includes('redshift-data:BatchExecuteStatement'));
    expect(runs.flatMap((s) => s.resources)).toEqual([workgroupArn]);
  });

  test('refuses a job timeout it cannot stay below', () => {
    expect(() => standInPipeline({ jobTimeout: Duration.minutes(5) })).toThrow(/jobTimeout must be longer than 5 minutes/);
  });
});

describe('the state machine role', () => {
  test('starts and reads only its own crawlers', () => {
    const crawlers = STAND_IN.crawlerNames.map((name) => arn('glue', `crawler/${name}`));
    expect(resourcesOf('glue:StartCrawler').sort()).toEqual(crawlers.sort());
    expect(resourcesOf('glue:GetCrawler').sort()).toEqual(crawlers.sort());
  });

  test('starts only its own two jobs', () => {
    expect(resourcesOf('glue:StartJobRun').sort()).toEqual(
      [STAND_IN.landingToRawJobName, STAND_IN.rawToCuratedJobName].map((name) => arn('glue', `job/${name}`)).sort());
  });

  test('evaluates only its own rulesets, with the data quality role only', () => {
    expect(resourcesOf('glue:StartDataQualityRulesetEvaluationRun').sort()).toEqual(
      STAND_IN.dataQualityChecks.map((c) => arn('glue', `dataQualityRuleset/${c.rulesetName}`)).sort());
    expect(resourcesOf('iam:PassRole')).toEqual([STAND_IN.dataQualityRoleArn]);
  });

  test('runs statements only on its cluster', () => {
    expect([...new Set(resourcesOf('redshift-data:BatchExecuteStatement'))]).toEqual([arn('redshift', `cluster:${STAND_IN.clusterIdentifier}`)]);
  });

  test('publishes only to its alerts topic', () => {
    expect([...new Set(resourcesOf('sns:Publish'))]).toEqual([`placeholder-${stack.getLogicalId(alerts.topic.node.defaultChild as never)}`]);
  });

  test('uses the alerts key with exact actions, never a wildcard action', () => {
    expect(statements.flatMap((s) => s.actions).filter((a) => a.includes('*'))).toEqual([]);
    expect(statements.some((s) => s.actions.includes('kms:GenerateDataKey') && s.actions.includes('kms:Decrypt'))).toBe(true);
  });

  test('lists only its own executions', () => {
    expect(resourcesOf('states:ListExecutions')).toEqual([arn('states', `stateMachine:${STAND_IN.stateMachineName}`)]);
  });
});

test('the stand-in stack is environment-specific, so ARNs above are concrete', () => {
  expect(Stack.of(pipeline).region).toBe(REGION);
});
