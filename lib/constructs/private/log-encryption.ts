import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';

/** What CloudWatch Logs does with a log group's key, as exact actions (the AWS docs' example uses wildcards). */
export const LOG_GROUP_KEY_ACTIONS = [
  'kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo',
  'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:DescribeKey',
];

/**
 * Lets CloudWatch Logs encrypt this account's log groups named like `logGroupNamePattern` with `key` (a key policy
 * statement scoped by the log-group encryption context), which a log group needs before it can name a customer-managed key.
 * @param logGroupNamePattern log group name, or a pattern with `*` (e.g. `/aws-glue/*`)
 */
export function allowLogGroupEncryption(key: kms.Key, logGroupNamePattern = '*'): void {
  const stack = Stack.of(key);
  key.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    actions: LOG_GROUP_KEY_ACTIONS,
    resources: ['*'],
    conditions: {
      ArnLike: {
        'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:${logGroupNamePattern}`,
      },
    },
  }));
}
