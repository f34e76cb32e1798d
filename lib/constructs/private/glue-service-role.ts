import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { acknowledgeWildcardResource } from './wildcard-acknowledgement';

/** What a Glue role writes besides its data. */
export interface GlueLogsAndMetrics {
  /**
   * The log groups Glue writes as this role, below `/aws-glue/`: `jobs*`, `crawlers*` or `*`. A pattern, since Glue
   * names them itself (after the role and security configuration for crawlers).
   */
  readonly logGroups: string;
  /** Glue associates the security configuration's key with the log groups it creates (`logs:AssociateKmsKey`). */
  readonly encryptedLogGroups: boolean;
  /** The CloudWatch namespace the role publishes metrics to. @default - none */
  readonly metricsNamespace?: string;
}

/** A role Glue assumes: a job's, a crawler's or a data-quality evaluation's. */
export function glueServiceRole(scope: Construct, id: string, description: string): iam.Role {
  return new iam.Role(scope, id, { assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'), description });
}

/**
 * Lets a Glue role write its logs and metrics, and acknowledges the wildcard resources this takes (Glue names its log
 * groups; metrics have no resource) on the role with their reason.
 */
export function allowGlueLogsAndMetrics(role: iam.Role, props: GlueLogsAndMetrics): void {
  const stack = Stack.of(role);
  const logGroups = stack.formatArn({
    service: 'logs', resource: 'log-group', resourceName: `/aws-glue/${props.logGroups}`, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
  });
  const logActions = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'];
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: props.encryptedLogGroups ? [...logActions, 'logs:AssociateKmsKey'] : logActions,
    resources: [logGroups],
  }));
  acknowledgeWildcardResource(role, logGroups, `Glue names its log groups under /aws-glue/${props.logGroups} itself (with encrypted logs, after the role and security configuration).`);
  if (props.metricsNamespace !== undefined) {
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['cloudwatch:PutMetricData'],
      resources: ['*'],
      conditions: { StringEquals: { 'cloudwatch:namespace': props.metricsNamespace } },
    }));
    acknowledgeWildcardResource(role, '*', `cloudwatch:PutMetricData has no resource; the condition limits it to the ${props.metricsNamespace} namespace.`);
  }
}
