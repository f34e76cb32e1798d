import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { DEFAULT_DATA_RETENTION, removalPolicyFor } from '../private/data-retention';
import { limitGrantsToAwsResources } from '../private/key-grants';
import type { PipelineAlertsProps } from './pipeline-alerts-props';

/** Services that publish to the alerts topic on their own: CloudWatch alarms and EventBridge rules. */
export const ALERT_PUBLISHING_SERVICES = ['cloudwatch.amazonaws.com', 'events.amazonaws.com'];

/**
 * Where the pipeline says that something happened: an SNS topic encrypted with its own customer-managed key, reachable
 * over TLS only, with the on-call e-mail subscribed. The services that publish by themselves get two exact key actions.
 */
export class PipelineAlerts extends Construct {
  public readonly topic: sns.Topic;
  public readonly key: kms.Key;

  constructor(scope: Construct, id: string, props: PipelineAlertsProps) {
    super(scope, id);
    this.key = new kms.Key(this, 'Key', {
      description: 'Encrypts the pipeline alerts topic',
      enableKeyRotation: true,
      removalPolicy: removalPolicyFor(props.retention ?? DEFAULT_DATA_RETENTION),
    });
    limitGrantsToAwsResources(this.key);
    // SNS encrypts on behalf of the publishing service, which therefore needs the key. AWS documents these policies
    // without a source condition; the key encrypts this topic only.
    this.key.addToResourcePolicy(new iam.PolicyStatement({
      principals: ALERT_PUBLISHING_SERVICES.map((service) => new iam.ServicePrincipal(service)),
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['*'],
    }));
    this.topic = new sns.Topic(this, 'Topic', {
      topicName: props.topicName,
      displayName: 'Data pipeline alerts',
      masterKey: this.key,
      enforceSSL: true,
    });
    this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));
  }
}
