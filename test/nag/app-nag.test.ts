import { Stack } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { nagFindings } from '../support/nag';
import { stagePipeline } from '../support/pipeline-app';

describe.each(['dev', 'prod'] as const)('cdk-nag AwsSolutions over the %s app', (stage) => {
  const pipeline = stagePipeline(stage);

  test.each(Object.keys(pipeline.stacks))('%s stack has no unacknowledged finding', (stackId) => {
    const stack = pipeline.stacks[stackId as keyof typeof pipeline.stacks];
    expect(nagFindings(stack)).toEqual([]);
  });
});

test('the nag check reports an unencrypted, unlogged bucket (the check can fail)', () => {
  const stack = new Stack();
  new s3.Bucket(stack, 'Careless');
  expect(nagFindings(stack)).toEqual(expect.arrayContaining([
    expect.stringMatching(/^AwsSolutions-S1 at .*Careless/),
    expect.stringMatching(/^AwsSolutions-S10 at .*Careless/),
  ]));
});
