import { Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { GUARD_METADATA_KEY, waiveControl } from '../../../lib/constructs/private/control-tower-waiver';

describe('waiveControl', () => {
  test('writes the rule into the resource\'s cfn-guard suppressions and its reason beside it', () => {
    const queue = new sqs.Queue(new Stack(), 'Queue');
    waiveControl(queue, 'sqs_dlq_check', 'A dead-letter queue needs none of its own.');
    expect((queue.node.defaultChild as sqs.CfnQueue).getMetadata(GUARD_METADATA_KEY)).toEqual({
      SuppressedRules: ['sqs_dlq_check'],
      Reasons: { sqs_dlq_check: 'A dead-letter queue needs none of its own.' },
    });
  });

  test('keeps the earlier waivers of the same resource', () => {
    const queue = new sqs.Queue(new Stack(), 'Queue');
    waiveControl(queue, 'sqs_dlq_check', 'First reason.');
    waiveControl(queue, 'sqs_queue_encrypted_check', 'Second reason.');
    expect((queue.node.defaultChild as sqs.CfnQueue).getMetadata(GUARD_METADATA_KEY).SuppressedRules)
      .toEqual(['sqs_dlq_check', 'sqs_queue_encrypted_check']);
  });

  test('refuses a construct that is not one CloudFormation resource', () => {
    const group = new Construct(new Stack(), 'Group');
    expect(() => waiveControl(group, 'sqs_dlq_check', 'No resource to waive it on.')).toThrow(/names one CloudFormation resource/);
  });
});
