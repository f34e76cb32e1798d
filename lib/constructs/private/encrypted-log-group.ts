import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { DEFAULT_DATA_RETENTION, removalPolicyFor } from './data-retention';
import type { EncryptedLogGroupProps } from './encrypted-log-group-props';
import { limitGrantsToAwsResources } from './key-grants';
import { allowLogGroupEncryption } from './log-encryption';

/**
 * A CloudWatch log group encrypted with its own rotating customer-managed key, which CloudWatch Logs may use for this
 * log group alone. Its name is given, not generated: the key policy names it, and a generated name would be a cycle.
 */
export class EncryptedLogGroup extends Construct {
  public readonly logGroup: logs.LogGroup;
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: EncryptedLogGroupProps) {
    super(scope, id);
    const removalPolicy = removalPolicyFor(props.retention ?? DEFAULT_DATA_RETENTION);
    this.key = new kms.Key(this, 'Key', {
      description: `Encrypts the log group ${props.logGroupName}`,
      enableKeyRotation: true,
      removalPolicy,
    });
    allowLogGroupEncryption(this.key, props.logGroupName);
    limitGrantsToAwsResources(this.key);
    this.logGroup = new logs.LogGroup(this, 'LogGroup', {
      logGroupName: props.logGroupName,
      encryptionKey: this.key,
      retention: props.logRetention,
      removalPolicy,
    });
  }
}
