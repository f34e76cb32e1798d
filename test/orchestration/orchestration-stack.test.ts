import { Match, Template } from 'aws-cdk-lib/assertions';
import {
  ALARM_PERIOD, DEFAULT_MAX_DATA_FRESHNESS, DEFAULT_MAX_ITERATOR_AGE, DEFAULT_MAX_WAREHOUSE_DISK_PERCENT, GLUE_JOB_FAILURE_STATES,
} from '../../lib/constructs/orchestration/pipeline-alarms';
import { ALERT_PUBLISHING_SERVICES } from '../../lib/constructs/orchestration/pipeline-alerts';
import { LANDING_BATCH_SIZE, LANDING_EVENT_INPUT, SCHEDULE_INPUT } from '../../lib/constructs/orchestration/pipeline-triggers';
import { nagFindings } from '../support/nag';
import { resolveToText } from './support/asl';
import { STAND_IN } from './support/stand-in-pipeline';
import { standInOrchestration, WATCHED } from './support/stand-in-orchestration';

const { stack, config } = standInOrchestration();
const template = Template.fromStack(stack);
const ref = (construct: { node: { defaultChild?: unknown } }) => ({ Ref: stack.getLogicalId(construct.node.defaultChild as never) });
const topic = ref(stack.alerts.topic);
const stateMachine = ref(stack.batchPipeline.stateMachine);

describe('alerts', () => {
  test('go to a topic encrypted with its own key, with the on-call e-mail subscribed', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [stack.getLogicalId(stack.alerts.key.node.defaultChild as never), 'Arn'] },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: config.orchestration.alarmEmail, TopicArn: topic });
  });

  test('can be published by alarms and EventBridge rules, whose service must use the topic key', () => {
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({
        Principal: { Service: ALERT_PUBLISHING_SERVICES },
        Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      })]) },
    });
  });

  test('are refused over plain HTTP', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({
        Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      })]) },
    });
  });
});

describe('triggers', () => {
  test('start the pipeline on the configured schedule, in UTC', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: config.orchestration.schedule,
      ScheduleExpressionTimezone: 'Etc/UTC',
      Target: Match.objectLike({ Arn: stateMachine, Input: JSON.stringify(SCHEDULE_INPUT) }),
    });
  });

  test('queue every file created in the landing zone', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['aws.s3'], 'detail-type': ['Object Created'], detail: { bucket: { name: [WATCHED.landingBucketName] } } },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [stack.getLogicalId(stack.triggers.landingEvents.node.defaultChild as never), 'Arn'] } })],
    });
  });

  test('start one run per batch of landed files, batched over the configured window', () => {
    template.hasResourceProperties('AWS::Pipes::Pipe', {
      Source: { 'Fn::GetAtt': [stack.getLogicalId(stack.triggers.landingEvents.node.defaultChild as never), 'Arn'] },
      SourceParameters: {
        SqsQueueParameters: { BatchSize: LANDING_BATCH_SIZE, MaximumBatchingWindowInSeconds: config.orchestration.landingBatchWindowSeconds },
      },
      Target: stateMachine,
      TargetParameters: { InputTemplate: LANDING_EVENT_INPUT, StepFunctionStateMachineParameters: { InvocationType: 'FIRE_AND_FORGET' } },
    });
  });

  test('keep events the pipe cannot deliver in a dead-letter queue', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [stack.getLogicalId(stack.triggers.landingEventsDeadLetters.node.defaultChild as never), 'Arn'] } },
      SqsManagedSseEnabled: true,
    });
  });

  test('cannot batch longer than EventBridge Pipes allows', () => {
    const tooLong = { ...config, orchestration: { ...config.orchestration, landingBatchWindowSeconds: 301 } };
    expect(() => standInOrchestration(tooLong)).toThrow(/landingBatchWindow \(seconds\) 301 is not allowed: Too big: expected number to be <=300/);
  });
});

