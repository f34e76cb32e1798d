import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { LANDING_DELIVERY_ALLOWANCE, PipelineTriggers } from '../../lib/constructs/orchestration/pipeline-triggers';
import { newTestStack } from '../support/pipeline-app';

/** The landing queue's visibility timeout and the pipe's batching window, in seconds, as synthesized. */
function landingTimingWith(landingBatchWindow: Duration): { visibilityTimeout: number; batchingWindow: number } {
  const stack = newTestStack();
  new PipelineTriggers(stack, 'Triggers', {
    stateMachine: new sfn.StateMachine(stack, 'Pipeline', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Run')) }),
    schedule: 'cron(0 6 * * ? *)',
    landingBucket: s3.Bucket.fromBucketName(stack, 'Landing', 'test-landing'),
    landingBatchWindow,
  });
  const template = Template.fromStack(stack);
  const [pipe] = Object.values(template.findResources('AWS::Pipes::Pipe'));
  const [queue] = Object.values(template.findResources('AWS::SQS::Queue', { Properties: { RedrivePolicy: {} } }));
  return {
    visibilityTimeout: queue.Properties.VisibilityTimeout,
    batchingWindow: pipe.Properties.SourceParameters.SqsQueueParameters.MaximumBatchingWindowInSeconds,
  };
}

// From the shortest to the longest batching window EventBridge Pipes allows.
test.each([Duration.seconds(1), Duration.minutes(1), Duration.minutes(5)])(
  'with a %s batching window, a landing message stays hidden until its batch has started the execution',
  (window) => {
    const { visibilityTimeout, batchingWindow } = landingTimingWith(window);
    expect(visibilityTimeout).toBe(batchingWindow + LANDING_DELIVERY_ALLOWANCE.toSeconds());
  },
);
