import { type AwsCall, awsArn } from '../../aws-call';

/**
 * Every AWS call the usage-limit custom resource of warehouse-workgroup.ts makes as its function's role, through
 * aws-cdk-lib's AwsCustomResource. `{workgroupId}` is the id of the workgroup; a usage limit's id is assigned by
 * Redshift Serverless when it is created.
 */
export const WAREHOUSE_USAGE_LIMIT_CALLS: readonly AwsCall[] = [
  {
    action: 'redshift-serverless:CreateUsageLimit', resource: awsArn('redshift-serverless', 'workgroup/{workgroupId}'),
    why: 'on create, the monthly RPU-hour limit is set on the workgroup',
  },
  ...['redshift-serverless:UpdateUsageLimit', 'redshift-serverless:DeleteUsageLimit'].map((action) => ({
    action, resource: awsArn('redshift-serverless', 'usagelimit/0f4e2b7c-5d1a-4c3e-9b8f-2a6d1e0c7b95'),
    why: 'on update and delete, the limit it created is changed or removed, by its id',
  })),
];
