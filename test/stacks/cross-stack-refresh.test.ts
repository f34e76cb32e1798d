import type { Stack } from 'aws-cdk-lib';
import type * as kinesis from 'aws-cdk-lib/aws-kinesis';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { ProducerFingerprint } from '../../lib/constructs/private/producer-fingerprint';
import type { PipelineStacks } from '../../lib/pipeline';
import { stagePipeline } from '../support/pipeline-app';

/**
 * Weak cross-stack references refresh: a producer value that may have changed changes the template of every stack that
 * reads it, so `cdk deploy --all` updates those stacks and CloudFormation reads the value again.
 */
const pipeline = stagePipeline('prod');
type Templates = Record<keyof PipelineStacks, Record<string, unknown>>;
const templatesIn = (assembly: CloudAssembly): Templates => {
  const entries = Object.entries(pipeline.stacks).map(([key, stack]) => [key, assembly.getStackArtifact((stack as Stack).artifactId).template]);
  return Object.fromEntries(entries) as Templates;
};
const before = templatesIn(pipeline.assembly);
const readsOtherStacks = (template: unknown) => JSON.stringify(template).includes('"Fn::GetStackOutput"');
const hasFingerprint = (stack: Stack) => stack.node.children.some((c) => c instanceof ProducerFingerprint);

test('every stack that reads values of another carries a producer fingerprint, and no other stack does', () => {
  for (const [key, stack] of Object.entries(pipeline.stacks) as Array<[keyof PipelineStacks, Stack]>) {
    expect({ stack: key, fingerprint: hasFingerprint(stack) }).toEqual({ stack: key, fingerprint: readsOtherStacks(before[key]) });
  }
  expect(hasFingerprint(pipeline.stacks.warehouse)).toBe(true);
});

test('a replaced order change stream changes the templates of the stacks that read it, and of no other', () => {
  const cfnStream = pipeline.stacks.streaming.cdc.stream.node.defaultChild as kinesis.CfnStream;
  cfnStream.name = 'ecommerce-prod-order-changes-v2';
  const after = templatesIn(pipeline.app.synth());
  const changed = (Object.keys(before) as Array<keyof PipelineStacks>).filter((key) => JSON.stringify(after[key]) !== JSON.stringify(before[key]));
  // The stream itself changes in `streaming`; the warehouse grants reads on it, the orchestration alarms on it.
  expect(changed).toEqual(['streaming', 'warehouse', 'orchestration']);
});