describe('alarms', () => {
  const alarmOn = (namespace: string, metricName: string, dimensions: Record<string, unknown>[], threshold: number, comparison: string) =>
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: namespace,
      MetricName: metricName,
      Dimensions: dimensions,
      Threshold: threshold,
      ComparisonOperator: comparison,
      Period: ALARM_PERIOD.toSeconds(),
      AlarmActions: [topic],
    });
  const GTE = 'GreaterThanOrEqualToThreshold';

  test('on failed and timed-out batch executions', () => {
    const dimensions = [{ Name: 'StateMachineArn', Value: stateMachine }];
    alarmOn('AWS/States', 'ExecutionsFailed', dimensions, 1, GTE);
    alarmOn('AWS/States', 'ExecutionsTimedOut', dimensions, 1, GTE);
  });

  test('on Lambda errors and throttles', () => {
    const dimensions = [{ Name: 'FunctionName', Value: WATCHED.functionName }];
    alarmOn('AWS/Lambda', 'Errors', dimensions, 1, GTE);
    alarmOn('AWS/Lambda', 'Throttles', dimensions, 1, GTE);
  });

  test('on any record a streaming function set aside, summed over the period', () => {
    const { namespace, metricName, service } = WATCHED.rejectedRecordsMetric;
    alarmOn(namespace, metricName, [{ Name: 'service', Value: service }], 1, GTE);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: metricName, Statistic: 'Sum' });
  });

  test('on the DynamoDB stream consumer\'s and the Kinesis stream\'s iterator age', () => {
    alarmOn('AWS/Lambda', 'IteratorAge', [{ Name: 'FunctionName', Value: WATCHED.functionName }],
      DEFAULT_MAX_ITERATOR_AGE.toMilliseconds(), 'GreaterThanThreshold');
    alarmOn('AWS/Kinesis', 'GetRecords.IteratorAgeMilliseconds', [{ Name: 'StreamName', Value: WATCHED.streamName }],
      DEFAULT_MAX_ITERATOR_AGE.toMilliseconds(), 'GreaterThanThreshold');
  });

  test('on Firehose data freshness and failed deliveries', () => {
    const dimensions = [{ Name: 'DeliveryStreamName', Value: WATCHED.deliveryStreamName }];
    alarmOn('AWS/Firehose', 'DeliveryToS3.DataFreshness', dimensions, DEFAULT_MAX_DATA_FRESHNESS.toSeconds(), 'GreaterThanThreshold');
    alarmOn('AWS/Firehose', 'DeliveryToS3.Success', dimensions, 1, 'LessThanThreshold');
  });

  test('on any message in a dead-letter queue, the trigger\'s own included', () => {
    alarmOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible', [{ Name: 'QueueName', Value: WATCHED.deadLetterQueueName }], 1, GTE);
    alarmOn('AWS/SQS', 'ApproximateNumberOfMessagesVisible',
      [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [stack.getLogicalId(stack.triggers.landingEventsDeadLetters.node.defaultChild as never), 'QueueName'] } }], 1, GTE);
  });

  test('on warehouse health, missing data included, and disk use', () => {
    const dimensions = [{ Name: 'ClusterIdentifier', Value: STAND_IN.clusterIdentifier }];
    alarmOn('AWS/Redshift', 'HealthStatus', dimensions, 1, 'LessThanThreshold');
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'HealthStatus', TreatMissingData: 'breaching' });
    alarmOn('AWS/Redshift', 'PercentageDiskSpaceUsed', dimensions, DEFAULT_MAX_WAREHOUSE_DISK_PERCENT, 'GreaterThanThreshold');
  });

  test('on failed, timed-out or stopped Glue job runs, through EventBridge to the topic', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.glue'],
        'detail-type': ['Glue Job State Change'],
        detail: { jobName: [STAND_IN.landingToRawJobName, STAND_IN.rawToCuratedJobName], state: GLUE_JOB_FAILURE_STATES },
      },
      Targets: [Match.objectLike({ Arn: topic })],
    });
  });
});

test('the dashboard shows every alarm\'s state, the executions and every alarm\'s metric', () => {
  const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
  expect(dashboard.Properties.DashboardName).toBe('ecommerce-dev-pipeline');
  const widgets = JSON.parse(resolveToText(dashboard.Properties.DashboardBody)).widgets as { properties: Record<string, unknown> }[];
  const alarmCount = stack.alarms.alarms.length;
  expect(widgets[0].properties).toEqual(expect.objectContaining({ title: 'Pipeline alarms', alarms: expect.any(Array) }));
  expect((widgets[0].properties.alarms as unknown[])).toHaveLength(alarmCount);
  expect(widgets[1].properties.title).toBe('Batch pipeline executions');
  expect(widgets.slice(2).filter((w) => (w.properties.annotations as { alarms?: unknown[] })?.alarms)).toHaveLength(alarmCount);
});

test('the stack has no unacknowledged cdk-nag finding', () => {
  expect(nagFindings(stack)).toEqual([]);
});
