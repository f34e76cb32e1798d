import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { DataQualityEvaluationRoleProps } from './data-quality-evaluation-role-props';
import { acknowledgeWildcardResource } from '../private/wildcard-acknowledgement';

/** CloudWatch namespace Glue Data Quality publishes its metrics to. */
export const DATA_QUALITY_METRICS_NAMESPACE = 'Glue Data Quality';

/**
 * The role Glue Data Quality assumes to evaluate rulesets: it reads the zone's objects and catalog tables, reads its
 * rulesets and publishes their results, metrics and logs, nothing else.
 */
export class DataQualityEvaluationRole extends Construct {
  public readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: DataQualityEvaluationRoleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
      description: 'Glue Data Quality evaluations of the curated tables',
    });
    props.zone.grantRead(this.role);
    props.catalog.grantReadCatalog(this.role, props.database);
    // Evaluations read the tables through Spark's Glue Data Catalog client, which looks up the `default` database first.
    props.catalog.grantDefaultDatabaseLookup(this.role);
    this.role.addToPolicy(new iam.PolicyStatement({
      actions: ['glue:GetDataQualityRuleset', 'glue:PublishDataQuality'],
      resources: props.rulesetNames.map((name) => stack.formatArn({ service: 'glue', resource: 'dataQualityRuleset', resourceName: name })),
    }));
    this.role.addToPolicy(new iam.PolicyStatement({
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      conditions: { StringEquals: { 'cloudwatch:namespace': DATA_QUALITY_METRICS_NAMESPACE } },
    }));
    const glueLogs = stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '/aws-glue/*', arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    this.role.addToPolicy(new iam.PolicyStatement({
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [glueLogs],
    }));

    // The zone and catalog grants acknowledge their own wildcards; these two are this role's.
    const policy = this.role.node.findChild('DefaultPolicy');
    acknowledgeWildcardResource(policy, '*', 'cloudwatch:PutMetricData has no resource; the condition limits it to the Glue Data Quality namespace.');
    acknowledgeWildcardResource(policy, glueLogs, 'Glue writes evaluation logs to log groups under /aws-glue/ that it names itself.');
  }
}
