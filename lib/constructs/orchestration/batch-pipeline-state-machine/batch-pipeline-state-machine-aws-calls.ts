import { type AwsCall, awsArn, viaService } from '../../../aws-call';
import type { WarehouseKind } from '../../../config/stage-config';
import { CURATED_DATASETS } from '../../../contracts';
import { dataApiWarehouseResource } from '../../../warehouse/data-api-target';

/**
 * Every AWS call the batch pipeline makes as the state machine's role (batch-pipeline-state-machine.ts): its tasks, and
 * what Step Functions does for its logs and traces. Placeholders: `{stateMachine}` is the state machine's ARN,
 * `{crawler:<zone>}` and `{job:<script>}` the names of the crawlers and jobs it runs, `{ruleset:<dataset>}` the name of
 * a dataset's ruleset, `{dataQualityRole}` the ARN of the role evaluations run as, `{cluster}` the warehouse's cluster
 * identifier (provisioned) or `{workgroupId}` its workgroup's id (serverless), `{adminSecret}` the ARN of the secret the
 * load connects with and `{adminSecretKey}` of its key,
 * `{alertsTopic}` and `{alertsKey}` the ARNs of the alerts topic and its key.
 */
export const batchPipelineCalls = (kind: WarehouseKind): readonly AwsCall[] => [
  { action: 'states:ListExecutions', resource: '{stateMachine}', why: '"List running executions" stops a second concurrent run' },
  ...['landing', 'raw'].flatMap((zone) => ['glue:StartCrawler', 'glue:GetCrawler'].map((action) => ({
    action, resource: awsArn('glue', `crawler/{crawler:${zone}}`), why: '"Start crawler" and "Get crawler" run each crawler to its end',
  }))),
  ...['landing_to_raw', 'raw_to_curated'].flatMap((script) => ['glue:StartJobRun', 'glue:GetJobRun', 'glue:GetJobRuns', 'glue:BatchStopJobRun'].map((action) => ({
    action, resource: awsArn('glue', `job/{job:${script}}`),
    why: 'a glue:startJobRun.sync task starts, polls and (on timeout) stops the run: https://docs.aws.amazon.com/step-functions/latest/dg/connect-glue.html',
  }))),
  ...CURATED_DATASETS.flatMap(({ name }) => ['glue:StartDataQualityRulesetEvaluationRun', 'glue:GetDataQualityResult'].map((action) => ({
    action, resource: awsArn('glue', `dataQualityRuleset/{ruleset:${name}}`), why: '"Start data quality evaluation" and "Get data quality result" of each ruleset',
  }))),
  {
    action: 'glue:GetDataQualityRulesetEvaluationRun', resource: awsArn('glue', 'dataQualityRuleset/*'),
    why: '"Get data quality evaluation": an evaluation run has no ARN; IAM checks it as dataQualityRuleset/* (https://docs.aws.amazon.com/glue/latest/dg/data-quality-authorization.html)',
  },
  {
    action: 'iam:PassRole', resource: '{dataQualityRole}', context: { 'iam:PassedToService': 'glue.amazonaws.com' },
    why: '"Start data quality evaluation" passes the evaluation role to Glue',
  },
  { action: 'redshift-data:BatchExecuteStatement', resource: dataApiWarehouseResource(kind), why: '"Run warehouse <step>" runs each load step as one batch' },
  { action: 'redshift-data:DescribeStatement', resource: '*', why: '"Describe warehouse <step>" polls the batch; the action takes no resource' },
  {
    action: 'secretsmanager:GetSecretValue', resource: '{adminSecret}',
    why: 'the Data API reads the SecretArn secret as the caller: https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-access.html',
  },
  { action: 'kms:Decrypt', resource: '{adminSecretKey}', context: viaService('secretsmanager'), why: 'Secrets Manager decrypts the admin secret as the caller' },
  { action: 'sns:Publish', resource: '{alertsTopic}', why: '"Notify success" and "Notify failure" publish to the alerts topic' },
  ...['kms:GenerateDataKey', 'kms:Decrypt'].map((action) => ({
    action, resource: '{alertsKey}', context: viaService('sns'), why: 'SNS encrypts what is published to the encrypted topic as the publisher',
  })),
  ...['logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:ListLogDeliveries',
    'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'].map((action) => ({
    action, resource: '*', why: 'Step Functions delivers execution logs: https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html',
  })),
  ...['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'].map((action) => ({
    action, resource: '*', why: 'tracing is on: Step Functions sends traces to X-Ray as the role',
  })),
];
