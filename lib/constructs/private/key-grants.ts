import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';

/** Sid of the key policy statement `limitGrantsToAwsResources` adds. */
export const AWS_RESOURCE_GRANTS_ONLY_SID = 'DenyGrantsNotForAwsResources';

/**
 * Denies `kms:CreateGrant` on `key` unless an integrated AWS service asks on a caller's behalf (DynamoDB and Redshift
 * create grants to use their key) or an AWS service principal does, so nobody hands a grant to an arbitrary principal
 * (https://docs.aws.amazon.com/kms/latest/developerguide/grant-authorization.html). AWS Control Tower's CT.KMS.PR.3
 * wants exactly this statement: `BoolIfExists`, both condition keys `false`.
 */
export function limitGrantsToAwsResources(key: kms.Key): void {
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: AWS_RESOURCE_GRANTS_ONLY_SID,
    effect: iam.Effect.DENY,
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:CreateGrant'],
    resources: ['*'],
    conditions: {
      BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' },
    },
  }));
}
