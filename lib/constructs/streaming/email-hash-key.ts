import { Validations } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { DEFAULT_DATA_RETENTION, removalPolicyFor } from '../private/data-retention';
import type { EmailHashKeyProps } from './email-hash-key-props';

/** Length of the generated HMAC key: 64 characters of letters and digits (about 380 bits). */
export const EMAIL_HASH_KEY_LENGTH = 64;

/**
 * The secret HMAC key that turns customer e-mails into stable pseudonyms (`customer_email_hash`). It lives in a
 * stateful stack and is never rotated: a new key would change every hash and break joins across history.
 */
export class EmailHashKey extends Construct {
  public readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: EmailHashKeyProps) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: 'HMAC key that pseudonymises customer e-mails in the order change stream',
      encryptionKey: props.encryptionKey,
      generateSecretString: { passwordLength: EMAIL_HASH_KEY_LENGTH, excludePunctuation: true },
      removalPolicy: removalPolicyFor(props.retention ?? DEFAULT_DATA_RETENTION),
    });
    Validations.of(this.secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason: 'A pseudonymisation key, not a credential: rotating it would change every customer_email_hash and break joins across history.',
    });
  }
}
