import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { DataQualityEvaluationRoleProps } from './data-quality-evaluation-role-props';
import { allowGlueLogsAndMetrics, glueServiceRole } from '../private/glue-service-role';

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
    this.role = glueServiceRole(this, 'Role', 'Glue Data Quality evaluations of the curated tables');
    props.zone.grantRead(this.role);
    props.catalog.grantReadCatalog(this.role, props.database);
    // Evaluations read the tables through Spark's Glue Data Catalog client, which looks up the `default` database first.
    props.catalog.grantDefaultDatabaseLookup(this.role);
    this.role.addToPolicy(new iam.PolicyStatement({
      actions: ['glue:GetDataQualityRuleset', 'glue:PublishDataQuality'],
      resources: props.rulesetNames.map((name) => stack.formatArn({ service: 'glue', resource: 'dataQualityRuleset', resourceName: name })),
    }));
    allowGlueLogsAndMetrics(this.role, { logGroups: '*', encryptedLogGroups: false, metricsNamespace: DATA_QUALITY_METRICS_NAMESPACE });
  }
}
