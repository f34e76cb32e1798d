import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { IConstruct } from 'constructs';

/** What reading a secret takes; the Redshift Data API also describes the secret it connects with. */
export type SecretReadAction = 'secretsmanager:GetSecretValue' | 'secretsmanager:DescribeSecret';

/**
 * Lets `grantee` read `secret`, which another stack holds, by changing only the grantee's own policy: `secret.grantRead`
 * would also add the grantee to the policy of the secret's key, making the secret's stack depend on the grantee's
 * (a dependency cycle). The key may decrypt for Secrets Manager alone (`kms:ViaService`).
 */
export function grantReadSecretOfAnotherStack(
  grantee: iam.IGrantable & IConstruct,
  secret: secretsmanager.ISecret,
  actions: readonly SecretReadAction[] = ['secretsmanager:GetSecretValue'],
): void {
  iam.Grant.addToPrincipal({ grantee, actions: [...actions], resourceArns: [secret.secretArn] });
  if (secret.encryptionKey) {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['kms:Decrypt'],
      resourceArns: [secret.encryptionKey.keyArn],
      conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(grantee).region}.amazonaws.com` } },
    });
  }
}
