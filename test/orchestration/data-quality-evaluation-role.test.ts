import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { DataLake } from '../../lib/constructs/lake/data-lake';
import { DATA_QUALITY_METRICS_NAMESPACE, DataQualityEvaluationRole } from '../../lib/constructs/orchestration/data-quality-evaluation-role';
import { LakeCatalog } from '../../lib/constructs/lake/lake-catalog';
import { nagFindings } from '../support/nag';
import { newTestApp } from '../support/pipeline-app';
import { statementsOfRole } from './support/asl';
import { ACCOUNT, REGION } from './support/stand-in-pipeline';
import { stageNames } from '../../lib/constructs/private/stage-names';

const app = newTestApp();
const lakeStack = new Stack(app, 'LakeStandIn', { env: { account: ACCOUNT, region: REGION } });
const lake = new DataLake(lakeStack, 'Lake');
const catalog = new LakeCatalog(lakeStack, 'Catalog', { lake, names: stageNames('test') });
const stack = new Stack(app, 'Evaluator', { env: { account: ACCOUNT, region: REGION } });
const { role } = new DataQualityEvaluationRole(stack, 'DataQuality', {
  zone: lake.curated, catalog, database: catalog.curatedDatabase, rulesetNames: ['test_orders_quality'],
});
const template = Template.fromStack(stack);
const statements = statementsOfRole(template, stack.getLogicalId(role.node.defaultChild as never));
const resourcesOf = (action: string) => statements.filter((s) => s.actions.includes(action)).flatMap((s) => s.resources);

test('is assumed by Glue only', () => {
  template.hasResourceProperties('AWS::IAM::Role', {
    AssumeRolePolicyDocument: { Statement: [{ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'glue.amazonaws.com' } }] },
  });
});

test('reads objects of the evaluated zone only', () => {
  const objects = resourcesOf('s3:GetObject');
  expect(objects).toHaveLength(1);
  expect(objects[0]).toMatch(/Curated.*\/\*$/);
});

test('reads and publishes results for its own rulesets only', () => {
  expect(resourcesOf('glue:PublishDataQuality')).toEqual([`arn:aws:glue:${REGION}:${ACCOUNT}:dataQualityRuleset/test_orders_quality`]);
});

test('publishes metrics to the Glue Data Quality namespace only', () => {
  template.hasResourceProperties('AWS::IAM::Policy', {
    PolicyDocument: { Statement: Match.arrayWith([{
      Action: 'cloudwatch:PutMetricData', Effect: 'Allow', Resource: '*',
      Condition: { StringEquals: { 'cloudwatch:namespace': DATA_QUALITY_METRICS_NAMESPACE } },
    }]) },
  });
});

test('has no unacknowledged cdk-nag finding', () => {
  expect(nagFindings(stack)).toEqual([]);
});
