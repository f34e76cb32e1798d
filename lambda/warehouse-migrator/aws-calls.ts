import { type AwsCall, awsArn, viaService } from '../../lib/aws-call';
import type { WarehouseKind } from '../../lib/config/stage-config';
import { dataApiWarehouseResource } from '../../lib/warehouse/data-api-target';

/**
 * Every AWS call made as the migrator's role (lib/constructs/warehouse/warehouse-schema.ts) on a warehouse of `kind`. `{cluster}`
 * is the cluster identifier (provisioned), `{workgroupId}` the id of the serverless workgroup, `{secret}` the ARN of the admin secret, `{secretKey}` the ARN of the key that encrypts it, `{logGroup}` the
 * name of the function's log group. Only the test reads this file; the handler must not import it.
 */
export const warehouseMigratorCalls = (kind: WarehouseKind): readonly AwsCall[] => [
  ...['redshift-data:ExecuteStatement', 'redshift-data:BatchExecuteStatement'].map((action) => ({
    action, resource: dataApiWarehouseResource(kind), why: 'data-api.ts runs queries and migrations (one batch each) on the warehouse',
  })),
  ...['redshift-data:DescribeStatement', 'redshift-data:GetStatementResult'].map((action) => ({
    action, resource: '*', why: 'data-api.ts polls each statement and reads query results; these actions take no resource',
  })),
  {
    action: 'secretsmanager:GetSecretValue', resource: '{secret}',
    why: 'the Data API reads the admin secret named by SecretArn as the caller: https://docs.aws.amazon.com/redshift/latest/mgmt/data-api-access.html',
  },
  { action: 'kms:Decrypt', resource: '{secretKey}', context: viaService('secretsmanager'), why: 'Secrets Manager decrypts the admin secret as the caller' },
  ...['logs:CreateLogStream', 'logs:PutLogEvents'].map((action) => ({
    action, resource: awsArn('logs', 'log-group:{logGroup}:log-stream:2025/01/31/[$LATEST]0123456789abcdef'),
    why: 'Lambda writes the function\'s logs to its log group as the function role',
  })),
];
