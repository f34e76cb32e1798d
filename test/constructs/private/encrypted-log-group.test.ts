import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import { EncryptedLogGroup } from '../../../lib/constructs/private/encrypted-log-group';
import { AWS_RESOURCE_GRANTS_ONLY_SID } from '../../../lib/constructs/private/key-grants';
import { LOG_GROUP_KEY_ACTIONS } from '../../../lib/constructs/private/log-encryption';
import { newTestStack } from '../../support/pipeline-app';

describe('EncryptedLogGroup', () => {
  const stack = newTestStack();
  const logs_ = new EncryptedLogGroup(stack, 'Logs', { logGroupName: '/test/service', logRetention: logs.RetentionDays.ONE_WEEK });
  const template = Template.fromStack(stack);

  test('encrypts the log group with its own rotating key', () => {
    template.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: '/test/service',
      RetentionInDays: 7,
      KmsKeyId: stack.resolve(logs_.key.keyArn),
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('lets CloudWatch Logs use the key for this log group only', () => {
    template.hasResourceProperties('AWS::KMS::Key', { KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({
      Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
      Action: [...LOG_GROUP_KEY_ACTIONS].sort(),
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': {
        'Fn::Join': ['', ['arn:aws:logs:eu-west-1:', { Ref: 'AWS::AccountId' }, ':log-group:/test/service']],
      } } },
    })]) } });
  });

  test('lets its key be granted to AWS resources only', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Sid: AWS_RESOURCE_GRANTS_ONLY_SID })]) },
    });
  });
});
