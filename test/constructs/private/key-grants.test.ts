import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { AWS_RESOURCE_GRANTS_ONLY_SID, limitGrantsToAwsResources } from '../../../lib/constructs/private/key-grants';
import { newTestStack } from '../../support/pipeline-app';

test('a limited key denies every grant that no AWS service asks for, for an AWS resource', () => {
  const stack = newTestStack();
  limitGrantsToAwsResources(new kms.Key(stack, 'Key'));
  Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', {
    KeyPolicy: { Statement: Match.arrayWith([{
      Sid: AWS_RESOURCE_GRANTS_ONLY_SID,
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 'kms:CreateGrant',
      Resource: '*',
      Condition: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
    }]) },
  });
});
