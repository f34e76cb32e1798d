import { type CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import { ProducerFingerprint } from '../../../lib/constructs/private/producer-fingerprint';
import { newTestApp } from '../../support/pipeline-app';

/**
 * Two stacks as the app wires them (cdk.json's weak references): a producer's stream, a consumer's role that reads it.
 * Each variant is a separate app, synthesized as `cdk synth` would.
 */
function consumerTemplate(variant: { streamName?: string; otherStreamName?: string; refreshLabel?: string } = {}) {
  const app = newTestApp();
  const env = { region: 'eu-west-1' };
  const producer = new Stack(app, 'Producer', { env, stackName: 'producer' });
  const stream = new kinesis.Stream(producer, 'Stream', { streamName: variant.streamName ?? 'order-changes' });
  new kinesis.Stream(producer, 'OtherStream', { streamName: variant.otherStreamName ?? 'other-changes' });
  const consumer = new Stack(app, 'Consumer', { env, stackName: 'consumer' });
  stream.grantRead(new iam.Role(consumer, 'Reader', { assumedBy: new iam.AccountRootPrincipal() }));
  const fingerprint = new ProducerFingerprint(consumer, 'ProducerFingerprint', { refreshLabel: variant.refreshLabel });
  const template = Template.fromStack(consumer).toJSON();
  const fingerprintId = consumer.getLogicalId(fingerprint.parameter.node.defaultChild as CfnResource);
  return { template, fingerprint: template.Resources[fingerprintId].Properties.Value as string, fingerprintId };
}

const withoutFingerprint = ({ template, fingerprintId }: ReturnType<typeof consumerTemplate>) => {
  const { [fingerprintId]: _fingerprint, ...resources } = template.Resources;
  return { ...template, Resources: resources };
};

const original = consumerTemplate();

test('the consumer reads the producer\'s stream through Fn::GetStackOutput', () => {
  const policy = Object.values(original.template.Resources as Record<string, { Type: string; Properties: any }>)
    .find((r) => r.Type === 'AWS::IAM::Policy')!;
  expect(policy.Properties.PolicyDocument.Statement[0].Resource).toEqual({
    'Fn::GetStackOutput': { StackName: 'producer', Region: 'eu-west-1', OutputName: expect.stringMatching(/^PublishOutputFnGetAttStream/) },
  });
});

test('a replaced producer resource (same logical ID, new name) changes the consumer\'s template, through its fingerprint alone', () => {
  const replaced = consumerTemplate({ streamName: 'order-changes-v2' });
  // Without the fingerprint, nothing in the consumer would change, and `cdk deploy` would skip it.
  expect(withoutFingerprint(replaced)).toEqual(withoutFingerprint(original));
  expect(replaced.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  expect(replaced.fingerprint).not.toBe(original.fingerprint);
});

test('a change to a producer resource the consumer does not read leaves the consumer\'s template as it was', () => {
  expect(consumerTemplate({ otherStreamName: 'other-changes-v2' }).template).toEqual(original.template);
});

test('the same app synthesized again gives the same fingerprint', () => {
  expect(consumerTemplate().fingerprint).toBe(original.fingerprint);
});

test('a refresh label changes every fingerprint, for a producer recreated with an unchanged template', () => {
  expect(consumerTemplate({ refreshLabel: '2026-11-30' }).fingerprint).not.toBe(original.fingerprint);
});
